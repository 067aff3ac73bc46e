"""Plans (规划 / 工作要点 / 整改清单), their sections and tasks, and each unit's assignment to a task."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from fazhi.core.downloads import download_key
from fazhi.core.models import TimeStampedModel, VersionedModel

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

    class Meta:
        verbose_name = "任务分工"
        verbose_name_plural = "任务分工"
        ordering = ["task", "-role", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="plan_assignment_unique")]
        indexes = [models.Index(fields=["unit", "state"]), models.Index(fields=["task", "role"])]

    def __str__(self) -> str:
        return f"{self.task} · {self.unit}（{self.get_role_display()}）"


class ReportKind(models.TextChoices):
    PROGRESS = "progress", "进展报送"
    CO_INPUT = "co_input", "协办意见"
    COMPLETION = "completion", "完成报告"


class TaskReport(TimeStampedModel):
    assignment = models.ForeignKey(
        TaskAssignment, verbose_name="分工", on_delete=models.CASCADE, related_name="reports"
    )
    kind = models.CharField("类型", max_length=20, choices=ReportKind.choices)
    text = models.TextField("内容")
    percent = models.PositiveSmallIntegerField("完成进度%", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "任务报送"
        verbose_name_plural = "任务报送"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"


class TaskAttachment(models.Model):
    DOWNLOAD_KIND = "plans.attachment"

    report = models.ForeignKey(TaskReport, verbose_name="报送", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to="plans/%Y/%m/")
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小", default=0)

    class Meta:
        verbose_name = "报送附件"
        verbose_name_plural = "报送附件"

    def __str__(self) -> str:
        return self.name

    @property
    def download_url(self) -> str:
        return reverse("plans:attachment_download", args=[download_key(self.DOWNLOAD_KIND, self.pk)])


class ReviewDecision(models.TextChoices):
    ACCEPTED = "accepted", "销号"
    RETURNED = "returned", "退回"


class TaskReview(TimeStampedModel):
    assignment = models.ForeignKey(
        TaskAssignment, verbose_name="分工", on_delete=models.CASCADE, related_name="reviews"
    )
    decision = models.CharField("审核结果", max_length=10, choices=ReviewDecision.choices)
    reason = models.TextField("意见", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.get_decision_display()


class ExtensionState(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已同意"
    REFUSED = "refused", "不同意"


class ExtensionRequest(TimeStampedModel):
    assignment = models.ForeignKey(
        TaskAssignment, verbose_name="分工", on_delete=models.CASCADE, related_name="extensions"
    )
    reason = models.TextField("延期理由")
    old_date = models.DateField("原完成时限", null=True, blank=True)
    new_date = models.DateField("申请延至")
    state = models.CharField("状态", max_length=10, choices=ExtensionState.choices, default=ExtensionState.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审批人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.TextField("审批意见", blank=True)

    class Meta:
        verbose_name = "延期申请"
        verbose_name_plural = "延期申请"
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment"], condition=models.Q(state="pending"), name="plan_extension_one_pending"
            )
        ]

    def __str__(self) -> str:
        return f"延期至{self.new_date}"


class LadderLevel(models.TextChoices):
    BLUE = "blue", "蓝色提示"
    YELLOW = "yellow", "黄色预警"
    RED = "red", "红色督办"


class EscalationRung(models.Model):
    """One rung of the 三色督办 ladder: when an assignment's clock shows `light`, send a notice of `level`.

    An overdue rung fires once the share is `min_days_overdue` natural days past its due date (as counted by the
    clock engine, `deadlines.selectors.clock_days_overdue`); the red rung re-sends daily while it stays overdue."""

    level = models.CharField("级别", max_length=10, choices=LadderLevel.choices, unique=True)
    light = models.CharField("触发灯", max_length=20, choices=[("due_soon", "临期"), ("overdue", "逾期")])
    to_liaison = models.BooleanField("通知单位联络员", default=True)
    to_office = models.BooleanField("抄送依法治市办", default=False)
    min_days_overdue = models.PositiveSmallIntegerField(
        "逾期满几日触发",
        default=0,
        help_text="仅对“逾期”灯有效：0 表示一经逾期即触发；N 表示超过完成时限满 N 个自然日（含）后触发。",
    )
    enabled = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "三色督办规则"
        verbose_name_plural = "三色督办规则"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.get_level_display()
