from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "fazhi.plans"
    label = "plans"
    verbose_name = "规划任务"

    def ready(self) -> None:
        from . import actions, demo, demo_progress, demo_supervision, metrics, sources, tasks, widgets  # noqa: F401  (codes, grants, demo, figures, item kind, jobs, widget)
