"""人民调解 statistics. `case_sets(rows, …)` is pure (rows in, case ids per figure out) and `compute_statistics`
counts those sets, so the drill-down lists always hold exactly the cases behind each number; the registry's metrics
(metrics.py, kept counts) are held to this recount by the tests.

Definitions (a period = a calendar year or a quarter, half or month of one; the date named must fall inside it):
- received: registered (登记日期) in the period; urgent: of those, flagged 群体性 or 可能激化;
- accepted: 受理 in the period; mediated: concluded by mediation in the period — an agreement (调解成功) or a
  termination (调解不成 / 当事人要求终止) dated in it; successful: agreements dated in it; written_agreements: of
  those, 书面调解协议;
- 调解成功率 = successful ÷ mediated (setting FAZHI_MEDIATION["SUCCESS_RATE_BASE"] = "accepted": ÷ accepted);
- confirmation_applied: 司法确认 applications dated in the period; confirmed: court results "valid" dated in it;
- performed: closed in the period with the outcome 协议已履行; closed: closed in the period (by outcome);
- on_time_base: concluded in the period with a target clock; on_time: concluded by its due date (2002 规定 第三十三条).
Unit filter: cases whose handling unit (the committee's unit) has that code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from fazhi.cases.periods import Period, as_period
from fazhi.cases.rows import period_rows, unit_lines

from .codes import OUTCOMES

DOCKET = "mediation"
KEYS = (
    "received",
    "urgent",
    "accepted",
    "mediated",
    "successful",
    "written_agreements",
    "confirmation_applied",
    "confirmed",
    "performed",
    "closed",
    "on_time",
    "on_time_base",
)


def success_base() -> str:
    base = getattr(settings, "FAZHI_MEDIATION", {}).get("SUCCESS_RATE_BASE", "mediated")
    return "accepted" if base == "accepted" else "mediated"


def formula_json() -> dict[str, Any]:
    return {"success_numerator": "successful", "success_denominator": success_base()}


def _rate(num: int, den: int) -> float | None:
    return round(100 * num / den, 2) if den else None


def conclusion(x: dict[str, Any]) -> tuple[str, str, str] | None:
    """(date, kind "success"/ground, target due) of a case's conclusion by mediation, or None."""
    a = x.get("agreement") or {}
    if a.get("on"):
        return str(a["on"])[:10], "success", str(a.get("target_due") or "")[:10]
    t = x.get("terminated") or {}
    if t.get("on"):
        return str(t["on"])[:10], str(t.get("ground") or "failed"), str(t.get("target_due") or "")[:10]
    return None


def case_sets(rows: Iterable[dict[str, Any]], *, year: int | Period) -> dict[str, list[int]]:
    """Case ids per figure key (and `outcome:<code>`, `type:<dispute type>`). Rows: pk, received_on, closed_on,
    outcome, extra."""
    p = as_period(year)
    sets: dict[str, list[int]] = {k: [] for k in KEYS}
    for code, _label in OUTCOMES:
        sets[f"outcome:{code}"] = []
    for r in rows:
        pk, x = r["pk"], r["extra"] or {}
        if p.contains(r["received_on"]):
            sets["received"].append(pk)
            sets.setdefault(f"type:{x.get('dispute_type', '')}", []).append(pk)
            if x.get("urgent"):
                sets["urgent"].append(pk)
        if p.contains(x.get("accepted_on")):
            sets["accepted"].append(pk)
        done = conclusion(x)
        if done and p.contains(done[0]):
            sets["mediated"].append(pk)
            if done[1] == "success":
                sets["successful"].append(pk)
                if (x.get("agreement") or {}).get("form") == "written":
                    sets["written_agreements"].append(pk)
            if done[2]:
                sets["on_time_base"].append(pk)
                if done[0] <= done[2]:
                    sets["on_time"].append(pk)
        c = x.get("confirmation") or {}
        if p.contains(c.get("applied_on")):
            sets["confirmation_applied"].append(pk)
        if c.get("result") == "valid" and p.contains(c.get("result_on")):
            sets["confirmed"].append(pk)
        if p.contains(r["closed_on"]):
            sets["closed"].append(pk)
            if f"outcome:{r['outcome']}" in sets:
                sets[f"outcome:{r['outcome']}"].append(pk)
            if r["outcome"] == "performed":
                sets["performed"].append(pk)
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
        success_rate=_rate(n["successful"], n[success_base()]),
        on_time_rate=_rate(n["on_time"], n["on_time_base"]),
        formula=formula_json(),
    )
    if p.part:
        figures["period"] = p.part
    return figures


def mediation_rows(
    *, year: int | Period, unit_code: str | None = None, user: Any = None, unit_ids: list[int] | None = None
) -> list[dict[str, Any]]:
    return period_rows(DOCKET, year=year, unit_code=unit_code, user=user, unit_ids=unit_ids)


def mediation_statistics(*, year: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, Any]:
    figures = compute_statistics(mediation_rows(year=year, unit_code=unit_code, user=user), year=year)
    figures["unit"] = unit_code or ""
    return figures


def mediation_case_sets(*, year: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, list[int]]:
    return case_sets(mediation_rows(year=year, unit_code=unit_code, user=user), year=year)


def mediation_by_unit(*, year: int | Period, user: Any = None) -> list[dict[str, Any]]:
    """One line per handling unit (a committee's unit) with any case received or closed in the period."""
    return unit_lines(mediation_rows(year=year, user=user), compute_statistics, year=year)


def today() -> dt.date:
    from fazhi.cases.services import today_local

    return today_local()
