from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "fazhi.dockets.disclosure"
    label = "disclosure"
    verbose_name = "政府信息公开（依申请公开）"

    def ready(self) -> None:
        from . import actions, demo, metrics, spec  # noqa: F401
