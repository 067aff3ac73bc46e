from __future__ import annotations

import datetime as dt

import pytest

ASSIGNED = dt.date(2026, 3, 2)  # a Monday: 签收 by Mon 9 March (5 days end on Sat 7 → Mon 9), reply by Tue 2 June


@pytest.fixture
def office(persona):
    return persona("office_staff", "justice")


@pytest.fixture
def office_head(persona):
    return persona("office_head", "justice")


@pytest.fixture
def handler(persona):
    """The 主办 unit's liaison (示范市市场监督管理局)."""
    return persona("dept_liaison", "market")


@pytest.fixture
def head(persona):
    return persona("proposal_head", "market")


@pytest.fixture
def assist_handler(persona):
    return persona("dept_liaison", "finance")


@pytest.fixture
def assist_head(persona):
    return persona("proposal_head", "finance")


@pytest.fixture
def npc_session(db, office):
    from fazhi.dockets.proposals.services import session_get_or_create

    return session_get_or_create(
        body="npc", name="示范市第十八届人民代表大会第四次会议", year=2026, term="第十八届", by=office
    )


@pytest.fixture
def cppcc_session(db, office):
    from fazhi.dockets.proposals.services import session_get_or_create

    return session_get_or_create(
        body="cppcc", name="政协示范市第十四届委员会第四次会议", year=2026, term="第十四届", by=office
    )


@pytest.fixture
def deputy(db, office):
    from fazhi.dockets.proposals.services import proposer_create

    return proposer_create(
        by=office, body="npc", term="第十八届", name="张代表", group="东城区代表团", phone="13812345678"
    )


@pytest.fixture
def item(city, office, npc_session, deputy):
    """item(number=…, source=…, split=[…], assist=[…]) → a case handed to 市市场监管局 on 2 March 2026."""
    from fazhi.dockets.proposals.services import ProposerLink, proposal_register

    counter = {"n": 100}

    def make(**kw):
        counter["n"] += 1
        args = dict(
            by=office,
            session=npc_session,
            number=str(counter["n"]),
            title="关于加强老旧小区停车管理的建议",
            source="session",
            assigned_on=ASSIGNED,
            lead_unit=city["market"],
            proposers=[ProposerLink(deputy)],
        )
        args.update(kw)
        return proposal_register(**args)

    return make


@pytest.fixture
def ready(item, handler, head):
    """An item signed, contacted, drafted (class A) and signed off: ready to send."""
    from fazhi.dockets.proposals import services as s

    def make(result_class="A", commitments=(), **kw):
        case = item(**kw)
        case = s.case_sign(case=case, by=handler, on=ASSIGNED + dt.timedelta(days=2))
        case = s.case_contact(case=case, by=handler, on=ASSIGNED + dt.timedelta(days=10), form="visit")
        case = s.case_draft(
            case=case, by=handler, result_class=result_class, text="已增设停车位200个。", commitments=commitments
        )
        return s.case_sign_off(case=case, by=head, on=ASSIGNED + dt.timedelta(days=20))

    return make
