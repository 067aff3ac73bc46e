"""Plans (规划 / 工作要点 / 整改清单), their sections and tasks, and each unit's assignment (share) of a task."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from fazhi.core.models import VersionedModel

# Reports with evidence, 销号/退回 reviews, extension requests and the 三色 ladder are the shared supervision
# mechanism's (fazhi.supervision): each share is a supervisable item (`TaskAssignment.item`); migration 0003 moved
# the rows. The enums are re-exported for the plans code that names them.
from fazhi.supervision.states import ExtensionState, LadderLevel, ReportKind, ReviewDecision

from .states import AssignmentState


class PlanKind(models.TextChoices):
    PLAN = "plan", "规划"
    ANNUAL = "annual", "年度要点"
    RECTIFICATION = "rectification", "整改清单"
    OTHER = "other", "其他"


class Rhythm(models.TextChoices):
    NONE = "", "不定期"
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"
    HALF_YEARLY = "half_yearly", "每半年"
    YEARLY = "yearly", "每年"


class Plan(VersionedModel):
    name = models.CharField("计划名称", max_length=200)
    kind = models.CharField("类型", max_length=20, choices=PlanKind.choices, default=PlanKind.ANNUAL)
    year = models.PositiveIntegerField("年度", null=True, blank=True)
    period_start = models.DateField("起始日期", null=True, blank=True)
    period_end = models.DateField("截止日期", null=True, blank=True)
    rhythm = models.CharField("报送频次", max_length=20, choices=Rhythm.choices, default=Rhythm.QUARTERLY, blank=True)
    source_name = models.CharField("来源文件", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "计划"
        verbose_name_plural = "计划"
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_overview", args=[self.pk])


class PlanSection(models.Model):
    """A heading of the document (一、… / (一)…), nested through `parent`."""

    plan = models.ForeignKey(Plan, verbose_name="计划", on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", verbose_name="上级标题", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    title = models.CharField("标题", max_length=300)
    level = models.PositiveSmallIntegerField("层级", default=0)
    order = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "计划章节"
        verbose_name_plural = "计划章节"
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.title


class PlanTask(VersionedModel):
    plan = models.ForeignKey(Plan, verbose_name="计划", on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        PlanSection, verbose_name="章节", null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    number = models.PositiveIntegerField("序号")
    title = models.CharField("任务名称", max_length=300)
    text = models.TextField("任务内容", blank=True)
    lead_units_written = models.JSONField("牵头单位（原文）", default=list, blank=True)
    co_units_written = models.JSONField("配合单位（原文）", default=list, blank=True)
    groups = models.ManyToManyField("orgs.UnitGroup", verbose_name="单位分组", blank=True, related_name="+")
    due_date = models.DateField("完成时限", null=True, blank=True)
    rhythm = models.CharField("报送频次", max_length=20, choices=Rhythm.choices, default="", blank=True)
    targets = models.JSONField(
        "目标值",
        default=list,
        blank=True,
        help_text='[{"op": ">=", "value": "10", "unit": "项", "text": "不少于10项"}]',
    )
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)
    # A task of a draft plan (imported, not yet dispatched) has no shares: its units wait in DraftUnit rows, and it
    # is edited until `plan_dispatch` assigns it (in full or by section, #13).
    dispatched_at = models.DateTimeField("下达时间", null=True, blank=True)

    class Meta:
        verbose_name = "任务"
        verbose_name_plural = "任务"
        ordering = ["plan", "number", "id"]
        indexes = [models.Index(fields=["plan", "number"])]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:task_detail", args=[self.pk])

    @property
    def section_path(self) -> str:
        return " / ".join(self.section_titles)

    @property
    def section_titles(self) -> list[str]:
        out: list[str] = []
        s = self.section
        while s is not None:
            out.insert(0, s.title)
            s = s.parent
        return out


class AssignmentRole(models.TextChoices):
    LEAD = "lead", "牵头"
    CO = "co", "配合"


class DraftUnit(models.Model):
    """A unit (or unit group) a draft task will be assigned to when dispatched: resolved at import, edited on the
    draft page, turned into shares by `plan_dispatch`."""

    task = models.ForeignKey(PlanTask, verbose_name="任务", on_delete=models.CASCADE, related_name="draft_units")
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="单位", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey(
        "orgs.UnitGroup", verbose_name="单位分组", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField("角色", max_length=4, choices=AssignmentRole.choices)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "待下达单位"
        verbose_name_plural = "待下达单位"
        ordering = ["task", "-role", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False, group__isnull=True)
                | models.Q(unit__isnull=True, group__isnull=False),
                name="plan_draft_unit_one_target",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def target(self) -> Any:
        return self.unit if self.unit_id else self.group

    @property
    def label(self) -> str:
        return self.unit.name if self.unit_id else f"{self.group.name}（单位组）"


class TaskAssignment(VersionedModel):
    """One unit's share of a task. Its state follows states.TRANSITIONS; only services change it."""

    task = models.ForeignKey(PlanTask, verbose_name="任务", on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="plan_assignments"
    )
    role = models.CharField("角色", max_length=4, choices=AssignmentRole.choices)
    state = models.CharField("状态", max_length=20, choices=AssignmentState.choices, default=AssignmentState.ASSIGNED)
    via_group = models.ForeignKey(
        "orgs.UnitGroup", verbose_name="来自分组", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_date = models.DateField("完成时限", null=True, blank=True)
    signed_at = models.DateTimeField("签收时间", null=True, blank=True)
    submitted_at = models.DateTimeField("报送完成时间", null=True, blank=True)
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)
    closed_on_time = models.BooleanField("按期完成", null=True, blank=True)
    item = models.OneToOneField(
        "supervision.Item",
        verbose_name="督办事项",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_share",
    )

    class Meta:
        verbose_name = "任务分工"
        verbose_name_plural = "任务分工"
        ordering = ["task", "-role", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="plan_assignment_unique")]
        indexes = [models.Index(fields=["unit", "state"]), models.Index(fields=["task", "role"])]

    def __str__(self) -> str:
        return f"{self.task} · {self.unit}（{self.get_role_display()}）"


__all__ = [
    "AssignmentRole",
    "DraftUnit",
    "ExtensionState",
    "LadderLevel",
    "Plan",
    "PlanKind",
    "PlanSection",
    "PlanTask",
    "ReportKind",
    "ReviewDecision",
    "Rhythm",
    "TaskAssignment",
]
