"""12345 statistics: `case_sets(rows, …)` is pure (rows in, order ids per figure out); the registry's metrics
(metrics.py) equal this recount (tests/test_stats.py). The three rates (响应率、解决率、满意率, 北京条例 Art. 32) count the
orders **scored** in the period: closed in it after dispatch and 回访 — never a diverted order (依法分流) nor one the
centre answered itself. The satisfied set and the description are settings (FAZHI_HOTLINE "SATISFIED",
"RATE_DESCRIPTION").

- received: 受理 in the period (by type); returned: orders whose first 退单 falls in the period;
- diverted / answered: closed in the period as diverted / answered by the centre;
- scored: closed in the period with a 回访 result; responded: of those, signed by the sign clock's due day;
  on_time: replied by the handling period's due day (+ the approved extension or statutory period);
- rated: scored and the caller reached; resolved: rated and solved; satisfied: rated with an answer in the set;
- response_rate = responded ÷ scored; on_time_rate = on_time ÷ scored; resolution_rate = resolved ÷ rated;
  satisfaction_rate = satisfied ÷ rated (two decimals; no value when the base is 0).
Unit filter: the unit dispatched to (scored against) or the unit holding the order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fazhi.cases.periods import Period, as_period
from fazhi.cases.rows import period_rows, unit_lines

from .codes import DIVERTED, OUTCOMES, SATISFACTION, TYPES, rate_description, satisfied_codes

DOCKET = "hotline"
SCORED = (*(c for c, _ in SATISFACTION), "unreached")
KEYS = (
    "received",
    "returned",
    "diverted",
    "answered",
    "scored",
    "responded",
    "on_time",
    "rated",
    "resolved",
    "satisfied",
    "closed",
)
RATES = {
    "response_rate": ("responded", "scored"),
    "on_time_rate": ("on_time", "scored"),
    "resolution_rate": ("resolved", "rated"),
    "satisfaction_rate": ("satisfied", "rated"),
}


def _rate(num: int, den: int) -> float | None:
    return round(100 * num / den, 2) if den else None


def formula_json() -> dict[str, Any]:
    return {"satisfied": sorted(satisfied_codes()), "description": rate_description()}


def first_return(x: dict[str, Any]) -> str:
    returns = x.get("returns") or []
    return str(returns[0].get("on", "")) if returns else ""


def case_sets(rows: Iterable[dict[str, Any]], *, year: int | Period) -> tuple[dict[str, list[int]], dict[str, int]]:
    p = as_period(year)
    ok = set(satisfied_codes())
    sets: dict[str, list[int]] = {k: [] for k in KEYS}
    for code, _ in TYPES:
        sets[f"type:{code}"] = []
    for code, _ in OUTCOMES:
        sets[f"outcome:{code}"] = []
    for r in rows:
        pk, x, outcome = r["pk"], r["extra"] or {}, r["outcome"] or ""
        if p.contains(r["received_on"]):
            sets["received"].append(pk)
            if f"type:{x.get('type')}" in sets:
                sets[f"type:{x.get('type')}"].append(pk)
        if p.contains(first_return(x) or None):
            sets["returned"].append(pk)
        if not p.contains(r["closed_on"]):
            continue
        sets["closed"].append(pk)
        if f"outcome:{outcome}" in sets:
            sets[f"outcome:{outcome}"].append(pk)
        if outcome in DIVERTED:
            sets["diverted"].append(pk)
        elif outcome == "answered":
            sets["answered"].append(pk)
        elif outcome in SCORED:
            sets["scored"].append(pk)
            if (x.get("signed") or {}).get("on_time"):
                sets["responded"].append(pk)
            if (x.get("reply") or {}).get("on_time"):
                sets["on_time"].append(pk)
            if outcome != "unreached":
                sets["rated"].append(pk)
                if (x.get("visit") or {}).get("solved"):
                    sets["resolved"].append(pk)
                if outcome in ok:
                    sets["satisfied"].append(pk)
    return sets, {}


def compute_statistics(rows: Iterable[dict[str, Any]], *, year: int | Period) -> dict[str, Any]:
    p = as_period(year)
    sets, _ = case_sets(rows, year=p)
    n = {k: len(v) for k, v in sets.items()}
    figures: dict[str, Any] = {"year": p.year, **{k: n[k] for k in KEYS}}
    for key, (num, den) in RATES.items():
        figures[key] = _rate(n[num], n[den])
    figures["outcomes"] = [{"code": c, "label": label, "count": n[f"outcome:{c}"]} for c, label in OUTCOMES]
    figures["formula"] = formula_json()
    if p.part:
        figures["period"] = p.part
    return figures


def hotline_rows(
    *, year: int | Period, unit_code: str | None = None, user: Any = None, unit_ids: list[int] | None = None
) -> list[dict[str, Any]]:
    return period_rows(DOCKET, year=year, unit_code=unit_code, user=user, unit_ids=unit_ids, unit_of="respondent")


def hotline_statistics(*, year: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, Any]:
    figures = compute_statistics(hotline_rows(year=year, unit_code=unit_code, user=user), year=year)
    figures["unit"] = unit_code or ""
    return figures


def hotline_case_sets(*, year: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, list[int]]:
    return case_sets(hotline_rows(year=year, unit_code=unit_code, user=user), year=year)[0]


def hotline_by_unit(*, year: int | Period, user: Any = None) -> list[dict[str, Any]]:
    """One line per responsible unit (the unit dispatched to); orders never dispatched have no line."""
    return unit_lines(
        hotline_rows(year=year, user=user), compute_statistics, year=year, skip=lambda r: not r["unit_code"]
    )
