from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "内核"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the crypto known-answer check)
