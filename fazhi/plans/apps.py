from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "fazhi.plans"
    label = "plans"
    verbose_name = "规划任务"
