from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "fazhi.supervision"
    label = "supervision"
    verbose_name = "督办事项"

    def ready(self) -> None:
        from fazhi.deadlines.hooks import clock_listener_register

        from . import actions, demo, metrics, sources, tasks, widgets  # noqa: F401  (codes, grants, demo, figures, …)
        from .services.raising import on_clock_changed

        # A clock completed in any docket closes the items raised for it, in the same transaction.
        clock_listener_register(on_clock_changed)

        from fazhi.orgs.backends import user_annotation

        from .selectors import board_stamp_sql

        user_annotation("board_stamp", board_stamp_sql)  # the kept boards' key, read with the user (no query)
