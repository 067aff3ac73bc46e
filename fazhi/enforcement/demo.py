"""Demo step (idempotent, dated from today): three 执法主体 of the demo city (市市场监管局, 市发展改革委, 东城区市场监管局)
with their 执法事项清单 and officers — one whose certificate has expired, one short of last year's training — and five
case records: one decided and published in time, one decided without the 法制审核 it required, one past its 90-day
period, one of the 发改委 awaiting 公示 and one of the district just filed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction

from fazhi.core.actions import register_demo_step

BY = "fazhi demo"
BASIS = "《中华人民共和国行政处罚法》《中华人民共和国行政强制法》及本部门“三定”规定"


def demo_enforcement(write: Callable[[str], object] = print) -> None:
    from fazhi.deadlines.selectors import today_local
    from fazhi.orgs.models import Unit

    from .models import Body

    units = {u.code: u for u in Unit.objects.filter(code__in=["C024", "C002", "D103"])}
    if len(units) < 3:
        write("示范城市单位不全，跳过行政执法示范数据。")
        return
    if Body.objects.filter(unit=units["C024"]).exists():
        write("行政执法示范数据已存在，跳过。")
        return
    with transaction.atomic():  # all or nothing: a half-built demo would be skipped by the next run
        _build(write, today_local(), units)


def _staff(body: Any, prefix: str, today: dt.date, people: list[tuple[str, int, int]]) -> None:
    from . import services as s

    for i, (name, expires_in, hours) in enumerate(people, start=1):
        o = s.officer_save(
            by=BY,
            body=body,
            name=name,
            certificate_number=f"{prefix}{i:04d}",
            area="示范市",
            valid_from=dt.date(today.year - 3, 1, 1),
            valid_until=today + dt.timedelta(days=expires_in),
            legal_qualified=i == 1,
        )
        for year in (today.year - 2, today.year - 1):
            s.training_record(
                by=BY, officer=o, on=dt.date(year, 6, 15), course="行政执法人员公共法律知识培训", hours=hours
            )


def _build(write: Callable[[str], object], today: dt.date, units: dict[str, Any]) -> None:
    from . import services as s

    day = lambda n: today - dt.timedelta(days=n)  # noqa: E731
    market = s.body_save(
        by=BY, unit=units["C024"], legal_basis=BASIS, scope="市场监督管理领域的行政处罚、行政强制和行政检查"
    )
    ndrc = s.body_save(by=BY, unit=units["C002"], legal_basis=BASIS, scope="价格、节能等领域的行政处罚和行政检查")
    district = s.body_save(by=BY, unit=units["D103"], legal_basis=BASIS, scope="东城区市场监督管理领域的行政执法")
    for body, code, name, kind, basis, review in (
        (market, "SJ-CF-001", "对销售不合格产品的行政处罚", "penalty", "《中华人民共和国产品质量法》第四十九条", False),
        (market, "SJ-CF-002", "吊销营业执照", "penalty", "《市场主体登记管理条例》第四十四条", True),
        (market, "SJ-QZ-001", "查封、扣押涉嫌违法的产品", "coercion", "《中华人民共和国行政强制法》第九条", False),
        (market, "SJ-JC-001", "产品质量监督抽查", "inspection", "《中华人民共和国产品质量法》第十五条", False),
        (ndrc, "FG-CF-001", "对不执行政府定价的行政处罚", "penalty", "《中华人民共和国价格法》第三十九条", False),
        (district, "DC-CF-001", "对无照经营的行政处罚", "penalty", "《无证无照经营查处办法》第十三条", False),
    ):
        s.matter_save(
            by=BY,
            body=body,
            code=code,
            name=name,
            kind=kind,
            basis=basis,
            review_required=review,
            published_on=day(300),
        )
    from decimal import Decimal

    from .models import Matter

    fine = Matter.objects.get(body=market, code="SJ-CF-001")
    for tier, lo, hi, cond in (
        ("lighter", 0, 10000, "货值金额较小，主动消除或者减轻危害后果"),
        ("ordinary", 10000, 50000, "不具有从轻、从重情形"),
        ("heavier", 50000, 150000, "造成人身伤害或者拒不改正"),
    ):
        s.tier_save(
            by=BY,
            matter=fine,
            tier=tier,
            conditions=cond,
            amount_min=Decimal(lo),
            amount_max=Decimal(hi),
            published_on=day(300),
        )
    s.list_item_save(
        by=BY,
        body=market,
        year=today.year,
        kind="no_penalty",
        matter=fine,
        conditions="初次违法且危害后果轻微并及时改正",
        published_on=day(300),
    )
    _staff(market, "SJ", today, [("张执法", 900, 64), ("赵执法", 900, 64), ("王过期", -30, 64), ("李培训", 900, 20)])
    _staff(ndrc, "FG", today, [("孙执法", 900, 64), ("周执法", 900, 64)])
    _staff(district, "DC", today, [("吴执法", 900, 64), ("郑执法", 900, 64)])

    def case(body: Any, number: str, officers: list[str], **kw: Any) -> None:
        s.case_record(
            by=BY,
            body=body,
            data=s.CaseInput(
                number=number,
                party_kind=kw.pop("party_kind", "organisation"),
                party_name=kw.pop("party_name", "示范市某某商贸有限公司"),
                party_credit_code=kw.pop("party_credit_code", "91350100M000100Y43"),
                officer_numbers=officers,
                **kw,
            ),
        )

    year = today.year
    case(
        market,
        f"示市监罚〔{year}〕1号",
        ["SJ0001", "SJ0002"],
        matter_code="SJ-CF-001",
        filed_on=day(60),
        facts="销售不合格电热水壶。",
        decided_on=day(20),
        decision="fine",
        decision_number=f"示市监罚字〔{year}〕第1号",
        amount=20000,
        tier="lighter",
        published_on=day(19),
    )
    case(
        market,
        f"示市监罚〔{year}〕2号",
        ["SJ0001", "SJ0002"],
        matter_code="SJ-CF-002",
        filed_on=day(50),
        facts="提交虚假材料取得登记。",
        decided_on=day(10),
        decision="licence",
    )
    case(
        market,
        f"示市监罚〔{year}〕3号",
        ["SJ0001", "SJ0002"],
        matter_code="SJ-CF-001",
        filed_on=day(100),
        party_kind="person",
        party_name="陈某某",
        party_credit_code="",
    )
    case(
        ndrc,
        f"示发改罚〔{year}〕1号",
        ["FG0001", "FG0002"],
        matter_code="FG-CF-001",
        filed_on=day(30),
        decided_on=day(5),
        decision="fine",
        amount=5000,
    )
    case(district, f"东市监罚〔{year}〕1号", ["DC0001", "DC0002"], matter_code="DC-CF-001", filed_on=day(15))
    write(
        "已建立3个执法主体、6项执法事项、8名执法人员（1名证件过期、1名培训不足）、3档裁量基准、1项不予处罚清单事项和5件示范执法案件（1件超出裁量基准）。"
    )


register_demo_step(82, "行政执法示范数据", demo_enforcement)

REVIEW_TITLE = "示范市{year}年度行政执法案卷评查"


def demo_reviews(write: Callable[[str], object] = print) -> None:
    """Demo step (idempotent, dated from today): a 涉企检查 awaiting the enterprise's confirmation by its code link,
    and a 案卷评查 campaign of the 依法治市办 (lead 李主任, reviewers 王依法 and 李主任) over the two market bodies'
    cases: three files sampled — one scored alike by both (graded, with a defect on the body's board), one scored
    differently (awaiting the lead's 合议), one not yet scored."""
    from django.contrib.auth import get_user_model

    from fazhi.deadlines.selectors import today_local

    from . import services as s
    from .models import Body, ReviewCampaign

    today = today_local()
    title = REVIEW_TITLE.format(year=today.year)
    if ReviewCampaign.objects.filter(title=title).exists():
        write("案卷评查示范数据已存在，跳过。")
        return
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["fazhiban", "fazhiban_head"])}
    bodies = list(Body.objects.filter(unit__code__in=["C024", "D103"]).select_related("unit").order_by("unit__code"))
    if len(users) < 2 or len(bodies) < 2:
        write("示范人员或执法主体不全，跳过案卷评查示范数据。")
        return
    lead, staff = users["fazhiban_head"], users["fazhiban"]
    with transaction.atomic():
        s.inspection_record(
            by=BY,
            body=bodies[0],
            on=today - dt.timedelta(days=3),
            matter_code="SJ-JC-001",
            enterprise_code="91350100M000100Y43",
            enterprise_name="示范市某某商贸有限公司",
            officer_numbers=["SJ0001", "SJ0002"],
            result="抽查电热水壶2批次，未发现问题。",
        )
        c = s.campaign_create(
            by=BY,
            title=title,
            organizer=lead.unit,
            bodies=bodies,
            period_from=today - dt.timedelta(days=365),
            period_to=today,
            sample_size=3,
            lead=lead,
            reviewers=[staff, lead],
            seed=f"demo-{today.year}",
        )
        files = s.campaign_sample(by=BY, campaign=c)
        full = {i["code"]: i["points"] for i in c.sheet}
        graded, different = files[0], files[1] if len(files) > 1 else None
        people = {staff.pk: staff, lead.pk: lead}
        for who_ in (graded.reviewer_a_id, graded.reviewer_b_id):
            s.file_score(by=people[who_], file=graded, items={**full, "archive": 5}, note="归档材料不齐。")
        s.defect_record(by=lead, file=graded, item_code="archive", text="案卷未附送达回证，未按规定装订归档。")
        if different is not None:
            s.file_score(by=people[different.reviewer_a_id], file=different, items={**full, "evidence": 5})
            s.file_score(by=people[different.reviewer_b_id], file=different, items={**full, "evidence": 10})
    write(
        f"已建立1条待企业确认的涉企检查和1个案卷评查活动（抽取{len(files)}份案卷，1份已定等并有1个整改问题，1份待合议）。"
    )


