"""The statutory clock engine: the only code in Fazhi that adds days to dates for deadlines.

Pure computation; the legal calendar is injected (`calendar=`), or the default one is loaded from our tables.
Semantics (README.md §Semantics):
- the trigger day is not counted (民事诉讼法 Art. 85; 民法典 Art. 201);
- natural days: the N-th day after the trigger; a last day that is a rest day moves to the next working day;
- working days: the N-th working day after the trigger (调休上班日 count, weekends and holidays don't);
- months: same day N months later, or that month's last day (民法典 Art. 202); then the natural-day end rule;
- pauses FROM–TO (both inclusive) are not counted; an extension adds E units of the rule's own unit and the end
  rule is applied once, at the end.
"""

from __future__ import annotations

import calendar as _pycal
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from fazhi.core.errors import DomainError

from .calendar import PROVISIONAL_NOTE, WEEKDAY_ZH, LegalCalendar
from .rules import ClockRule, DeadlineErrorCode, PeriodUnit, rule_get

ONE = dt.timedelta(days=1)


@dataclass(frozen=True)
class Pause:
    start: dt.date
    end: dt.date
    reason: str = ""  # both days inclusive, not counted


@dataclass(frozen=True)
class DueResult:
    rule_id: str
    start: dt.date
    due: dt.date
    unit: str
    provisional: bool
    explanation: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "rule": self.rule_id,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "unit": self.unit,
            "provisional": self.provisional,
            "explanation": list(self.explanation),
        }


