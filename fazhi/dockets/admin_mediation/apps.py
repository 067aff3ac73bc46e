from django.apps import AppConfig


class AdminMediationConfig(AppConfig):
    name = "fazhi.dockets.admin_mediation"
    label = "admin_mediation"
    verbose_name = "行政调解"

    def ready(self) -> None:
        from . import actions, clocks, demo, metrics, spec  # noqa: F401
