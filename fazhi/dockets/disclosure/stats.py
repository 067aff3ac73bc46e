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


def fees_collected(*, year: int, unit_ids: Any = None, viewer: Any = None) -> tuple[int, int]:
    """(requests, yuan) of 信息处理费 paid in the year (extra.fee.paid_on), for part 六 of the annual report."""
    qs = requests_in_scope(unit_ids=unit_ids, viewer=viewer).filter(
        extra__fee__paid_on__gte=f"{year}-01-01", extra__fee__paid_on__lte=f"{year}-12-31"
    )
    amounts = [int(a or 0) for a in qs.values_list("extra__fee__amount", flat=True)]
    return len(amounts), sum(amounts)


FILL = "【请填写】"


REMEDY_METRICS = (
    ("cases.gov_info_reconsideration", "行政复议"),
    ("cases.gov_info_litigation_direct", "行政诉讼（未经复议直接起诉）"),
    ("cases.gov_info_litigation_after", "行政诉讼（复议后起诉）"),
)


def remedy_rows(*, year: int, unit_code: str | None = None, viewer: Any = None) -> list[tuple[str, list[int]]]:
    """Part 四: (label, [结果维持, 结果纠正, 其他结果, 尚未审结, 总计]) per kind, from the metric registry (the cases the
    行政复议 and 行政应诉 dockets record as 政府信息公开 matters)."""
    from fazhi.metrics.selectors import metric_value

    rows = []
    for key, label in REMEDY_METRICS:
        v = metric_value(key, period=year, unit=unit_code or None, viewer=viewer)
        rows.append((label, [b["value"] for b in v["breakdown"]] + [v["value"]]))
    return rows


def annual_report_docx(
    *,
    year: int,
    issuer: str,
    narrative: dict[str, str],
    unit_ids: Any = None,
    viewer: Any = None,
    unit_code: str | None = None,
) -> bytes:
    """政府信息公开工作年度报告 (《政府信息公开条例》第四十九条、第五十条) in GB/T 9704 layout with its six parts: the
    narrative parts as staff typed them, part 三 the table counted from the requests, part 四 the 行政复议 and 行政诉讼
    cases recorded as 政府信息公开 matters (cases.matters), part 六 the fees collected. Parts whose figures come from
    modules not built yet (主动公开 counts) are the typed text, or 【请填写】 when left empty."""
    import io

    from docx import Document

    from fazhi.core.docx import OfficialDocument, render_official_document

    table = annual_table(period=Period(year), unit_ids=unit_ids, viewer=viewer)
    n_fee, yuan = fees_collected(year=year, unit_ids=unit_ids, viewer=viewer)
    remedies = remedy_rows(year=year, unit_code=unit_code, viewer=viewer)

    def part(key: str) -> str:
        return (narrative.get(key) or "").strip() or FILL

    paragraphs = [
        f"本报告根据《中华人民共和国政府信息公开条例》第四十九条、第五十条编制，报告期为{year}年1月1日至12月31日。",
        "一、总体情况",
        part("overall"),
        "二、主动公开政府信息情况",
        part("proactive") + "（规章、规范性文件制发废止和行政许可、处罚、强制数量的统计尚无数据来源，请填写。）",
        "三、收到和处理政府信息公开申请情况",
        f"本年新收申请{table['rows']['new'][-1]}件，上年结转{table['rows']['carried_in'][-1]}件，办结"
        f"{table['rows']['total'][-1]}件，结转下年度继续办理{table['rows']['carried_out'][-1]}件（详见下表）。",
        "四、政府信息公开行政复议、行政诉讼情况",
        "本年度因政府信息公开被申请行政复议"
        + f"{remedies[0][1][-1]}件，被提起行政诉讼{remedies[1][1][-1] + remedies[2][1][-1]}件（详见下表）。"
        + ((narrative.get("remedies") or "").strip()),
        "五、存在的主要问题及改进情况",
        part("problems"),
        "六、其他需要报告的事项",
        f"本年度依据《政府信息公开信息处理费管理办法》收取信息处理费{n_fee}件，共{yuan}元。" + part("other"),
    ]
    data = render_official_document(
        OfficialDocument(title=f"{issuer}{year}年政府信息公开工作年度报告", paragraphs=paragraphs, issuer=issuer)
    )
    doc = Document(io.BytesIO(data))
    anchor = next(p for p in doc.paragraphs if p.text.startswith("本年新收申请"))
    grid = doc.add_table(rows=1, cols=8)
    grid.style = doc.styles["Table Grid"] if "Table Grid" in [s.name for s in doc.styles] else None
    header = ["", "自然人", *[label for _c, label in APPLICANT_TYPES[1:]], "总计"]
    for cell, text in zip(grid.rows[0].cells, header, strict=True):
        cell.text = text
    for key, label in TABLE_ROWS:
        cells = grid.add_row().cells
        cells[0].text = label
        for cell, n in zip(cells[1:], table["rows"][key], strict=True):
            cell.text = str(n)
    anchor._p.addnext(grid._tbl)
    anchor = next(p for p in doc.paragraphs if p.text.startswith("本年度因政府信息公开被申请行政复议"))
    grid = doc.add_table(rows=1, cols=6)
    grid.style = doc.styles["Table Grid"] if "Table Grid" in [s.name for s in doc.styles] else None
    for cell, text in zip(
        grid.rows[0].cells, ["", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"], strict=True
    ):
        cell.text = text
    for label, numbers in remedies:
        cells = grid.add_row().cells
        cells[0].text = label
        for cell, n in zip(cells[1:], numbers, strict=True):
            cell.text = str(n)
    anchor._p.addnext(grid._tbl)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
