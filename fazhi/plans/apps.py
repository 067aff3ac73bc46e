from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "fazhi.plans"
    label = "plans"
    verbose_name = "规划任务"

    def ready(self) -> None:
        from . import actions, demo, tasks, widgets  # noqa: F401  (codes, menu, grants, demo step, jobs, widget)
