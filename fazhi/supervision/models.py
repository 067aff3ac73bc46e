"""Supervisable items (督办事项): anything a unit must fix, whatever module it comes from, with its light, ladder step,
reports and evidence, extension requests and end. Plus the shared configuration: the 三色 ladder and the raising
rules."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from fazhi.core.downloads import download_key
from fazhi.core.models import TimeStampedModel, VersionedModel

from .states import EndKind, ExtensionState, ItemState, LadderLevel, Light, ReportKind, ReviewDecision


class RaiseRule(VersionedModel):
    """One row of the rule table, edited by the office (audited): a condition over sources that raises items.

    Kind `clock_overdue`: a clock of the engine whose rule id starts with `clock_rule_prefix` (blank: any docket),
    more than `min_working_days_overdue` working days past its due date → an item for the clock's responsible unit."""

    class Kind(models.TextChoices):
        CLOCK_OVERDUE = "clock_overdue", "期限超期"

    name = models.CharField("规则名称", max_length=100)
    kind = models.CharField("条件类型", max_length=30, choices=Kind.choices, default=Kind.CLOCK_OVERDUE)
    clock_rule_prefix = models.CharField(
        "适用期限规则",
        max_length=80,
        blank=True,
        help_text="期限规则编号前缀，如 reconsideration.；留空表示所有案件期限。",
    )
    min_working_days_overdue = models.PositiveSmallIntegerField(
        "超期超过几个工作日",
        default=5,
        help_text="超过届满日满该数后再过一个工作日（即“超过N个工作日”）时生成督办事项。",
    )
    enabled = models.BooleanField("启用", default=True)
    note = models.CharField("依据或说明", max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "督办生成规则"
        verbose_name_plural = "督办生成规则"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Item(VersionedModel):
    """One thing a unit must fix. `kind` names the source kind declared in `sources.py` (who ends it, evidence,
    who may ask for an extension); `source` is the record it comes from, by a generic link."""

    kind = models.CharField("来源类型", max_length=60)
    source_label = models.CharField("来源模块", max_length=50)
    source_type = models.ForeignKey(
        ContentType, verbose_name="来源对象类型", on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.CharField("来源对象编号", max_length=64)
    source = GenericForeignKey("source_type", "source_id")
    source_url = models.CharField("来源链接", max_length=300, blank=True)
    title = models.CharField("督办事项", max_length=300)
    text = models.TextField("办理要求", blank=True)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="责任单位", on_delete=models.PROTECT, related_name="supervision_items"
    )
    co_units = models.ManyToManyField("orgs.Unit", verbose_name="配合单位", blank=True, related_name="+")
    due_date = models.DateField("完成时限", null=True, blank=True)
    clock = models.ForeignKey(
        "deadlines.Clock", verbose_name="期限", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField("状态", max_length=12, choices=ItemState.choices, default=ItemState.OPEN)
    light = models.CharField("灯", max_length=10, choices=Light.choices, default=Light.NONE)
    light_rank = models.PositiveSmallIntegerField("灯序", default=4)
    days_overdue = models.PositiveIntegerField("逾期天数", default=0)
    ladder_step = models.CharField("督办级别", max_length=10, choices=LadderLevel.choices, blank=True, default="")
    raised_on = models.DateField("生成日期")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="生成人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rule = models.ForeignKey(
        RaiseRule, verbose_name="生成规则", null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    dedupe_key = models.CharField("生成原因键", max_length=200, unique=True)
    ended_at = models.DateTimeField("办结时间", null=True, blank=True)
    end_kind = models.CharField("办结方式", max_length=10, choices=EndKind.choices, blank=True, default="")
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="销号人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    end_note = models.TextField("办结说明", blank=True)

    class Meta:
        verbose_name = "督办事项"
        verbose_name_plural = "督办事项"
        ordering = ["light_rank", "due_date", "id"]
        indexes = [
            # the unit board: a unit's open items in board order (light, then due date), read straight off the index
            models.Index(
                fields=["unit", "light_rank", "due_date", "id"],
                condition=models.Q(state__in=["open", "submitted"]),
                name="sup_item_unit_open",
            ),
            # the office board and a unit's counts: open items by unit, source kind, source label and light, counted
            # with COUNT(*) from the index alone (an index-only scan; the label is what the boards group by)
            models.Index(
                fields=["unit", "kind", "source_label", "light"],
                condition=models.Q(state__in=["open", "submitted"]),
                name="sup_item_office_open",
            ),
            models.Index(fields=["source_type", "source_id"], name="sup_item_source"),
            models.Index(fields=["clock"], name="sup_item_clock"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("supervision:item_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state != ItemState.CLOSED


class Report(TimeStampedModel):
    item = models.ForeignKey(Item, verbose_name="督办事项", on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField("类型", max_length=20, choices=ReportKind.choices, default=ReportKind.PROGRESS)
    text = models.TextField("内容")
    percent = models.PositiveSmallIntegerField("完成进度%", null=True, blank=True)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="报送单位", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "办理报送"
        verbose_name_plural = "办理报送"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"


class Evidence(models.Model):
    """A file attached to a report. Its URL carries a signed key (fazhi.core.downloads), never the bare row id."""

    DOWNLOAD_KIND = "supervision.evidence"

    report = models.ForeignKey(Report, verbose_name="报送", on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("文件", upload_to="supervision/%Y/%m/")
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小", default=0)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"

    def __str__(self) -> str:
        return self.name

    @property
    def download_key(self) -> str:
        return download_key(self.DOWNLOAD_KIND, self.pk)

    @property
    def download_url(self) -> str:
        return reverse("supervision:evidence_download", args=[self.download_key])


class Review(TimeStampedModel):
    item = models.ForeignKey(Item, verbose_name="督办事项", on_delete=models.CASCADE, related_name="reviews")
    decision = models.CharField("审核结果", max_length=10, choices=ReviewDecision.choices)
    reason = models.TextField("意见", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "销号审核"
        verbose_name_plural = "销号审核"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.get_decision_display()


class Extension(TimeStampedModel):
    item = models.ForeignKey(Item, verbose_name="督办事项", on_delete=models.CASCADE, related_name="extensions")
    reason = models.TextField("延期理由")
    old_date = models.DateField("原完成时限", null=True, blank=True)
    new_date = models.DateField("申请延至")
    state = models.CharField("状态", max_length=10, choices=ExtensionState.choices, default=ExtensionState.PENDING)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="申请单位", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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
                fields=["item"], condition=models.Q(state="pending"), name="supervision_extension_one_pending"
            )
        ]

    def __str__(self) -> str:
        return f"延期至{self.new_date}"


class LadderStep(models.Model):
    """One step of the 三色 ladder: an item whose light is `light` (and, for 逾期, at least `min_days_overdue`
    natural days past its due date, as the clock engine counts) reaches this level and its notice goes out."""

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


class BoardStamp(models.Model):
    """A token that changes, in the same transaction, with every write that moves an item on or off a board or
    changes its light (services/_common.board_changed). Board counts are kept in the `pages` cache under it, so no
    board is served from before a change that has committed (as cases.DocketStamp, ADR 0006)."""

    key = models.CharField("键", max_length=20, primary_key=True)
    token = models.CharField("数据版本", max_length=32)

    class Meta:
        verbose_name = "督办数据版本"
        verbose_name_plural = "督办数据版本"


class NoticeCounter(models.Model):
    """The 督办单 numbering: one row per year, locked while a number is taken. A number is taken in the same
    transaction as its notice, so a rolled-back issue gives it back — the numbers of a year have no gaps."""

    year = models.PositiveIntegerField("年度", primary_key=True)
    last = models.PositiveIntegerField("已用到", default=0)

    class Meta:
        verbose_name = "督办单编号"
        verbose_name_plural = "督办单编号"


class Notice(TimeStampedModel):
    """A 督办单 issued to a unit over one or more of its open items: its 文号 from the numbering pattern
    (`FAZHI_SUPERVISION["NOTICE_NUMBER"]`), the issuing body's full name, the date by which the unit must reply.
    The .docx (GB/T 9704) is rendered from this record, so a download always shows the same number."""

    number = models.CharField("文号", max_length=60, unique=True)
    year = models.PositiveIntegerField("年度")
    seq = models.PositiveIntegerField("顺序号")
    unit = models.ForeignKey("orgs.Unit", verbose_name="督办对象", on_delete=models.PROTECT, related_name="+")
    items = models.ManyToManyField(Item, verbose_name="督办事项", related_name="notices")
    issuer = models.CharField("发文机关", max_length=200)
    issued_on = models.DateField("发文日期")
    reply_by = models.DateField("报送办理情况期限")
    text = models.TextField("督办要求", blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签发人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    items_key = models.CharField("事项键", max_length=64, editable=False)

    class Meta:
        verbose_name = "督办单"
        verbose_name_plural = "督办单"
        ordering = ["-year", "-seq"]
        constraints = [models.UniqueConstraint(fields=["year", "seq"], name="supervision_notice_year_seq")]
        indexes = [models.Index(fields=["unit", "issued_on", "items_key"], name="sup_notice_same")]

    DOWNLOAD_KIND = "supervision.notice"

    def __str__(self) -> str:
        return self.number

    @property
    def download_url(self) -> str:
        """The .docx by a signed key (fazhi.core.downloads), never the bare row id."""
        return reverse("supervision:notice_download", args=[download_key(self.DOWNLOAD_KIND, self.pk)])
