"""统计期间 for the case statistics: the metric registry's periods (fazhi/metrics/periods.py), re-exported so the
case modules keep importing them from here."""

from fazhi.metrics.periods import CHOICES, HALVES, MONTHS, PARTS, QUARTERS, DateRange, Period, as_period, period_check

__all__ = ["CHOICES", "HALVES", "MONTHS", "PARTS", "QUARTERS", "DateRange", "Period", "as_period", "period_check"]
