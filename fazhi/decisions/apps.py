from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "fazhi.decisions"
    label = "decisions"
    verbose_name = "重大行政决策"

    def ready(self) -> None:
        from . import actions, clocks, consultation_owner, demo, metrics, sources, tasks  # noqa: F401  (codes, menu, …)
