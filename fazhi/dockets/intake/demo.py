"""Demo step: intakes at the demo city's 东华街道 司法所 dated from today (idempotent): one urgent, waiting to be
routed; one routed to the 东华社区 committee; one routed to 人民调解 and 法律援助 at once; one referred to 公证 with
its feedback and closed; one referred to 仲裁 awaiting feedback; one answered at the window. And one submitted on the
portal (网上纠纷求助, at 示范市司法局, waiting to be routed; its query code printed) — a step of its own, so a demo city
built before the portal form gets it too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fazhi.core.actions import register_demo_step

UNIT = "D1T1"  # 东华街道
AID_BODY = "示范市司法局"  # the demo's 法律援助机构 (as the legal-aid demo)
COMMITTEE = "示范市东城区东华社区人民调解委员会"
TOKENS = [f"00000000-0000-4000-8000-00000000081{i}" for i in range(6)]


def demo_intake(write: Callable[[str], object] = print) -> None:
    from fazhi.cases.handover import handover_choices
    from fazhi.cases.models import Case
    from fazhi.cases.services import PartyInput, today_local
    from fazhi.orgs.models import Unit

    from . import services as s

    unit = Unit.objects.filter(code=UNIT).first()
    body = Unit.objects.filter(name=AID_BODY).first()
    committee = next((pk for pk, name in handover_choices("mediation", "committee", None) if name == COMMITTEE), None)
    if unit is None or body is None or committee is None:
        write("未找到东华街道、示范市司法局或东华社区人民调解委员会，跳过纠纷求助示范登记。")
        return
    if Case.objects.filter(submit_token__in=TOKENS).exists():
        write("纠纷求助示范登记已存在，跳过。")
        return
    today = today_local()
    days = dt.timedelta
    rows = (  # (days ago, channel, dispute type, account, more)
        (0, "window", "labour", "某建筑工地三十余名工人被拖欠工资，情绪激动", {"mass": True, "escalation_risk": True}),
        (6, "hotline", "neighbour", "楼上装修噪音扰民，多次沟通无果", {}),
        (3, "window", "labour", "在餐馆工作半年被拖欠工资八千元，无力请律师", {"amount": "8000"}),
        (20, "online", "contract", "购房合同需办理公证，咨询办理途径", {}),
        (4, "transfer", "contract", "装修合同纠纷，双方约定仲裁", {"transfer_from": "hotline_12345"}),
        (1, "window", "family", "咨询离婚后子女抚养费标准", {}),
    )
    cases = [
        s.intake_register(
            by=None,
            handling_unit=unit,
            channel=channel,
            dispute_type=dispute,
            applicants=[PartyInput(role="applicant", name=f"求助人{i + 1}", phone=f"1370000060{i}")],
            respondents=[PartyInput(role="respondent", name=f"对方当事人{i + 1}")] if i in (1, 2, 4) else [],
            account=account,
            received_on=today - days(ago),
            submit_token=TOKENS[i],
            **more,
        )
        for i, (ago, channel, dispute, account, more) in enumerate(rows)
    ]
    c = cases
    s.intake_route(case=c[1], by=None, on=today - days(5), routes=[{"channel": "mediation", "committee": committee}])
    s.intake_route(
        case=c[2],
        by=None,
        on=today - days(2),
        routes=[
            {"channel": "mediation", "committee": committee},
            {"channel": "legal_aid", "handling_unit": body.pk, "matter": "civil"},
        ],
    )
    s.intake_route(
        case=c[3],
        by=None,
        on=today - days(19),
        routes=[{"channel": "notary", "unit_name": "示范市公证处", "note": "房屋买卖合同公证"}],
    )
    s.intake_record_feedback(case=c[3], by=None, on=today - days(12), referral=1, result="resolved", note="已办结公证")
    s.intake_close(case=c[3], by=None, on=today - days(12))
    s.intake_route(
        case=c[4],
        by=None,
        on=today - days(3),
        routes=[{"channel": "arbitration", "unit_name": "示范市仲裁委员会", "note": "合同约定仲裁条款"}],
    )
    s.intake_answer(case=c[5], by=None, on=today - days(1), answer="告知抚养费可协商，协商不成可起诉")
    write(f"已创建纠纷求助示范登记{len(cases)}件。")


PORTAL_TOKEN = "00000000-0000-4000-8000-000000000816"
PORTAL_PHONE = "13700000616"


def demo_intake_portal(write: Callable[[str], object] = print) -> None:
    """What the portal's form does (fazhi/dockets/intake/portal_views.py): intake_register with the receipt number."""
    from django.http import Http404

    from fazhi.cases.models import Case
    from fazhi.cases.services import PartyInput, today_local

    from .portal_views import intake_office
    from .services import intake_register

    existing = Case.objects.filter(submit_token=PORTAL_TOKEN).first()
    if existing is not None:
        write(f"网上纠纷求助示范件已存在（查询编号 {existing.receipt_number}），跳过。")
        return
    try:
        office = intake_office()
    except Http404:
        write("未找到司法局，跳过网上纠纷求助示范件。")
        return
    case = intake_register(
        by=None,
        handling_unit=office,
        channel="online",
        dispute_type="property_mgmt",
        applicants=[PartyInput(role="applicant", name="网上求助人", phone=PORTAL_PHONE)],
        respondents=[PartyInput(role="respondent", name="某物业服务公司")],
        account="小区物业长期不维修电梯，业主多次反映无果，希望调解",
        received_on=today_local(),
        submit_token=PORTAL_TOKEN,
        with_receipt=True,
    )
    write(f"已创建网上纠纷求助示范件（查询编号 {case.receipt_number}，联系电话 {PORTAL_PHONE}）。")


register_demo_step(76, "纠纷求助示范登记", demo_intake)
register_demo_step(77, "网上纠纷求助示范件", demo_intake_portal)
