"""The texts staff write for the 政府信息公开工作年度报告 (the parts whose content is not counted from requests), kept
per issuing unit and year so the report is written over weeks and generated again without retyping."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.models import VersionedModel


class ReportText(VersionedModel):
    unit = models.ForeignKey("orgs.Unit", verbose_name="报告机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("报告年度")
    texts = models.JSONField("各部分文字", default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="最后修改人", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "政府信息公开年度报告文字"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="disclosure_report_text_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit}{self.year}年政府信息公开工作年度报告"
