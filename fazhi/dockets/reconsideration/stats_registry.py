"""Registers 行政复议 with the cross-docket statistics (fazhi/cases/stats.py; discovered on first use).

Added by the 行政应诉 work (issue #4 part 4) as a new file, so reconsideration's own modules stay untouched: the
figures are reconsideration_statistics' (stats.py); this module adds the case ids behind each figure (same
definitions as compute_statistics, checked by a test) and the per-unit breakdown (compute_statistics per unit).
"""

from __future__ import annotations

from typing import Any

from fazhi.cases.periods import Period, as_period
from fazhi.cases.stats import Figure, StatsSpec, register_stats

from .spec import OUTCOMES
from .stats import DOCKET, compute_statistics, default_formula


def _rows(
    *, year: int | Period, unit_code: str | None = None, user: Any = None, unit_ids: list[int] | None = None
) -> list[dict[str, Any]]:
    from fazhi.cases.selectors import cases_in_period

    qs = cases_in_period(DOCKET, year, user=user, unit_code=unit_code, unit_ids=unit_ids)
    return [
        {
            "pk": c["pk"],
            "received_on": c["received_on"],
            "closed_on": c["closed_on"],
            "outcome": c["outcome"],
            "state": c["state"],
            "accepted_on": (c["extra"] or {}).get("accepted_on"),
            "decision_due": (c["extra"] or {}).get("decision_due"),
            "unit_code": c["respondent_unit__code"] or "",
            "unit_name": c["respondent_unit__name"] or (c["extra"] or {}).get("respondent_name", ""),
        }
        for c in qs.values(
            "pk",
            "received_on",
            "closed_on",
            "outcome",
            "state",
            "extra",
            "respondent_unit__code",
            "respondent_unit__name",
        )
    ]


def reconsideration_case_sets(
    *, year: int | Period, unit_code: str | None = None, user: Any = None, unit_ids: list[int] | None = None
) -> dict[str, list[int]]:
    p = as_period(year)
    f = default_formula()
    num, den = set(f["numerator"]), set(f["denominator"])
    sets: dict[str, list[int]] = {
        k: [] for k in ("received", "accepted", "closed", "closed_by_decision", "corrected", "on_time", "on_time_base")
    }
    for code, _label in OUTCOMES:
        sets[f"outcome:{code}"] = []
    for r in _rows(year=year, unit_code=unit_code, user=user, unit_ids=unit_ids):
        pk = r["pk"]
        if p.contains(r["received_on"]):
            sets["received"].append(pk)
        if p.contains(r["accepted_on"]):
            sets["accepted"].append(pk)
        if not p.contains(r["closed_on"]):
            continue
        sets["closed"].append(pk)
        if f"outcome:{r['outcome']}" in sets:
            sets[f"outcome:{r['outcome']}"].append(pk)
        if r["outcome"] in num:
            sets["corrected"].append(pk)
        if r["outcome"] in den:
            sets["closed_by_decision"].append(pk)
        if r["decision_due"] and r["state"] in ("decided", "terminated"):
            sets["on_time_base"].append(pk)
            if str(r["closed_on"]) <= str(r["decision_due"]):
                sets["on_time"].append(pk)
    return sets


def reconsideration_by_unit(*, year: int | Period, user: Any = None) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in _rows(year=year, user=user):
        groups.setdefault((r["unit_code"], r["unit_name"]), []).append(r)
    out = []
    for (code, name), rows in sorted(groups.items(), key=lambda kv: (kv[0][0] == "", kv[0][0], kv[0][1])):
        f = compute_statistics(rows, year=year)
        if f["received"] or f["closed"]:
            out.append({"unit": code, "name": name, **f})
    return out


ST = "fazhi.dockets.reconsideration."
register_stats(
    StatsSpec(
        docket="reconsideration",
        label="行政复议",
        compute=ST + "stats.reconsideration_statistics",
        case_sets=ST + "stats_registry.reconsideration_case_sets",
        by_unit=ST + "stats_registry.reconsideration_by_unit",
        formula=ST + "stats.formula_json",
        figures=(
            Figure("received", "收案"),
            Figure("accepted", "受理"),
            Figure("closed", "结案"),
            Figure("closed_by_decision", "以决定方式结案"),
            Figure("corrected", "纠错"),
            Figure("correction_rate", "纠错率", rate=("corrected", "closed_by_decision"), drill="corrected"),
            Figure("on_time_base", "应按期办结"),
            Figure("on_time", "按期办结"),
            Figure("on_time_rate", "按期办结率", rate=("on_time", "on_time_base"), drill="on_time_base"),
        ),
        unit_columns=(
            Figure("received", "收案"),
            Figure("closed", "结案"),
            Figure("corrected", "纠错"),
            Figure("correction_rate", "纠错率"),
            Figure("on_time_rate", "按期办结率"),
        ),
    )
)
