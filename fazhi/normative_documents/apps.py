from django.apps import AppConfig


class NormativeDocumentsConfig(AppConfig):
    name = "fazhi.normative_documents"
    label = "normative_documents"
    verbose_name = "行政规范性文件"

    def ready(self) -> None:
        from . import actions, demo, metrics, sources, tasks  # noqa: F401  (grants; demo; metrics; item kinds; job)
