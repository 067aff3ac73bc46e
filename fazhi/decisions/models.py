"""The yearly catalogue of major administrative decisions (重大行政决策事项目录) and each decision's procedure
records: steps (公众参与, 听证, 专家论证, 风险评估, 合法性审查), the collective meeting with its dissents (kept
permanently), 程序回流, execution reports, suspensions and adjustments, and 后评估."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.core.models import TimeStampedModel, VersionedModel

from .states import CatalogueState, DecisionState, StepKind

USER = settings.AUTH_USER_MODEL


class Catalogue(VersionedModel):
    """One government's catalogue for one year (Art. 3 ¶3: published with the same-level Party committee's
    consent; adjustable, each change with its reason as a new version)."""

    unit = models.ForeignKey("orgs.Unit", verbose_name="决策机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度")
    state = models.CharField("状态", max_length=20, choices=CatalogueState.choices, default=CatalogueState.DRAFTING)
    edition = models.PositiveIntegerField("版本号", default=1)
    party_consent_on = models.DateField("党委同意日期", null=True, blank=True)
    party_consent_ref = models.CharField("党委同意文件或会议", max_length=200, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "重大行政决策事项目录"
        verbose_name_plural = "重大行政决策事项目录"
        ordering = ["-year", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="decision_catalogue_unique")]

    def __str__(self) -> str:
        return f"{self.unit.name}{self.year}年度重大行政决策事项目录"

    def get_absolute_url(self) -> str:
        return reverse("decisions:catalogue", args=[self.pk])


class CatalogueItem(VersionedModel):
    catalogue = models.ForeignKey(Catalogue, verbose_name="目录", on_delete=models.CASCADE, related_name="items")
    number = models.PositiveIntegerField("序号")
    title = models.CharField("决策事项", max_length=200)
    lead_unit = models.ForeignKey("orgs.Unit", verbose_name="承办单位", on_delete=models.PROTECT, related_name="+")
    basis = models.TextField("决策依据", blank=True)
    planned_start = models.DateField("计划启动时间", null=True, blank=True)
    planned_end = models.DateField("计划完成时间", null=True, blank=True)
    procedures = models.JSONField("适用程序", default=list, blank=True, help_text="公众参与、听证、专家论证、风险评估")
    withdrawn = models.BooleanField("已调出目录", default=False)
    withdrawn_reason = models.TextField("调出理由", blank=True)

    class Meta:
        verbose_name = "目录事项"
        verbose_name_plural = "目录事项"
        ordering = ["catalogue", "number"]
        constraints = [models.UniqueConstraint(fields=["catalogue", "number"], name="catalogue_item_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class CatalogueVersion(TimeStampedModel):
    """A frozen edition of the catalogue with the reason for the change (versions kept)."""

    catalogue = models.ForeignKey(Catalogue, verbose_name="目录", on_delete=models.CASCADE, related_name="versions")
    edition = models.PositiveIntegerField("版本号")
    reason = models.TextField("调整理由")
    items = models.JSONField("事项快照", default=list)
    by = models.ForeignKey(USER, verbose_name="操作人", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "目录版本"
        verbose_name_plural = "目录版本"
        ordering = ["catalogue", "edition"]
        constraints = [models.UniqueConstraint(fields=["catalogue", "edition"], name="catalogue_version_unique")]


class ItemProposal(TimeStampedModel):
    """A unit proposes an item (Art. 10); the office accepts it into the catalogue or declines it with a reason."""

    class State(models.TextChoices):
        PENDING = "pending", "待审核"
        ACCEPTED = "accepted", "已纳入目录"
        DECLINED = "declined", "未纳入"

    catalogue = models.ForeignKey(Catalogue, verbose_name="目录", on_delete=models.CASCADE, related_name="proposals")
    unit = models.ForeignKey("orgs.Unit", verbose_name="建议单位", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("建议事项", max_length=200)
    basis = models.TextField("依据和理由")
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.PENDING)
    answer = models.TextField("处理意见", blank=True)
    item = models.ForeignKey(
        CatalogueItem, verbose_name="目录事项", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by = models.ForeignKey(USER, verbose_name="提出人", null=True, on_delete=models.SET_NULL, related_name="+")
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "目录事项建议"
        verbose_name_plural = "目录事项建议"
        ordering = ["catalogue", "id"]


class Decision(VersionedModel):
    item = models.ForeignKey(
        CatalogueItem,
        verbose_name="目录事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    title = models.CharField("决策事项", max_length=200)
    lead_unit = models.ForeignKey("orgs.Unit", verbose_name="承办单位", on_delete=models.PROTECT, related_name="+")
    government = models.ForeignKey("orgs.Unit", verbose_name="决策机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度")
    state = models.CharField("状态", max_length=20, choices=DecisionState.choices, default=DecisionState.LAUNCHED)
    required = models.JSONField("适用程序", default=list, blank=True)
    round = models.PositiveIntegerField("程序轮次", default=1, help_text="重大调整后重新履行程序时加一")
    launched_on = models.DateField("启动日期")
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decision_text = models.TextField("决定内容", blank=True)
    party_reported_on = models.DateField("报告党委日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication = models.CharField("公布载体", max_length=200, blank=True)
    created_by = models.ForeignKey(USER, verbose_name="创建人", null=True, on_delete=models.SET_NULL, related_name="+")
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "重大行政决策"
        verbose_name_plural = "重大行政决策"
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["year", "state"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:detail", args=[self.pk])


class Step(TimeStampedModel):
    """One procedure's record in one round. A step sent back by 程序回流 stays, marked `returned`."""

    class Status(models.TextChoices):
        OPEN = "open", "进行中"
        DONE = "done", "已完成"
        RETURNED = "returned", "已回流"

    class Opinion(models.TextChoices):
        LAWFUL = "lawful", "合法"
        LAWFUL_WITH_CHANGES = "changes", "修改后合法"
        UNLAWFUL = "unlawful", "不合法"

    class Risk(models.TextChoices):
        LOW = "low", "低风险"
        MEDIUM = "medium", "中风险"
        HIGH = "high", "高风险"

    decision = models.ForeignKey(Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="steps")
    round = models.PositiveIntegerField("程序轮次")
    kind = models.CharField("程序", max_length=20, choices=StepKind.choices)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.OPEN)
    started_on = models.DateField("开始日期")
    completed_on = models.DateField("完成日期", null=True, blank=True)
    summary = models.TextField("情况", blank=True)
    assessor = models.CharField("承担单位", max_length=200, blank=True, help_text="论证、评估或审查的单位或机构")
    opinion = models.CharField("审查意见", max_length=20, choices=Opinion.choices, blank=True)
    risk_level = models.CharField("风险等级", max_length=20, choices=Risk.choices, blank=True)
    people = models.JSONField("专家、听证参加人或审查人员", default=list, blank=True)
    materials_on = models.DateField("听证材料送达日期", null=True, blank=True)
    participants_published_on = models.DateField("听证参加人公布日期", null=True, blank=True)
    short_reason = models.TextField("期限不足的理由", blank=True)
    consultation_id = models.PositiveBigIntegerField("征求意见", null=True, blank=True)

    class Meta:
        verbose_name = "决策程序记录"
        verbose_name_plural = "决策程序记录"
        ordering = ["decision", "round", "id"]


