"""Demo step: the 法律援助人员 registry of the demo city's justice bureau (two lawyers, a 基层法律服务工作者, a volunteer,
one deactivated lawyer) and 法律援助 applications to it dated from today (idempotent, each part by its submit tokens):
one waiting, one granted and assigned, one with 先行援助, one refused, one concluded and evaluated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fazhi.core.actions import register_demo_step

BODY = "示范市司法局"
TOKENS = [f"00000000-0000-4000-8000-00000000071{i}" for i in range(5)]
PEOPLE = (  # kind, name, licence, firm, phone, specialities
    ("lawyer", "郑明律", "13701202010123456", "示范市某某律师事务所", "13700000501", "劳动争议、工伤赔偿"),
    ("lawyer", "林正义", "13701201810654321", "示范市法律援助中心", "13700000502", "刑事辩护"),
    ("grassroots", "王援助", "23701202211000123", "示范市城关基层法律服务所", "", "婚姻家庭、相邻纠纷"),
    ("volunteer", "陈志愿", "", "示范市某大学法学院", "", "法律咨询、代写文书"),
    ("lawyer", "赵退休", "13701200510000999", "示范市某某律师事务所", "", "民事合同"),
)
PEOPLE_TOKENS = [f"00000000-0000-4000-8000-00000000072{i}" for i in range(len(PEOPLE))]


def _people(body: Any) -> list[Any]:
    from .models import AidPerson
    from .services import aid_person_create, aid_person_deactivate

    people = []
    for token, (kind, name, licence, firm, phone, specialities) in zip(PEOPLE_TOKENS, PEOPLE, strict=True):
        person = AidPerson.objects.filter(submit_token=token).first() or aid_person_create(
            by=None,
            centre=body,
            kind=kind,
            name=name,
            licence_number=licence,
            organisation=firm,
            phone=phone,
            specialities=specialities,
            submit_token=token,
        )
        people.append(person)
    retired = people[-1]
    if retired.is_active:
        aid_person_deactivate(by=None, person=retired, expected_version=retired.version)
    return people


def demo_legal_aid(write: Callable[[str], object] = print) -> None:
    from fazhi.cases.models import Case
    from fazhi.cases.services import PartyInput, today_local
    from fazhi.orgs.models import Unit

    from . import services as s

    body = Unit.objects.filter(name=BODY).first()
    if body is None:
        write(f"未找到{BODY}，跳过法律援助示范申请。")
        return
    people = _people(body)
    if Case.objects.filter(submit_token__in=TOKENS).exists():
        write("法律援助示范申请已存在，跳过。")
        return
    today = today_local()
    days = dt.timedelta
    rows = (
        (0, "civil", "追索劳动报酬"),
        (5, "civil", "离婚纠纷中请求子女抚养费"),
        (2, "civil", "工伤赔偿，仲裁时效将届满"),
        (10, "administrative", "不服行政处罚决定"),
        (40, "criminal", "被告人申请辩护"),
    )
    cases = [
        s.legal_aid_apply(
            by=None,
            handling_unit=body,
            applicant=PartyInput(role="applicant", name=f"受援人{i + 1}", phone=f"1370000040{i}"),
            matter=matter,
            request=text,
            received_on=today - days(ago),
            submit_token=TOKENS[i],
        )
        for i, (ago, matter, text) in enumerate(rows)
    ]
    c = cases
    s.case_grant(case=c[1], by=None, on=today - days(3), exemption="vulnerable")
    s.case_assign(case=c[1], by=None, on=today - days(2), person=people[0])
    s.case_advance(case=c[2], by=None, on=today - days(2), ground="deadline", person=people[2])
    s.case_refuse(case=c[3], by=None, on=today - days(5), reasons="申请人经济状况不符合经济困难标准，且未提交诚信承诺")
    s.case_grant(case=c[4], by=None, on=today - days(37), pledge=True)
    s.case_assign(case=c[4], by=None, on=today - days(36), person=people[1])
    s.case_close(
        case=c[4], by=None, on=today - days(5), report="出庭辩护，法院采纳从轻处罚的辩护意见", result="从轻处罚"
    )
    s.case_evaluate(case=c[4], by=None, on=today - days(1), grade="good")
    write(f"已创建法律援助示范申请{len(cases)}件。")


register_demo_step(74, "法律援助示范申请", demo_legal_aid)
