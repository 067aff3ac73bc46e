"""Demo step: the demo city's indicator set for this year (a three-level set read from text by the import parser),
some leaves bound to platform metrics with their values frozen for the area, responsible units set. Idempotent."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from decimal import Decimal

from fazhi.core.actions import register_demo_step

DEMO_TOKEN = uuid.UUID("00000000-0000-4000-8000-000000002301")

DEMO_TEXT = """示范市法治政府建设考核指标体系
一、依法全面履行政府职能（20分）
基本要求：政府职能依法全面履行，权责清单公开。
（一）规范性文件与决策（10分）
1.重大行政决策事项目录向社会公布（4分）
2.规划任务按期销号（6分）
（二）政务公开（10分）
1.依申请公开按期答复（10分）
二、健全行政权力制约和监督体系（30分）
（一）行政复议（15分）
1.行政复议纠错率不高于15%（8分）
2.行政复议按期办结（7分）
（二）行政应诉（15分）
1.行政机关负责人出庭应诉（10分）
2.行政诉讼败诉案件逐件整改（5分）
"""

# leaf title prefix → (metric key, method, target, lower is better)
BINDINGS = {
    "规划任务按期销号": ("plans.closed_rate", "rate", Decimal(100), False),
    "依申请公开按期答复": ("disclosure.on_time_rate", "rate", Decimal(100), False),
    "行政复议纠错率": ("reconsideration.correction_rate", "rate", Decimal(15), True),
    "行政复议按期办结": ("reconsideration.on_time_rate", "rate", Decimal(100), False),
    "行政机关负责人出庭应诉": ("litigation.appearance_rate", "rate", Decimal(100), False),
}


def demo_indicators(write: Callable[[str], object] = print) -> None:
    from fazhi.deadlines.selectors import today_local
    from fazhi.metrics.registry import metrics_all
    from fazhi.orgs.models import Unit, User

    from .models import IndicatorSet, NodeUnit
    from .parsing import parse_indicator_text
    from .services import (
        indicator_gaps_raise,
        indicator_node_update,
        indicator_results_freeze,
        indicator_set_import,
        review_score,
        review_send_back,
        self_assessment_submit,
    )

    if IndicatorSet.objects.filter(submit_token=DEMO_TOKEN).exists():
        write("指标体系示范数据已存在，跳过。")
        return
    units = {u.code: u for u in Unit.objects.filter(code__in=["P001", "C008", "C002", "D100"])}
    if len(units) < 4:
        write("示范单位不全，跳过指标体系示范数据。")
        return
    by = User.objects.filter(username="fazhiban").first()
    year = today_local().year
    s = indicator_set_import(
        by=by,
        nodes=parse_indicator_text(DEMO_TEXT),
        code="SFKH",
        name=f"示范市{year}年度法治政府建设考核",
        year=year,
        edition="2021版示范指标体系细化",
        owner=units["P001"],
        source_name="示范指标.txt",
        submit_token=DEMO_TOKEN,
    )
    registered = {m.key for m in metrics_all()}
    bound = 0
    for node in s.nodes.order_by("depth", "position", "id"):
        if node.children.exists():
            continue
        binding = next((b for prefix, b in BINDINGS.items() if node.title.startswith(prefix)), None)
        key, method, target, lower = binding if binding and binding[0] in registered else ("", "pass_fail", None, False)
        bound += bool(key)
        indicator_node_update(
            by=by,
            node=node,
            points=node.points,
            method=method,
            target=target,
            lower_is_better=lower,
            evidence="" if key else "上传相关文件、会议记录或公开网页截图。",
            metric_key=key,
            lead_units=[units["C008"] if key.startswith(("reconsideration", "litigation")) else units["C002"]],
            co_units=[units["D100"]],
        )
    frozen = indicator_results_freeze(by=by, indicator_set=s)
    write(f"指标体系示范数据：{s.nodes.count()} 项指标，{bound} 项绑定计算指标，已冻结 {frozen} 项计算值。")
    # two units answer the 目录 leaf; the office sends one back and scores the other: the ranking has two rows
    liaison = User.objects.filter(username="fagaiwei").first()
    leaf = s.nodes.get(title__startswith="重大行政决策事项目录")
    NodeUnit.objects.get_or_create(node=leaf, unit=units["C008"], defaults={"role": "co"})
    self_assessment_submit(
        by=liaison, node=leaf, unit=units["C002"], value=Decimal(1), statement="已于3月在政府网站公布决策事项目录。"
    )
    self_assessment_submit(by=by, node=leaf, unit=units["C008"], value=Decimal(0), statement="目录正在编制。")
    review_send_back(by=by, node=leaf, unit=units["C002"], comment="请上传目录公布网页截图。")
    review_score(by=by, node=leaf, unit=units["C008"], score=Decimal(1), comment="已编制未公布，酌情给分。")
    gaps = indicator_gaps_raise(by=by, indicator_set=s)
    write(f"指标考核示范：2 个单位自评，1 项退回补充，1 项评审；短板督办事项 {len(gaps)} 项。")


register_demo_step(85, "指标体系与考核示范数据", demo_indicators)
