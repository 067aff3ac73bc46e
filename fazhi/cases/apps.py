from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "fazhi.cases"
    label = "cases"
    verbose_name = "案件"

    def ready(self) -> None:
        from . import actions, metrics, signals, supervision  # noqa: F401  (supervision: how a case shows on boards)

        signals.connect()

        from .matters import _register_metrics

        _register_metrics()

        from fazhi.orgs.backends import user_annotation

        from .listing import docket_stamps_sql

        user_annotation("docket_stamps", docket_stamps_sql)
