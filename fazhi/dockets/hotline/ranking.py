"""The monthly ranking of responsible units by 响应率、解决率、满意率 (北京条例 Art. 32: the three rates; the order of
ranking is a local choice — FAZHI_HOTLINE RANK_BY, default 满意率, ties broken by the other two rates, then by the
number of scored orders) and hot topics: the most frequent categories and places (所属区域) of the orders received this
week against last week. The figures come from the registry: the per-unit lines the statistics pages read (kept
counts, cases.stats.stats_by_unit), `hotline.topics` and `hotline.places`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.metrics.periods import DateRange, Period, date_range

from .codes import hotline_settings

RATES = (("response_rate", "响应率"), ("resolution_rate", "解决率"), ("satisfaction_rate", "满意率"))
RATE_LABEL = dict(RATES)


def rank_by_default() -> str:
    by = str(hotline_settings().get("RANK_BY", "satisfaction_rate"))
    return by if by in RATE_LABEL else "satisfaction_rate"


def _key(line: dict[str, Any], by: str) -> tuple[Any, ...]:
    others = [k for k, _ in RATES if k != by]
    rates = [line.get(by), *(line.get(k) for k in others)]
    # a unit with no scored order has no rate: ranked after every unit with one
    return (*((r is None, -(r or 0)) for r in rates), -(line.get("scored") or 0), line.get("unit") or "")


def unit_ranking(*, period: Period, by: str = "", user: Any = None) -> list[dict[str, Any]]:
    """One line per unit with orders scored in the period, best first: {"rank", "unit", "name", "scored",
    "response_rate", "resolution_rate", "satisfaction_rate", …}; equal rates and counts share a rank."""
    from fazhi.cases.stats import stats_by_unit

    by = by if by in RATE_LABEL else rank_by_default()
    lines = [dict(u) for u in stats_by_unit(docket="hotline", year=period, user=user) if u.get("unit")]
    lines = [u for u in lines if u.get("scored")]
    lines.sort(key=lambda u: _key(u, by))
    rank, previous = 0, None
    for i, u in enumerate(lines, start=1):
        same = tuple(u.get(k) for k, _ in RATES) + (u.get("scored"),)
        if same != previous:
            rank, previous = i, same
        u["rank"] = rank
    return lines


def week_ranges(today: dt.date) -> tuple[DateRange, DateRange]:
    """This week (Monday to today) and the whole of last week (Monday to Sunday)."""
    monday = today - dt.timedelta(days=today.weekday())
    return date_range(monday, today), date_range(monday - dt.timedelta(days=7), monday - dt.timedelta(days=1))


def compare(this: list[dict[str, Any]], last: list[dict[str, Any]], top: int = 10) -> list[dict[str, Any]]:
    """The breakdowns of two periods side by side, most frequent this week first (then last week's count, then the
    code): [{"code", "label", "this", "last", "change", "change_pct"}]; a category with none in either is left out."""
    before = {r["code"]: r["value"] for r in last}
    labels = {r["code"]: r["label"] for r in [*last, *this]}
    now = {r["code"]: r["value"] for r in this}
    rows = []
    for code in labels:
        a, b = now.get(code, 0), before.get(code, 0)
        if a or b:
            rows.append(
                {
                    "code": code,
                    "label": labels[code],
                    "this": a,
                    "last": b,
                    "change": a - b,
                    "change_pct": round(100 * (a - b) / b, 1) if b else None,
                }
            )
    rows.sort(key=lambda r: (-r["this"], -r["last"], r["code"]))
    return rows[:top]


def hot_topics(*, today: dt.date, user: Any = None, top: int = 10) -> dict[str, Any]:
    from fazhi.metrics.selectors import metric_value

    this, last = week_ranges(today)

    def both(key: str) -> list[dict[str, Any]]:
        a = metric_value(key, period=this, viewer=user)["breakdown"]
        b = metric_value(key, period=last, viewer=user)["breakdown"]
        return compare(a, b, top)

    return {"this": this, "last": last, "categories": both("hotline.topics"), "places": both("hotline.places")}


def ranking_export(
    *, period: Period, by: str, lines: list[dict[str, Any]], dims: dict[str, list[dict[str, Any]]], user: Any
) -> bytes:
    """The ranking page as .xlsx: the unit ranking and the rates per category and per area (every cell through
    safe_cell). The export is audited (who took which figures out), as the statistics export is."""
    import io

    from openpyxl import Workbook

    from fazhi.audit.services import record_event
    from fazhi.core.excel import safe_cell

    wb = Workbook()
    ws = wb.active
    ws.title = "承办单位排名"
    ws.append([safe_cell(f"{period.label}12345承办单位排名（按{RATE_LABEL[by]}）")])
    ws.append(["名次", "单位编码", "承办单位", "计入考核", *(label for _, label in RATES)])
    for u in lines:
        ws.append([u["rank"], safe_cell(u["unit"]), safe_cell(u["name"]), u["scored"], *(u.get(k) for k, _ in RATES)])
    for dim, title in (("category", "按诉求分类"), ("area", "按所属区域")):
        sheet = wb.create_sheet(title)
        sheet.append([title[1:], "计入考核", "回访成功", *(label for _, label in RATES)])
        for r in dims[dim]:
            sheet.append([safe_cell(r["label"]), r["scored"], r["rated"], *(r.get(k) for k, _ in RATES)])
    buf = io.BytesIO()
    wb.save(buf)
    record_event(
        actor=user,
        action="hotline.ranking.export",
        object_type="stats",
        object_id="hotline.ranking",
        object_repr=f"12345承办单位排名 {period.label}",
        summary={"year": period.year, "period": period.part, "by": by, "units": len(lines)},
    )
    return buf.getvalue()
