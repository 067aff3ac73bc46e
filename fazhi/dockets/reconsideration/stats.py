"""行政复议 statistics. `compute_statistics(rows, …)` is pure (rows in, figures out); `reconsideration_statistics`
reads the rows (scoped to the user when one is given) and calls it. The `fazhi stats reconsideration` command and the
chart pages call `reconsideration_statistics`.

Definitions (the period = a calendar year, or a quarter, half or month of one; dates named must fall inside it):
- received: received_on in the year; accepted: accepted_on in the year (incl. deemed acceptance);
- closed: closed_on in the year (decided, terminated, not accepted, abandoned);
- outcomes: closed cases by outcome code;
- 纠错率 = closed cases whose outcome is in `numerator` ÷ closed cases whose outcome is in `denominator`
  (default numerator 变更+撤销+部分撤销+确认违法+责令履行+确认无效; default denominator: every outcome closed by a
  decision — the eleven decision outcomes). Override with settings.FAZHI_RECONSIDERATION_CORRECTION_RATE
  = {"numerator": [...], "denominator": [...]} or the `formula` argument;
- on-time rate = closed by decision or termination on or before the decision clock's due date ÷ those with a due date.
- unit filter: cases whose respondent unit **or** handling unit has that code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from fazhi.cases.periods import Period, as_period

from .codes import DECISION_OUTCOMES, DEFAULT_CORRECTION_NUMERATOR
from .spec import OUTCOMES

DOCKET = "reconsideration"


def default_formula() -> dict[str, tuple[str, ...]]:
    custom = getattr(settings, "FAZHI_RECONSIDERATION_CORRECTION_RATE", None) or {}
    return {
        "numerator": tuple(custom.get("numerator", DEFAULT_CORRECTION_NUMERATOR)),
        "denominator": tuple(custom.get("denominator", tuple(DECISION_OUTCOMES))),
    }


def formula_json() -> dict[str, list[str]]:
    """The configured outcome sets as `fazhi stats` prints them ("formula")."""
    f = default_formula()
    return {"numerator": sorted(set(f["numerator"])), "denominator": sorted(set(f["denominator"]))}


def _rate(num: int, den: int) -> float | None:
    return round(100 * num / den, 2) if den else None


def compute_statistics(
    rows: Iterable[dict[str, Any]], *, year: int | Period, formula: dict[str, Iterable[str]] | None = None
) -> dict[str, Any]:
    """rows: dicts with received_on, accepted_on, closed_on, outcome, state, decision_due (dates or ISO strings);
    `year`: a calendar year or a Period (a quarter, half or month of one)."""
    p = as_period(year)
    f = formula or default_formula()
    numerator, denominator = set(f["numerator"]), set(f["denominator"])
    rows = list(rows)
    closed = [r for r in rows if p.contains(r.get("closed_on"))]
    outcomes = Counter(r.get("outcome") or "" for r in closed)
    corrected = sum(1 for r in closed if r.get("outcome") in numerator)
    by_decision = sum(1 for r in closed if r.get("outcome") in denominator)
    timed = [r for r in closed if r.get("decision_due") and r.get("state") in ("decided", "terminated")]
    on_time = sum(1 for r in timed if str(r["closed_on"]) <= str(r["decision_due"]))
    figures = {
        "year": p.year,
        "received": sum(1 for r in rows if p.contains(r.get("received_on"))),
        "accepted": sum(1 for r in rows if p.contains(r.get("accepted_on"))),
        "closed": len(closed),
        "closed_by_decision": by_decision,
        "outcomes": [{"code": c, "label": label, "count": outcomes.get(c, 0)} for c, label in OUTCOMES],
        "corrected": corrected,
        "correction_rate": _rate(corrected, by_decision),
        "on_time": on_time,
        "on_time_base": len(timed),
        "on_time_rate": _rate(on_time, len(timed)),
        "formula": {"numerator": sorted(numerator), "denominator": sorted(denominator)},
    }
    if p.part:  # only for a part of a year: the whole-year JSON stays exactly as documented
        figures["period"] = p.part
    return figures


def reconsideration_rows(*, year: int | Period, unit_code: str | None = None, user: Any = None) -> list[dict[str, Any]]:
    from django.db.models import Q

    from fazhi.cases.models import Case
    from fazhi.cases.selectors import cases_visible_to

    qs = cases_visible_to(user, docket=DOCKET) if user is not None else Case.objects.filter(docket=DOCKET)
    start, end = as_period(year).start, as_period(year).end
    # received in the period, or closed in the year, or accepted in the year (accepted_on ≥ received_on)
    qs = qs.filter(
        Q(received_on__range=(start, end))
        | Q(closed_on__range=(start, end))
        | Q(received_on__lte=end, closed_on__isnull=True)
        | Q(received_on__lte=end, closed_on__gt=end)
    )
    if unit_code:
        qs = qs.filter(Q(respondent_unit__code=unit_code) | Q(handling_unit__code=unit_code))
    return [
        {
            "received_on": c["received_on"],
            "closed_on": c["closed_on"],
            "outcome": c["outcome"],
            "state": c["state"],
            "accepted_on": (c["extra"] or {}).get("accepted_on"),
            "decision_due": (c["extra"] or {}).get("decision_due"),
        }
        for c in qs.values("received_on", "closed_on", "outcome", "state", "extra")
    ]


def reconsideration_statistics(
    *,
    year: int | Period,
    unit_code: str | None = None,
    user: Any = None,
    formula: dict[str, Iterable[str]] | None = None,
) -> dict[str, Any]:
    figures = compute_statistics(
        reconsideration_rows(year=year, unit_code=unit_code, user=user), year=year, formula=formula
    )
    figures["unit"] = unit_code or ""
    return figures
