"""纠纷求助登记 statistics: `case_sets(rows, …)` is pure (rows in, case ids per figure out) and `compute_statistics`
counts them — the plain recount the registry's metrics (metrics.py, kept counts) are held to by the tests, and what the
per-unit table reads before the counts are built.

Definitions (a period = a calendar year or a quarter, half or month of one; the date named falls inside it):
- received: registered (登记日期 = received_on) in the period, by channel (窗口, 12348, 网上, 转来, 主动排查);
- by_dispute_type: the same intakes by dispute type (the codes 人民调解 registers);
- urgent: of those, flagged 群体性 or 可能激化 (reported at once to the 司法所 / 司法局);
- routed: routes dated in the period, counted per route (件次: one intake routed to 人民调解 and 法律援助 is 2), by
  where to (the docket hand-overs and the referrals); its records are the intakes;
- closed: closed (办结) in the period, by outcome (已分流 / 当场解答).
Unit filter: the registering unit (the handling unit), which is also the data scope.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fazhi.cases.periods import Period, as_period
from fazhi.cases.rows import period_rows, unit_lines

from .codes import CHANNELS, DISPUTE_TYPES, DOCKET_ROUTES, OUTCOMES, REFERRALS

DOCKET = "intake"
KEYS = ("received", "by_dispute_type", "urgent", "routed", "closed")
ROUTES = DOCKET_ROUTES + REFERRALS
# (JSON key, the figure it breaks down, its codes, the case-set prefix of one count)
BREAKDOWNS = (
    ("by_channel", "received", CHANNELS, "channel"),
    ("by_dispute_type", "by_dispute_type", DISPUTE_TYPES, "type"),
    ("by_route", "routed", ROUTES, "route"),
)


def formula_json() -> dict[str, Any]:
    return {}


def case_sets(rows: Iterable[dict[str, Any]], *, year: int | Period) -> dict[str, list[int]]:
    """Case ids per figure key, and per code: `channel:<code>`, `type:<code>`, `route:<code>`, `outcome:<code>`.
    An intake routed twice in the period to different places is once in `routed` and in each `route:<code>`."""
    p = as_period(year)
    sets: dict[str, list[int]] = {k: [] for k in KEYS}
    for prefix, codes in (("channel", CHANNELS), ("type", DISPUTE_TYPES), ("route", ROUTES), ("outcome", OUTCOMES)):
        for code, _label in codes:
            sets[f"{prefix}:{code}"] = []
    for r in rows:
        pk, x = r["pk"], r["extra"] or {}
        if p.contains(r["received_on"]):
            sets["received"].append(pk)
            sets["by_dispute_type"].append(pk)
            sets.setdefault(f"channel:{x.get('channel', '')}", []).append(pk)
            sets.setdefault(f"type:{x.get('dispute_type', '')}", []).append(pk)
            if x.get("urgent"):
                sets["urgent"].append(pk)
        routed = [rt.get("channel", "") for rt in x.get("routes", []) if p.contains(rt.get("on"))]
        if routed:
            sets["routed"].append(pk)
        for channel in dict.fromkeys(routed):
            sets.setdefault(f"route:{channel}", []).append(pk)
        if p.contains(r["closed_on"]):
            sets["closed"].append(pk)
            sets.setdefault(f"outcome:{r['outcome']}", []).append(pk)
    return sets


def route_counts(rows: Iterable[dict[str, Any]], *, year: int | Period) -> dict[str, int]:
    """件次 per where to: the routes dated in the period."""
    p = as_period(year)
    out: dict[str, int] = {code: 0 for code, _ in ROUTES}
    for r in rows:
        for rt in (r["extra"] or {}).get("routes", []):
            if p.contains(rt.get("on")):
                out[rt.get("channel", "")] = out.get(rt.get("channel", ""), 0) + 1
    return out


def compute_statistics(rows: Iterable[dict[str, Any]], *, year: int | Period) -> dict[str, Any]:
    p = as_period(year)
    rows = list(rows)
    sets = case_sets(rows, year=p)
    routes = route_counts(rows, year=p)
    n = {k: len(v) for k, v in sets.items()}
    figures: dict[str, Any] = {k: n[k] for k in KEYS}
    figures["routed"] = sum(routes.values())
    figures.update(
        year=p.year,
        docket=DOCKET,
        outcomes=[{"code": c, "label": label, "count": n[f"outcome:{c}"]} for c, label in OUTCOMES],
        formula=formula_json(),
    )
    for key, _figure, codes, prefix in BREAKDOWNS:
        count = (lambda c: routes.get(c, 0)) if prefix == "route" else (lambda c, pre=prefix: n[f"{pre}:{c}"])
        figures[key] = [{"code": c, "label": label, "count": count(c)} for c, label in codes]
    if p.part:
        figures["period"] = p.part
    return figures


def intake_rows(
    *, year: int | Period, unit_code: str | None = None, user: Any = None, unit_ids: list[int] | None = None
) -> list[dict[str, Any]]:
    return period_rows(DOCKET, year=year, unit_code=unit_code, user=user, unit_ids=unit_ids)


def intake_statistics(*, year: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, Any]:
    figures = compute_statistics(intake_rows(year=year, unit_code=unit_code, user=user), year=year)
    figures["unit"] = unit_code or ""
    return figures


def intake_case_sets(*, year: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, list[int]]:
    return case_sets(intake_rows(year=year, unit_code=unit_code, user=user), year=year)


def intake_by_unit(*, year: int | Period, user: Any = None) -> list[dict[str, Any]]:
    """One line per registering unit with any intake received or closed in the period."""
    return unit_lines(intake_rows(year=year, user=user), compute_statistics, year=year)
