from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "fazhi.api"
    label = "api"
    verbose_name = "接口"

    def ready(self) -> None:
        from . import actions  # noqa: F401
