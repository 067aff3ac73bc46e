from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "fazhi.orgs"
    label = "orgs"
    verbose_name = "组织与权限"

    def ready(self) -> None:
        from . import actions, builtin, signals  # noqa: F401  (action codes, menu, built-in role grants)

        signals.connect()
