from django.apps import AppConfig


class LegalAidConfig(AppConfig):
    name = "fazhi.dockets.legal_aid"
    label = "legal_aid"
    verbose_name = "法律援助"

    def ready(self) -> None:
        from . import actions, demo, metrics, spec  # noqa: F401
