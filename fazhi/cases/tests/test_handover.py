"""The kernel hand-over (cases/handover.py): a source — a case on another docket, or a 12348 call — becomes a case on
the target docket without re-typing: parties with their personal data, the case file, the received date, both
timelines linked; audited, atomic, idempotent; refusals name the field and keep nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fazhi.audit.models import AuditEvent
from fazhi.cases.handover import case_hand_over, case_handovers, handover_of, source_handovers
from fazhi.cases.models import Attachment, Case, CaseEvent, Handover, PartyRole
from fazhi.cases.services import PartyInput, attachment_add, case_create, party_add
from fazhi.core.errors import DomainError

RECEIVED = dt.date(2026, 1, 5)
ON = dt.date(2026, 1, 9)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def units(city: dict[str, Any]) -> dict[str, Any]:
    from fazhi.orgs.models import UnitKind, UnitLevel
    from fazhi.orgs.tests.factories import UnitFactory

    city["village"] = UnitFactory(
        code="D1V1",
        name="示范市东城区东华社区居民委员会",
        parent=city["district"],
        kind=UnitKind.VILLAGE,
        level=UnitLevel.VILLAGE,
    )
    city["aid_centre"] = UnitFactory(code="C009", name="示范市法律援助中心", parent=city["justice"])
    return city


@pytest.fixture
def committee(units: dict[str, Any]) -> Any:
    from fazhi.dockets.mediation.services import committee_create

    return committee_create(by=None, unit=units["village"], name="东华社区人民调解委员会", kind="village")


@pytest.fixture
def source(units: dict[str, Any]) -> Case:
    """A case on the toy docket: an applicant with ID number, phone and address, a respondent, the applicant's agent,
    one attachment."""
    case = case_create(
        docket="toy",
        handling_unit=units["justice"],
        received_on=RECEIVED,
        by=None,
        title="邻居违建遮挡采光",
        extra={"account": "邻居加盖二层遮挡采光，多次协商未果", "amount": "5000"},
        parties=[
            PartyInput(
                role=PartyRole.APPLICANT,
                name="王小明",
                id_number="110101199003078515",
                phone="13812345678",
                address="东华社区3号楼2单元501",
            ),
            PartyInput(role=PartyRole.RESPONDENT, name="赵大海", phone="13900001111"),
        ],
    )
    applicant = case.parties.get(role=PartyRole.APPLICANT)
    party_add(case=case, by=None, party=PartyInput(role=PartyRole.AGENT, name="钱律师"), represents=applicant)
    attachment_add(
        case=case,
        by=None,
        file=SimpleUploadedFile("现场照片说明.pdf", PDF, content_type="application/pdf"),
        kind="evidence",
        label="现场照片说明",
    )
    return case


def _to_mediation(source: Any, committee: Any, **kw: Any) -> Case:
    return case_hand_over(
        source=source,
        docket="mediation",
        by=None,
        options={"committee": committee.pk, "dispute_type": "neighbour"},
        on=ON,
        **kw,
    )


def test_a_case_becomes_a_mediation_case_with_parties_file_and_dates(source, committee):
    case = _to_mediation(source, committee)
    assert case.handed_over is True
    assert (case.docket, case.state, case.received_on, case.channel) == (
        "mediation",
        "registered",
        RECEIVED,
        "transfer",
    )
    assert case.handling_unit_id == committee.unit_id
    assert case.extra["account"] == "邻居加盖二层遮挡采光，多次协商未果"
    assert case.extra["amount"] == "5000.00"
    assert case.extra["committee_id"] == committee.pk
    assert case.extra["transfer_from"] == "other_unit"
    assert case.extra["transfer_note"] == f"由测试案件{source.case_number}转来"
    parties = list(case.parties.order_by("id"))
    assert [(p.role, p.name, p.id_number, p.phone, p.address) for p in parties] == [
        ("applicant", "王小明", "110101199003078515", "13812345678", "东华社区3号楼2单元501"),
        ("respondent", "赵大海", "", "13900001111", ""),
        ("agent", "钱律师", "", "", ""),
    ]
    assert parties[2].represents_id == parties[0].pk
    att = case.attachments.get()
    src = source.attachments.get()
    assert (att.kind, att.label, att.step, att.sha256, att.file.name, att.size) == (
        "evidence",
        "现场照片说明",
        "handover",
        src.sha256,
        src.file.name,
        len(PDF),
    )


def test_both_timelines_name_and_link_the_other(source, committee):
    case = _to_mediation(source, committee)
    came = CaseEvent.objects.get(case=case, kind="handover_in")
    went = CaseEvent.objects.get(case=source, kind="handover_out")
    assert (came.label, came.occurred_on) == (f"由测试案件{source.case_number}转来", ON)
    assert came.detail == {
        "source_kind": "case",
        "source_id": source.pk,
        "source_label": f"测试案件{source.case_number}",
        "source_url": "",
    }
    assert (went.label, went.occurred_on) == (f"转人民调解：人民调解案件{case.case_number}", ON)
    assert went.detail == {
        "case_id": case.pk,
        "docket": "mediation",
        "case_number": case.case_number,
        "url": f"/mediation/{case.pk}/",
    }
    assert case_handovers(case) == {
        "from": [{"label": f"测试案件{source.case_number}", "url": "", "on": ON}],
        "to": [],
    }
    assert case_handovers(source)["to"] == [
        {"label": f"人民调解案件{case.case_number}", "url": f"/mediation/{case.pk}/", "on": ON}
    ]


def test_handing_the_same_source_twice_gives_one_case_and_one_audit_row(source, committee):
    first = _to_mediation(source, committee)
    again = _to_mediation(source, committee)
    assert again.pk == first.pk and again.handed_over is False
    assert Case.objects.filter(docket="mediation").count() == 1
    assert Handover.objects.count() == 1
    assert CaseEvent.objects.filter(case=source, kind="handover_out").count() == 1
    assert first.parties.count() == 3 and first.attachments.count() == 1
    rows = AuditEvent.objects.filter(action="cases.case.handover")
    assert rows.count() == 1
    assert rows.get().summary == {
        "source_kind": "case",
        "source_id": source.pk,
        "source": f"测试案件{source.case_number}",
        "docket": "mediation",
        "case_number": first.case_number,
        "parties": 3,
        "parties_added": 1,  # the agent: the registration took the applicant and the respondent
        "attachments": 1,
    }
    assert handover_of(source, "mediation").case_id == first.pk


def test_one_source_to_two_dockets_gives_two_cases(source, committee, units):
    mediation = _to_mediation(source, committee)
    aid = case_hand_over(
        source=source,
        docket="legal_aid",
        by=None,
        options={"handling_unit": units["aid_centre"].pk, "matter": "civil"},
        on=ON,
    )
    assert (aid.docket, aid.state, aid.received_on, aid.handling_unit_id) == (
        "legal_aid",
        "applied",
        RECEIVED,
        units["aid_centre"].pk,
    )
    assert aid.extra["request"] == "邻居加盖二层遮挡采光，多次协商未果"
    from fazhi.cases.clocks import case_clock

    assert case_clock(aid, "decision").trigger_date == RECEIVED  # the decision period runs from the carried date
    assert [p.name for p in aid.parties.order_by("id")] == ["王小明", "赵大海", "钱律师"]
    assert sorted(h.docket for h in Handover.objects.filter(source_case=source)) == ["legal_aid", "mediation"]
    assert mediation.pk != aid.pk


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"dispute_type": "neighbour"}, "committee"),  # not given
        ({"committee": 999999, "dispute_type": "neighbour"}, "committee"),  # unknown
        ({"committee": "__", "dispute_type": "fight"}, "committee"),
    ],
)
def test_a_refusal_names_the_field_and_keeps_nothing(source, committee, options, field):
    before = (Case.objects.count(), CaseEvent.objects.count(), Attachment.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainError) as exc:
        case_hand_over(source=source, docket="mediation", by=None, options=options, on=ON)
    assert exc.value.field == field
    after = (Case.objects.count(), CaseEvent.objects.count(), Attachment.objects.count(), AuditEvent.objects.count())
    assert after == before
    assert Handover.objects.count() == 0


def test_dates_are_checked(source, committee):
    with pytest.raises(DomainError) as exc:
        _to_mediation_on(source, committee, RECEIVED - dt.timedelta(days=1))
    assert (exc.value.field, exc.value.message) == ("on", "移交日期不能早于来源的收到日期。")
    with pytest.raises(DomainError) as exc:
        _to_mediation_on(source, committee, timezone.localdate() + dt.timedelta(days=1))
    assert exc.value.field == "on"


def _to_mediation_on(source: Any, committee: Any, on: dt.date) -> Case:
    return case_hand_over(
        source=source,
        docket="mediation",
        by=None,
        options={"committee": committee.pk, "dispute_type": "neighbour"},
        on=on,
    )


def test_a_docket_without_a_declaration_or_the_same_docket_is_refused(source, committee):
    with pytest.raises(DomainError) as exc:
        case_hand_over(source=source, docket="toy", by=None, options={}, on=ON)
    assert (exc.value.field, exc.value.message) == ("docket", "测试案件不接收移交。")
    med = _to_mediation(source, committee)
    with pytest.raises(DomainError) as exc:
        case_hand_over(source=med, docket="mediation", by=None, options={}, on=ON)
    assert exc.value.field == "docket"
    with pytest.raises(DomainError) as exc:
        case_hand_over(source=source, docket="nonesuch", by=None, options={}, on=ON)
    assert exc.value.field == "docket"


def test_handover_received_on_the_handover_date_where_the_docket_says_so(source, units):
    case = case_hand_over(
        source=source,
        docket="disclosure",
        by=None,
        options={"handling_unit": units["market"].pk, "content": "东华社区违建的规划许可信息"},
        on=ON,
    )
    assert (case.docket, case.state, case.received_on) == ("disclosure", "received", ON)
    assert case.extra["content"] == "东华社区违建的规划许可信息"


def test_to_reconsideration_the_respondent_carries_over(source, units):
    case = case_hand_over(
        source=source,
        docket="reconsideration",
        by=None,
        options={
            "handling_unit": units["justice"].pk,
            "act": "区城管局不予查处违建的答复",
            "request": "撤销该答复，责令查处",
        },
        on=ON,
    )
    assert (case.docket, case.state, case.received_on, case.channel) == (
        "reconsideration",
        "received",
        RECEIVED,
        "transfer",
    )
    assert (case.title, case.extra["request"], case.extra["facts"]) == (
        "区城管局不予查处违建的答复",
        "撤销该答复，责令查处",
        "邻居加盖二层遮挡采光，多次协商未果",
    )
    assert [(p.role, p.name) for p in case.parties.order_by("id")] == [
        ("applicant", "王小明"),
        ("respondent", "赵大海"),
        ("agent", "钱律师"),
    ]


def test_a_12348_call_becomes_a_case_with_a_named_caller(units, committee):
    from fazhi.dockets.mediation.services import hotline_call_log
    from fazhi.dockets.mediation.services.hotline import HOTLINE_SOURCE

    at = timezone.make_aware(dt.datetime(2026, 1, 6, 9, 30))
    call = hotline_call_log(
        by=None,
        unit=units["justice"],
        received_at=at,
        duration_seconds=300,
        topic="family",
        question="离婚后抚养费纠纷如何调解",
        answer="可申请人民调解",
        callback_phone="13700001234",
    )
    case = case_hand_over(
        source=(HOTLINE_SOURCE, call.pk),
        docket="mediation",
        by=None,
        options={"committee": committee.pk},
        parties=[PartyInput(role=PartyRole.APPLICANT, name="孙丽", phone="13700001234")],
        on=ON,
    )
    assert (case.received_on, case.extra["source"], case.extra["dispute_type"], case.extra["account"]) == (
        dt.date(2026, 1, 6),
        "hotline",
        "family",  # the call's topic
        "离婚后抚养费纠纷如何调解",
    )
    assert [(p.name, p.phone) for p in case.parties.all()] == [("孙丽", "13700001234")]
    came = CaseEvent.objects.get(case=case, kind="handover_in")
    assert came.label == "由12348热线咨询（2026年1月6日 09:30）转来"
    assert [h.case_id for h in source_handovers(HOTLINE_SOURCE, call.pk)] == [case.pk]


def test_permissions_the_source_must_be_visible_and_the_target_action_held(source, committee, persona, units):
    aid = case_hand_over(
        source=source,
        docket="legal_aid",
        by=None,
        options={"handling_unit": units["aid_centre"].pk, "matter": "civil"},
        on=ON,
    )
    med = _to_mediation(source, committee)
    mediator = persona("mediator", "village")  # sees the committee's case; may register mediation, not legal aid
    with pytest.raises(DomainError) as exc:
        case_hand_over(source=med, docket="legal_aid", by=mediator, options={"handling_unit": units["aid_centre"].pk})
    assert (exc.value.code, exc.value.message) == ("forbidden", "您没有“转法律援助”的权限。")
    with pytest.raises(DomainError) as exc:  # may register mediation but cannot see a 法律援助 case
        case_hand_over(source=aid, docket="mediation", by=mediator, options={"committee": committee.pk})
    assert (exc.value.code, exc.value.message) == ("forbidden", "您无权移交该案件。")
    assert Handover.objects.count() == 2
    manager = persona("mediation_manager", "justice")  # sees every 法律援助 case, registers mediation
    case = case_hand_over(
        source=aid,
        docket="mediation",
        by=manager,
        options={"committee": committee.pk, "dispute_type": "neighbour"},
        on=ON,
    )
    assert case.handed_over is True
    assert CaseEvent.objects.get(case=case, kind="handover_in").actor_id == manager.pk
    assert Handover.objects.get(case=case).by_id == manager.pk


@pytest.mark.django_db(transaction=True)
def test_concurrent_handovers_of_one_source_give_one_case(source, committee):
    # given four writers handing the same source over at once (threads on PostgreSQL; sequential on SQLite)
    import os
    import threading

    from django.db import connection

    results: list[int] = []

    def hand() -> None:
        try:
            results.append(_to_mediation(source, committee).pk)
        finally:
            connection.close()

    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        threads = [threading.Thread(target=hand) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    else:
        for _ in range(4):
            hand()
    assert len(results) == 4 and len(set(results)) == 1
    assert Case.objects.filter(docket="mediation").count() == 1
    assert Handover.objects.count() == 1
    assert AuditEvent.objects.filter(action="cases.case.handover").count() == 1
