"""CasePolicy and the 行政复议 docket's actions: role × action × data scope (STYLE principle 4).

The case belongs to 示范市司法局 (the handling unit). A denied request answers like a missing case (404) and changes
nothing: no audit event, no case version, no timeline line.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.cases.models import Case, CaseEvent, PartyRole
from fazhi.cases.policies import CasePolicy
from fazhi.cases.services import PartyInput
from fazhi.dockets.reconsideration.spec import SPEC

pytestmark = pytest.mark.django_db

REVIEW, DECIDE = "reconsideration.case.review", "reconsideration.case.decide"
APPROVE, PUBLISH = "reconsideration.case.approve", "reconsideration.case.publish"
PERSONAS = {
    "handler": ("reconsideration_handler", "justice"),
    "head": ("reconsideration_head", "justice"),
    "other_handler": ("reconsideration_handler", "market"),
    "other_head": ("reconsideration_head", "market"),
    "dept_liaison": ("dept_liaison", "justice"),
    "office_staff": ("office_staff", "justice"),
    "leader": ("leader", "gov"),
    "sys_admin": ("sys_admin", "justice"),
    "sec_admin": ("sec_admin", "justice"),
    "audit_admin": ("audit_admin", "justice"),
}
# persona → (view, export, unmask, attach, transition action codes allowed). Unmask = the one personal-data rule
# (issue 9 ¶6): the handling unit's handlers and heads; the office and the leader see masked data and add nothing.
EXPECTED = {
    "handler": (True, True, True, True, {REVIEW, DECIDE}),
    "head": (True, True, True, True, {REVIEW, DECIDE, APPROVE, PUBLISH}),
    "other_handler": (False, False, False, False, set()),
    "other_head": (False, False, False, False, set()),
    "dept_liaison": (False, False, False, False, set()),
    "office_staff": (True, False, False, False, set()),
    "leader": (True, False, False, False, set()),
    "sys_admin": (False, False, False, False, set()),
    "sec_admin": (False, False, False, False, set()),
    "audit_admin": (False, False, False, False, set()),
}


@pytest.fixture
def case(city, persona):
    from fazhi.dockets.reconsideration.services import reconsideration_intake

    return reconsideration_intake(
        by=persona("reconsideration_handler", "justice"),
        handling_unit=city["justice"],
        received_on=dt.date(2025, 3, 3),
        channel="in_person",
        applicant=PartyInput(
            role=PartyRole.APPLICANT, name="张三", id_number="11010519491231002X", phone="13812345678"
        ),
        act="行政处罚决定",
        request="撤销",
        respondent_unit=city["market"],
    )


@pytest.mark.parametrize("who", sorted(PERSONAS))
def test_case_policy_matrix(who, persona, case):
    user = persona(*PERSONAS[who])
    view, export, unmask, attach, transition_actions = EXPECTED[who]
    assert (
        CasePolicy.can(user, "view", case),
        CasePolicy.can(user, "export", case),
        CasePolicy.can(user, "unmask", case),
        CasePolicy.can(user, "attach", case),
    ) == (view, export, unmask, attach)
    # lists agree with object checks
    assert list(CasePolicy.visible(user, "view")) == ([case] if view else [])
    assert list(CasePolicy.visible(user, "export")) == ([case] if export else [])
    for t in SPEC.transitions:
        assert CasePolicy.can_transition(user, case, t) is (t.action in transition_actions), (who, t.code)
    assert CasePolicy.can(user, "no-such-action", case) is False


def _strip(resp) -> bytes:
    return re.sub(rb'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+"', b"", resp.content)


def _snapshot(case: Case) -> tuple:
    case.refresh_from_db()
    return (AuditEvent.objects.count(), case.version, case.state, CaseEvent.objects.count())


DENIED = ["other_handler", "other_head", "dept_liaison", "sys_admin", "sec_admin", "audit_admin"]


@pytest.mark.parametrize("who", DENIED)
def test_a_case_out_of_scope_answers_like_a_missing_one_and_nothing_changes(who, persona, login_client, case):
    client = login_client(persona(*PERSONAS[who]))
    before = _snapshot(case)
    party = case.parties.get(role=PartyRole.APPLICANT)
    missing = client.get("/reconsideration/999999/")
    pages = [
        client.get(f"/reconsideration/{case.pk}/"),
        client.get(f"/reconsideration/{case.pk}/do/accept/"),
        client.post(f"/reconsideration/{case.pk}/do/accept/", {"version": case.version, "on": "2025-03-05"}),
        client.post(
            f"/reconsideration/{case.pk}/do/reject/", {"version": case.version, "on": "2025-03-05", "reasons": "x"}
        ),
        client.get(f"/reconsideration/{case.pk}/edit/"),
        client.post(f"/reconsideration/{case.pk}/edit/", {"version": case.version, "request": "改写"}),
    ]
    # the menu marks the current section, so each page is compared with a missing one under the same prefix
    unmask, unmask_missing = (client.post(f"/cases/parties/{pk}/unmask/") for pk in (party.pk, 999999))
    assert missing.status_code == unmask_missing.status_code == 404
    for resp in pages:
        assert resp.status_code == 404
        assert _strip(resp) == _strip(missing)
    assert unmask.status_code == 404 and _strip(unmask) == _strip(unmask_missing)
    assert _snapshot(case) == before


@pytest.mark.parametrize("who", ["office_staff", "leader"])
def test_viewers_see_the_case_but_every_step_is_refused_and_changes_nothing(who, persona, login_client, case):
    client = login_client(persona(*PERSONAS[who]))
    assert client.get(f"/reconsideration/{case.pk}/").status_code == 200
    before = _snapshot(case)
    for t in SPEC.transitions_from(case.state):
        resp = client.post(f"/reconsideration/{case.pk}/do/{t.code}/", {"version": case.version, "on": "2025-03-05"})
        assert resp.status_code in (302, 404), t.code
    resp = client.post(f"/cases/parties/{case.parties.first().pk}/unmask/")
    assert resp.status_code == 302  # told they lack 查看完整信息, nothing revealed
    # editing the basic details is for those who register applications: a viewer is answered like a missing page
    assert client.get(f"/reconsideration/{case.pk}/edit/").status_code == 404
    assert (
        client.post(f"/reconsideration/{case.pk}/edit/", {"version": case.version, "request": "改写"}).status_code
        == 404
    )
    assert _snapshot(case) == before


def test_a_handler_may_not_take_the_heads_steps(persona, login_client, case):
    from fazhi.dockets.reconsideration.services import case_accept, case_request_extension

    handler = persona(*PERSONAS["handler"])
    case_accept(case=case, by=handler, on=dt.date(2025, 3, 5))
    case_request_extension(case=case, by=handler, days=10, reason="x")
    before = _snapshot(case)
    client = login_client(handler)
    for code in ("approve_extension", "refuse", "terminate"):
        resp = client.post(f"/reconsideration/{case.pk}/do/{code}/", {"version": case.version, "on": "2025-03-06"})
        assert resp.status_code == 302
    assert _snapshot(case) == before


def test_unmask_is_for_the_head_in_scope_and_is_audited(persona, login_client, case):
    party = case.parties.get(role=PartyRole.APPLICANT)
    resp = login_client(persona(*PERSONAS["head"])).post(f"/cases/parties/{party.pk}/unmask/")
    assert resp.status_code == 200 and "11010519491231002X" in resp.content.decode()
    assert AuditEvent.objects.filter(action="pii.unmask").count() == 1


@pytest.mark.parametrize("who", sorted(PERSONAS))
def test_export_page_follows_the_export_permission_and_scope(who, persona, login_client, case):
    from io import BytesIO

    from openpyxl import load_workbook

    client = login_client(persona(*PERSONAS[who]))
    before = AuditEvent.objects.count()
    resp = client.get("/reconsideration/export/")
    _view, export, *_ = EXPECTED[who]
    if who in ("other_handler", "other_head"):  # may export, but their scope holds no case
        rows = list(load_workbook(BytesIO(resp.content)).active.iter_rows(values_only=True))
        assert len(rows) == 1
        assert AuditEvent.objects.count() == before + 1
    elif export:
        rows = list(load_workbook(BytesIO(resp.content)).active.iter_rows(values_only=True))
        assert [r[0] for r in rows[1:]] == [case.case_number]
    else:
        assert resp.status_code == 404
        assert AuditEvent.objects.count() == before


# ---- 人民调解 (fazhi/dockets/mediation): a committee sees only its own cases; the 司法所 its town's committees -------
MEDIATION_HANDLE = "mediation.case.handle"


@pytest.fixture
def mediation_case(city, persona):
    """A dispute with the 东华社区 committee (a village unit under the 东华街道 town), and the units around it."""
    from fazhi.dockets.mediation.services import committee_create, mediation_register
    from fazhi.orgs.models import UnitKind, UnitLevel
    from fazhi.orgs.tests.factories import UnitFactory

    d = city["district"]
    city["town"] = UnitFactory(code="D1T1", name="东华街道办事处", parent=d, level=UnitLevel.TOWN)
    city["other_town"] = UnitFactory(code="D1T2", name="文昌街道办事处", parent=d, level=UnitLevel.TOWN)
    kw = {"kind": UnitKind.VILLAGE, "level": UnitLevel.VILLAGE}
    city["village"] = UnitFactory(code="D1T1V1", name="东华社区居民委员会", parent=city["town"], **kw)
    city["village2"] = UnitFactory(code="D1T1V2", name="东兴社区居民委员会", parent=city["town"], **kw)
    committee = committee_create(by=None, unit=city["village"], name="东华社区人民调解委员会", kind="village")
    return mediation_register(
        by=None,
        committee=committee,
        source="window",
        dispute_type="neighbour",
        applicants=[PartyInput(role=PartyRole.APPLICANT, name="张三", phone="13812345678")],
        account="相邻通行纠纷",
        received_on=dt.date(2025, 3, 3),
    )


MEDIATION_PERSONAS = {
    "mediator": ("mediator", "village"),
    "neighbour_mediator": ("mediator", "village2"),  # another committee of the same town
    "justice_office": ("justice_office", "town"),
    "other_justice_office": ("justice_office", "other_town"),
    "manager": ("mediation_manager", "justice"),
    "office_staff": ("office_staff", "justice"),
    "leader": ("leader", "gov"),
    "reconsideration_handler": ("reconsideration_handler", "justice"),
    "sys_admin": ("sys_admin", "justice"),
}
# persona → (view, unmask, attach, transition actions): the committee's mediators and the town's 司法所 handle (and
# see the parties in full, the one personal-data rule); the
# 司法局's section and the office see; other committees and other towns see nothing.
MEDIATION_EXPECTED = {
    "mediator": (True, True, True, {MEDIATION_HANDLE}),
    "neighbour_mediator": (False, False, False, set()),
    "justice_office": (True, True, True, {MEDIATION_HANDLE}),
    "other_justice_office": (False, False, False, set()),
    "manager": (True, False, False, set()),
    "office_staff": (True, False, False, set()),
    "leader": (True, False, False, set()),
    "reconsideration_handler": (False, False, False, set()),
    "sys_admin": (False, False, False, set()),
}


@pytest.mark.parametrize("who", sorted(MEDIATION_PERSONAS))
def test_mediation_policy_matrix(who, persona, mediation_case):
    from fazhi.cases.selectors import cases_visible_to
    from fazhi.dockets.mediation.spec import SPEC as MEDIATION

    user = persona(*MEDIATION_PERSONAS[who])
    view, unmask, attach, actions = MEDIATION_EXPECTED[who]
    case = mediation_case
    assert (CasePolicy.can(user, "view", case), CasePolicy.can(user, "unmask", case)) == (view, unmask)
    assert CasePolicy.can(user, "attach", case) is attach
    assert cases_visible_to(user, docket="mediation").filter(pk=case.pk).exists() is view
    for t in MEDIATION.transitions:
        assert CasePolicy.can_transition(user, case, t) is (t.action in actions), (who, t.code)


@pytest.mark.parametrize("who", ["neighbour_mediator", "other_justice_office", "reconsideration_handler", "sys_admin"])
def test_a_mediation_case_out_of_scope_answers_404_and_nothing_changes(who, persona, login_client, mediation_case):
    case = mediation_case
    client = login_client(persona(*MEDIATION_PERSONAS[who]))
    before = _snapshot(case)
    assert client.get(f"/mediation/{case.pk}/").status_code == 404
    resp = client.post(f"/mediation/{case.pk}/do/accept/", {"version": case.version, "on": "2025-03-04"})
    assert resp.status_code == 404
    assert _snapshot(case) == before


@pytest.mark.parametrize("who", ["manager", "office_staff", "leader"])
def test_mediation_viewers_see_the_case_but_may_not_accept_it(who, persona, login_client, mediation_case):
    case = mediation_case
    client = login_client(persona(*MEDIATION_PERSONAS[who]))
    before = _snapshot(case)
    assert client.get(f"/mediation/{case.pk}/").status_code == 200
    resp = client.post(f"/mediation/{case.pk}/do/accept/", {"version": case.version, "on": "2025-03-04"})
    assert resp.status_code == 302  # back to the case with the refusal
    assert _snapshot(case) == before


# ---- 信访 (issue 18): role × action × data scope; the petition belongs to 示范市司法局 ----------------------------------
PETITION_HANDLE, PETITION_APPROVE = "petitions.case.handle", "petitions.case.approve"
PETITION_PERSONAS = {
    "handler": ("petition_handler", "justice"),
    "head": ("petition_head", "justice"),
    "other_handler": ("petition_handler", "market"),
    "other_head": ("petition_head", "market"),
    "reconsideration_handler": ("reconsideration_handler", "justice"),
    "dept_liaison": ("dept_liaison", "justice"),
    "office_staff": ("office_staff", "justice"),
    "leader": ("leader", "gov"),
    "sys_admin": ("sys_admin", "justice"),
}
# persona → (view, unmask, attach, transition action codes allowed)
PETITION_EXPECTED = {
    "handler": (True, True, True, {PETITION_HANDLE}),
    "head": (True, True, True, {PETITION_HANDLE, PETITION_APPROVE}),
    "other_handler": (False, False, False, set()),
    "other_head": (False, False, False, set()),
    "reconsideration_handler": (
        False,
        False,
        False,
        set(),
    ),  # cases.case.view alone opens no 信访 case (its docket view)
    "dept_liaison": (False, False, False, set()),
    "office_staff": (True, False, False, set()),
    "leader": (True, False, False, set()),
    "sys_admin": (False, False, False, set()),
}


@pytest.fixture
def petition_case(city, persona):
    from fazhi.dockets.petitions.services import petition_register

    return petition_register(
        by=persona("petition_handler", "justice"),
        handling_unit=city["justice"],
        type="claim",
        petitioner=PartyInput(role="applicant", name="张三", id_number="11010519491231002X", phone="13812345678"),
        content="要求落实补偿",
        channel="in_person",
        received_on=dt.date(2025, 3, 3),
        object_unit=city["market"],
    )


@pytest.mark.parametrize("who", sorted(PETITION_PERSONAS))
def test_petition_policy_matrix(who, persona, petition_case):
    from fazhi.dockets.petitions.spec import SPEC as PETITIONS

    user = persona(*PETITION_PERSONAS[who])
    view, unmask, attach, actions = PETITION_EXPECTED[who]
    assert (CasePolicy.can(user, "view", petition_case), CasePolicy.can(user, "unmask", petition_case)) == (
        view,
        unmask,
    )
    assert CasePolicy.can(user, "attach", petition_case) is attach
    for t in PETITIONS.transitions:
        assert CasePolicy.can_transition(user, petition_case, t) is (t.action in actions), (who, t.code)


@pytest.mark.parametrize("who", ["other_handler", "other_head", "dept_liaison", "sys_admin"])
def test_petition_out_of_scope_pages_answer_404_and_change_nothing(who, persona, login_client, petition_case):
    client = login_client(persona(*PETITION_PERSONAS[who]))
    before = (petition_case.version, CaseEvent.objects.count(), AuditEvent.objects.count())
    assert client.get(f"/petitions/{petition_case.pk}/").status_code == 404
    resp = client.post(
        f"/petitions/{petition_case.pk}/do/accept/", {"version": petition_case.version, "on": "2025-03-05"}
    )
    assert resp.status_code == 404
    petition_case.refresh_from_db()
    assert (petition_case.version, CaseEvent.objects.count(), AuditEvent.objects.count()) == before


def test_petition_handler_cannot_take_the_heads_extension(persona, login_client, petition_case):
    from fazhi.dockets.petitions.services import case_accept

    handler = persona("petition_handler", "justice")
    case_accept(case=petition_case, by=handler, on=dt.date(2025, 3, 4))
    petition_case.refresh_from_db()
    client = login_client(handler)
    resp = client.post(
        f"/petitions/{petition_case.pk}/do/extend/",
        {"version": petition_case.version, "on": "2025-04-20", "days": 30, "reason": "复杂"},
    )
    assert resp.status_code == 302  # back to the case with the refusal
    petition_case.refresh_from_db()
    assert "extension" not in petition_case.extra


# ---- 12345 work orders (issue 18): the order is dispatched to 示范市市场监督管理局 ---------------------------------------
HOTLINE_PERSONAS = {
    "centre": ("hotline_centre", "gov"),
    "unit_handler": ("hotline_handler", "market"),
    "other_unit": ("hotline_handler", "finance"),
    "petition_handler": ("petition_handler", "market"),
    "office_staff": ("office_staff", "justice"),
    "leader": ("leader", "gov"),
    "sys_admin": ("sys_admin", "justice"),
}
HOTLINE_EXPECTED = {  # persona → (view, transition action codes allowed)
    "centre": (True, {"hotline.case.dispatch"}),
    "unit_handler": (True, {"hotline.case.handle"}),
    "other_unit": (False, set()),
    "petition_handler": (False, set()),  # cases.case.view alone opens no 12345 order (its docket view)
    "office_staff": (True, set()),
    "leader": (True, set()),
    "sys_admin": (False, set()),
}


@pytest.fixture
def hotline_order(city, persona):
    from fazhi.dockets.hotline.services import hotline_register, order_dispatch

    centre = persona("hotline_centre", "gov")
    order = hotline_register(
        by=centre,
        centre=city["gov"],
        source="12345",
        source_id="GD-POLICY",
        received_on=dt.date(2025, 3, 3),
        type="complaint",
        category="heating",
        content="暖气不热",
    )
    order_dispatch(case=order, by=centre, on=dt.date(2025, 3, 3), to_unit=city["market"])
    order.refresh_from_db()
    return order


@pytest.mark.parametrize("who", sorted(HOTLINE_PERSONAS))
def test_hotline_policy_matrix(who, persona, hotline_order):
    from fazhi.dockets.hotline.spec import SPEC as HOTLINE

    user = persona(*HOTLINE_PERSONAS[who])
    view, actions = HOTLINE_EXPECTED[who]
    assert CasePolicy.can(user, "view", hotline_order) is view
    for t in HOTLINE.transitions:
        assert CasePolicy.can_transition(user, hotline_order, t) is (t.action in actions), (who, t.code)


@pytest.mark.parametrize("who", ["other_unit", "sys_admin"])
def test_hotline_out_of_scope_pages_answer_404_and_change_nothing(who, persona, login_client, hotline_order):
    client = login_client(persona(*HOTLINE_PERSONAS[who]))
    before = (hotline_order.version, CaseEvent.objects.count())
    assert client.get(f"/hotline/{hotline_order.pk}/").status_code == 404
    resp = client.post(f"/hotline/{hotline_order.pk}/do/sign/", {"version": hotline_order.version, "on": "2025-03-04"})
    assert resp.status_code == 404
    hotline_order.refresh_from_db()
    assert (hotline_order.version, CaseEvent.objects.count()) == before


# ---- 建议提案 (fazhi/dockets/proposals): the item is led by 市市场监管局, 市财政局 assists ----------------------------
P_HANDLE, P_SIGN = "proposals.case.handle", "proposals.reply.sign"
P_ASSIGN, P_APPROVE, P_CLOSE = "proposals.case.assign", "proposals.case.approve", "proposals.case.close"
PROPOSAL_PERSONAS = {
    "lead_liaison": ("dept_liaison", "market"),
    "lead_head": ("proposal_head", "market"),
    "assist_liaison": ("dept_liaison", "finance"),
    "other_liaison": ("dept_liaison", "justice"),
    "office_staff": ("office_staff", "justice"),
    "office_head": ("office_head", "justice"),
    "leader": ("leader", "gov"),
    "reconsideration_handler": ("reconsideration_handler", "market"),
    "sys_admin": ("sys_admin", "market"),
}
# persona → (sees the item, may see its personal data, transition actions allowed)
PROPOSAL_EXPECTED = {
    "lead_liaison": (True, False, {P_HANDLE}),
    "lead_head": (True, True, {P_HANDLE, P_SIGN}),
    "assist_liaison": (True, False, set()),  # sees it (its share), takes none of the lead's steps
    "other_liaison": (False, False, set()),
    "office_staff": (True, False, {P_HANDLE, P_ASSIGN, P_CLOSE}),
    "office_head": (True, False, {P_HANDLE, P_ASSIGN, P_CLOSE, P_APPROVE}),
    "leader": (True, False, set()),
    "reconsideration_handler": (False, False, set()),
    "sys_admin": (False, False, set()),
}


# ---- 法律援助 (fazhi/dockets/legal_aid): the centre's staff handle, its head decides, the bureau reviews objections --
AID_HANDLE, AID_DECIDE, AID_REVIEW = "legal_aid.case.handle", "legal_aid.case.decide", "legal_aid.objection.decide"
AID_PERSONAS = {
    "staff": ("legal_aid_staff", "centre"),
    "head": ("legal_aid_head", "centre"),
    "supervisor": ("legal_aid_supervisor", "justice"),
    "other_staff": ("legal_aid_staff", "market"),
    "office_staff": ("office_staff", "justice"),
    "mediator": ("mediator", "justice"),
    "sys_admin": ("sys_admin", "justice"),
}
AID_EXPECTED = {
    "staff": (True, True, {AID_HANDLE}),
    "head": (True, True, {AID_HANDLE, AID_DECIDE}),
    "supervisor": (True, False, {AID_REVIEW}),
    "other_staff": (False, False, set()),
    "office_staff": (True, False, set()),
    "mediator": (False, False, set()),
    "sys_admin": (False, False, set()),
}


@pytest.fixture
def proposal(city, persona):
    from fazhi.dockets.proposals.services import (
        ProposerLink,
        proposal_register,
        proposer_create,
        session_get_or_create,
    )

    office = persona("office_staff", "justice")
    session = session_get_or_create(body="npc", name="示范市第十八届人大四次会议", year=2026, by=office)
    return proposal_register(
        by=office,
        session=session,
        number="1",
        title="关于加强停车管理的建议",
        source="session",
        assigned_on=dt.date(2026, 3, 2),
        lead_unit=city["market"],
        assist_units=[city["finance"]],
        proposers=[ProposerLink(proposer_create(by=office, body="npc", term="第十八届", name="张代表"))],
    )


@pytest.mark.parametrize("who", sorted(PROPOSAL_PERSONAS))
def test_proposal_policy_matrix(who, persona, proposal):
    from fazhi.dockets.proposals.policies import ProposalPolicy
    from fazhi.dockets.proposals.selectors import proposals_visible_to
    from fazhi.dockets.proposals.spec import SPEC as PSPEC

    user = persona(*PROPOSAL_PERSONAS[who])
    view, pii, actions = PROPOSAL_EXPECTED[who]
    assert ProposalPolicy.can(user, "view", proposal) is view
    assert list(proposals_visible_to(user)) == ([proposal] if view else [])
    assert CasePolicy.can(user, "pii", proposal) is pii
    for t in PSPEC.transitions:
        assert CasePolicy.can_transition(user, proposal, t) is (t.action in actions), (who, t.code)


@pytest.mark.parametrize("who", ["other_liaison", "reconsideration_handler", "sys_admin"])
def test_a_proposal_out_of_scope_answers_like_a_missing_one(who, persona, login_client, proposal):
    client = login_client(persona(*PROPOSAL_PERSONAS[who]))
    before = _snapshot(proposal)
    for url in (f"/proposals/{proposal.pk}/", f"/proposals/{proposal.pk}/do/sign/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/proposals/{proposal.pk}/do/sign/", {"version": 1, "on": "2026-03-03"}).status_code == 404
    assert _snapshot(proposal) == before


def test_an_assisting_unit_sees_the_item_but_cannot_take_the_leads_steps(persona, login_client, proposal):
    client = login_client(persona(*PROPOSAL_PERSONAS["assist_liaison"]))
    assert client.get(f"/proposals/{proposal.pk}/").status_code == 200
    before = _snapshot(proposal)
    assert client.post(f"/proposals/{proposal.pk}/do/sign/", {"version": 1, "on": "2026-03-03"}).status_code == 404
    assert _snapshot(proposal) == before


@pytest.fixture
def aid_case(city, persona):
    from fazhi.dockets.legal_aid.services import legal_aid_apply
    from fazhi.orgs.tests.factories import UnitFactory

    city["centre"] = UnitFactory(code="C001A", name="示范市法律援助中心", parent=city["justice"])
    return legal_aid_apply(
        by=None,
        handling_unit=city["centre"],
        applicant=PartyInput(role=PartyRole.APPLICANT, name="王五", phone="13812345678"),
        matter="civil",
        request="追索劳动报酬",
        received_on=dt.date(2025, 3, 3),
    )


@pytest.mark.parametrize("who", sorted(AID_PERSONAS))
def test_legal_aid_policy_matrix(who, persona, aid_case):
    from fazhi.dockets.legal_aid.spec import SPEC as AID

    user = persona(*AID_PERSONAS[who])
    view, unmask, actions = AID_EXPECTED[who]
    assert (CasePolicy.can(user, "view", aid_case), CasePolicy.can(user, "unmask", aid_case)) == (view, unmask)
    for t in AID.transitions:
        assert CasePolicy.can_transition(user, aid_case, t) is (t.action in actions), (who, t.code)


@pytest.mark.parametrize("who", ["other_staff", "mediator", "sys_admin"])
def test_a_legal_aid_case_out_of_scope_answers_404_and_nothing_changes(who, persona, login_client, aid_case):
    client = login_client(persona(*AID_PERSONAS[who]))
    before = _snapshot(aid_case)
    assert client.get(f"/legal-aid/{aid_case.pk}/").status_code == 404
    resp = client.post(
        f"/legal-aid/{aid_case.pk}/do/grant/", {"version": aid_case.version, "on": "2025-03-04", "pledge": "on"}
    )
    assert resp.status_code == 404
    assert _snapshot(aid_case) == before


# ---- 纠纷求助登记 (fazhi/dockets/intake): the registering unit is the scope -----------------------------------------
INTAKE_ROUTE = "intake.case.route"


@pytest.fixture
def intake_case(mediation_case, city):
    """An intake registered at the 东华社区 (the village under 东华街道), beside the mediation fixture's units."""
    from fazhi.dockets.intake.services import intake_register

    return intake_register(
        by=None,
        handling_unit=city["village"],
        channel="screening",
        dispute_type="neighbour",
        applicants=[PartyInput(role=PartyRole.APPLICANT, name="张三", phone="13812345678")],
        account="相邻通行纠纷",
        received_on=dt.date(2025, 3, 3),
    )