def fmt(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日（周{WEEKDAY_ZH[d.weekday()]}）"


def _fmt_short(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def add_months(d: dt.date, months: int) -> dt.date:
    """Same day `months` later, or that month's last day where it has none (民法典 Art. 202)."""
    total = d.year * 12 + (d.month - 1) + months
    y, m = divmod(total, 12)
    last = _pycal.monthrange(y, m + 1)[1]
    return dt.date(y, m + 1, min(d.day, last))


def merge_pauses(pauses: Sequence[Pause]) -> list[tuple[dt.date, dt.date, str]]:
    """Sorted, merged (overlapping or adjacent) pause intervals; reasons joined."""
    out: list[list] = []
    for p in sorted(pauses, key=lambda p: (p.start, p.end)):
        if p.end < p.start:
            continue
        if out and p.start <= out[-1][1] + ONE:
            if p.end > out[-1][1]:
                out[-1][1] = p.end
            if p.reason and p.reason not in out[-1][2]:
                out[-1][2] = f"{out[-1][2]}、{p.reason}" if out[-1][2] else p.reason
        else:
            out.append([p.start, p.end, p.reason])
    return [(a, b, r) for a, b, r in out]


def calendar_default() -> LegalCalendar:
    from .calendar_data import calendar_current

    return calendar_current()


# ---- the core: shared by compute_due (with explanation) and due_fast (recompute hot path) -----------------------


def _count_natural(
    start: dt.date, n: int, merged: list[tuple[dt.date, dt.date, str]], applied: list | None = None
) -> dt.date:
    p, remaining = start, n
    for ps, pe, reason in merged:
        if pe <= p:
            continue
        ps = max(ps, p + ONE)
        free = (ps - p).days - 1
        if free >= remaining:
            break
        remaining -= free
        if applied is not None:
            applied.append((ps, pe, reason, (pe - ps).days + 1))
        p = pe
    return p + dt.timedelta(days=remaining)


def _count_working(
    cal: LegalCalendar, start: dt.date, n: int, merged: list[tuple[dt.date, dt.date, str]], applied: list | None = None
) -> dt.date:
    p, remaining = start, n
    for ps, pe, reason in merged:
        if pe <= p:
            continue
        ps = max(ps, p + ONE)
        free = cal.working_days_between(p + ONE, ps - ONE)
        if free >= remaining:
            break
        remaining -= free
        if applied is not None:
            applied.append((ps, pe, reason, cal.working_days_between(ps, pe)))
        p = pe
    return cal.nth_working_day_after(p, remaining)


def due_fast(
    rule: ClockRule, start: dt.date, merged: list[tuple[dt.date, dt.date, str]], extension: int, cal: LegalCalendar
) -> dt.date:
    """Due date only (no explanation): the recompute hot path. Same arithmetic as compute_due."""
    total = rule.length + extension
    if rule.unit is PeriodUnit.WORKING_DAY:
        return _count_working(cal, start, total, merged)
    days = (add_months(start, total) - start).days if rule.unit is PeriodUnit.MONTH else total
    return cal.end_rule(_count_natural(start, days, merged))


def is_provisional(cal: LegalCalendar, start: dt.date, due: dt.date) -> bool:
    return bool(cal.years_unloaded_in(start + ONE, due))


def compute_due(
    rule_id: str,
    start: dt.date,
    *,
    pauses: Sequence[Pause] = (),
    extension: int = 0,
    calendar: LegalCalendar | None = None,
) -> DueResult:
    """The due date of `rule_id` triggered on `start`, with pauses and an extension, and a Chinese explanation."""
    rule = rule_get(rule_id)
    cal = calendar if calendar is not None else calendar_default()
    if rule.fixed_date:
        raise DomainError(DeadlineErrorCode.NOT_FIXED_DATE, f"“{rule.name}”的期限由文件确定，不能按法定期限计算。")
    merged = merge_pauses(pauses)
    total = rule.length + extension
    steps: list[str] = [
        f"规则：{rule.name}（{rule.id}），期限{rule.length_label}，依据{rule.basis}。"
        + ("该期限为最短期限。" if rule.minimum else ""),
        f"起算：{fmt(start)}为起算事由发生之日（{rule.trigger or '触发日'}），当日不计入，自次日"
        f"{_fmt_short(start + ONE)}开始计算（《民事诉讼法》第八十五条、《民法典》第二百零一条）。",
    ]
    if extension:
        steps.append(
            f"延长：经批准延长{extension}{rule.unit.label}，合计{total}{rule.unit.label}"
            "（延长后统一适用期限届满规则）。"
        )
    applied: list[tuple[dt.date, dt.date, str, int]] = []
    if rule.unit is PeriodUnit.WORKING_DAY:
        due = _count_working(cal, start, total, merged, applied)
        raw_end = due
        _explain_pauses(steps, applied, "个工作日")
        _explain_working(steps, cal, start, due, applied, total)
    else:
        if rule.unit is PeriodUnit.MONTH:
            month_end = add_months(start, total)
            days = (month_end - start).days
            same_day = month_end.day == start.day
            steps.append(
                f"按月计算：{_fmt_short(start)}后{total}个月的对应日为{_fmt_short(month_end)}"
                + ("" if same_day else f"（该月没有{start.day}日，以该月最后一日为期间最后一日）")
                + f"，折合{days}日（《民法典》第二百零二条）。"
            )
        else:
            days = total
        raw_end = _count_natural(start, days, merged, applied)
        _explain_pauses(steps, applied, "日")
        steps.append(
            f"按自然日计算：期间内的周末和节假日照常计入，第{days}日"
            + ("（扣除暂停期间后）" if applied else "")
            + f"为{fmt(raw_end)}。"
        )
        due = cal.end_rule(raw_end)
        _explain_end_rule(steps, cal, raw_end, due)
    provisional = is_provisional(cal, start, due)
    if provisional:
        for y in cal.years_unloaded_in(start + ONE, due):
            steps.append("暂定：" + PROVISIONAL_NOTE.format(year=y))
    steps.append(f"结论：期限届满日为{fmt(due)}" + ("（暂定）" if provisional else "") + "。")
    return DueResult(rule.id, start, due, rule.unit.value, provisional, steps)


def fixed_due_result(
    rule_id: str, start: dt.date, due: dt.date, *, note: str = "", calendar: LegalCalendar | None = None
) -> DueResult:
    """A clock whose due date is fixed by a document (rule.fixed_date, e.g. plan.task) or, for a statutory period, by
    a decision its statute allows (rule.due_set_basis): explained, not computed."""
    rule = rule_get(rule_id)
    if not note and not rule.fixed_date and rule.due_set_basis:
        note = f"依{rule.due_set_basis.split('：')[0]}确定的期限"
    steps = [
        f"规则：{rule.name}（{rule.id}），{rule.basis}。",
        f"起算：{fmt(start)}。",
        f"期限由文件确定：{fmt(due)}" + (f"（{note}）" if note else "") + "，不适用法定期限计算和顺延规则。",
        f"结论：期限届满日为{fmt(due)}。",
    ]
    return DueResult(rule.id, start, due, rule.unit.value, False, steps)


# ---- explanation helpers ----------------------------------------------------------------------------------------


def _runs(days: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    runs: list[list[dt.date]] = []
    for d in sorted(days):
        if runs and d == runs[-1][1] + ONE:
            runs[-1][1] = d
        else:
            runs.append([d, d])
    return [(a, b) for a, b in runs]


def _run_text(a: dt.date, b: dt.date) -> str:
    return _fmt_short(a) if a == b else f"{_fmt_short(a)}至{_fmt_short(b)}"


def _holiday_text(cal: LegalCalendar, days: list[dt.date]) -> str:
    by_name: dict[str, list[dt.date]] = {}
    for d in days:
        by_name.setdefault(cal.holiday_name(d) or "", []).append(d)
    parts = []
    for name, ds in by_name.items():
        runs = "、".join(_run_text(a, b) for a, b in _runs(ds))
        parts.append(f"{name}（{runs}，{len(ds)}日）")
    return "；".join(parts)


def _explain_pauses(steps: list[str], applied: list[tuple[dt.date, dt.date, str, int]], unit: str) -> None:
    for ps, pe, reason, counted in applied:
        steps.append(
            f"暂停：{_run_text(ps, pe)}"
            + (f"（{reason}）" if reason else "")
            + f"，暂停期间（含首尾两日）不计入，共扣除{counted}{unit}。"
        )


def _in_pause(d: dt.date, applied: list[tuple[dt.date, dt.date, str, int]]) -> bool:
    return any(a <= d <= b for a, b, _, _ in applied)


def _explain_working(
    steps: list[str],
    cal: LegalCalendar,
    start: dt.date,
    due: dt.date,
    applied: list[tuple[dt.date, dt.date, str, int]],
    total: int,
) -> None:
    holidays: list[dt.date] = []
    makeups: list[dt.date] = []
    weekends = 0
    d = start + ONE
    while d <= due:
        if not _in_pause(d, applied):
            if cal.holiday_name(d):
                holidays.append(d)
            elif cal.makeup_name(d):
                if cal.is_working_day(d):
                    makeups.append(d)
                else:
                    weekends += 1
            elif not cal.is_working_day(d):
                weekends += 1
        d += ONE
    if holidays:
        steps.append(f"跳过法定节假日：{_holiday_text(cal, holidays)}。")
    if weekends:
        steps.append(f"跳过周末{weekends}日。")
    for m in makeups:
        steps.append(f"计入调休上班日：{fmt(m)}（{cal.makeup_name(m)}调休上班）。")
    if not cal.options.makeup_is_working_day:
        steps.append("按本系统设置，调休上班日不作为工作日计算。")
    steps.append(f"按工作日计算：第{total}个工作日为{fmt(due)}。")


def _explain_end_rule(steps: list[str], cal: LegalCalendar, raw_end: dt.date, due: dt.date) -> None:
    if due == raw_end:
        mk = cal.makeup_name(raw_end)
        steps.append(f"期间最后一日{fmt(raw_end)}为工作日" + (f"（{mk}调休上班日）" if mk else "") + "，不顺延。")
        return
    skipped = []
    d = raw_end
    while d < due:
        skipped.append(d)
        d += ONE
    holidays = [d for d in skipped if cal.holiday_name(d)]
    weekend = [d for d in skipped if not cal.holiday_name(d)]
    reasons = []
    if holidays:
        reasons.append(f"法定节假日{_holiday_text(cal, holidays)}")
    if weekend:
        reasons.append("休息日" + "、".join(_run_text(a, b) for a, b in _runs(weekend)))
    steps.append(
        f"顺延：期间最后一日{fmt(raw_end)}不是工作日，跳过"
        + "，".join(reasons)
        + f"，以其后第一个工作日{fmt(due)}为期间最后一日（《民事诉讼法》第八十五条）。"
    )
