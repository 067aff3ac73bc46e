"""Legal calendar tables and clocks attached to any record."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

# the forms whose text ends up here (a docket's 延期理由, a decision's 暂停 reason) take the same limits
PAUSE_REASON_MAX = 200
EXTENSION_REASON_MAX = 300


class CalendarYear(models.Model):
    """One year's holiday arrangement (国务院办公厅关于XXXX年部分节假日安排的通知), loaded as a whole."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField("来源", max_length=300, blank=True)  # notice title / URL / "chinesecalendar 1.11.0"
    loaded_at = models.DateTimeField("载入时间", auto_now=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="载入人",
    )

    class Meta:
        verbose_name = "节假日安排年度"
        verbose_name_plural = "节假日安排年度"
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "法定节假日（放假）"
        MAKEUP_WORKDAY = "makeup_workday", "调休上班日"

    year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days", verbose_name="年度")
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    name = models.CharField("节日名称", max_length=50)

    class Meta:
        verbose_name = "节假日"
        verbose_name_plural = "节假日"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}（{self.get_kind_display()}）"


class ClockState(models.TextChoices):
    RUNNING = "running", "进行中"
    DUE_SOON = "due_soon", "临期"
    OVERDUE = "overdue", "超期"
    PAUSED = "paused", "暂停"
    DONE = "done", "已完成"


class Clock(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name="对象类型")
    object_id = models.CharField("对象编号", max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    key = models.CharField("期限键", max_length=50, blank=True)
    rule_id = models.CharField("期限规则", max_length=80)
    unit = models.ForeignKey(
        "orgs.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="责任单位"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="承办人",
    )
    trigger_date = models.DateField("起算日")
    due_date = models.DateField("届满日")
    state = models.CharField("状态", max_length=10, choices=ClockState.choices, default=ClockState.RUNNING)
    provisional = models.BooleanField("暂定", default=False)
    explanation = models.JSONField("计算说明", default=list, blank=True)
    extension_units = models.PositiveIntegerField("已延长", default=0)
    completed_on = models.DateField("完成日", null=True, blank=True)
    due_override = models.DateField("文件确定的期限", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "期限"
        verbose_name_plural = "期限"
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["state", "due_date"]),
            models.Index(fields=["unit", "state"]),
        ]

    def __str__(self) -> str:
        from .rules import RULES

        rule = RULES.get(self.rule_id)
        return f"{rule.name if rule else self.rule_id}（届满{self.due_date}）"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("deadlines:clock_detail", args=[self.pk])


class ClockPause(models.Model):
    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="pauses", verbose_name="期限")
    start = models.DateField("暂停开始")
    end = models.DateField("暂停结束", null=True, blank=True)  # null while still paused
    reason = models.CharField("暂停原因", max_length=PAUSE_REASON_MAX)

    class Meta:
        verbose_name = "期限暂停"
        verbose_name_plural = "期限暂停"
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return f"{self.start}至{self.end or '今'}（{self.reason}）"


class ClockExtension(models.Model):
    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="extensions", verbose_name="期限")
    units = models.PositiveIntegerField("延长")
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="批准人"
    )
    reason = models.CharField("延长理由", max_length=EXTENSION_REASON_MAX)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "期限延长"
        verbose_name_plural = "期限延长"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"延长{self.units}（{self.reason}）"
