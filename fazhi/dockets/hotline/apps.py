from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "fazhi.dockets.hotline"
    label = "hotline"
    verbose_name = "12345热线工单"

    def ready(self) -> None:
        from . import actions, demo, metrics, spec  # noqa: F401
