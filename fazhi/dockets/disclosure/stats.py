"""The statutory annual table (《政府信息公开条例》第五十条; 国办公开办函〔2021〕30号 第三部分 “收到和处理政府信息公开申请
情况”) counted from the requests, and the figures of `fazhi stats disclosure`.

Counting (issue 15 §3, a contract): `new` = requests received in the period (Art. 31 receipt date); `carried_in` =
received before the period and not concluded before it; a request counts in 三 in the period it is concluded (its
reply date, `closed_on`) under its one outcome; `carried_out` = received by the end of the period and not concluded
by then. `check`: 一 + 二 = 三(七) + 四 in every column. `--unit` = the requests whose 受理机关 (handling unit) is it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet

from fazhi.cases.models import Case
from fazhi.metrics.periods import Period

from .codes import APPLICANT_TYPES, COLUMNS, OUTCOME_LABEL, OUTCOME_ROWS, TABLE_ROWS

DOCKET = "disclosure"
THREE = tuple(r.key for r in OUTCOME_ROWS)
ROW_KEYS = tuple(k for k, _ in TABLE_ROWS)


def requests_in_scope(*, unit_ids: Any = None, viewer: Any = None) -> QuerySet[Case]:
    if viewer is not None:
        from fazhi.cases.selectors import cases_visible_to

        qs = cases_visible_to(viewer, docket=DOCKET)
    else:
        qs = Case.objects.filter(docket=DOCKET)
    if unit_ids is not None:
        qs = qs.filter(handling_unit_id__in=unit_ids)
    return qs


def table_cells(
    *, start: dt.date, end: dt.date, unit_ids: Any = None, viewer: Any = None
) -> dict[str, dict[str, list[int]]]:
    """{row key: {column: [case ids]}} for every row of the table (三(七) and 总计 included)."""
    qs = requests_in_scope(unit_ids=unit_ids, viewer=viewer).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=start), received_on__lte=end
    )
    cells: dict[str, dict[str, list[int]]] = {k: defaultdict(list) for k in ROW_KEYS}
    for pk, received, closed, outcome, kind in qs.values_list(
        "pk", "received_on", "closed_on", "outcome", "extra__applicant_type"
    ).iterator(chunk_size=5000):
        col = kind if kind in dict(APPLICANT_TYPES) else "other"
        hits = ["new" if received >= start else "carried_in"]
        if closed is not None and closed <= end:
            hits.append(outcome if outcome in THREE else "other.3")
            hits.append("total")
        else:
            hits.append("carried_out")
        for row in hits:
            cells[row][col].append(pk)
            cells[row]["total"].append(pk)
    return {row: {c: sorted(cells[row].get(c, [])) for c in COLUMNS} for row in ROW_KEYS}


def table_check(rows: dict[str, list[int]]) -> dict[str, Any]:
    failures = []
    for i, col in enumerate(COLUMNS):
        left = rows["new"][i] + rows["carried_in"][i]
        right = rows["total"][i] + rows["carried_out"][i]
        if left != right:
            failures.append({"column": col, "message": f"{col}：一+二={left}，三(七)+四={right}"})
    return {"ok": not failures, "failures": failures}


def annual_table(*, period: Period, unit_ids: Any = None, viewer: Any = None) -> dict[str, Any]:
    """The table as `fazhi stats disclosure` prints it under `annual_table` (the plain recount)."""
    cells = table_cells(start=period.start, end=period.end, unit_ids=unit_ids, viewer=viewer)
    rows = {row: [len(cells[row][c]) for c in COLUMNS] for row in ROW_KEYS}
    return {"columns": list(COLUMNS), "rows": rows, "check": table_check(rows)}


def disclosure_statistics(*, year: Any, unit_code: str | None = None, user: Any = None) -> dict[str, Any]:
    from fazhi.cases.periods import as_period
    from fazhi.orgs.models import Unit

    p = as_period(year)
    ids = None
    if unit_code:
        ids = frozenset(Unit.objects.filter(code=unit_code).values_list("pk", flat=True))
    return annual_table(period=p, unit_ids=ids, viewer=user)


def outcome_label(code: str) -> str:
    return OUTCOME_LABEL.get(code, code)


def table_workbook(*, year: int, unit_code: str = "", viewer: Any = None) -> bytes:
    """The table as .xlsx, laid out as the national format (rows × 自然人 | 法人或其他组织 (five) | 总计)."""
    import io

    from openpyxl import Workbook

    from fazhi.core.excel import safe_cell

    from .stats_registry import disclosure_figures

    figures = disclosure_figures(period=Period(year), unit_code=unit_code or None, viewer=viewer)
    table = figures["annual_table"]
    wb = Workbook()
    ws = wb.active
    ws.title = "收到和处理政府信息公开申请情况"
    ws.append(
        [safe_cell(f"三、收到和处理政府信息公开申请情况（{year}年{('，单位 ' + unit_code) if unit_code else ''}）")]
    )
    ws.append(["", "申请人情况", "", "", "", "", "", ""])
    ws.append(["", "自然人", "法人或其他组织", "", "", "", "", "总计"])
    ws.append(["", "", *[label for _c, label in APPLICANT_TYPES[1:]], ""])
    for key, label in TABLE_ROWS:
        ws.append([safe_cell(label), *table["rows"][key]])
    ws.append([])
    ws.append(["校验（一+二=三(七)+四）", "通过" if table["check"]["ok"] else "不通过"])
    for f in table["check"]["failures"]:
        ws.append(["", safe_cell(f["message"])])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
