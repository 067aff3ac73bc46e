"""Issue 9 ¶2: walk every transition of every docket and check that no clock is left running that the law ends.

The law's span of each clock is declared in its docket's spec (`ClockSpec.runs_in`: the states it may run in); a
closed case has no running clock unless the clock is declared `after_outcome`. Each docket gives paths that together
take every one of its transitions; a transition no path takes fails the test (a new transition needs a path here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from fazhi.cases.clocks import case_clocks
from fazhi.cases.models import PartyRole
from fazhi.cases.registry import docket_get, dockets
from fazhi.cases.services import PartyInput

pytestmark = pytest.mark.django_db

MON = dt.date(2025, 3, 3)  # a Monday


def d(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


DECISION = {
    "outcome": "revoke",
    "facts": "处罚决定认定事实不清",
    "reasons": "证据不足",
    "decision_text": "撤销该处罚决定",
}
SIMPLE = ["clear_facts", "clear_rights", "minor_dispute", "small_amount"]


def _review_due(case: Any) -> dict[str, Any]:
    from fazhi.dockets.reconsideration.services import review_due

    return {"on": review_due(case)}


# (transition code, actor: "handler" | "head" | None for the system, kwargs or a function of the case giving them)
Step = tuple[str, str | None, dict[str, Any] | Callable[[Any], dict[str, Any]]]
RECONSIDERATION: list[list[Step]] = [
    [
        ("request_correction", "handler", {"on": d(1), "defects": "缺少身份证明"}),
        ("receive_correction", "handler", {"on": d(2)}),
        ("accept", "handler", {"on": d(3), "procedure": "ordinary"}),
        ("send_copy", "handler", {"on": d(4)}),
        ("record_reply", "handler", {"on": d(8), "summary": "处罚合法"}),
        ("schedule_hearing", "handler", {"on": d(9), "hearing_on": d(30), "place": "第一听证室"}),
        ("request_extension", "handler", {"days": 20, "reason": "案情复杂"}),
        ("approve_extension", "head", {"on": d(10)}),
        ("suspend", "handler", {"on": d(11), "ground": "S3"}),
        ("resume", "handler", {"on": d(15)}),
        ("draft_decision", "handler", {**DECISION, "on": d(16)}),
        ("refuse", "head", {"request": "decision", "reason": "理由不充分"}),
        ("draft_decision", "handler", {**DECISION, "on": d(39)}),
        ("approve_decision", "head", {"on": d(40)}),
        ("publish", "head", {"on": d(41)}),
    ],
    [
        ("request_correction", "handler", {"on": d(1), "defects": "缺少身份证明"}),
        ("abandon", "handler", {"on": d(20)}),
    ],
    [("reject", "handler", {"on": d(2), "reasons": "超过申请期限"})],
    [
        ("accept", "handler", {"on": d(2), "procedure": "simplified", "simplified_conditions": SIMPLE}),
        ("send_copy", "handler", {"on": d(3)}),
        ("record_reply", "handler", {"on": d(5), "summary": "处罚合法"}),
        ("request_switch", "handler", {"reason": "案情复杂"}),
        ("approve_switch", "head", {"on": d(6)}),
        ("request_termination", "handler", {"ground": "T1", "note": "申请人撤回"}),
        ("terminate", "head", {"on": d(7), "ground": "T1"}),
    ],
    [
        ("accept", "handler", {"on": d(2), "procedure": "simplified", "simplified_conditions": SIMPLE}),
        ("draft_decision", "handler", {**DECISION, "on": d(8)}),
        ("approve_decision", "head", {"on": d(9)}),
    ],
    [
        ("deem_accept", None, _review_due),
        ("suspend", "handler", {"on": d(20), "ground": "S3"}),
        ("terminate", "head", {"on": d(25), "ground": "T1"}),
    ],
]
LITIGATION: list[list[Step]] = [
    [
        ("submit_defence", "handler", {"on": d(10)}),
        ("schedule_hearing", "handler", {"hearing_on": dt.date(2025, 4, 10), "place": "第三法庭"}),
        (
            "record_appearance",
            "handler",
            {"hearing": "2025-04-10", "head_attended": True, "head_name": "李局长", "head_position": "principal"},
        ),
        ("close", "handler", {"on": dt.date(2025, 5, 6), "outcome": "revoke", "summary": "撤销处罚决定"}),
        ("analyse_loss", "handler", {"analysis": "证据不足", "measures": "完善取证"}),
        (
            "appeal",
            "handler",
            {
                "court": "示范市中级人民法院",
                "court_case_number": "（2025）鲁01行终7号",
                "served_on": dt.date(2025, 5, 20),
            },
        ),
    ],
    [
        ("schedule_hearing", "handler", {"hearing_on": dt.date(2025, 4, 10)}),
        ("close", "handler", {"on": dt.date(2025, 4, 20), "outcome": "withdrawal"}),
    ],
]


@pytest.fixture
def new_case(city, persona):
    handler = persona("reconsideration_handler", "justice")

    def make(docket: str, index: int = 0) -> Any:
        applicant = PartyInput(
            role=PartyRole.APPLICANT, name="张三", id_number="11010519491231002X", phone="13812345678"
        )
        if docket == "legal_aid":
            from fazhi.dockets.legal_aid.services import legal_aid_apply
            from fazhi.orgs.tests.factories import UnitFactory

            city.setdefault("centre", UnitFactory(code="C001A", name="示范市法律援助中心", parent=city["justice"]))
            return legal_aid_apply(
                by=persona("legal_aid_staff", "centre"),
                handling_unit=city["centre"],
                applicant=applicant,
                matter="civil",
                request="追索劳动报酬",
                received_on=MON,
            )
        if docket == "mediation":
            from fazhi.dockets.mediation.services import committee_create, mediation_register, mediator_add
            from fazhi.orgs.tests.factories import UnitFactory

            city.setdefault("village", UnitFactory(code="D1T1V1", name="东华社区居民委员会", parent=city["district"]))
            committee = committee_create(by=None, unit=city["village"], name="东华社区人民调解委员会", kind="village")
            mediator_add(by=None, committee=committee, name="钱和睦", kind="part_time")
            return mediation_register(
                by=persona("mediator", "village"),
                committee=committee,
                source="hotline",
                dispute_type="neighbour",
                applicants=[applicant],
                respondents=[PartyInput(role=PartyRole.RESPONDENT, name="李四")],
                account="楼上漏水",
                received_on=MON,
            )
        if docket == "hotline":
            from fazhi.dockets.hotline.services import hotline_register

            return hotline_register(
                by=persona("hotline_centre", "justice"),
                centre=city["justice"],
                source="12345",
                source_id=f"W{index}",
                received_on=MON,
                type="consult" if index == 3 else "complaint",
                category="heating",
                content="暖气不热",
                caller=applicant,
            )
        if docket == "petitions":
            from fazhi.dockets.petitions.services import petition_register

            args: dict[str, Any] = dict(
                by=persona("petition_handler", "justice"),
                handling_unit=city["justice"],
                type="claim",
                petitioner=applicant,
                content="要求落实补偿",
                channel="in_person",
                received_on=MON,
                object_unit=city["market"],
            )
            return petition_register(**{**args, **PETITION_INTAKE.get(index, {})})
        if docket == "disclosure":
            from fazhi.dockets.disclosure.services import disclosure_register

            return disclosure_register(
                by=persona("disclosure_handler", "justice"),
                handling_unit=city["justice"],
                applicant_type="natural_person",
                applicant=applicant,
                content="本机关2024年行政处罚统计",
                channel="in_person",
                submitted_on=MON,
            )
        if docket == "proposals":
            from fazhi.dockets.proposals.services import (
                ProposerLink,
                proposal_register,
                proposer_create,
                session_get_or_create,
            )

            office = persona("office_staff", "justice")
            session = session_get_or_create(body="npc", name="示范市第十八届人大四次会议", year=2026, by=office)
            deputy = proposer_create(by=office, body="npc", term="第十八届", name="张代表")
            return proposal_register(
                by=office,
                session=session,
                number="1",
                title="关于加强停车管理的建议",
                source="session",
                assigned_on=_p(0),
                lead_unit=city["market"],
                proposers=[ProposerLink(deputy)],
            )
        if docket == "reconsideration":
            from fazhi.dockets.reconsideration.services import reconsideration_intake

            return reconsideration_intake(
                by=handler,
                handling_unit=city["justice"],
                received_on=MON,
                channel="in_person",
                applicant=applicant,
                act="行政处罚决定（示市监罚〔2025〕8号）",
                request="撤销该处罚决定",
                respondent_unit=city["market"],
            )
        from fazhi.dockets.litigation.services import litigation_register

        return litigation_register(
            by=handler,
            handling_unit=city["justice"],
            court="示范市东城区人民法院",
            court_case_number="（2025）鲁0102行初1号",
            plaintiff=applicant,
            cause="不服行政处罚决定",
            instance="first",
            served_on=MON,
            defendant_unit=city["market"],
        )

    return make


def _stale(case: Any) -> list[str]:
    """Clocks of `case` still running where the law says they have ended."""
    spec = docket_get(case.docket)
    closed = spec.state(case.state).closed
    stale = []
    for clock in case_clocks(case):
        if clock.completed_on is not None:
            assert clock.state == "done", clock
            continue
        c = spec.clock(clock.key)
        if (closed and not c.after_outcome) or (c.runs_in and case.state not in c.runs_in):
            stale.append(f"{c.label}（{spec.state_label(case.state)}）")
    return stale


DISCLOSURE: list[list[Step]] = [
    [
        ("confirm_clear", "handler", {"on": d(1)}),
        ("consult_third_party", "handler", {"on": d(2), "party": "某公司"}),
        ("extend", "head", {"on": d(3), "days": 10, "reason": "需征求意见"}),
        ("receive_opinion", "handler", {"on": d(8), "opinion": "disagree"}),
        ("consult_agency", "handler", {"on": d(9), "party": "示范市财政局"}),
        ("receive_opinion", "handler", {"on": d(10), "opinion": "none"}),
        ("excessive", "handler", {"on": d(11), "reason": "一个月内申请逾百件"}),
        ("fee_notice", "handler", {"on": d(11), "method": "page", "pages": 40, "reason": "申请材料量大"}),
        ("fee_paid", "handler", {"on": d(14)}),
        ("reply", "handler", {"on": d(15), "reply_type": "partial", "content": "公开第一部分"}),
    ],
    [
        ("request_correction", "handler", {"on": d(1), "defects": "内容不明确"}),
        ("receive_correction", "handler", {"on": d(2)}),
        ("route_out", "handler", {"on": d(3)}),
    ],
    [
        ("request_correction", "handler", {"on": d(1), "defects": "内容不明确"}),
        ("close_uncorrected", "handler", {"on": d(40)}),
    ],
    [
        ("fee_notice", "handler", {"on": d(1), "method": "page", "pages": 40, "reason": "申请材料量大"}),
        ("close_unpaid", "handler", {"on": d(40)}),
    ],
    [("withdraw", "handler", {"on": d(2)})],
]


def _mediators(case: Any) -> list[int]:
    from fazhi.dockets.mediation.models import Mediator

    return list(Mediator.objects.filter(committee_id=case.extra["committee_id"]).values_list("pk", flat=True))


def _session(on: dt.date) -> Callable[[Any], dict[str, Any]]:
    return lambda case: {"on": on, "place": "调解室", "mediators": _mediators(case), "participants": "双方"}


def _agreement(form: str) -> Callable[[Any], dict[str, Any]]:
    return lambda case: {
        "on": d(7),
        "form": form,
        "facts": "漏水",
        "content": "赔偿2000元",
        "parties_signed": [p.pk for p in case.parties.all()],
        "mediator_signed": True,
        "committee_sealed": True,
    }


MEDIATION: list[list[Step]] = [
    [
        ("accept", "handler", {"on": d(1)}),
        ("record_session", "handler", _session(d(2))),
        ("record_session", "handler", _session(d(4))),
        ("agree", "handler", _agreement("written")),
        ("apply_confirmation", "handler", {"on": d(10), "court": "东城区人民法院"}),
        ("record_confirmation", "handler", {"on": d(20), "result": "valid"}),
        ("follow_up", "handler", {"on": d(30), "performance": "performed"}),
        ("close", "handler", {"on": d(31)}),
    ],
    [
        ("accept", "handler", {"on": d(1)}),
        ("record_session", "handler", _session(d(2))),
        ("agree", "handler", _agreement("oral")),
        ("follow_up", "handler", {"on": d(40), "performance": "none"}),
        ("close", "handler", {"on": d(41)}),
    ],
    [
        ("accept", "handler", {"on": d(1)}),
        ("terminate", "handler", {"on": d(5), "ground": "failed", "reason": "分歧过大"}),
    ],
    [("reject", "handler", {"on": d(1), "ground": "party_refused"})],
]

MEDIATION_USERS = {"handler": ("mediator", "village")}
OPINION = {"outcome": "not_support", "facts": "经调查核实", "opinion": "不予支持"}
PETITIONS: list[list[Step]] = [
    [
        ("accept", "handler", {"on": d(1)}),
        ("extend", "head", {"on": d(20), "days": 30, "reason": "情况复杂"}),
        ("decide", "handler", {**OPINION, "on": d(40)}),
        ("request_review", "handler", {"on": d(50)}),
        ("review_decide", "handler", {**OPINION, "on": d(60)}),
        ("request_rereview", "handler", {"on": d(70)}),
        ("hearing_start", "handler", {"on": d(75), "place": "听证室"}),
        ("hearing_end", "handler", {"on": d(76)}),
        ("rereview_decide", "handler", {**OPINION, "on": d(90)}),
    ],
    [
        ("accept", "handler", {"on": d(1)}),
        ("decide", "handler", {**OPINION, "on": d(10)}),
        ("conclude", "handler", {"on": d(60)}),
    ],
    [
        ("accept", "handler", {"on": d(1)}),
        ("decide", "handler", {**OPINION, "on": d(10)}),
        ("request_review", "handler", {"on": d(20)}),
        ("review_decide", "handler", {**OPINION, "on": d(30)}),
        ("conclude", "handler", {"on": d(80)}),
    ],
    [("route", "handler", {"on": d(1), "route": "reconsideration"})],
    [("not_accept", "handler", {"on": d(1), "reason": "not_petition"})],
    [("accept", "handler", {"on": d(1)}), ("withdraw", "handler", {"on": d(2)})],
    [("object", "handler", {"on": d(1), "reason": "不属于本机关职责"})],
    [("transfer", "handler", lambda case: {"on": d(2), "to_unit": case.respondent_unit})],
    [("accept", "handler", {"on": d(1)}), ("reply", "handler", {"on": d(20), "content": "已答复"})],
]

HOTLINE: list[list[Step]] = [
    [
        ("dispatch", "head", lambda case: {"on": d(0), "to_unit": case.handling_unit.parent.children.get(code="C002")}),
        ("sign", "handler", {"on": d(1)}),
        ("extend", "head", {"on": d(2), "days": 3, "reason": "需现场核查"}),
        ("reply", "handler", {"on": d(5), "content": "已办理"}),
        ("visit", "head", {"on": d(6), "satisfaction": "satisfied", "solved": True}),
    ],
    [
        ("dispatch", "head", lambda case: {"on": d(0), "to_unit": case.handling_unit.parent.children.get(code="C002")}),
        ("return_order", "handler", {"on": d(1), "reason": "not_our_area"}),
        (
            "dispatch",
            "head",
            lambda case: {"on": d(2), "to_unit": case.handling_unit.parent.children.get(code="C002"), "final": True},
        ),
        ("sign", "handler", {"on": d(2)}),
        ("reply", "handler", {"on": d(3), "content": "已办理"}),
        ("visit", "head", {"on": d(4), "satisfaction": "unreached"}),
    ],
    [("divert", "head", {"on": d(0), "route": "reconsideration"})],
    [("answer", "head", {"on": d(0), "content": "告知办理指南"})],
]


def _p(n: int) -> dt.date:
    """建议提案 dates: handed over 40 days before today (a 承诺事项 may not be due in the past)."""
    from fazhi.cases.services import today_local

    return today_local() - dt.timedelta(days=40 - n)


def _commitments_done(case: Any) -> dict[str, Any]:
    """The office 销号 the 承诺事项 items (supervision, not a transition), then the class-B item is answered again."""
    from fazhi.dockets.proposals.services import commitment_fulfilled
    from fazhi.supervision.models import Item

    for item in Item.objects.filter(kind="proposals.commitment", source_id=str(case.pk)):
        commitment_fulfilled(item=item, by=None)
    return {"on": _p(7), "text": "承诺事项已落实"}


PROPOSALS: list[list[Step]] = [
    [
        ("ask_reassign", "handler", lambda c: {"on": _p(1), "reason": "不属于本单位职责"}),
        ("reassign", "office", lambda c: {"on": _p(2)}),
        ("sign", "handler", lambda c: {"on": _p(3)}),
        ("contact", "handler", lambda c: {"on": _p(4), "form": "visit"}),
        ("draft", "handler", {"result_class": "A", "text": "已解决"}),
        ("sign_off", "head", lambda c: {"on": _p(5)}),
        ("extend", "office_head", {"months": 1, "reason": "涉及面广"}),
        ("send", "handler", lambda c: {"on": _p(6)}),
        ("dissatisfied", "handler", lambda c: {"on": _p(7), "rating": "unsatisfied"}),
        ("contact", "handler", lambda c: {"on": _p(8), "form": "meeting"}),
        ("draft", "handler", {"result_class": "A", "text": "再次办理"}),
        ("sign_off", "head", lambda c: {"on": _p(9)}),
        ("send", "handler", lambda c: {"on": _p(10)}),
        ("rate", "handler", lambda c: {"on": _p(11), "rating": "satisfied"}),
        ("close", "office", lambda c: {"on": _p(12)}),
        ("publish", "office", lambda c: {"on": _p(13)}),
    ],
    [
        ("sign", "handler", lambda c: {"on": _p(1)}),
        ("contact", "handler", lambda c: {"on": _p(2), "form": "phone"}),
        (
            "draft",
            "handler",
            lambda c: {"result_class": "B", "text": "列入计划", "commitments": [("建停车场", _p(70))]},
        ),
        ("sign_off", "head", lambda c: {"on": _p(3)}),
        ("send", "handler", lambda c: {"on": _p(4)}),
        ("rate", "handler", lambda c: {"on": _p(5), "rating": "basic"}),
        ("follow_up", "handler", _commitments_done),
        ("close", "office", lambda c: {"on": _p(8)}),
    ],
]

PATHS = {
    "reconsideration": RECONSIDERATION,
    "litigation": LITIGATION,
    "disclosure": DISCLOSURE,
    "petitions": PETITIONS,
    "hotline": HOTLINE,
    "mediation": MEDIATION,
    "proposals": PROPOSALS,
}
HOTLINE_USERS = {"handler": ("hotline_handler", "market"), "head": ("hotline_centre", "justice")}


def _aid(**kw: Any) -> Any:
    """A legal-aid step naming a person of the case's centre's registry (registered on first use)."""

    def kwargs(case: Any) -> dict[str, Any]:
        from fazhi.dockets.legal_aid.models import AidPerson
        from fazhi.dockets.legal_aid.services import aid_person_create

        person = AidPerson.objects.filter(centre_id=case.handling_unit_id).first() or aid_person_create(
            by=None,
            centre=case.handling_unit,
            kind="lawyer",
            name="郑律师",
            licence_number="13701202010123456",
            organisation="某律师事务所",
        )
        return {**kw, "person": person}

    return kwargs


LEGAL_AID: list[list[Step]] = [
    [
        ("request_materials", "handler", {"on": d(1), "items": "劳动合同"}),
        ("receive_materials", "handler", {"on": d(3)}),
        ("grant", "head", {"on": d(4), "pledge": True}),
        ("assign", "handler", _aid(on=d(5))),
        ("close", "handler", {"on": d(40), "report": "代理仲裁"}),
        ("evaluate", "head", {"on": d(41), "grade": "good"}),
    ],
    [
        ("advance", "head", _aid(on=d(0), ground="deadline")),
        ("grant", "head", {"on": d(2), "exemption": "vulnerable"}),
        ("assign", "handler", _aid(on=d(2))),
        ("terminate", "head", {"on": d(10), "reason": "受援人情况变化"}),
    ],
    [
        ("refuse", "head", {"on": d(2), "reasons": "不符合条件"}),
        ("object", "handler", {"on": d(4), "content": "不服"}),
        ("correct", "supervisor", {"on": d(6)}),
        ("assign", "handler", _aid(on=d(7))),
    ],
    [
        ("refuse", "head", {"on": d(2), "reasons": "不符合条件"}),
        ("object", "handler", {"on": d(4), "content": "不服"}),
        ("uphold", "supervisor", {"on": d(6)}),
    ],
    [
        ("request_materials", "handler", {"on": d(1), "items": "身份证明"}),
        ("withdraw", "handler", {"on": d(30)}),
    ],
]
PATHS["legal_aid"] = LEGAL_AID
LEGAL_AID_USERS = {
    "handler": ("legal_aid_staff", "centre"),
    "head": ("legal_aid_head", "centre"),
    "supervisor": ("legal_aid_supervisor", "justice"),
}
DISCLOSURE_USERS = {"handler": "disclosure_handler", "head": "disclosure_head"}
PETITION_USERS = {"handler": "petition_handler", "head": "petition_head"}
# the petitions paths start from different intakes (by index): a suggestion, a transferred matter, a 信访部门's
PETITION_INTAKE = {6: {"channel": "transfer"}, 7: {"receiver": "office"}, 8: {"type": "suggestion"}}
PROPOSALS_USERS = {
    "handler": ("dept_liaison", "market"),
    "head": ("proposal_head", "market"),
    "office": ("office_staff", "justice"),
    "office_head": ("office_head", "justice"),
}


def test_every_docket_has_a_walk_that_takes_every_transition():
    assert sorted(PATHS) == sorted(
        s.code
        for s in dockets()
        if s.code
        in (
            "reconsideration",
            "litigation",
            "disclosure",
            "mediation",
            "petitions",
            "hotline",
            "proposals",
            "legal_aid",
        )
    )
    for code, paths in PATHS.items():
        taken = {step[0] for path in paths for step in path}
        assert taken == {t.code for t in docket_get(code).transitions}, code


@pytest.mark.parametrize(("docket", "index"), [(k, i) for k, v in PATHS.items() for i in range(len(v))])
def test_no_clock_runs_after_the_step_that_ends_it(docket, index, new_case, persona):
    users = {
        "handler": persona("reconsideration_handler", "justice"),
        "head": persona("reconsideration_head", "justice"),
    }
    if docket == "disclosure":
        users = {k: persona(role, "justice") for k, role in DISCLOSURE_USERS.items()}
    if docket == "petitions":
        users = {k: persona(role, "justice") for k, role in PETITION_USERS.items()}
    if docket == "hotline":
        users = {k: persona(*who) for k, who in HOTLINE_USERS.items()}
    if docket == "proposals":
        users = {k: persona(role, unit) for k, (role, unit) in PROPOSALS_USERS.items()}
    case = new_case(docket, index) if docket in ("petitions", "hotline") else new_case(docket)
    if docket == "mediation":  # the committee's unit exists once the case does
        users = {k: persona(*who) for k, who in MEDIATION_USERS.items()}
    if docket == "legal_aid":
        users = {k: persona(*who) for k, who in LEGAL_AID_USERS.items()}
    spec = docket_get(docket)
    assert _stale(case) == []
    for code, actor, kwargs in PATHS[docket][index]:
        case.refresh_from_db()
        args = kwargs(case) if callable(kwargs) else dict(kwargs)
        spec.transition(code).service_fn()(case=case, by=users.get(actor or ""), **args)
        case.refresh_from_db()
        assert case.state == (spec.transition(code).target or case.state)
        assert _stale(case) == [], f"after {code}"
    if spec.state(case.state).closed:
        assert all(c.completed_on is not None for c in case_clocks(case))
