"""Excel export of a whole assessment (issue 23 §4): the set's tree with each leaf's value, score and source and the
branches rolled up, for the area and for every assessed unit (one row per unit and indicator, so the sheet filters
by unit), and the units' ranking. Built with openpyxl as the other exports are (write-only workbook, every cell
through core.excel.safe_cell); read through the selectors the pages use; audited."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.db import transaction
from openpyxl import Workbook

from fazhi.audit.services import record_event
from fazhi.core.excel import safe_cell

from .models import IndicatorSet, LeafResult, ResultSource, ScoringMethod
from .selectors import indicator_ranking, indicator_tree, tree_total

HEADER = ["被考核单位", "单位编码", "层级", "编号", "指标", "分值", "计分方法", "计算指标", "数值", "得分", "来源"]
RANK_HEADER = ["名次", "单位", "单位编码", "总得分", "已得分指标"]
AREA = "全域（不分单位）"


def _rows(tree: list[dict[str, Any]], prefix: str, depth: int) -> Any:
    for i, n in enumerate(tree, start=1):
        number = f"{prefix}{i}"
        leaf = not n["children"]
        yield depth, number, n, leaf
        yield from _rows(n["children"], f"{number}.", depth + 1)


def assessment_workbook(indicator_set: IndicatorSet) -> tuple[bytes, int]:
    """The workbook and the number of indicator rows written."""
    from fazhi.orgs.models import Unit

    methods = dict(ScoringMethod.choices)
    sources = dict(ResultSource.choices)
    unit_ids = LeafResult.objects.filter(node__indicator_set=indicator_set, unit__isnull=False).values("unit_id")
    scopes: list[Any] = [None, *Unit.objects.filter(pk__in=unit_ids).order_by("code")]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("指标得分")
    ws.append([safe_cell(f"{indicator_set.name}（{indicator_set.year}年度）指标得分")])
    ws.append(HEADER)
    n = 0
    for unit in scopes:
        tree = indicator_tree(indicator_set, unit=unit)
        name, code = (unit.name, unit.code) if unit is not None else (AREA, "")
        for depth, number, node, leaf in _rows(tree, "", 1):
            ws.append(
                [
                    safe_cell(v)
                    for v in [
                        name,
                        code,
                        depth,
                        number,
                        node["title"],
                        node["points"],
                        methods.get(node["method"], "") if leaf else "",
                        node["metric_key"] if leaf else "",
                        node["value"] if leaf else None,
                        node["score"],
                        sources.get(node["source"], "") if leaf and node["source"] else "",
                    ]
                ]
            )
            n += 1
        ws.append([safe_cell(v) for v in [name, code, None, None, "合计", None, None, None, None, tree_total(tree)]])
    for title, tier in (("单位排名", "units"), ("区县排名", "districts")):  # the two tables of the ranking page
        ranks = wb.create_sheet(title)
        ranks.append(RANK_HEADER)
        for r in indicator_ranking(indicator_set, tier=tier):
            ranks.append([safe_cell(v) for v in [r["rank"], r["name"], r["code"], r["total"], r["scored"]]])
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue(), n


@transaction.atomic
def assessment_export(*, by: Any, indicator_set: IndicatorSet) -> bytes:
    data, n = assessment_workbook(indicator_set)
    record_event(
        actor=by,
        action="indicators.assessment.export",
        obj=indicator_set,
        object_repr=str(indicator_set),
        summary={"rows": n},
        unit=indicator_set.owner,
    )
    return data
