from django.apps import AppConfig


class LitigationConfig(AppConfig):
    name = "fazhi.dockets.litigation"
    label = "litigation"
    verbose_name = "行政应诉"

    def ready(self) -> None:
        from . import actions, demo, metrics, sources, spec  # noqa: F401