class Meeting(TimeStampedModel):
    """集体讨论决定 (Art. 29–30): attendees, the speaking order with the head last, the result, and why the head's
    decision departs from the majority where it does."""

    class Result(models.TextChoices):
        ADOPTED = "adopted", "通过"
        REVISED = "revised", "修改后通过"
        POSTPONED = "postponed", "暂缓决策"
        REJECTED = "rejected", "不予通过"

    decision = models.ForeignKey(Decision, verbose_name="决策", on_delete=models.PROTECT, related_name="meetings")
    round = models.PositiveIntegerField("程序轮次")
    kind = models.CharField("会议", max_length=50, default="政府常务会议")
    held_on = models.DateField("会议日期")
    attendees = models.JSONField("出席人员", default=list)
    speakers = models.JSONField("发言顺序", default=list)
    head = models.CharField("行政首长", max_length=50)
    majority = models.CharField("多数意见", max_length=20, choices=Result.choices)
    result = models.CharField("决定", max_length=20, choices=Result.choices)
    departure_reason = models.TextField("与多数意见不一致的理由", blank=True)
    minutes = models.TextField("会议纪要", blank=True)

    class Meta:
        verbose_name = "集体讨论决定"
        verbose_name_plural = "集体讨论决定"
        ordering = ["decision", "held_on", "id"]


