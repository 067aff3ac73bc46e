from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法协调监督"

    def ready(self) -> None:
        from . import actions, clocks, demo, documents, metrics, sources  # noqa: F401  (codes, menu, clock rules, demo, templates, figures, 督办来源)
