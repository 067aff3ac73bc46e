"""Demo step (idempotent, dated from today): this year's catalogue of the demo city, approved and published; one
decision published after a consultation where three people commented (two near-duplicates, one cluster), every
comment answered and the 意见采纳情况说明 published, the legality review, and a meeting with a dissent; one decision
in legality review; one just launched; a unit's proposal waiting for the office."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction

from fazhi.core.actions import register_demo_step

BY = "fazhi demo"
COMMENTS = [
    ("建议第三条规定的停车收费标准降低，每小时不超过五元，保障市民合理停车需求。", "13900001001"),
    ("建议第三条规定的停车收费标准降低，每小时不超过5元，保障市民的合理停车需求！", "13900001002"),
    ("希望在老旧小区周边增加夜间免费停车泊位。", ""),
]
DRAFT = """示范市中心城区停车收费管理办法（征求意见稿）
第一条 为规范中心城区停车收费，制定本办法。
第二条 本办法适用于中心城区道路停车泊位。
第三条 停车收费标准由价格主管部门制定，每小时不超过十元。
第四条 本办法自公布之日起施行。
"""


def demo_decisions(write: Callable[[str], object] = print) -> None:
    from fazhi.deadlines.selectors import today_local
    from fazhi.orgs.models import Unit

    from .models import Catalogue

    gov, market = Unit.objects.filter(code="C000").first(), Unit.objects.filter(code="C024").first()
    finance, transport = Unit.objects.filter(code="C009").first(), Unit.objects.filter(code="C014").first()
    if not (gov and market and finance and transport):
        write("示范城市单位不全，跳过重大行政决策示范数据。")
        return
    today = today_local()
    if Catalogue.objects.filter(unit=gov, year=today.year).exists():
        write("重大行政决策示范数据已存在，跳过。")
        return
    with transaction.atomic():  # all or nothing: a half-built demo would be skipped by the next run
        _build(write, today, gov, market, finance, transport)


def _build(write: Callable[[str], object], today: dt.date, gov: Any, market: Any, finance: Any, transport: Any) -> None:
    from fazhi.consultations import services as cs
    from fazhi.consultations.selectors import ledger_items
    from fazhi.deadlines.engine import compute_due

    from . import services as s

    day = lambda n: today - dt.timedelta(days=n)  # noqa: E731
    cat = s.catalogue_create(unit=gov, year=today.year, by=BY)
    parking = s.catalogue_item_save(
        catalogue=cat,
        by=BY,
        title="中心城区停车收费标准调整",
        lead_unit=market,
        basis="《价格法》《重大行政决策程序暂行条例》",
        procedures=["participation", "risk"],
        planned_start=day(120),
        planned_end=today + dt.timedelta(days=30),
    )
    debt = s.catalogue_item_save(
        catalogue=cat,
        by=BY,
        title="政府投资项目管理办法",
        lead_unit=finance,
        procedures=["participation", "expert"],
        planned_end=today + dt.timedelta(days=60),
    )
    s.catalogue_item_save(
        catalogue=cat,
        by=BY,
        title="公共交通线网优化规划",
        lead_unit=transport,
        procedures=["participation", "hearing", "expert", "risk"],
        planned_end=today + dt.timedelta(days=90),
    )
    s.catalogue_approve(catalogue=cat, by=BY, consent_on=day(110), consent_ref=f"市委常委会{today.year}年第2次会议")
    s.catalogue_publish(catalogue=cat, by=BY, on=day(105))
    s.proposal_submit(catalogue=cat, by=BY, unit=transport, title="出租车运价调整", basis="涉及群众切身利益")

    # 1. published: consultation → ledger → explanation → legality → meeting with a dissent → party → publication
    d = s.decision_start(decision=s.decision_launch(by=BY, launched_on=day(90), item=parking), by=BY)
    c = cs.consultation_create(
        owner=d,
        unit=market,
        title="示范市中心城区停车收费管理办法（征求意见稿）",
        opens_on=day(85),
        closes_on=day(54),
        by=BY,
        summary="请重点就第三条收费标准提出意见。",
        channels=["portal", "letter", "email"],
        identity="anonymous",
        contact="示范市市场监督管理局价格科，邮箱 jiage@example.gov.cn",
    )
    cs.consultation_draft_import(consultation=c, text=DRAFT, by=BY)
    cs.consultation_open(consultation=c, by=BY, on=day(85))
    third = c.articles.get(label="第三条")
    for i, (text, phone) in enumerate(COMMENTS):
        cs.comment_submit(
            consultation=c, text=text, article_id=third.pk if i < 2 else None, phone=phone, today=day(80 - i * 5)
        )
    cluster, single = ledger_items(c)
    cs.adoption_record(
        consultation=c,
        by=BY,
        cluster=cluster.cluster,
        outcome="partly",
        reason="综合成本测算，收费上限调整为每小时六元。",
        revision="第三条修改为“每小时不超过六元”。",
    )
    cs.adoption_record(
        consultation=c,
        by=BY,
        comment=single.first,
        outcome="existing",
        reason="《示范市停车场管理条例》已规定夜间共享泊位。",
    )
    cs.consultation_close(consultation=c, by=BY, on=day(54))
    cs.explanation_publish(consultation=c, by=BY)
    s.step_record(
        decision=d,
        kind="risk",
        by=BY,
        started_on=day(60),
        completed_on=day(50),
        summary="社会稳定风险评估",
        assessor="示范市社会科学院",
        risk_level="low",
    )
    submitted = day(45)
    s.legality_submit(decision=d, by=BY, on=submitted, reviewer="示范市司法局")
    reviewed = compute_due("decision.legality_review_min", submitted).due
    s.legality_complete(decision=d, by=BY, on=reviewed, opinion="changes", summary="建议明确收费公示义务后提交审议。")
    met = reviewed + dt.timedelta(days=2)
    s.meeting_record(
        decision=d,
        by=BY,
        held_on=met,
        attendees=["吴市长", "陈副市长", "刘副市长", "周秘书长"],
        speakers=["陈副市长", "刘副市长", "周秘书长", "吴市长"],
        head="吴市长",
        majority="adopted",
        result="adopted",
        dissents=[("刘副市长", "建议先在两个街道试点一年再全面推行。")],
        decision_text="同意《示范市中心城区停车收费管理办法》，由市市场监管局按程序印发。",
    )
    s.decision_party_report(decision=d, by=BY, on=met + dt.timedelta(days=1))
    s.decision_publish(decision=d, by=BY, on=today, publication="示范市人民政府门户网站")

    # 2. in legality review; 3. just launched
    d2 = s.decision_start(decision=s.decision_launch(by=BY, launched_on=day(40), item=debt, required=["expert"]), by=BY)
    s.step_record(
        decision=d2,
        kind="expert",
        by=BY,
        started_on=day(30),
        completed_on=day(20),
        summary="专家论证会",
        assessor="示范大学法学院",
        people=["张教授", "李研究员"],
    )
    s.legality_submit(decision=d2, by=BY, on=day(3), reviewer="示范市司法局")
    s.decision_launch(
        by=BY,
        launched_on=day(2),
        title="公共交通线网优化规划",
        lead_unit=transport,
        government=gov,
        required=["participation", "hearing", "expert", "risk"],
    )
    write(f"已建立{today.year}年度重大行政决策事项目录（3项）和3件示范决策（含1次公开征求意见、3条意见）。")


register_demo_step(80, "重大行政决策示范数据", demo_decisions)
