"""Demo step: the demo city's 人民调解 organisations (a street committee, a community and a village committee, a
medical-dispute committee) with their mediators, and seven disputes dated from today (idempotent): one just
registered (urgent), one being mediated, one agreed in writing with 司法确认 applied, one closed as performed after
the court confirmed it, one with an oral agreement under follow-up, one terminated, one refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fazhi.core.actions import register_demo_step

TOKENS = [f"00000000-0000-4000-8000-00000000061{i}" for i in range(7)]
COMMITTEES = (  # (unit code, name, kind, sector, mediators [(name, kind, phone, specialities)])
    (
        "D1T1",
        "示范市东城区东华街道人民调解委员会",
        "town",
        "",
        [("赵调解", "full_time", "13900000101", "婚姻家庭、邻里")],
    ),
    (
        "D1T1V1",
        "示范市东城区东华社区人民调解委员会",
        "village",
        "",
        [("钱和睦", "part_time", "13900000102", "邻里、物业"), ("孙明理", "part_time", "13900000103", "损害赔偿")],
    ),
    ("D2T2V1", "示范市西城区金山村人民调解委员会", "village", "", [("李公道", "part_time", "13900000104", "土地")]),
    (
        "D102",
        "示范市东城区医疗纠纷人民调解委员会",
        "sector",
        "medical",
        [("周医调", "full_time", "13900000105", "医疗")],
    ),
)


def demo_mediation(write: Callable[[str], object] = print) -> None:
    from fazhi.cases.models import Case
    from fazhi.cases.services import PartyInput, today_local
    from fazhi.orgs.models import Unit

    from . import services as s
    from .models import Committee

    units = {u.code: u for u in Unit.objects.filter(code__in=[c[0] for c in COMMITTEES])}
    if len(units) < len(COMMITTEES):
        write("未找到示范街道、社区和村，跳过人民调解示范数据。")
        return
    made = {}
    for code, name, kind, sector, mediators in COMMITTEES:
        committee = Committee.objects.filter(name=name).first()
        if committee is None:
            committee = s.committee_create(by=None, unit=units[code], name=name, kind=kind, sector=sector)
            for m_name, m_kind, phone, spec in mediators:
                s.mediator_add(
                    by=None,
                    committee=committee,
                    name=m_name,
                    kind=m_kind,
                    phone=phone,
                    specialities=spec,
                    training="2026-03-15 人民调解员岗前培训 16学时",
                )
        made[code] = committee
    if Case.objects.filter(submit_token__in=TOKENS).exists():
        write("人民调解示范案件已存在，跳过。")
        return
    today = today_local()
    days = dt.timedelta

    def register(i: int, committee: str, dispute: str, account: str, ago: int, **kw: object) -> Case:
        return s.mediation_register(
            by=None,
            committee=made[committee],
            source=kw.pop("source", "window"),  # type: ignore[arg-type]
            dispute_type=dispute,
            applicants=[PartyInput(role="applicant", name=f"申请人{i + 1}", phone=f"1370000020{i}")],
            respondents=[PartyInput(role="respondent", name=f"对方当事人{i + 1}", phone=f"1370000030{i}")],
            account=account,
            received_on=today - days(ago),
            submit_token=TOKENS[i],
            **kw,  # type: ignore[arg-type]
        )

    def session(case: Case, on: dt.date) -> None:
        ids = [m["id"] for m in case.extra.get("mediators", [])] or [
            made_m.pk for made_m in Committee.objects.get(pk=case.extra["committee_id"]).mediators.all()[:1]
        ]
        s.case_record_session(case=case, by=None, on=on, place="调解室", mediators=ids, participants="双方当事人")

    def accept(case: Case, on: dt.date) -> None:
        ids = [m.pk for m in Committee.objects.get(pk=case.extra["committee_id"]).mediators.all()[:2]]
        s.case_accept(case=case, by=None, on=on, mediators=ids)

    def agree(case: Case, on: dt.date, form: str = "written") -> None:
        parties = [p.pk for p in case.parties.all()]
        s.case_agree(
            case=case,
            by=None,
            on=on,
            form=form,
            facts="双方因相邻通行发生争执",
            content="对方当事人于十日内拆除堆放物，恢复通行；申请人不再追究其他责任",
            performance="十日内履行完毕",
            parties_signed=parties,
            mediator_signed=True,
            committee_sealed=True,
        )

    c0 = register(
        0, "D1T1V1", "property_mgmt", "小区业主三十余户与物业公司因停车费上涨发生争执", 0, mass=True, source="hotline"
    )
    c1 = register(1, "D1T1V1", "neighbour", "楼上漏水致楼下天花板受损", 6, source="hotline")
    accept(c1, today - days(5))
    session(c1, today - days(3))
    c2 = register(2, "D1T1", "family", "离婚后子女抚养费给付争议", 20)
    accept(c2, today - days(19))
    session(c2, today - days(15))
    session(c2, today - days(12))
    agree(c2, today - days(12))
    s.case_apply_confirmation(case=c2, by=None, on=today - days(5), court="示范市东城区人民法院")
    c3 = register(
        3,
        "D102",
        "medical",
        "患者家属对手术后并发症赔偿有异议",
        50,
        source="transfer",
        transfer_from="court",
        transfer_note="东城区人民法院诉前委派",
    )
    accept(c3, today - days(48))
    session(c3, today - days(40))
    agree(c3, today - days(38))
    s.case_apply_confirmation(case=c3, by=None, on=today - days(35), court="示范市东城区人民法院")
    s.case_record_confirmation(
        case=c3, by=None, on=today - days(30), result="valid", ruling_number="（2026）鲁0102民特1号"
    )
    s.case_follow_up(case=c3, by=None, on=today - days(8), performance="performed", note="赔偿款已付清")
    s.case_close(case=c3, by=None, on=today - days(8))
    c4 = register(4, "D2T2V1", "land", "承包地边界争议", 15, source="screening")
    accept(c4, today - days(15))
    session(c4, today - days(10))
    agree(c4, today - days(10), form="oral")
    s.case_follow_up(case=c4, by=None, on=today - days(1), performance="none", note="对方尚未移桩")
    c5 = register(5, "D1T1", "damages", "电动车碰撞赔偿争议", 30)
    accept(c5, today - days(29))
    session(c5, today - days(25))
    s.case_terminate(case=c5, by=None, on=today - days(20), ground="failed", reason="双方对赔偿数额分歧过大")
    c6 = register(6, "D1T1V1", "labour", "务工人员追索劳动报酬", 3)
    s.case_reject(case=c6, by=None, on=today - days(2), ground="other_route", reason="已申请劳动仲裁")
    write(f"已创建人民调解委员会{len(made)}个、示范案件7件（{c0.case_number} 等）。")


register_demo_step(73, "人民调解组织和示范案件", demo_mediation)


HOTLINE_TOKENS = [f"00000000-0000-4000-8000-0000000062{i:02d}" for i in range(24)]
HOTLINE_DEMO = (  # (days ago, hour, minutes on the line, topic, question, answer, transferred to)
    (
        0,
        9,
        6,
        "labour",
        "公司拖欠三个月工资，老板不见人，怎么办？",
        "可向劳动保障监察投诉，或申请劳动仲裁；证据为考勤、工资条、聊天记录。",
        "",
    ),
    (
        0,
        10,
        12,
        "family",
        "离婚后孩子抚养费一般给多少？",
        "一般为月总收入的百分之二十至三十，两个以上子女可适当提高。",
        "",
    ),
    (
        1,
        15,
        4,
        "legal_aid",
        "家里困难，打官司请不起律师。",
        "符合经济困难标准可申请法律援助，已告知申请材料。",
        "转市法律援助中心",
    ),
    (
        1,
        16,
        9,
        "property",
        "楼上漏水物业不管，邻居不配合维修。",
        "可申请人民调解，亦可起诉要求排除妨害、赔偿损失。",
        "转东华社区人民调解委员会",
    ),
    (2, 11, 3, "traffic", "电动车被撞，对方只肯赔一半。", "交警责任认定后可协商或申请交通事故人民调解。", ""),
    (3, 9, 15, "contract", "装修公司拿了定金不开工。", "可催告后解除合同并要求返还定金，保留书面证据。", ""),
    (
        5,
        14,
        7,
        "medical",
        "手术后出现并发症，医院说是正常风险。",
        "可申请医疗纠纷人民调解或医疗损害鉴定。",
        "转医疗纠纷人民调解委员会",
    ),
    (
        8,
        10,
        5,
        "notary",
        "父母房产过户给子女需要公证吗？",
        "赠与可办理赠与合同公证，也可直接到不动产登记中心办理。",
        "",
    ),
    (12, 9, 8, "land", "村里调整承包地没有通知我。", "承包期内发包方不得随意调整承包地，可申请调解或仲裁。", ""),
    (
        20,
        15,
        11,
        "administrative",
        "被罚款五千元不服。",
        "可在知道之日起六十日内申请行政复议，或六个月内提起行政诉讼。",
        "",
    ),
    (35, 10, 6, "labour", "试用期被辞退有没有补偿？", "用人单位须证明不符合录用条件，否则可主张赔偿金。", ""),
    (
        60,
        16,
        10,
        "family",
        "老人赡养问题兄弟互相推诿。",
        "赡养义务不因分家或放弃继承而免除，可申请人民调解。",
        "转东华街道人民调解委员会",
    ),
)


def demo_legal_hotline(write: Callable[[str], object] = print) -> None:
    """Twelve 12348 calls over the last two months, answered at the 司法局 (idempotent by their submit tokens)."""
    import uuid

    from django.utils import timezone

    from fazhi.orgs.models import Unit

    from .models import HotlineCall
    from .services import hotline_call_log

    if HotlineCall.objects.filter(submit_token__in=HOTLINE_TOKENS).exists():
        write("12348热线示范来电已存在，跳过。")
        return
    bureau = Unit.objects.filter(code="C008").first()
    if bureau is None:
        write("未找到司法局，跳过12348热线示范来电。")
        return
    now = timezone.localtime()
    for i, (ago, hour, minutes, topic, question, answer, to) in enumerate(HOTLINE_DEMO):
        at = (now - dt.timedelta(days=ago)).replace(hour=hour, minute=5 + i, second=0, microsecond=0)
        hotline_call_log(
            by=None,
            unit=bureau,
            received_at=min(at, now),
            duration_seconds=minutes * 60,
            topic=topic,
            question=question,
            answer=answer,
            transferred=bool(to),
            transferred_to=to,
            submit_token=uuid.UUID(HOTLINE_TOKENS[i]),
        )
    write(f"已创建12348热线示范来电{len(HOTLINE_DEMO)}条。")


register_demo_step(74, "12348热线示范来电", demo_legal_hotline)
