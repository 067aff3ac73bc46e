from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "fazhi.deadlines"
    label = "deadlines"
    verbose_name = "法定期限"

    def ready(self) -> None:
        from . import actions  # noqa: F401  (action codes, menu, role grants, home widget, demo step)
        from .tasks import register  # noqa: F401  (the daily recompute)
