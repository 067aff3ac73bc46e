from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "fazhi.dockets.intake"
    label = "intake"
    verbose_name = "纠纷求助登记"

    def ready(self) -> None:
        from . import actions, demo, metrics, spec  # noqa: F401
