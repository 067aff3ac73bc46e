"""行政应诉 statistics. `case_sets(rows, …)` is pure (rows in, case ids per figure out) and `compute_statistics`
counts those sets, so the drill-down lists always hold exactly the cases behind each number.
`litigation_statistics` reads the rows (scoped to the user when one is given); the `fazhi stats litigation` command
and the chart pages call it through `fazhi/cases/stats.py`.

Definitions (the period = a calendar year, or a quarter, half or month of one; dates named must fall inside it):
- received: cases whose complaint copy was served in the year (收到起诉状副本); accepted: of those, not 不予立案;
- closed: closed_on in the year; outcomes: closed cases by outcome code;
- 败诉率 = closed cases whose outcome is in `lost` ÷ closed cases whose outcome is in `lost_denominator`
  (default: lost = 撤销, 部分撤销, 确认违法, 确认无效, 履行, 给付, 变更, 赔偿; denominator = closed by judgment);
- 负责人出庭应诉率 = hearings in the year, held by `as_of`, at which a qualifying head (解释 Art. 128) appeared ÷
  hearings in the year held by `as_of` that required a head (`appearance_base` "requiring", default) or all held
  hearings ("all"). A held hearing whose appearance was not recorded counts as no head present;
- on-time (按期答辩) rate = defences submitted in the year on or before the defence clock's due date ÷ defences
  submitted in the year with a due date.
Override with settings.FAZHI_LITIGATION_RATES = {"lost": [...], "lost_denominator": [...], "appearance_base": "all"}
or the `formula` argument. Unit filter: cases whose defendant unit **or** handling unit has that code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from fazhi.cases.periods import Period, as_period

from .codes import DEFAULT_LOST, JUDGMENT_OUTCOMES, OUTCOMES

DOCKET = "litigation"


def default_formula() -> dict[str, Any]:
    custom = getattr(settings, "FAZHI_LITIGATION_RATES", None) or {}
    return {
        "lost": tuple(custom.get("lost", DEFAULT_LOST)),
        "lost_denominator": tuple(custom.get("lost_denominator", JUDGMENT_OUTCOMES)),
        "appearance_base": custom.get("appearance_base", "requiring"),
    }


def formula_json() -> dict[str, Any]:
    """The configured outcome sets and appearance base as `fazhi stats` prints them ("formula")."""
    f = default_formula()
    return {
        "lost": sorted(f["lost"]),
        "lost_denominator": sorted(f["lost_denominator"]),
        "appearance_base": f["appearance_base"],
    }


def lost_codes() -> tuple[str, ...]:
    return default_formula()["lost"]


def _s(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value or "")


def _rate(num: int, den: int) -> float | None:
    return round(100 * num / den, 2) if den else None


def _held_hearings(row: dict[str, Any], period: Period, as_of: str) -> list[dict[str, Any]]:
    return [h for h in row.get("hearings") or [] if period.contains(h.get("on")) and h["on"] <= as_of]


def case_sets(
    rows: Iterable[dict[str, Any]],
    *,
    year: int | Period,
    formula: dict[str, Any] | None = None,
    as_of: dt.date | None = None,
) -> tuple[dict[str, list[int]], dict[str, int]]:
    """(case ids per figure key, hearing counts). Rows: pk, received_on, closed_on, outcome, state, hearings,
    defence_due, defence_submitted_on, after_reconsideration."""
    p = as_period(year)
    f = formula or default_formula()
    lost, den = set(f["lost"]), set(f["lost_denominator"])
    cutoff = _s(as_of or dt.date.max)
    sets: dict[str, list[int]] = {
        k: []
        for k in (
            "received",
            "accepted",
            "closed",
            "closed_by_judgment",
            "lost",
            "after_reconsideration",
            "hearings_held",
            "hearings_requiring",
            "head_appeared",
            "on_time",
            "on_time_base",
        )
    }
    for code, _label in OUTCOMES:
        sets[f"outcome:{code}"] = []
    counts = {"hearings_held": 0, "hearings_requiring": 0, "head_appeared": 0}
    for r in rows:
        pk = r["pk"]
        if p.contains(r.get("received_on")):
            sets["received"].append(pk)
            if r.get("outcome") != "not_filed":
                sets["accepted"].append(pk)
            if r.get("after_reconsideration"):
                sets["after_reconsideration"].append(pk)
        if p.contains(r.get("closed_on")):
            sets["closed"].append(pk)
            outcome = r.get("outcome") or ""
            if f"outcome:{outcome}" in sets:
                sets[f"outcome:{outcome}"].append(pk)
            if outcome in den:
                sets["closed_by_judgment"].append(pk)
            if outcome in lost:
                sets["lost"].append(pk)
        held = _held_hearings(r, p, cutoff)
        base = held if f["appearance_base"] == "all" else [h for h in held if h.get("requires_head", True)]
        appeared = [h for h in base if (h.get("appearance") or {}).get("qualifying")]
        counts["hearings_held"] += len(held)
        counts["hearings_requiring"] += len(base)
        counts["head_appeared"] += len(appeared)
        for key, hs in (("hearings_held", held), ("hearings_requiring", base), ("head_appeared", appeared)):
            if hs:
                sets[key].append(pk)
        submitted, due = r.get("defence_submitted_on"), r.get("defence_due")
        if p.contains(submitted) and due:
            sets["on_time_base"].append(pk)
            if _s(submitted) <= _s(due):
                sets["on_time"].append(pk)
    return sets, counts


def compute_statistics(
    rows: Iterable[dict[str, Any]],
    *,
    year: int | Period,
    formula: dict[str, Any] | None = None,
    as_of: dt.date | None = None,
) -> dict[str, Any]:
    p = as_period(year)
    f = formula or default_formula()
    sets, hearings = case_sets(rows, year=p, formula=f, as_of=as_of)
    n = {k: len(v) for k, v in sets.items()}
    figures = {
        "year": p.year,
        "received": n["received"],
        "accepted": n["accepted"],
        "closed": n["closed"],
        "closed_by_judgment": n["closed_by_judgment"],
        "outcomes": [{"code": c, "label": label, "count": n[f"outcome:{c}"]} for c, label in OUTCOMES],
        "lost": n["lost"],
        "lost_rate": _rate(n["lost"], n["closed_by_judgment"]),
        "hearings_held": hearings["hearings_held"],
        "hearings_requiring": hearings["hearings_requiring"],
        "head_appeared": hearings["head_appeared"],
        "appearance_rate": _rate(hearings["head_appeared"], hearings["hearings_requiring"]),
        "on_time": n["on_time"],
        "on_time_base": n["on_time_base"],
        "on_time_rate": _rate(n["on_time"], n["on_time_base"]),
        "after_reconsideration": n["after_reconsideration"],
        "formula": {
            "lost": sorted(f["lost"]),
            "lost_denominator": sorted(f["lost_denominator"]),
            "appearance_base": f["appearance_base"],
        },
    }
    if p.part:  # only for a part of a year: the whole-year JSON stays exactly as documented
        figures["period"] = p.part
    return figures


def litigation_rows(
    *, year: int | Period, unit_code: str | None = None, user: Any = None, unit_ids: list[int] | None = None
) -> list[dict[str, Any]]:
    from fazhi.cases.selectors import cases_in_period

    qs = cases_in_period(DOCKET, year, user=user, unit_code=unit_code, unit_ids=unit_ids)
    out = []
    for c in qs.values(
        "pk",
        "received_on",
        "closed_on",
        "outcome",
        "state",
        "extra",
        "respondent_unit__code",
        "respondent_unit__name",
    ):
        x = c["extra"] or {}
        out.append(
            {
                "pk": c["pk"],
                "received_on": c["received_on"],
                "closed_on": c["closed_on"],
                "outcome": c["outcome"],
                "state": c["state"],
                "hearings": x.get("hearings") or [],
                "defence_due": x.get("defence_due"),
                "defence_submitted_on": x.get("defence_submitted_on"),
                "after_reconsideration": bool(x.get("after_reconsideration")),
                "unit_code": c["respondent_unit__code"] or "",
                "unit_name": c["respondent_unit__name"] or x.get("defendant_name", ""),
            }
        )
    return out


def _today() -> dt.date:
    from fazhi.cases.services import today_local

    return today_local()


def litigation_statistics(
    *, year: int | Period, unit_code: str | None = None, user: Any = None, formula: dict[str, Any] | None = None
) -> dict[str, Any]:
    rows = litigation_rows(year=year, unit_code=unit_code, user=user)
    figures = compute_statistics(rows, year=year, formula=formula, as_of=_today())
    figures["unit"] = unit_code or ""
    return figures


def litigation_case_sets(*, year: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, list[int]]:
    rows = litigation_rows(year=year, unit_code=unit_code, user=user)
    return case_sets(rows, year=year, as_of=_today())[0]


def litigation_by_unit(*, year: int | Period, user: Any = None) -> list[dict[str, Any]]:
    """One line per defendant unit (by name when the defendant is not a unit of the city)."""
    rows = litigation_rows(year=year, user=user)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["unit_code"], r["unit_name"]), []).append(r)
    today = _today()
    out = []
    for (code, name), rs in sorted(groups.items(), key=lambda kv: (kv[0][0] == "", kv[0][0], kv[0][1])):
        f = compute_statistics(rs, year=year, as_of=today)
        if f["received"] or f["closed"] or f["hearings_held"]:
            out.append({"unit": code, "name": name, **f})
    return out
