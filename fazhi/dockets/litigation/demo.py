"""Demo step: a few 行政应诉 cases for the demo city (idempotent): one awaiting defence, one at trial with the head
in court, one lost (判决撤销) with its analysis and a supervisable rectification item, one won and appealed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fazhi.core.actions import register_demo_step

BODY = "示范市司法局"
DEMO_TOKENS = [f"00000000-0000-4000-8000-00000000020{i}" for i in range(4)]
PLAINTIFFS = [
    ("郑七", "11010519491231002X", "13900000001"),
    ("王八", "110101199003072316", "13900000002"),
    ("冯九", "11010519491231002X", "13900000003"),
    ("陈十", "110101199003072316", "13900000004"),
]


def demo_litigation_cases(write: Callable[[str], object] = print) -> None:
    from fazhi.cases.models import Case, PartyRole
    from fazhi.cases.services import PartyInput, today_local
    from fazhi.orgs.models import Unit

    from . import services as s

    body = Unit.objects.filter(name=BODY).first()
    if body is None:
        write(f"未找到{BODY}，跳过行政应诉示范案件。")
        return
    if Case.objects.filter(submit_token__in=DEMO_TOKENS).exists():
        write("行政应诉示范案件已存在，跳过。")
        return
    defendant = Unit.objects.exclude(pk=body.pk).filter(kind="department").first() or body
    today = today_local()
    start = today - dt.timedelta(days=60)
    cases = []
    for i, (name, idn, phone) in enumerate(PLAINTIFFS):
        cases.append(
            s.litigation_register(
                by=None,
                handling_unit=body,
                court="示范市东城区人民法院",
                court_case_number=f"（{today.year}）示0101行初{i + 1}号",
                plaintiff=PartyInput(role=PartyRole.APPLICANT, name=name, id_number=idn, phone=phone),
                cause="不服行政处罚决定",
                instance="first",
                served_on=start + dt.timedelta(days=i),
                defendant_unit=defendant,
                submit_token=DEMO_TOKENS[i],
            )
        )
    # 1: defended, hearing held with the deputy head in court
    for c in cases[1:]:
        s.case_submit_defence(case=c, by=None, on=c.received_on + dt.timedelta(days=10))
        s.case_schedule_hearing(case=c, by=None, hearing_on=c.received_on + dt.timedelta(days=30), place="第三法庭")
        s.case_record_appearance(
            case=c,
            by=None,
            hearing=(c.received_on + dt.timedelta(days=30)).isoformat(),
            head_attended=True,
            head_name="刘副局长",
            head_position="deputy",
        )
    # 2: lost (撤销) → analysis + rectification task; 3: claim dismissed, plaintiff appealed
    s.case_close(
        case=cases[2],
        by=None,
        on=today - dt.timedelta(days=5),
        outcome="revoke",
        document_number=f"（{today.year}）示0101行初3号",
        summary="被诉处罚决定认定事实不清，判决撤销",
    )
    s.case_analyse_loss(
        case=cases[2],
        by=None,
        analysis="调查取证不充分，未听取当事人陈述申辩",
        measures="完善行政处罚调查取证和告知程序，开展执法人员培训",
        due_date=today + dt.timedelta(days=60),
    )
    s.case_close(
        case=cases[3],
        by=None,
        on=today - dt.timedelta(days=4),
        outcome="dismiss_claim",
        summary="被诉行为合法，判决驳回原告诉讼请求",
    )
    s.case_appeal(
        case=cases[3],
        by=None,
        court="示范市中级人民法院",
        court_case_number=f"（{today.year}）示01行终1号",
        served_on=today - dt.timedelta(days=1),
        appellant="plaintiff",
    )
    write(f"已创建行政应诉示范案件{len(cases) + 1}件（含上诉案件1件、败诉整改任务1项）。")


register_demo_step(71, "行政应诉示范案件", demo_litigation_cases)