register_demo_step(83, "案卷评查和涉企检查示范数据", demo_reviews)


def demo_supervision(write: Callable[[str], object] = print) -> None:
    """Demo step (idempotent, dated from today): two 执法监督文书 of the 依法治市办 — a 监督意见书 to 市市场监管局
    issued 40 days ago and not answered (late: on its board after the daily run), and a 决定书 to 东城区市场监管局
    issued 10 days ago, answered."""
    from django.contrib.auth import get_user_model

    from fazhi.deadlines.selectors import today_local

    from . import services as s
    from .models import Body, SupervisionDocument

    today = today_local()
    subject = f"{today.year}年度行政处罚决定公示情况"
    if SupervisionDocument.objects.filter(subject=subject).exists():
        write("执法监督文书示范数据已存在，跳过。")
        return
    head = get_user_model().objects.filter(username="fazhiban_head").select_related("unit").first()
    bodies = {b.unit.code: b for b in Body.objects.filter(unit__code__in=["C024", "D103"]).select_related("unit")}
    if head is None or len(bodies) < 2:
        write("示范人员或执法主体不全，跳过执法监督文书示范数据。")
        return
    with transaction.atomic():
        s.supervision_document_issue(
            by=BY,
            issuer=head.unit,
            body=bodies["C024"],
            kind="opinion",
            subject=subject,
            findings="1. 抽查的12件行政处罚决定中，3件未在7个工作日内公示。\n2. 1件决定被撤销后未在3日内撤回公示。",
            requirements="1. 立即补正公示，撤回已撤销决定的公示信息。\n2. 建立公示台账，明确专人负责。",
            issued_on=today - dt.timedelta(days=40),
        )
        doc = s.supervision_document_issue(
            by=BY,
            issuer=head.unit,
            body=bodies["D103"],
            kind="decision",
            subject="示东市监罚〔2026〕3号行政处罚案件",
            findings="该案罚没金额超出裁量基准“从轻”档范围，且未说明理由。",
            requirements="责令你单位对该案重新作出处理，并将结果书面报告。",
            issued_on=today - dt.timedelta(days=10),
        )
        s.supervision_reply_record(
            by=BY, doc=doc, replied_on=today - dt.timedelta(days=2), text="已重新作出处理决定。", expected_version=1
        )
        s.supervision_replies_run(today=today)
    write("已建立2件执法监督文书（1件逾期未答复并列入督办，1件已答复）。")


