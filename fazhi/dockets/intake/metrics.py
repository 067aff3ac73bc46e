"""The intake's figures in the metric registry (issue 17 §4): received (by channel) and routed (by where to), kept
as counts in each intake's write (the kernel's case tally source) and, before the counts are built, recounted live
from the same events. Counted for the registering unit, which is also the data scope."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fazhi.cases.figures import case_source, cases_scope_unit_ids, kept, tally_total
from fazhi.metrics.registry import Measure, Metric, Query, register_metric
from fazhi.metrics.tallies import Contribution, day_of

from .codes import CHANNELS, DOCKET_ROUTES, REFERRALS

DOCKET = "intake"
MODULE = "纠纷求助登记"
NOTE = "按登记单位计（指定单位时计入该单位，含下级单位时为其下级）；按查看人的数据范围（登记单位）计。"


def contributions(row: dict[str, Any]) -> Iterator[Contribution]:
    x = row["extra"] or {}
    unit = row["handling_unit_id"]
    yield (f"{DOCKET}.received", day_of(row["received_on"]), unit, unit, x.get("channel", ""), "")  # type: ignore[misc]
    for r in x.get("routes", []):
        yield (f"{DOCKET}.routed", day_of(r["on"]), unit, unit, r.get("channel", ""), "")  # type: ignore[misc]


SOURCE = case_source(DOCKET, contributions)


def _live(q: Query) -> list[tuple[str, str, int]]:
    """(series, category, case id) of every event in the period, unit and viewer scope, recounted from the cases."""

    def run() -> list[tuple[str, str, int]]:
        from fazhi.cases.models import Case

        qs = Case.objects.filter(docket=DOCKET, received_on__lte=q.period.end)
        scope = None if q.viewer is None else cases_scope_unit_ids(q.viewer, DOCKET)
        if scope is not None:
            qs = qs.filter(handling_unit_id__in=sorted(scope))
        if q.unit_ids is not None:
            qs = qs.filter(handling_unit_id__in=sorted(q.unit_ids))
        out = []
        fields = ("pk", "received_on", "extra", "handling_unit_id")
        for row in qs.values(*fields):
            for series, day, _unit, _scope, category, _name in contributions(row):
                if day is not None and q.period.start <= day <= q.period.end:
                    out.append((series, category, row["pk"]))
        return out

    return q.memoize(("live", DOCKET), run)


def _count(series: str, codes: tuple[tuple[str, str], ...]) -> Any:
    full = f"{DOCKET}.{series}"

    def compute(q: Query) -> Measure:
        if kept(q, DOCKET):
            by = {code: tally_total(q, full, lambda c, code=code: c == code) for code, _ in codes}
        else:
            by = {code: 0 for code, _ in codes}
            for s, category, _pk in _live(q):
                if s == full:
                    by[category] = by.get(category, 0) + 1
        breakdown = [{"code": c, "label": label, "value": by.get(c, 0)} for c, label in codes]
        records = sorted({pk for s, _c, pk in _live(q) if s == full}) if q.records else None
        return Measure(sum(by.values()), breakdown=breakdown, records=records)

    return compute


register_metric(
    Metric(
        key=f"{DOCKET}.received",
        label="登记纠纷求助",
        unit="件",
        definition="登记日期在统计期间内的纠纷求助登记（窗口、12348热线、网上、转来、主动排查），按来源渠道分列。",
        module=MODULE,
        compute=_count("received", CHANNELS),
        breakdown="来源渠道",
        maintained=True,
        record_kind="cases.case",
        scope_note=NOTE,
    )
)
register_metric(
    Metric(
        key=f"{DOCKET}.routed",
        label="分流（件次）",
        unit="件次",
        definition=(
            "分流日期在统计期间内的分流去向，按去向分列：转人民调解、法律援助、行政复议、行政裁决、行政调解（各移交为"
            "一件案件；行政裁决、行政调解在其案件类型建立前为转介，旧的转介计入同一去向）和转介公证、仲裁、司法鉴定、"
            "诉讼指引、律师调解；一件登记分流到几个去向计几件次。"
        ),
        module=MODULE,
        compute=_count("routed", DOCKET_ROUTES + REFERRALS),
        breakdown="分流去向",
        maintained=True,
        record_kind="cases.case",
        scope_note=NOTE,
    )
)
