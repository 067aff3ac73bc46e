"""响应率、按期办结率、解决率、满意率 per 诉求分类 and per 所属区域 (issue 18: "per unit, category, area and month").

The unit ranking reads the docket's own kept counts (per responsible unit). Per category and area the rates come
from a second source over the same orders, `hotline_rates`, kept in each order write's transaction like every
source (never a full scan per request once built; until it is built the figures are counted live, the same way):
every scored order closed (办结) on a day counts, for its category (``c:<code>``) and its area (``a:<area>``), in

- ``hotline_rates.closed`` under ``<dim>|<outcome>`` — scored, rated (回访成功: outcome other than 未联系上) and
  satisfied (the outcome in FAZHI_HOTLINE SATISFIED, read when asked, so the setting needs no rebuild) follow from it;
- ``hotline_rates.responded`` / ``.on_time`` / ``.resolved`` under ``<dim>`` — 按时签收, 按期办结, 已解决.

The formulas are the docket's (stats.RATES: numerator ÷ denominator × 100 %, two decimals, none when the
denominator is 0), so a category's or area's rate is the unit ranking's rate restricted to its orders.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fazhi.cases.figures import case_contribution
from fazhi.metrics.registry import rate
from fazhi.metrics.tallies import Contribution

from .codes import satisfied_codes
from .stats import DOCKET, RATES, SCORED

SOURCE = "hotline_rates"
DIMENSIONS = {"category": ("c", "诉求分类"), "area": ("a", "所属区域")}
NO_AREA = "未注明区域"
AREA_MAX = 30  # a kept count's category holds 48 characters: "a:" + area + "|" + outcome
FLAGS = ("responded", "on_time", "resolved")


def _dims(x: dict[str, Any]) -> tuple[str, str]:
    return f"c:{str(x.get('category') or '')[:20]}", f"a:{str(x.get('area') or '').strip()[:AREA_MAX]}"


def _flags(x: dict[str, Any], outcome: str) -> Iterator[str]:
    """The docket's own tests for the three counted answers (metrics.contributions)."""
    if (x.get("signed") or {}).get("on_time"):
        yield "responded"
    if (x.get("reply") or {}).get("on_time"):
        yield "on_time"
    if outcome != "unreached" and (x.get("visit") or {}).get("solved"):
        yield "resolved"


def rate_contributions(row: dict[str, Any]) -> Iterator[Contribution]:
    outcome = row["outcome"] or ""
    if not row["closed_on"] or outcome not in SCORED:
        return
    x = row["extra"] or {}
    flags = list(_flags(x, outcome))
    for dim in _dims(x):
        for what, category in (("closed", f"{dim}|{outcome}"), *((f, dim) for f in flags)):
            _series, *rest = case_contribution(row, what, row["closed_on"], category)
            yield (f"{SOURCE}.{what}", *rest)  # type: ignore[misc]


def _source() -> Any:
    from fazhi.cases.figures import CASE_FIELDS, cases_scope_unit_ids
    from fazhi.cases.models import Case
    from fazhi.metrics.tallies import TallySource, maintain

    return maintain(
        TallySource(
            name=SOURCE,
            model=Case,
            fields=CASE_FIELDS,
            contributions=rate_contributions,
            belongs=lambda row: row["docket"] == DOCKET,
            queryset=lambda: Case.objects.filter(docket=DOCKET),
            scope=cases_scope_unit_ids,
        )
    )


RATES_SOURCE = _source()


def _scope(viewer: Any) -> frozenset[int] | None:
    from fazhi.cases.figures import cases_scope_unit_ids

    return None if viewer is None else cases_scope_unit_ids(viewer, DOCKET)


def _closed_cases(*, start: Any, end: Any, unit_ids: frozenset[int] | None, scope: frozenset[int] | None) -> Any:
    from django.db.models import Q

    from fazhi.cases.models import Case

    qs = Case.objects.filter(docket=DOCKET, closed_on__range=(start, end), outcome__in=SCORED)
    if unit_ids is not None:
        ids = sorted(unit_ids)
        qs = qs.filter(Q(respondent_unit_id__in=ids) | Q(handling_unit_id__in=ids))
    if scope is not None:
        qs = qs.filter(handling_unit_id__in=sorted(scope))
    return qs


def _counts(
    *, start: Any, end: Any, unit_ids: frozenset[int] | None, scope: frozenset[int] | None, memo: Any = None
) -> dict[str, dict[str, int]]:
    """{series: {category: n}} over the period: from the kept counts once built, else counted from the orders."""
    from fazhi.metrics.tallies import tally_ready, tally_sums_by_series

    names = [f"{SOURCE}.{w}" for w in ("closed", *FLAGS)]
    if tally_ready(SOURCE, memo):
        sums = tally_sums_by_series(names, start=start, end=end, unit_ids=unit_ids, scope=scope)
        return {name.split(".", 1)[1]: {k[0]: n for k, n in by.items()} for name, by in sums.items()}
    out: dict[str, dict[str, int]] = {w: {} for w in ("closed", *FLAGS)}
    rows = _closed_cases(start=start, end=end, unit_ids=unit_ids, scope=scope).values(
        "extra", "outcome", "closed_on", "respondent_unit_id", "handling_unit_id", "docket"
    )
    for row in rows:
        for series, _day, _unit, _scope_unit, category, _name in rate_contributions(row):
            what = series.split(".", 1)[1]
            out[what][category] = out[what].get(category, 0) + 1
    return out


def rate_lines(
    *,
    dimension: str,
    start: Any,
    end: Any,
    viewer: Any = None,
    unit_ids: frozenset[int] | None = None,
    memo: Any = None,
) -> list[dict[str, Any]]:
    """One line per category (or area) with scored orders closed in start..end, most scored first: {"code", "label",
    "scored", "rated", "responded", "on_time", "resolved", "satisfied", "response_rate", "on_time_rate",
    "resolution_rate", "satisfaction_rate"}. Categories are labelled from the tree; an empty area is 未注明区域."""
    from .codes import categories

    prefix = DIMENSIONS[dimension][0] + ":"
    counts = _counts(start=start, end=end, unit_ids=unit_ids, scope=_scope(viewer), memo=memo)
    satisfied = set(satisfied_codes())
    lines: dict[str, dict[str, int]] = {}
    for category, n in counts["closed"].items():
        dim, _, outcome = category.partition("|")
        if not dim.startswith(prefix):
            continue
        line = lines.setdefault(dim[len(prefix) :], dict.fromkeys(("scored", "rated", "satisfied", *FLAGS), 0))
        line["scored"] += n
        if outcome != "unreached":
            line["rated"] += n
        if outcome in satisfied:
            line["satisfied"] += n
    for what in FLAGS:
        for dim, n in counts[what].items():
            if dim.startswith(prefix) and dim[len(prefix) :] in lines:
                lines[dim[len(prefix) :]][what] += n
    names = dict(categories()) if dimension == "category" else {}
    out = []
    for code, line in lines.items():
        label = names.get(code, code or "（未分类）") if dimension == "category" else (code or NO_AREA)
        item: dict[str, Any] = {"code": code or (NO_AREA if dimension == "area" else ""), "label": label, **line}
        for key, (num, den) in RATES.items():
            item[key] = rate(line[num], line[den])
        out.append(item)
    out.sort(key=lambda r: (-r["scored"], r["code"]))
    return out
