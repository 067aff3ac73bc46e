from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "fazhi.indicators"
    label = "indicators"
    verbose_name = "指标体系与考核评价"

    def ready(self) -> None:
        from . import actions, clocks, demo, metrics, sources  # noqa: F401  (grants, menu; clock rule; demo; metrics; kinds)