# persona → (view, transition actions): the village's mediator and the town's 司法所 route; the 司法局's section too
# (every unit); the office and leaders read; other villages, other towns and other dockets' handlers see nothing.
INTAKE_EXPECTED = {
    "mediator": (True, {INTAKE_ROUTE}),
    "neighbour_mediator": (False, set()),
    "justice_office": (True, {INTAKE_ROUTE}),
    "other_justice_office": (False, set()),
    "manager": (True, {INTAKE_ROUTE}),
    "office_staff": (True, set()),
    "leader": (True, set()),
    "reconsideration_handler": (False, set()),
    "sys_admin": (False, set()),
}


@pytest.mark.parametrize("who", sorted(MEDIATION_PERSONAS))
def test_intake_policy_matrix(who, persona, intake_case):
    from fazhi.cases.selectors import cases_visible_to
    from fazhi.dockets.intake.spec import SPEC as INTAKE

    user = persona(*MEDIATION_PERSONAS[who])
    view, actions = INTAKE_EXPECTED[who]
    assert CasePolicy.can(user, "view", intake_case) is view
    assert cases_visible_to(user, docket="intake").filter(pk=intake_case.pk).exists() is view
    for t in INTAKE.transitions:
        assert CasePolicy.can_transition(user, intake_case, t) is (t.action in actions), (who, t.code)