register_demo_step(86, "执法监督文书示范数据", demo_supervision)


def demo_complaints(write: Callable[[str], object] = print) -> None:
    """Demo step (idempotent, dated from today): two 执法投诉 and a 监督检查 of the 依法治市办 — a portal complaint
    about 市市场监管局 under investigation; a 12345 work order about enforcement turned into a complaint, concluded
    (属实) with a 监督意见书 issued from it; a 监督检查 of 市市场监管局 five days ago with two findings on its board.
    The hotline demo's 夜间施工 order (市容环境, a 投诉) stays to be turned into a complaint."""
    from django.contrib.auth import get_user_model

    from fazhi.cases.services import PartyInput
    from fazhi.deadlines.selectors import today_local
    from fazhi.dockets.hotline.services import hotline_register
    from fazhi.orgs.models import Unit

    from . import services as s
    from .models import Body, Complaint

    subject = "执法人员检查时未出示执法证件"
    if Complaint.objects.filter(subject=subject).exists():
        write("执法投诉和监督检查示范数据已存在，跳过。")
        return
    head = get_user_model().objects.filter(username="fazhiban_head").select_related("unit").first()
    body = Body.objects.filter(unit__code="C024").select_related("unit").first()
    centre = Unit.objects.filter(code="C029").first()
    if head is None or body is None or centre is None:
        write("示范人员、执法主体或12345热线工作机构不全，跳过执法投诉示范数据。")
        return
    today = today_local()
    day = lambda n: today - dt.timedelta(days=n)  # noqa: E731
    with transaction.atomic():
        c1 = s.complaint_receive(
            by=None,
            body=body,
            channel="portal",
            name="刘某某",
            phone="13900001111",
            subject=subject,
            content="本月在我店检查的两名执法人员未出示行政执法证件，也未告知检查依据。",
            request="请核实执法人员身份并依法处理。",
            received_on=day(6),
        )
        s.complaint_step(by=BY, complaint=c1, step="accept", on=day(5), expected_version=1)
        order = hotline_register(
            by=None,
            centre=centre,
            source="12345-demo",
            source_id="DEMO-ENF-0001",
            received_on=day(20),
            type="complaint",
            category="market",
            content="市场监管执法人员对我公司重复检查，一个月内检查三次同一事项。",
            caller=PartyInput(role="applicant", name="陈某", phone="13900002222"),
            area="东城区",
        )
        c2 = s.complaint_from_hotline(by=BY, order=order, body=body)
        s.complaint_step(by=BY, complaint=c2, step="accept", on=c2.received_on, expected_version=1)
        s.complaint_step(
            by=BY,
            complaint=c2,
            step="investigate",
            on=c2.received_on,
            text="经调取检查记录，该企业一个月内接受同一事项检查3次，超过公布的年度检查上限。",
            expected_version=2,
        )
        s.complaint_step(
            by=BY,
            complaint=c2,
            step="conclude",
            on=c2.received_on,
            outcome="substantiated",
            text="投诉属实，已向市市场监管局制发监督意见书。",
            expected_version=3,
        )
        s.supervision_document_issue(
            by=BY,
            issuer=head.unit,
            body=body,
            kind="opinion",
            subject=f"执法投诉（{c2.number}）：重复检查",
            findings="该企业一个月内接受同一事项检查3次，超过公布的年度检查上限。",
            requirements="1. 停止对该企业的重复检查。\n2. 建立涉企检查统筹机制，书面报告整改情况。",
            issued_on=c2.received_on,
            source={"complaint": c2},
        )
        check = s.check_record(
            by=BY,
            organizer=head.unit,
            body=body,
            checked_on=day(5),
            items=["行政执法公示", "执法全过程记录", "重大执法决定法制审核"],
            inspectors="依法治市办 王某、李某",
            summary="抽查2026年行政处罚案卷10件，查看执法公示平台。",
        )
        s.check_finding_record(by=BY, check=check, item="行政执法公示", text="3件行政处罚决定未在7个工作日内公示。")
        s.check_finding_record(by=BY, check=check, item="执法全过程记录", text="2件现场检查无音像记录，也未说明理由。")
    write("已建立2件执法投诉（1件调查中，1件12345转办已办结并制发监督意见书）和1次监督检查（2个问题列入督办）。")


