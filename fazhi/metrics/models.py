"""Maintained counts (Tally, TallyState) and frozen values (Snapshot, SnapshotValue)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Tally(models.Model):
    """How many events of one series fall on one day, for one unit pair and category — kept in the same transaction
    as the write that moves it (fazhi/metrics/tallies.py), so sums over days answer a period without reading records.
    """

    series = models.CharField("序列", max_length=64)
    # d: one day; m: a month (day = its 1st); y: a year (day = 1 January). Each event is counted at all three grains
    # in the same write, so a year or a month of a series is read from a few rows instead of every day's
    # (fazhi/metrics/tallies.py: _grains, _pieces).
    grain = models.CharField("粒度", max_length=1, default="d")
    day = models.DateField("日期")
    unit_id = models.IntegerField("计入单位", default=0)  # e.g. the respondent/defendant unit; 0 = none
    scope_unit_id = models.IntegerField("数据范围单位", default=0)  # the unit data scopes are checked on
    category = models.CharField("分类", max_length=48, default="", blank=True)
    name = models.CharField("单位名称（非本级单位）", max_length=200, default="", blank=True)
    n = models.IntegerField("件数", default=0)

    class Meta:
        verbose_name = "指标计数"
        verbose_name_plural = "指标计数"
        constraints = [
            models.UniqueConstraint(
                fields=["series", "grain", "day", "unit_id", "scope_unit_id", "category", "name"],
                name="metrics_tally_key",
            )
        ]
        # Every figure sums one series over a period: with the counted columns in the index the sum is an index-only
        # scan (PostgreSQL; 31 → 12 ms for a series-year at 100,000 cases, bench/README.md). Ignored on SQLite.
        indexes = [
            models.Index(
                fields=["series", "grain", "day"],
                include=["category", "unit_id", "scope_unit_id", "name", "n"],
                name="metrics_tally_grain_sums",
            )
        ]


class TallyState(models.Model):
    """A source's tallies were built from a full recount at `built_at` and have been kept since."""

    source = models.CharField("来源", max_length=64, unique=True)
    built_at = models.DateTimeField("重建时间")
    rows = models.IntegerField("记录数", default=0)

    class Meta:
        verbose_name = "指标计数状态"
        verbose_name_plural = "指标计数状态"


class Snapshot(models.Model):
    """Values frozen at one moment with the record ids behind them; never recomputed (annual report, assessment)."""

    taken_at = models.DateTimeField("冻结时间", auto_now_add=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="冻结人", null=True, blank=True, on_delete=models.PROTECT
    )
    purpose = models.CharField("用途", max_length=200, blank=True)
    year = models.IntegerField("年度")
    period = models.CharField("统计期间", max_length=32, blank=True)
    unit_code = models.CharField("单位编码", max_length=32, blank=True)
    subordinates = models.BooleanField("含下级单位", default=False)

    class Meta:
        verbose_name = "指标快照"
        verbose_name_plural = "指标快照"
        ordering = ["-taken_at", "-id"]

    def __str__(self) -> str:
        return f"指标快照 {self.year}{self.period} {self.unit_code}".strip()


class SnapshotValue(models.Model):
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="values")
    key = models.CharField("指标", max_length=96)
    label = models.CharField("指标名称", max_length=200)
    unit = models.CharField("计量单位", max_length=16)
    definition = models.TextField("口径")
    value = models.JSONField("数值", null=True)
    numerator = models.JSONField("分子", null=True)
    denominator = models.JSONField("分母", null=True)
    breakdown = models.JSONField("分项", null=True)
    records = models.JSONField("记录", default=dict)

    class Meta:
        verbose_name = "快照指标值"
        verbose_name_plural = "快照指标值"
        constraints = [models.UniqueConstraint(fields=["snapshot", "key"], name="metrics_snapshot_key")]
