"""What a docket's statistics read, once for every docket: its cases in a period as plain rows, and the per-unit lines
of the statistics page and `fazhi stats … --by-unit`.

`period_rows(docket, year=…, unit_of="handling" | "respondent")` — the cases `cases_in_period` selects (the period,
the unit filter, the viewer's data scope), each as {pk, received_on, closed_on, outcome, state, extra, unit_code,
unit_name}, the unit being the one that handles the case (人民调解, 法律援助: the committee or centre) or the one it is
against (信访: the unit complained of; 12345: the unit dispatched to; 行政应诉: the defendant).

`unit_lines(rows, compute, year=…)` — one line per unit: the docket's `compute(rows, year=…)` over that unit's rows,
kept when `keep(figures)` (default: something received or closed in the period).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

from .periods import Period

_UNIT_FIELDS = {
    "handling": ("handling_unit__code", "handling_unit__name"),
    "respondent": ("respondent_unit__code", "respondent_unit__name"),
}


def period_rows(
    docket: str,
    *,
    year: int | Period,
    unit_code: str | None = None,
    user: Any = None,
    unit_ids: list[int] | None = None,
    unit_of: Literal["handling", "respondent"] = "handling",
) -> list[dict[str, Any]]:
    from .selectors import cases_in_period

    code, name = _UNIT_FIELDS[unit_of]
    qs = cases_in_period(docket, year, user=user, unit_code=unit_code, unit_ids=unit_ids)
    return [
        {**c, "unit_code": c.pop(code) or "", "unit_name": c.pop(name) or ""}
        for c in qs.values("pk", "received_on", "closed_on", "outcome", "state", "extra", code, name)
    ]


def _received_or_closed(figures: dict[str, Any]) -> bool:
    return bool(figures["received"] or figures["closed"])


def unit_lines(
    rows: Iterable[dict[str, Any]],
    compute: Callable[..., dict[str, Any]],
    *,
    year: int | Period,
    name: Callable[[dict[str, Any]], str] = lambda r: r["unit_name"],
    skip: Callable[[dict[str, Any]], bool] = lambda r: False,
    keep: Callable[[dict[str, Any]], bool] = _received_or_closed,
    coded_first: bool = False,
) -> list[dict[str, Any]]:
    """`coded_first`: units of the city (with a code) before those named only (a defendant outside the city)."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        if not skip(r):
            groups.setdefault((r["unit_code"], name(r)), []).append(r)
    order = sorted(groups.items(), key=(lambda kv: (kv[0][0] == "", *kv[0])) if coded_first else (lambda kv: kv[0]))
    out = []
    for (code, unit_name), rs in order:
        figures = compute(rs, year=year)
        if keep(figures):
            out.append({"unit": code, "name": unit_name, **figures})
    return out
