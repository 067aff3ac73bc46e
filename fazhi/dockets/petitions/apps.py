from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "fazhi.dockets.petitions"
    label = "petitions"
    verbose_name = "信访"

    def ready(self) -> None:
        from . import actions, demo, metrics, spec  # noqa: F401
