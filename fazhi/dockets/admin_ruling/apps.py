from django.apps import AppConfig


class AdminRulingConfig(AppConfig):
    name = "fazhi.dockets.admin_ruling"
    label = "admin_ruling"
    verbose_name = "行政裁决"

    def ready(self) -> None:
        from . import actions, clocks, demo, metrics, spec  # noqa: F401
