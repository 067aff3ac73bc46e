from django.apps import AppConfig


class NormativeDocumentsConfig(AppConfig):
    name = "fazhi.normative_documents"
    label = "normative_documents"
    verbose_name = "行政规范性文件"

    def ready(self) -> None:
        from . import (  # noqa: F401  (grants; consultation owner; demo; metrics; item kinds; job)
            actions,
            consultation_owner,
            demo,
            metrics,
            sources,
            tasks,
        )
