"""法律援助 statistics: `case_sets(rows, …)` is pure; the registry's metrics (metrics.py) are held to it by the tests.

Definitions (the date named falls inside the period): received — applications received; decided — decisions (给予 or
不予) dated in it; granted / refused — of those; on_time — decided by the decision clock's due date (第四十三条, unit
per FAZHI_LEGAL_AID); advance_aid — 先行援助 given; assigned — assignments dated in it; objections — objections lodged;
closed — closed in the period by outcome. Unit filter: the 法律援助机构 (handling unit).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fazhi.cases.periods import Period, as_period
from fazhi.cases.rows import period_rows, unit_lines

from .codes import OUTCOMES

DOCKET = "legal_aid"
KEYS = ("received", "decided", "granted", "refused", "on_time", "advance_aid", "assigned", "objections", "closed")


def formula_json() -> dict[str, Any]:
    return {"on_time_numerator": "on_time", "on_time_denominator": "decided"}


def _rate(num: int, den: int) -> float | None:
    return round(100 * num / den, 2) if den else None


def decision_of(x: dict[str, Any]) -> dict[str, Any]:
    """The first decision (a corrected refusal keeps its refusal as the decision counted)."""
    return x.get("decision") or {}


def case_sets(rows: Iterable[dict[str, Any]], *, year: int | Period) -> dict[str, list[int]]:
    p = as_period(year)
    sets: dict[str, list[int]] = {k: [] for k in KEYS}
    for code, _label in OUTCOMES:
        sets[f"outcome:{code}"] = []
    for r in rows:
        pk, x = r["pk"], r["extra"] or {}
        if p.contains(r["received_on"]):
            sets["received"].append(pk)
        d = decision_of(x)
        if p.contains(d.get("on")):
            sets["decided"].append(pk)
            sets["granted" if d.get("result") == "granted" else "refused"].append(pk)
            if d.get("on_time"):
                sets["on_time"].append(pk)
        if p.contains((x.get("advance") or {}).get("on")):
            sets["advance_aid"].append(pk)
        if p.contains((x.get("assignment") or {}).get("on")):
            sets["assigned"].append(pk)
        if p.contains((x.get("objection") or {}).get("on")):
            sets["objections"].append(pk)
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
        on_time_rate=_rate(n["on_time"], n["decided"]),
        grant_rate=_rate(n["granted"], n["decided"]),
        formula=formula_json(),
    )
    if p.part:
        figures["period"] = p.part
    return figures


def legal_aid_rows(
    *, year: int | Period, unit_code: str | None = None, user: Any = None, unit_ids: list[int] | None = None
) -> list[dict[str, Any]]:
    return period_rows(DOCKET, year=year, unit_code=unit_code, user=user, unit_ids=unit_ids)


def legal_aid_statistics(*, year: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, Any]:
    figures = compute_statistics(legal_aid_rows(year=year, unit_code=unit_code, user=user), year=year)
    figures["unit"] = unit_code or ""
    return figures


def legal_aid_case_sets(*, year: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, list[int]]:
    return case_sets(legal_aid_rows(year=year, unit_code=unit_code, user=user), year=year)


def legal_aid_by_unit(*, year: int | Period, user: Any = None) -> list[dict[str, Any]]:
    return unit_lines(legal_aid_rows(year=year, user=user), compute_statistics, year=year)
