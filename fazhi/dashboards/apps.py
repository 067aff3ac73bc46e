from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "fazhi.dashboards"
    label = "dashboards"
    verbose_name = "驾驶舱"

    def ready(self) -> None:
        from . import actions  # noqa: F401  (codes, menu, grants)
