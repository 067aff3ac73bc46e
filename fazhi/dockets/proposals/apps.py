from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "fazhi.dockets.proposals"
    label = "proposals"
    verbose_name = "人大代表建议和政协提案"

    def ready(self) -> None:
        from . import actions, demo, metrics, sources, spec  # noqa: F401