register_demo_step(87, "执法投诉和监督检查示范数据", demo_complaints)


def demo_plans(write: Callable[[str], object] = print) -> None:
    """Demo step (idempotent, dated from today): 市市场监管局's plan for this year (one 行政检查 matter, approved and
    filed in January) and a 无事不扰 period for new enterprises this month."""
    from fazhi.deadlines.selectors import today_local

    from . import services as s
    from .models import Body, InspectionPlan

    today = today_local()
    body = Body.objects.filter(unit__code="C024").first()
    if body is None:
        write("未找到市市场监管局执法主体，跳过检查计划示范数据。")
        return
    if InspectionPlan.objects.filter(body=body, year=today.year).exists():
        write("检查计划示范数据已存在，跳过。")
        return
    matter = body.matters.filter(kind="inspection", is_active=True).order_by("code").first()
    with transaction.atomic():
        plan = s.plan_save(by=BY, body=body, year=today.year, special_quota=4)
        if matter is not None:
            s.plan_item_add(by=BY, plan=plan, matter_code=matter.code, subjects="辖区内经营主体", frequency=1)
            start = dt.date(today.year, 1, 15)
            s.plan_approve(
                by=BY,
                plan=plan,
                approved_on=min(start, today),
                approved_by="示范市人民政府",
                filed_on=min(start + dt.timedelta(days=5), today),
                expected_version=1,
            )
        s.quiet_period_save(
            by=BY,
            body=None,
            starts_on=today.replace(day=1),
            ends_on=today.replace(day=28) if today.day <= 28 else today,
            reason="新开办企业首月无事不扰",
            enterprise_codes=["91350100M000100Y43"],  # one new enterprise: other inspections go on
        )
    write("已建立市市场监管局年度行政检查计划和1个无事不扰期。")


register_demo_step(88, "检查计划和无事不扰示范数据", demo_plans)
