"""行政调解 statistics: `case_sets(rows, …)` is pure; the registry's metrics (metrics.py) are held to it by the tests.

Definitions (the date named falls inside the period): received — applications received; accepted — 受理 dated in it;
concluded — 调解成功 (the agreement's effective date) or 终止 dated in it; agreed — of those, 调解成功; success_rate —
agreed ÷ concluded (⚠ no national formula; as 人民调解's default, legal-rules.md §7); on_time — concluded by the target
clock's due date (a setting ⚠, FAZHI_ADMIN_MEDIATION); on_time_rate — on_time ÷ concluded; confirmation_applied —
司法确认 applications dated in it; closed — closed in the period, by outcome. Unit filter: the department (handling
unit).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fazhi.cases.periods import Period, as_period
from fazhi.cases.rows import period_rows, unit_lines

from .codes import OUTCOMES

DOCKET = "admin_mediation"
KEYS = ("received", "accepted", "concluded", "agreed", "on_time", "confirmation_applied", "closed")


def formula_json() -> dict[str, Any]:
    return {
        "success_rate_numerator": "agreed",
        "success_rate_denominator": "concluded",
        "on_time_numerator": "on_time",
        "on_time_denominator": "concluded",
    }


def _rate(num: int, den: int) -> float | None:
    return round(100 * num / den, 2) if den else None


def conclusion(x: dict[str, Any]) -> dict[str, Any]:
    """The agreement or the termination (whichever the case has): its date and whether by the target."""
    return x.get("agreement") or x.get("terminated") or {}


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
        end = conclusion(x)
        if p.contains(end.get("on")):
            sets["concluded"].append(pk)
            if x.get("agreement"):
                sets["agreed"].append(pk)
            if end.get("on_time"):
                sets["on_time"].append(pk)
        if p.contains((x.get("confirmation") or {}).get("applied_on")):
            sets["confirmation_applied"].append(pk)
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
        success_rate=_rate(n["agreed"], n["concluded"]),
        on_time_rate=_rate(n["on_time"], n["concluded"]),
        formula=formula_json(),
    )
    if p.part:
        figures["period"] = p.part
    return figures


def admin_mediation_rows(
    *, year: int | Period, unit_code: str | None = None, user: Any = None, unit_ids: list[int] | None = None
) -> list[dict[str, Any]]:
    return period_rows(DOCKET, year=year, unit_code=unit_code, user=user, unit_ids=unit_ids)


def admin_mediation_statistics(*, year: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, Any]:
    figures = compute_statistics(admin_mediation_rows(year=year, unit_code=unit_code, user=user), year=year)
    figures["unit"] = unit_code or ""
    return figures


def admin_mediation_case_sets(
    *, year: int | Period, unit_code: str | None = None, user: Any = None
) -> dict[str, list[int]]:
    return case_sets(admin_mediation_rows(year=year, unit_code=unit_code, user=user), year=year)


def admin_mediation_by_unit(*, year: int | Period, user: Any = None) -> list[dict[str, Any]]:
    return unit_lines(admin_mediation_rows(year=year, user=user), compute_statistics, year=year)
