from django.apps import AppConfig


class ReconsiderationConfig(AppConfig):
    name = "fazhi.dockets.reconsideration"
    label = "reconsideration"
    verbose_name = "行政复议"

    def ready(self) -> None:
        from . import actions, demo, metrics, spec  # noqa: F401
