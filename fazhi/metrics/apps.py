from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "fazhi.metrics"
    label = "metrics"
    verbose_name = "指标"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import actions  # noqa: F401
        from .tallies import build_missing

        post_migrate.connect(build_missing, sender=self, dispatch_uid="metrics-build-missing-tallies")
