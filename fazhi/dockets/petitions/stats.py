"""信访 statistics. `case_sets(rows, …)` is pure (rows in, case ids per figure out) and `compute_statistics` counts
those sets, so the drill-down lists always hold exactly the cases behind each number; the registry's metrics
(metrics.py) equal this recount (tests/test_stats.py). `fazhi stats petitions` and the kernel's statistics pages
read the registry.

Definitions (the period = a calendar year, or a quarter, half or month of one; the dates named fall inside it):
- received: registered (收到日期) in the period; by type (建议意见/检举控告/申诉求决); repeat: of those, an earlier
  petition of the same petitioner about the same object exists; joint: of those, more than one petitioner;
- accepted: the 受理 date in the period;
- routed (诉访分离, Art. 31): routed to a statutory channel in the period — counted apart from the petitions handled;
  transferred (Art. 22), not_accepted (Art. 23): by that step's date;
- handled: a 信访处理意见书 (申诉求决) or a written reply (the other types) given in the period with an Art. 34
  period; on_time: given on or before its due date (+ the approved extension); on_time_rate = on_time ÷ handled;
- opinions: 意见书 given in the period; reviews / rereviews: 复查 / 复核 requests received in the period;
- closed: closed in the period, by outcome (the last opinion given, or how it ended).
Unit filter: the unit complained of (被反映单位) or the registering body."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from fazhi.cases.periods import Period, as_period
from fazhi.cases.rows import period_rows, unit_lines

from .codes import OUTCOMES, ROUTED, TYPES

DOCKET = "petitions"
KEYS = (
    "received",
    "repeat",
    "joint",
    "accepted",
    "routed",
    "transferred",
    "not_accepted",
    "handled",
    "on_time",
    "opinions",
    "reviews",
    "rereviews",
    "closed",
)


def _s(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value or "")


def _rate(num: int, den: int) -> float | None:
    return round(100 * num / den, 2) if den else None


def formula_json() -> dict[str, Any]:
    return {
        "on_time": "按期办结 ÷ 出具意见书或答复的件数（《信访工作条例》第三十四条期限，含批准的延期）",
        "routed_counted_apart": True,
    }


def handled_step(x: dict[str, Any]) -> dict[str, Any] | None:
    """The 意见书 or reply that ends the Art. 34 period (None before one)."""
    return x.get("opinion") or x.get("reply") or None


def case_sets(
    rows: Iterable[dict[str, Any]], *, year: int | Period, as_of: dt.date | None = None
) -> tuple[dict[str, list[int]], dict[str, int]]:
    p = as_period(year)
    sets: dict[str, list[int]] = {k: [] for k in KEYS}
    for code, _ in TYPES:
        sets[f"type:{code}"] = []
    for code, _ in OUTCOMES:
        sets[f"outcome:{code}"] = []
    for r in rows:
        pk, x = r["pk"], r["extra"] or {}
        if p.contains(r["received_on"]):
            sets["received"].append(pk)
            if f"type:{x.get('type')}" in sets:
                sets[f"type:{x.get('type')}"].append(pk)
            if x.get("repeat_of"):
                sets["repeat"].append(pk)
            if (x.get("joint") or {}).get("count", 1) > 1:
                sets["joint"].append(pk)
        if p.contains((x.get("accepted") or {}).get("on")):
            sets["accepted"].append(pk)
        step = handled_step(x)
        if step and step.get("due") and p.contains(step.get("on")):
            sets["handled"].append(pk)
            if step.get("on_time"):
                sets["on_time"].append(pk)
        if p.contains((x.get("opinion") or {}).get("on")):
            sets["opinions"].append(pk)
        if p.contains((x.get("review") or {}).get("requested_on")):
            sets["reviews"].append(pk)
        if p.contains((x.get("rereview") or {}).get("requested_on")):
            sets["rereviews"].append(pk)
        if p.contains(r["closed_on"]):
            outcome = r["outcome"] or ""
            sets["closed"].append(pk)
            if f"outcome:{outcome}" in sets:
                sets[f"outcome:{outcome}"].append(pk)
            if outcome in ROUTED:
                sets["routed"].append(pk)
            elif outcome == "transferred":
                sets["transferred"].append(pk)
            elif outcome == "not_accepted":
                sets["not_accepted"].append(pk)
    return sets, {}


def compute_statistics(rows: Iterable[dict[str, Any]], *, year: int | Period) -> dict[str, Any]:
    p = as_period(year)
    sets, _ = case_sets(rows, year=p)
    n = {k: len(v) for k, v in sets.items()}
    figures: dict[str, Any] = {"year": p.year, **{k: n[k] for k in KEYS}}
    figures["on_time_rate"] = _rate(n["on_time"], n["handled"])
    figures["outcomes"] = [{"code": c, "label": label, "count": n[f"outcome:{c}"]} for c, label in OUTCOMES]
    figures["formula"] = formula_json()
    if p.part:
        figures["period"] = p.part
    return figures


def petitions_rows(
    *, year: int | Period, unit_code: str | None = None, user: Any = None, unit_ids: list[int] | None = None
) -> list[dict[str, Any]]:
    return period_rows(DOCKET, year=year, unit_code=unit_code, user=user, unit_ids=unit_ids, unit_of="respondent")


def petitions_statistics(*, year: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, Any]:
    figures = compute_statistics(petitions_rows(year=year, unit_code=unit_code, user=user), year=year)
    figures["unit"] = unit_code or ""
    return figures


def petitions_case_sets(*, year: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, list[int]]:
    return case_sets(petitions_rows(year=year, unit_code=unit_code, user=user), year=year)[0]


def petitions_by_unit(*, year: int | Period, user: Any = None) -> list[dict[str, Any]]:
    """One line per unit complained of (by name when outside the city)."""
    return unit_lines(
        petitions_rows(year=year, user=user),
        compute_statistics,
        year=year,
        name=lambda r: r["unit_name"] or (r["extra"] or {}).get("object_name", ""),
        coded_first=True,
    )
