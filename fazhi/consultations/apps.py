from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "fazhi.consultations"
    label = "consultations"
    verbose_name = "公开征求意见"

    def ready(self) -> None:
        from . import actions  # noqa: F401  (codes, menu, grants)
