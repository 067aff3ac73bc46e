from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "fazhi.cases"
    label = "cases"
    verbose_name = "案件"

    def ready(self) -> None:
        from . import actions, signals  # noqa: F401

        signals.connect()
