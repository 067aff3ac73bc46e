"""行政裁决 statistics: `case_sets(rows, …)` is pure; the registry's metrics (metrics.py) are held to it by the tests.

Definitions (the date named falls inside the period): received — applications received; accepted — 受理 dated in it;
ruled — 裁决 dated in it; on_time — of those, ruled by the decision clock's due date (a setting ⚠, FAZHI_ADMIN_RULING);
withdrawn — 终止 (撤回) dated in it; closed — closed in the period by outcome. Unit filter: the department (handling
unit).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fazhi.cases.periods import Period, as_period
from fazhi.cases.rows import period_rows, unit_lines

from .codes import OUTCOMES

DOCKET = "admin_ruling"
KEYS = ("received", "accepted", "ruled", "on_time", "withdrawn", "closed")


def formula_json() -> dict[str, Any]:
    return {"on_time_numerator": "on_time", "on_time_denominator": "ruled"}


def _rate(num: int, den: int) -> float | None:
    return round(100 * num / den, 2) if den else None


def case_sets(rows: Iterable[dict[str, Any]], *, year: int | Period) -> dict[str, list[int]]:
    p = as_period(year)
    sets: dict[str, list[int]] = {k: [] for k in KEYS}
    for code, _label in OUTCOMES:
        sets[f"outcome:{code}"] = []
    for r in rows:
        pk, x = r["pk"], r["extra"] or {}
        if p.contains(r["received_on"]):
            sets["received"].append(pk)
        if p.contains((x.get("accepted") or {}).get("on")):
            sets["accepted"].append(pk)
        ruling = x.get("ruling") or {}
        if p.contains(ruling.get("on")):
            sets["ruled"].append(pk)
            if ruling.get("on_time"):
                sets["on_time"].append(pk)
        if p.contains((x.get("withdrawn") or {}).get("on")):
            sets["withdrawn"].append(pk)
        if p.contains(r["closed_on"]):
            sets["closed"].append(pk)
            if f"outcome:{r['outcome']}" in sets:
                sets[f"outcome:{r['outcome']}"].append(pk)
    return sets


def compute_statistics(rows: Iterable[dict[str, Any]], *, year: int | Period) -> dict[str, Any]:
    p = as_period(year)
    sets = case_sets(rows, year=p)
    n = {k: len(v) for k, v in sets.items()}
    figures: dict[str, Any] = {k: n[k] for k in KEYS}
    figures.update(
        year=p.year,
        docket=DOCKET,
        outcomes=[{"code": c, "label": label, "count": n[f"outcome:{c}"]} for c, label in OUTCOMES],
        on_time_rate=_rate(n["on_time"], n["ruled"]),
        formula=formula_json(),
    )
    if p.part:
        figures["period"] = p.part
    return figures


def admin_ruling_rows(
    *, year: int | Period, unit_code: str | None = None, user: Any = None, unit_ids: list[int] | None = None
) -> list[dict[str, Any]]:
    return period_rows(DOCKET, year=year, unit_code=unit_code, user=user, unit_ids=unit_ids)


def admin_ruling_statistics(*, year: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, Any]:
    figures = compute_statistics(admin_ruling_rows(year=year, unit_code=unit_code, user=user), year=year)
    figures["unit"] = unit_code or ""
    return figures


def admin_ruling_case_sets(
    *, year: int | Period, unit_code: str | None = None, user: Any = None
) -> dict[str, list[int]]:
    return case_sets(admin_ruling_rows(year=year, unit_code=unit_code, user=user), year=year)


def admin_ruling_by_unit(*, year: int | Period, user: Any = None) -> list[dict[str, Any]]:
    return unit_lines(admin_ruling_rows(year=year, user=user), compute_statistics, year=year)
