from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "fazhi.indicators"
    label = "indicators"
    verbose_name = "指标体系与考核评价"

    def ready(self) -> None:
        from . import actions, audit_labels, clocks, demo, metrics, sources  # noqa: F401  (grants, menu; labels; clock rule; demo; metrics; kinds)