class PermanentQuerySet(models.QuerySet):
    def delete(self) -> Any:
        raise DomainError(
            "decisions.permanent", "不同意见记录须永久保存，不能删除（《重大行政决策程序暂行条例》第三十八条）。"
        )


class Dissent(TimeStampedModel):
    """A dissent at the collective meeting, kept permanently (Art. 38: a recorded dissenter may be exempted from
    responsibility). Never deleted: the row refuses delete(), its meeting and decision are PROTECTed, and no purge
    (fazhi/audit/retention.py removes only audit events) touches this table."""

    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.PROTECT, related_name="dissents")
    decision = models.ForeignKey(Decision, verbose_name="决策", on_delete=models.PROTECT, related_name="dissents")
    person = models.CharField("发表意见人", max_length=50)
    opinion = models.TextField("不同意见")

    objects = PermanentQuerySet.as_manager()

    class Meta:
        verbose_name = "不同意见"
        verbose_name_plural = "不同意见"
        ordering = ["meeting", "id"]

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise DomainError(
            "decisions.permanent", "不同意见记录须永久保存，不能删除（《重大行政决策程序暂行条例》第三十八条）。"
        )


class ProcedureReturn(TimeStampedModel):
    """程序回流: a step found wanting sends the decision back to it, with the reason."""

    decision = models.ForeignKey(Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="returns")
    from_state = models.CharField("回流前状态", max_length=20, choices=DecisionState.choices)
    to_step = models.CharField("回流至", max_length=20, choices=StepKind.choices)
    reason = models.TextField("回流理由")
    by = models.ForeignKey(USER, verbose_name="操作人", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "程序回流"
        verbose_name_plural = "程序回流"
        ordering = ["decision", "id"]


class ExecutionReport(TimeStampedModel):
    decision = models.ForeignKey(Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("orgs.Unit", verbose_name="执行单位", on_delete=models.PROTECT, related_name="+")
    reported_on = models.DateField("报送日期")
    text = models.TextField("执行情况")
    by = models.ForeignKey(USER, verbose_name="报送人", null=True, on_delete=models.SET_NULL, related_name="+")
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "决策执行情况"
        verbose_name_plural = "决策执行情况"
        ordering = ["decision", "reported_on", "id"]


class DecisionChange(TimeStampedModel):
    class Kind(models.TextChoices):
        SUSPEND = "suspend", "暂停执行"
        RESUME = "resume", "恢复执行"
        ADJUST = "adjust", "调整"
        MAJOR_ADJUST = "major_adjust", "重大调整（重新履行程序）"

    decision = models.ForeignKey(Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    on = models.DateField("日期")
    reason = models.TextField("理由")
    by = models.ForeignKey(USER, verbose_name="操作人", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "暂停与调整"
        verbose_name_plural = "暂停与调整"
        ordering = ["decision", "on", "id"]


class PostEvaluation(TimeStampedModel):
    class Trigger(models.TextChoices):
        EFFECT = "effect", "实施后明显未达到预期效果"
        OBJECTIONS = "objections", "公民、法人或者其他组织提出较多意见"
        NECESSARY = "necessary", "决策机关认为有必要"

    decision = models.ForeignKey(Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="evaluations")
    trigger = models.CharField("评估原因", max_length=20, choices=Trigger.choices)
    assessor = models.CharField("评估单位", max_length=200)
    completed_on = models.DateField("完成日期")
    conclusion = models.TextField("评估结论")
    by = models.ForeignKey(USER, verbose_name="记录人", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "决策后评估"
        verbose_name_plural = "决策后评估"
        ordering = ["decision", "completed_on", "id"]
