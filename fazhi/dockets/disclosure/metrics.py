"""依申请公开 figures in the metric registry (docs/howto/add-a-metric.md): one metric per row of the annual table
(国办公开办函〔2021〕30号 第三部分) with its breakdown by applicant type (the table's columns; the records behind every
cell), and the on-time reply rate (《政府信息公开条例》第三十三条). Counted live from the requests (stats.table_cells,
memoised per query): one statement per period, unit and viewer."""

from __future__ import annotations

from typing import Any

from fazhi.metrics.registry import PERCENT, Measure, Metric, Query, register_metric

from .codes import APPLICANT_TYPES, TABLE_ROWS
from .stats import table_cells

MODULE = "政府信息公开"
SCOPE = "单位筛选按受理机关（承办单位）；查看者只计其数据范围内的申请。"
WHEN = {
    "new": "收到日期（《政府信息公开条例》第三十一条）在统计期间内的申请。",
    "carried_in": "收到日期早于统计期间、且在统计期间开始前尚未办结的申请。",
    "total": "在统计期间内办结（以答复或终止处理日期为准）的申请，三(一)至三(六)之和。",
    "carried_out": "收到日期不晚于统计期间末日、且到期末尚未办结的申请。",
}


def _cells(q: Query) -> dict[str, dict[str, list[int]]]:
    return q.memoize(
        ("disclosure.table", q.period, q.unit_ids, getattr(q.viewer, "pk", None)),
        lambda: table_cells(start=q.period.start, end=q.period.end, unit_ids=q.unit_ids, viewer=q.viewer),
    )


def _row(row: str) -> Any:
    def compute(q: Query) -> Measure:
        cells = _cells(q)[row]
        breakdown = [{"code": c, "label": label, "value": len(cells[c])} for c, label in APPLICANT_TYPES]
        return Measure(len(cells["total"]), breakdown=breakdown, records=cells["total"] if q.records else None)

    return compute


for key, label in TABLE_ROWS:
    definition = WHEN.get(key) or f"在统计期间内办结、办理结果为“{label.strip()}”的申请（以答复或终止处理日期为准）。"
    register_metric(
        Metric(
            key=f"disclosure.{key}",
            label=label,
            unit="件",
            module=MODULE,
            definition=definition
            + "按申请人类型（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）分列。",
            compute=_row(key),
            breakdown="申请人类型",
            record_kind="cases.case",
            scope_note=SCOPE,
        )
    )


def _replies(q: Query) -> tuple[list[int], list[int]]:
    def build() -> tuple[list[int], list[int]]:
        from .stats import requests_in_scope

        qs = requests_in_scope(unit_ids=q.unit_ids, viewer=q.viewer).filter(
            state="replied", closed_on__gte=q.period.start, closed_on__lte=q.period.end
        )
        base, on_time = [], []
        for pk, flag in qs.values_list("pk", "extra__reply__on_time"):
            if flag is None:
                continue  # imported from Excel: no clock, timeliness unknown
            base.append(pk)
            if flag is True:
                on_time.append(pk)
        return sorted(base), sorted(on_time)

    return q.memoize(("disclosure.replies", q.period, q.unit_ids, getattr(q.viewer, "pk", None)), build)


def _answered(q: Query) -> Measure:
    ids = _replies(q)[0]
    return Measure(len(ids), records=ids if q.records else None)


def _on_time(q: Query) -> Measure:
    ids = _replies(q)[1]
    return Measure(len(ids), records=ids if q.records else None)


register_metric(
    Metric(
        key="disclosure.answered",
        label="已答复申请",
        unit="件",
        module=MODULE,
        definition="答复日期在统计期间内、以答复书办结的申请（不含撤回、逾期不补正、逾期未缴费和不作为申请处理的，"
        "也不含从Excel导入的历史申请：没有答复期限记录）。",
        compute=_answered,
        record_kind="cases.case",
        scope_note=SCOPE,
    )
)
register_metric(
    Metric(
        key="disclosure.on_time",
        label="按期答复",
        unit="件",
        module=MODULE,
        definition="已答复申请中答复日期不晚于答复期限（20个工作日，经批准延长的为延长后期限；补正后重新计算，征求意见和"
        "收费期间不计入；《政府信息公开条例》第三十条、第三十三条、第四十二条）届满日的。",
        compute=_on_time,
        record_kind="cases.case",
        scope_note=SCOPE,
        settings=("FAZHI_DISCLOSURE.FEE_CLOCK_ON_PAYMENT",),
    )
)
register_metric(
    Metric(
        key="disclosure.on_time_rate",
        label="按期答复率",
        unit=PERCENT,
        module=MODULE,
        definition="按期答复 ÷ 已答复申请 × 100%，保留两位小数；分母为 0 时无数值。",
        numerator="disclosure.on_time",
        denominator="disclosure.answered",
        scope_note=SCOPE,
    )
)
