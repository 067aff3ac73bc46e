"""法治政府建设年度报告: templates (parts and sub-headings as data), reports (one per year and issuing body) with their
section texts carrying figure placeholders {{metric.key}}, and frozen versions bound to a metric snapshot."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from fazhi.core.models import TimeStampedModel, VersionedModel


class ReportTemplate(VersionedModel):
    """The year's template: which sub-headings each part has and their starting text (placeholders included). Copied
    from last year's and edited; a report starts from the template of its year."""

    year = models.PositiveIntegerField("年度", unique=True)
    name = models.CharField("名称", max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "年度报告模板"
        verbose_name_plural = "年度报告模板"
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.name


class TemplateSection(models.Model):
    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="sections")
    part = models.CharField("部分", max_length=40)  # a code of FAZHI_REPORTS["PARTS"]
    order = models.PositiveIntegerField("顺序", default=0)
    heading = models.CharField("小标题", max_length=200, blank=True)  # without its number: （一） is added on output
    text = models.TextField("默认文字", blank=True)

    class Meta:
        verbose_name = "模板小标题"
        verbose_name_plural = "模板小标题"
        ordering = ["template", "order", "id"]


class ReportState(models.TextChoices):
    DRAFT = "draft", "起草中"
    FROZEN = "frozen", "已定稿"


class Report(VersionedModel):
    """One annual report: of the government (unit empty: figures over every record) or of one unit."""

    year = models.PositiveIntegerField("年度")
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="报告单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("标题", max_length=200)
    issuer = models.CharField("署名", max_length=200)
    state = models.CharField("状态", max_length=20, choices=ReportState.choices, default=ReportState.DRAFT)
    template = models.ForeignKey(
        ReportTemplate, verbose_name="模板", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True)

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "unit"], name="report_year_unit_unique"),
            models.UniqueConstraint(fields=["year"], condition=Q(unit__isnull=True), name="report_year_gov_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class ReportSection(VersionedModel):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    part = models.CharField("部分", max_length=40)
    order = models.PositiveIntegerField("顺序", default=0)
    heading = models.CharField("小标题", max_length=200, blank=True)
    text = models.TextField("正文", blank=True)

    class Meta:
        verbose_name = "报告段落"
        verbose_name_plural = "报告段落"
        ordering = ["report", "order", "id"]


class ReportVersion(TimeStampedModel):
    """A frozen version: the texts as they were and the snapshot of every figure (value, 口径, records). Never changed;
    freezing again makes the next number."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    snapshot = models.ForeignKey("metrics.Snapshot", on_delete=models.PROTECT, related_name="+")
    content = models.JSONField("定稿内容")  # {"title", "issuer", "sections": [{"part", "heading", "text"}]}
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="定稿人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "年度报告定稿版本"
        verbose_name_plural = "年度报告定稿版本"
        ordering = ["report", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_number_unique")]
