"""Cross-docket statistics plumbing: each docket registers a `StatsSpec` (how to compute its figures, which case
ids lie behind each figure, the per-unit breakdown, and the labels of its table); the pages, the Excel export and
the `fazhi stats DOCKET --year YYYY [--unit CODE] --json` command all go through `stats_figures` here, so they print
the same numbers. Dockets don't import each other: each registers itself (litigation from its spec; a docket may also
ship a `stats_registry` module, discovered on first use).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.module_loading import autodiscover_modules, import_string

from fazhi.core.errors import DomainError
from fazhi.metrics.years import MIN_YEAR, year_check

from .models import Case
from .periods import Period, as_period

__all__ = ["MIN_YEAR", "year_check"]  # re-exported: the registry's year check (fazhi/metrics/years.py)


@dataclass(frozen=True)
class Figure:
    key: str  # key in the figures dict (stable JSON key)
    label: str
    rate: tuple[str, str] | None = None  # (numerator key, denominator key): a percentage figure
    drill: str = ""  # case-set key behind the number ("" = the figure's own key; "-" = none)

    @property
    def drill_key(self) -> str:
        return "" if self.drill == "-" else (self.drill or self.key)


@dataclass(frozen=True)
class Breakdown:
    """A figure's breakdown in the JSON and on the page: `key` holds [{code, label, count}] from the breakdown of the
    metric `<docket>.<figure>` (when `key` is that figure's own key, the list takes the place of its total)."""

    key: str
    figure: str
    label: str
    drill: str = ""  # case-set key prefix: "<drill>:<code>" lists the cases behind one count ("" = no links)


@dataclass(frozen=True)
class StatsSpec:
    docket: str
    label: str
    # `year` below is a calendar year or a Period (a quarter, half or month of one; cases/periods.py)
    compute: str  # dotted: (*, year, unit_code=None, user=None) -> dict of figures (the plain recount, for tests)
    case_sets: str  # dotted: (*, year, unit_code=None, user=None) -> {figure key: [case ids]}
    by_unit: str  # dotted: (*, year, user=None) -> [{"unit", "name", **figures}]
    figures: tuple[Figure, ...]
    unit_columns: tuple[Figure, ...] = ()
    formula: str = ""  # dotted: () -> the JSON "formula" (the configured outcome sets)
    pages: tuple[
        tuple[str, str], ...
    ] = ()  # (label, url name): the docket's own statistics pages, linked from its page
    breakdowns: tuple[Breakdown, ...] = ()  # figures broken down by category (JSON lists, page and Excel tables)

    def fn(self, name: str) -> Callable[..., Any]:
        return import_string(getattr(self, name))


STATS: dict[str, StatsSpec] = {}
_discovered = False


def register_stats(spec: StatsSpec) -> StatsSpec:
    STATS[spec.docket] = spec
    return spec


def stats_specs() -> list[StatsSpec]:
    global _discovered
    if not _discovered:
        autodiscover_modules("stats_registry")
        _discovered = True
    return sorted(STATS.values(), key=lambda s: s.docket != "reconsideration")


# Modules that are not dockets answer `fazhi stats NAME` with figures of their own (normative_documents): a callable
# (*, period, unit_code) -> the JSON dict, registered from their `stats_registry` module.
# `labels` names the figures the text output prints, in order.
STATS_COMMANDS: dict[str, tuple[str, Callable[..., dict[str, Any]], dict[str, str]]] = {}


def register_stats_command(name: str, label: str, fn: Callable[..., dict[str, Any]], labels: dict[str, str]) -> None:
    STATS_COMMANDS[name] = (label, fn, labels)


def stats_command_get(name: str) -> tuple[str, Callable[..., dict[str, Any]], dict[str, str]] | None:
    stats_specs()
    return STATS_COMMANDS.get(name)


def stats_get(docket: str) -> StatsSpec:
    for s in stats_specs():
        if s.docket == docket:
            return s
    names = "、".join(s.docket for s in stats_specs())
    raise DomainError("unknown_docket", f"没有案件类型“{docket}”的统计（可选：{names}）。", field="docket")


def unit_check(code: str | None) -> Any:
    """The unit with that code, or None for no filter; an unknown code is refused."""
    from fazhi.orgs.models import Unit

    if not code:
        return None
    unit = Unit.objects.filter(code=code.strip()).first()
    if unit is None:
        raise DomainError("unknown_unit", f"未找到编码为“{code}”的单位。", field="unit")
    return unit


def docket_metric_keys(docket: str) -> list[str]:
    """The docket's metrics in the registry: `<docket>.<figure key>` (fazhi/metrics). A metric taking its own filters
    (`params`: hot topics, a ranking) is a page's of its own, not a figure of the docket's statistics."""
    from fazhi.metrics.registry import metrics_all

    return [m.key for m in metrics_all() if m.key.startswith(docket + ".") and not m.params]


def _figures(docket: str, values: dict[str, dict[str, Any]]) -> dict[str, Any]:
    figures: dict[str, Any] = {k.split(".", 1)[1]: v["value"] for k, v in values.items()}
    figures["outcomes"] = [
        {"code": b["code"], "label": b["label"], "count": b["value"]} for b in values[f"{docket}.closed"]["breakdown"]
    ]
    return figures


def stats_figures(*, docket: str, year: int | Period, unit_code: str | None = None, user: Any = None) -> dict[str, Any]:
    """Every figure of the docket from the metric registry (keys of the `fazhi stats` JSON, a contract)."""
    from fazhi.metrics.selectors import metric_values

    spec = stats_get(docket)
    p = as_period(year)
    values = metric_values(docket_metric_keys(docket), period=p, unit=unit_code or None, viewer=user)
    figures = _figures(docket, values)
    for b in spec.breakdowns:
        figures[b.key] = [
            {"code": x["code"], "label": x["label"], "count": x["value"]}
            for x in values[f"{docket}.{b.figure}"]["breakdown"]
        ]
    figures.update(year=p.year, unit=unit_code or "", docket=docket, formula=spec.fn("formula")())
    if p.part:  # only for a part of a year: the whole-year JSON stays exactly as documented
        figures["period"] = p.part
    return figures


def stats_by_unit(
    *, docket: str, year: int | Period, user: Any = None, only: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """One line per respondent/defendant unit (by name when outside the city) with any case received, closed or
    heard in the period — from the registry's kept counts, grouped once (else the docket's live breakdown). `only`:
    the figures a caller shows (the page: its unit columns); the line then carries those, received, closed and
    hearings_held, and no other figure is computed for each unit."""
    from fazhi.metrics.selectors import metric_values, query
    from fazhi.metrics.tallies import tally_ready
    from fazhi.orgs.models import Unit

    from .figures import respondent_groups, respondent_learn, respondent_prefetch

    if not tally_ready(docket):
        return stats_get(docket).fn("by_unit")(year=year, user=user)
    memo: dict[Any, Any] = {}
    keys = docket_metric_keys(docket)
    if only is not None:
        wanted = {*only, "received", "closed", "hearings_held"}
        keys = [k for k in keys if k.split(".", 1)[1] in wanted]
    q = query(period=year, viewer=user, memo=memo)
    respondent_prefetch(q, docket)  # every series the table reads, grouped by respondent in one query
    groups = respondent_groups(q, {f"{docket}.{s}": None for s in ("received", "closed", "hearing")})
    units = {u.pk: (u.code, u.name) for u in Unit.objects.filter(pk__in=[g[0] for g in groups if g[0]])}
    out = []
    for unit_id, name in groups:
        code, unit_name = units.get(unit_id, ("", name))
        values = metric_values(keys, period=year, viewer=user, respondent=(unit_id, name), memo=memo)
        f = _figures(docket, values)
        if f.get("received") or f.get("closed") or f.get("hearings_held"):
            out.append({"unit": code, "name": unit_name, **f})
    respondent_learn(q, docket)
    out.sort(key=lambda r: (r["unit"] == "", r["unit"], r["name"]))
    return out


def stats_drill(
    *, docket: str, key: str, year: int | Period, unit_code: str | None = None, user: Any = None
) -> QuerySet[Case]:
    """The cases behind one number (same scope and definitions as the figure): the registry's records for a
    figure, the docket's case sets for one outcome of the outcome table."""
    from fazhi.metrics.registry import METRICS, metrics_all
    from fazhi.metrics.selectors import metric_value

    metrics_all()
    if f"{docket}.{key}" in METRICS and not METRICS[f"{docket}.{key}"].is_rate:
        ids = metric_value(f"{docket}.{key}", period=year, unit=unit_code or None, viewer=user, records=True)["records"]
    else:
        sets = stats_get(docket).fn("case_sets")(year=year, unit_code=unit_code or None, user=user)
        if key not in sets:
            raise DomainError("unknown_figure", "没有该统计项。", field="key")
        ids = sets[key]
    return (
        Case.objects.filter(pk__in=ids)
        .select_related("handling_unit", "respondent_unit")
        .order_by("-received_on", "-id")
    )


def figure_value(figures: dict[str, Any], f: Figure) -> Any:
    return figures.get(f.key)


def stats_workbook(*, docket: str, year: int | Period, unit_code: str | None = None, user: Any = None) -> bytes:
    """The figures, the outcome breakdown and the per-unit table as .xlsx (every cell through safe_cell)."""
    from openpyxl import Workbook

    from fazhi.core.excel import safe_cell

    spec = stats_get(docket)
    figures = stats_figures(docket=docket, year=year, unit_code=unit_code, user=user)
    wb = Workbook()
    ws = wb.active
    ws.title = "总体情况"
    ws.append([safe_cell(f"{spec.label}统计（{as_period(year).label}{('，单位 ' + unit_code) if unit_code else ''}）")])
    ws.append(["统计项", "数值", "说明"])
    for f in spec.figures:
        value = figure_value(figures, f)
        note = f"{figures.get(f.rate[0])}/{figures.get(f.rate[1])}" if f.rate else ""
        ws.append([safe_cell(f.label), safe_cell("" if value is None else value), safe_cell(note)])
    out = wb.create_sheet("结案结果")
    out.append(["结果", "件数"])
    for o in figures["outcomes"]:
        out.append([safe_cell(o["label"]), o["count"]])
    for b in spec.breakdowns:
        sheet = wb.create_sheet(b.label[:31])
        sheet.append([safe_cell(b.label), "件数"])
        for x in figures[b.key]:
            sheet.append([safe_cell(x["label"]), x["count"]])
    if not unit_code:
        units = wb.create_sheet("分单位")
        units.append(["单位编码", "单位", *[c.label for c in spec.unit_columns]])
        for row in stats_by_unit(docket=docket, year=year, user=user, only=[c.key for c in spec.unit_columns]):
            units.append(
                [
                    safe_cell(row["unit"]),
                    safe_cell(row["name"]),
                    *[safe_cell(row.get(c.key)) for c in spec.unit_columns],
                ]
            )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def stats_export(*, docket: str, year: int | Period, unit_code: str | None = None, by: Any) -> bytes:
    """The export is itself audited (who took which figures out)."""
    from fazhi.audit.services import record_event

    data = stats_workbook(docket=docket, year=year, unit_code=unit_code, user=by)
    record_event(
        actor=by,
        action="cases.stats.export",
        object_type="stats",
        object_id=docket,
        object_repr=f"{docket} {as_period(year).label}",
        summary={
            "docket": docket,
            "year": as_period(year).year,
            "period": as_period(year).part,
            "unit": unit_code or "",
        },
    )
    return data
