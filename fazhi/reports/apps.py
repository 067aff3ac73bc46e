from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    label = "reports"
    verbose_name = "法治政府建设年度报告"

    def ready(self) -> None:
        from . import actions, demo, sources  # noqa: F401  (codes, menu, grants; demo step; item kind and clock rule)
