from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "fazhi.inspections"
    label = "inspections"
    verbose_name = "法治督察"

    def ready(self) -> None:
        from . import actions, demo, metrics, sources  # noqa: F401  (codes, menu, demo step, figures, item kind)
