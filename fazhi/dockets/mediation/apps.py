from django.apps import AppConfig


class MediationConfig(AppConfig):
    name = "fazhi.dockets.mediation"
    label = "mediation"
    verbose_name = "人民调解"

    def ready(self) -> None:
        from . import actions, demo, metrics, spec  # noqa: F401
        from .services.hotline import hotline_source_register

        hotline_source_register()
