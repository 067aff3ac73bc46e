"""法治督察 (厅字〔2019〕28号): a yearly plan of 督察 (综合督察 / 专项督察 / 督察回头看) with its target units and their
schedule, the team (members, one leader), checklist items per theme with their basis; fieldwork records per checklist
item (a finding or none, by a method from the settings); findings (问题清单) each with its basis, severity,
responsible unit and due date. A finding's 整改 is a supervisable item of `fazhi.supervision` (kind
`inspections.finding`): reports, evidence, 销号 / 退回 and the light live there, not here; 回头看 re-checks are
recorded on the finding."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from fazhi.core.models import TimeStampedModel, VersionedModel

USER = settings.AUTH_USER_MODEL


class PlanKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", "综合督察"
    SPECIAL = "special", "专项督察"
    REVISIT = "revisit", "督察回头看"


class PlanState(models.TextChoices):
    PLANNED = "planned", "计划中"
    UNDERWAY = "underway", "督察中"
    COMPLETED = "completed", "已完成"


class InspectionPlan(VersionedModel):
    year = models.PositiveIntegerField("年度")
    kind = models.CharField("督察类型", max_length=20, choices=PlanKind.choices)
    title = models.CharField("督察名称", max_length=200)
    theme = models.CharField("督察主题", max_length=200, blank=True)
    organizer = models.ForeignKey("orgs.Unit", verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")
    start_on = models.DateField("开始日期")
    end_on = models.DateField("结束日期")
    revisit_of = models.ForeignKey(
        "self", verbose_name="回头看的督察", null=True, blank=True, on_delete=models.PROTECT, related_name="revisits"
    )
    state = models.CharField("状态", max_length=12, choices=PlanState.choices, default=PlanState.PLANNED)
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "法治督察"
        verbose_name_plural = "法治督察"
        ordering = ["-year", "-start_on", "-id"]

    def __str__(self) -> str:
        return f"{self.year}年{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:plan", args=[self.pk])


class Target(TimeStampedModel):
    """An inspected unit and when the team is there (日程安排)."""

    plan = models.ForeignKey(InspectionPlan, verbose_name="督察", on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey("orgs.Unit", verbose_name="被督察单位", on_delete=models.PROTECT, related_name="+")
    visit_start = models.DateField("进驻日期", null=True, blank=True)
    visit_end = models.DateField("结束日期", null=True, blank=True)

    class Meta:
        verbose_name = "被督察单位"
        verbose_name_plural = "被督察单位"
        ordering = ["plan", "visit_start", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "unit"], name="inspection_target_unique")]


class TeamRole(models.TextChoices):
    LEADER = "leader", "组长"
    MEMBER = "member", "成员"


class TeamMember(TimeStampedModel):
    plan = models.ForeignKey(InspectionPlan, verbose_name="督察", on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(USER, verbose_name="督察组成员", on_delete=models.PROTECT, related_name="+")
    role = models.CharField("职务", max_length=10, choices=TeamRole.choices, default=TeamRole.MEMBER)

    class Meta:
        verbose_name = "督察组成员"
        verbose_name_plural = "督察组成员"
        ordering = ["plan", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "user"], name="inspection_member_unique"),
            models.UniqueConstraint(fields=["plan"], condition=models.Q(role="leader"), name="inspection_one_leader"),
        ]


class ChecklistItem(TimeStampedModel):
    plan = models.ForeignKey(InspectionPlan, verbose_name="督察", on_delete=models.CASCADE, related_name="checklist")
    number = models.PositiveIntegerField("序号")
    theme = models.CharField("督察主题", max_length=100)
    text = models.TextField("督察内容")
    basis = models.TextField("依据")

    class Meta:
        verbose_name = "督察清单事项"
        verbose_name_plural = "督察清单事项"
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="inspection_checklist_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:40]}"


class Fieldwork(TimeStampedModel):
    """One checklist item checked at one unit: by which method, on which day, with a finding or none."""

    plan = models.ForeignKey(InspectionPlan, verbose_name="督察", on_delete=models.CASCADE, related_name="fieldwork")
    target = models.ForeignKey(Target, verbose_name="被督察单位", on_delete=models.CASCADE, related_name="fieldwork")
    checklist_item = models.ForeignKey(
        ChecklistItem, verbose_name="督察清单事项", on_delete=models.PROTECT, related_name="fieldwork"
    )
    method = models.CharField("督察方式", max_length=20)
    on = models.DateField("督察日期")
    has_finding = models.BooleanField("发现问题", default=False)
    note = models.TextField("督察情况", blank=True)
    by = models.ForeignKey(USER, verbose_name="记录人", null=True, on_delete=models.SET_NULL, related_name="+")
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "督察记录"
        verbose_name_plural = "督察记录"
        ordering = ["plan", "on", "id"]


class FindingSource(models.TextChoices):
    FIELDWORK = "fieldwork", "实地督察"
    FEEDBACK = "feedback", "上级督察反馈意见"
    RECHECK = "recheck", "回头看"


class Finding(VersionedModel):
    """One problem on the 问题清单. Its 整改 is the supervisable item `item` (one per finding)."""

    plan = models.ForeignKey(InspectionPlan, verbose_name="督察", on_delete=models.PROTECT, related_name="findings")
    organizer = models.ForeignKey("orgs.Unit", verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField("序号")
    source = models.CharField("来源", max_length=12, choices=FindingSource.choices, default=FindingSource.FIELDWORK)
    fieldwork = models.ForeignKey(
        Fieldwork, verbose_name="督察记录", null=True, blank=True, on_delete=models.SET_NULL, related_name="findings"
    )
    checklist_item = models.ForeignKey(
        ChecklistItem, verbose_name="督察清单事项", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recheck_of = models.ForeignKey(
        "self", verbose_name="回头看发现反弹的问题", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("问题")
    basis = models.TextField("依据")
    severity = models.CharField("严重程度", max_length=20)
    responsible_unit = models.ForeignKey(
        "orgs.Unit", verbose_name="责任单位", on_delete=models.PROTECT, related_name="inspection_findings"
    )
    found_on = models.DateField("发现日期")
    due_on = models.DateField("整改期限")
    item = models.OneToOneField(
        "supervision.Item",
        verbose_name="督办事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection_finding",
    )
    measures = models.TextField("整改方案", blank=True)
    measures_on = models.DateField("整改方案报送日期", null=True, blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "督察发现问题"
        verbose_name_plural = "督察发现问题"
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="inspection_finding_unique")]

    def __str__(self) -> str:
        return f"问题{self.number}：{self.text[:40]}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:finding", args=[self.pk])


class RecheckResult(models.TextChoices):
    CONSOLIDATED = "consolidated", "整改成效巩固"
    RELAPSED = "relapsed", "问题反弹"


class Recheck(TimeStampedModel):
    """督察回头看 of a closed finding: the result, and for a relapse the new finding raised for it."""

    finding = models.ForeignKey(Finding, verbose_name="问题", on_delete=models.CASCADE, related_name="rechecks")
    on = models.DateField("回头看日期")
    result = models.CharField("结果", max_length=20, choices=RecheckResult.choices)
    note = models.TextField("情况", blank=True)
    new_finding = models.ForeignKey(
        Finding, verbose_name="新问题", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by = models.ForeignKey(USER, verbose_name="记录人", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "回头看"
        verbose_name_plural = "回头看"
        ordering = ["finding", "on", "id"]


class AccountabilityKind(models.TextChoices):
    INTERVIEW = "interview", "约谈"
    CIRCULAR = "circular", "通报"


class Accountability(TimeStampedModel):
    """约谈 or 通报 of a unit that does not rectify (its findings named), recorded by the team."""

    plan = models.ForeignKey(
        InspectionPlan, verbose_name="督察", on_delete=models.PROTECT, related_name="accountabilities"
    )
    kind = models.CharField("方式", max_length=12, choices=AccountabilityKind.choices)
    unit = models.ForeignKey("orgs.Unit", verbose_name="被约谈（通报）单位", on_delete=models.PROTECT, related_name="+")
    on = models.DateField("日期")
    text = models.TextField("事由和要求")
    findings = models.ManyToManyField(Finding, verbose_name="涉及问题", blank=True, related_name="accountabilities")
    by = models.ForeignKey(USER, verbose_name="记录人", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "约谈通报"
        verbose_name_plural = "约谈通报"
        ordering = ["plan", "-on", "-id"]
