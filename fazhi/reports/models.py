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


class ContributionState(models.TextChoices):
    SENT = "sent", "待供稿"
    SUBMITTED = "submitted", "已供稿"
    MERGED = "merged", "已采用"


class Contribution(TimeStampedModel):
    """A unit's contribution task: the office asks a unit for its paragraphs per sub-heading by a due date (a
    supervisable item, kind reports.contribution, with 催办 and extension on the supervision pages)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="contributions")
    unit = models.ForeignKey("orgs.Unit", verbose_name="供稿单位", on_delete=models.PROTECT, related_name="+")
    due = models.DateField("供稿时限")
    request = models.TextField("供稿要求", blank=True)
    texts = models.JSONField("供稿内容", default=dict)  # {section id: text}
    state = models.CharField("状态", max_length=20, choices=ContributionState.choices, default=ContributionState.SENT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="供稿人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("供稿时间", null=True, blank=True)
    merged_at = models.DateTimeField("采用时间", null=True, blank=True)

    class Meta:
        verbose_name = "年度报告供稿任务"
        verbose_name_plural = "年度报告供稿任务"
        ordering = ["report", "unit__path", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "unit"], name="report_contribution_unit_unique")]

    def __str__(self) -> str:
        return f"{self.report.year}年法治政府建设年度报告供稿：{self.unit.name}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("reports:contribution", args=[self.pk])


class StepKind(models.TextChoices):
    SECRECY = "secrecy", "保密审查"
    APPROVAL = "approval", "主要负责人审批"
    PUBLICATION = "publication", "门户网站公开"
    SUBMISSION = "submission", "报送"


class ReportStep(TimeStampedModel):
    """One recorded step before and after publication, bound to the frozen version it concerns."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="steps")
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField("环节", max_length=20, choices=StepKind.choices)
    on = models.DateField("日期")
    passed = models.BooleanField("通过", default=True)
    note = models.TextField("意见或说明", blank=True)
    url = models.CharField("公开网址", max_length=500, blank=True)
    late_reason = models.TextField("逾期公开理由", blank=True)
    submission = models.CharField("报送事项", max_length=40, blank=True)  # a code of FAZHI_REPORTS["SUBMISSIONS"]
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "年度报告发布环节"
        verbose_name_plural = "年度报告发布环节"
        ordering = ["report", "on", "id"]
