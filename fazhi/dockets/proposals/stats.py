"""The plain recount of the 建议提案 figures from the docket's own rows (replies, ratings, commitments, clocks) — the
check that every metric in metrics.py (counted from the cases' summaries) says the same; also the case sets behind
each number and the per-unit table of the statistics pages. Units are the 主办 units."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from fazhi.cases.models import Case
from fazhi.cases.periods import as_period
from fazhi.cases.selectors import cases_visible_to
from fazhi.metrics.periods import Period

from .models import Commitment, Feedback, Reply

CLASSES = ("A", "B", "C", "D")
KEYS = (
    "received",
    "answered",
    "on_time",
    "class_a",
    "class_b",
    "class_c",
    "class_d",
    "closed",
    "rated",
    "satisfied",
    "rehandled",
    "open_commitments",
)


def _rate(num: int, den: int) -> float | None:
    return round(100 * num / den, 2) if den else None


def _cases(year: int | Period, unit_code: str | None, user: Any) -> Any:
    p = as_period(year)
    qs = cases_visible_to(user, docket="proposals") if user is not None else Case.objects.filter(docket="proposals")
    qs = qs.filter(received_on__lte=p.end)
    if unit_code:
        qs = qs.filter(handling_unit__code=unit_code)
    return qs


def proposals_case_sets(*, year: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, list[int]]:
    from fazhi.cases import clocks

    from .metrics import satisfied_set
    from .spec import reply_key

    p = as_period(year)
    cases = {c.pk: c for c in _cases(year, unit_code, user)}
    ids = set(cases)
    sets: dict[str, set[int]] = {k: set() for k in KEYS}
    for pk, c in cases.items():
        if p.start <= c.received_on <= p.end:
            sets["received"].add(pk)
        if c.closed_on and p.start <= c.closed_on <= p.end:
            sets["closed"].add(pk)
    firsts = Reply.objects.filter(case_id__in=ids, round=1, kind="first", sent_on__range=(p.start, p.end))
    for r in firsts.select_related("case"):
        if r.unit_id != cases[r.case_id].handling_unit_id:
            continue  # a 分办 unit's part
        sets["answered"].add(r.case_id)
        sets[f"class_{r.result_class.lower()}"].add(r.case_id)
        clock = clocks.case_clock(cases[r.case_id], reply_key(cases[r.case_id]))
        if clock is not None and r.sent_on <= clock.due_date:
            sets["on_time"].add(r.case_id)
    latest: dict[int, Feedback] = {}
    for f in Feedback.objects.filter(case_id__in=ids, on__lte=p.end).order_by("case_id", "round"):
        latest[f.case_id] = f
        if f.rating == "unsatisfied" and f.on >= p.start:
            sets["rehandled"].add(f.case_id)
    for pk, f in latest.items():
        if f.on >= p.start:
            sets["rated"].add(pk)
            if f.rating in satisfied_set():
                sets["satisfied"].add(pk)
    open_c = Commitment.objects.filter(case_id__in=ids, reply__sent_on__lte=p.end).filter(
        Q(done_on__isnull=True) | Q(done_on__gt=p.end)
    )
    sets["open_commitments"] = set(open_c.values_list("case_id", flat=True))
    for c in CLASSES:
        sets[f"outcome:{c}"] = {pk for pk in sets["closed"] if cases[pk].outcome == c}
    return {k: sorted(v) for k, v in sets.items()}


def proposals_statistics(*, year: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, Any]:
    sets = proposals_case_sets(year=year, unit_code=unit_code, user=user)
    f: dict[str, Any] = {k: len(sets[k]) for k in KEYS}
    f["on_time_rate"] = _rate(f["on_time"], f["answered"])
    f["satisfaction_rate"] = _rate(f["satisfied"], f["rated"])
    f["outcomes"] = [{"code": c, "label": f"{c}类", "count": len(sets[f"outcome:{c}"])} for c in CLASSES]
    return f


def proposals_by_unit(*, year: int | Period, user: Any = None) -> list[dict[str, Any]]:
    from fazhi.orgs.models import Unit

    codes = _cases(year, None, user).values_list("handling_unit__code", flat=True).distinct()
    out = []
    for unit in Unit.objects.filter(code__in=list(codes)).order_by("sort_order", "code"):
        f = proposals_statistics(year=year, unit_code=unit.code, user=user)
        if f["received"] or f["answered"] or f["closed"] or f["open_commitments"]:
            out.append({"unit": unit.code, "name": unit.name, **f})
    return out


def formula_json() -> dict[str, Any]:
    from django.conf import settings

    cfg = getattr(settings, "FAZHI_PROPOSALS", {})
    return {
        "satisfied": sorted(cfg.get("SATISFIED", ["satisfied", "basic"])),
        "classes": str(cfg.get("CLASSES", "ABC")),
        "reply_months": {
            k.removeprefix("REPLY_MONTHS_").lower(): int(v) for k, v in cfg.items() if k.startswith("REPLY_MONTHS_")
        },
    }
