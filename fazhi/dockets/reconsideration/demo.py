"""Demo step: a handful of 行政复议 cases in different states for the demo city (idempotent).

The 复议机构 is 示范市司法局; the handler persona `fuyi` acts where present (else the system)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fazhi.core.actions import register_demo_step

BODY = "示范市司法局"
DEMO_TOKENS = [f"00000000-0000-4000-8000-00000000010{i}" for i in range(6)]
APPLICANTS = [
    ("赵一", "11010519491231002X", "13800000001"),
    ("钱二", "110101199003072316", "13800000002"),
    ("孙三", "11010519491231002X", "13800000003"),
    ("李四", "110101199003072316", "13800000004"),
    ("周五", "11010519491231002X", "13800000005"),
    ("吴六", "110101199003072316", "13800000006"),
]


def demo_reconsideration_cases(write: Callable[[str], object] = print) -> None:
    from fazhi.cases.models import Case, PartyRole
    from fazhi.cases.services import PartyInput, today_local
    from fazhi.orgs.models import Unit, User

    from . import services as s

    body = Unit.objects.filter(name=BODY).first()
    if body is None:
        write(f"未找到{BODY}，跳过行政复议示范案件。")
        return
    if Case.objects.filter(submit_token__in=DEMO_TOKENS).exists():
        write("行政复议示范案件已存在，跳过。")
        return
    actor = User.objects.filter(username="fuyi").first()
    respondent = Unit.objects.exclude(pk=body.pk).filter(kind="department").first()
    today = today_local()
    start = today - dt.timedelta(days=40)
    cases = []
    for i, (name, idn, phone) in enumerate(APPLICANTS):
        cases.append(
            s.reconsideration_intake(
                by=None,
                handling_unit=body,
                received_on=start + dt.timedelta(days=i),
                channel="in_person",
                applicant=PartyInput(role=PartyRole.APPLICANT, name=name, id_number=idn, phone=phone),
                act=f"行政处罚决定（示范罚〔{today.year}〕{i + 1}号）",
                request="撤销该行政处罚决定",
                respondent_unit=respondent,
                respondent_name="" if respondent else "示范市某局",
                submit_token=DEMO_TOKENS[i],
            )
        )
    # 0: still under review; 1: awaiting correction; 2: accepted, copy sent; 3: decided 撤销 and published;
    # 4: suspended; 5: not accepted
    s.case_request_correction(case=cases[1], by=None, on=start + dt.timedelta(days=3), defects="缺少身份证明复印件")
    for c in cases[2:5]:
        s.case_accept(case=c, by=None, on=c.received_on + dt.timedelta(days=2))
    s.case_send_copy(case=cases[2], by=None, on=cases[2].received_on + dt.timedelta(days=4))
    s.case_draft_decision(
        case=cases[3],
        by=None,
        on=today - dt.timedelta(days=3),
        outcome="revoke",
        facts="认定事实不清",
        reasons="主要证据不足",
        decision_text="撤销该行政处罚决定",
    )
    s.case_approve_decision(case=cases[3], by=None, on=today - dt.timedelta(days=2))
    s.case_publish(case=cases[3], by=None, on=today - dt.timedelta(days=1))
    s.case_suspend(case=cases[4], by=None, on=cases[4].received_on + dt.timedelta(days=10), ground="S8")
    s.case_reject(
        case=cases[5],
        by=None,
        on=cases[5].received_on + dt.timedelta(days=2),
        reasons="申请超过法定申请期限",
        competent_body="",
    )
    _attach_materials(cases, today)
    if actor is not None:
        from fazhi.cases.services import case_update

        for c in cases:
            c.refresh_from_db()
            case_update(
                case=c, by=None, expected_version=c.version, changes={"handler": actor}, event_label="指定承办人"
            )
    write(f"已创建行政复议示范案件{len(cases)}件（{BODY}）。")


def _attach_materials(cases: list, today: dt.date) -> None:
    """The paper a real docket holds: each application as received, an applicant's evidence, a respondent's
    reply with its evidence list — as PDFs in the 电子卷宗 (so the case file and its PDF have content)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.cases.casefile import text_pdf
    from fazhi.cases.services import attachment_add

    def add(case: object, kind: str, name: str, title: str, body: str, step: str = "") -> None:
        f = SimpleUploadedFile(name, text_pdf(title, body), content_type="application/pdf")
        attachment_add(case=case, by=None, file=f, kind=kind, step=step, label=title)

    for i, (c, (name, _, _)) in enumerate(zip(cases, APPLICANTS, strict=True)):
        add(
            c,
            "application",
            f"复议申请书-{name}.pdf",
            "行政复议申请书",
            f"申请人：{name}\n\n被申请人：{c.extra.get('respondent_name') or (c.respondent_unit or '')}\n\n"
            f"行政复议请求：撤销被申请人作出的行政处罚决定（示范罚〔{today.year}〕{i + 1}号）。\n\n"
            "事实与理由：申请人认为该处罚决定认定事实不清、证据不足，且未依法告知申请人陈述、申辩的权利。\n\n"
            f"此致\n\n{BODY}",
        )
    add(
        cases[2],
        "evidence",
        "证据材料-现场照片说明.pdf",
        "申请人提交的证据材料",
        "证据一：经营场所现场照片说明（证明申请人于处罚认定之日未在现场经营）。\n\n证据二：租赁合同复印件一份。",
    )
    add(
        cases[3],
        "reply",
        "行政复议答复书.pdf",
        "行政复议答复书",
        "答复人认为，被复议的行政处罚决定认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当，"
        "请求复议机关予以维持。\n\n附：证据目录（现场检查笔录、询问笔录、送达回证）。",
    )


register_demo_step(70, "行政复议示范案件", demo_reconsideration_cases)
