from django.apps import AppConfig


class NormativeDocumentsConfig(AppConfig):
    name = "fazhi.normative_documents"
    label = "normative_documents"
    verbose_name = "行政规范性文件"

    def ready(self) -> None:
        from . import actions  # noqa: F401  (action codes, menu, role grants, demo step)
