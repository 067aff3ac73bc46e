"""Case kernel behaviour: numbering, idempotent submits, optimistic concurrency, the state door, parties."""

from __future__ import annotations

import datetime as dt
import os
import threading
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from fazhi.audit.models import AuditEvent
from fazhi.cases.errors import CASE_CHANGED
from fazhi.cases.models import Case, CaseNumberPattern, Party, StateChangeForbiddenError
from fazhi.cases.services import (
    PartyInput,
    attachment_add,
    case_number_take,
    case_transition_apply,
    case_update,
    party_add,
    party_unmask,
)
from fazhi.core.errors import ConflictError, DomainError
from fazhi.orgs.tests.factories import user_with

pytestmark = pytest.mark.django_db
VALID_ID = "11010519491231002X"


def test_case_numbers_follow_the_pattern_without_gaps(toy_case):
    numbers = [toy_case().case_number for _ in range(3)]
    assert numbers == ["示测〔2026〕1号", "示测〔2026〕2号", "示测〔2026〕3号"]


def test_number_pattern_is_configurable_and_restarts_each_year(toy_case):
    CaseNumberPattern.objects.create(docket="toy", pattern="示测字〔{year}〕第{seq:03d}号")
    assert toy_case().case_number == "示测字〔2026〕第001号"
    assert toy_case(received_on=dt.date(2025, 12, 30)).case_number == "示测字〔2025〕第001号"


def test_a_rolled_back_creation_leaves_no_gap(toy_case, city):
    toy_case()
    with pytest.raises(DomainError):
        toy_case(parties=[PartyInput(role="applicant", name="张三", id_number="123")])
    assert toy_case().case_number == "示测〔2026〕2号"


@pytest.mark.django_db(transaction=True)
def test_concurrent_numbering_gives_distinct_consecutive_numbers(city):
    # given several writers taking numbers at once (threads on PostgreSQL; sequential on SQLite)
    from django.db import transaction

    results: list[int] = []

    def take():
        try:
            with transaction.atomic():
                results.append(case_number_take(docket="toy", year=2026)[0])
        finally:
            connection.close()

    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        threads = [threading.Thread(target=take) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    else:
        for _ in range(8):
            take()
    assert sorted(results) == list(range(1, 9))


def test_a_double_submitted_form_creates_one_case(toy_case):
    token = uuid.uuid4()
    first = toy_case(submit_token=token)
    second = toy_case(submit_token=token)
    assert first.pk == second.pk
    assert Case.objects.count() == 1


def test_received_date_in_the_future_is_refused(toy_case):
    with pytest.raises(DomainError) as exc:
        toy_case(received_on=dt.date(2999, 1, 1))
    assert exc.value.field == "received_on"
    assert "不能晚于今天" in exc.value.message
    assert Case.objects.count() == 0


def test_a_stale_edit_is_refused_with_case_changed(toy_case, city):
    case = toy_case()
    stale = Case.objects.get(pk=case.pk)
    case_update(case=case, by=None, expected_version=case.version, changes={"title": "甲"})
    with pytest.raises(ConflictError) as exc:
        case_update(case=stale, by=None, expected_version=stale.version, changes={"title": "乙"})
    assert exc.value.message == CASE_CHANGED
    assert "案件已被他人修改" in CASE_CHANGED
    assert Case.objects.get(pk=case.pk).title == "甲"


def test_state_cannot_change_outside_a_transition_service(toy_case):
    case = toy_case()
    case.state = "closed"
    with pytest.raises(StateChangeForbiddenError):
        case.save()


def test_transition_guard_refuses_in_chinese(toy_case):
    case = toy_case()
    with pytest.raises(DomainError) as exc:
        case_transition_apply(case=case, code="close", by=None, on=dt.date(2026, 1, 6))
    assert exc.value.message == "尚未准备好，不能结案。"
    assert Case.objects.get(pk=case.pk).state == "open"


def test_transition_needs_the_action_and_scope(toy_case, city):
    case = toy_case(extra={"ready": True})
    outsider = user_with(["cases.case.view", "toy.case.view", "toy.case.close"], unit=city["market"])
    with pytest.raises(DomainError) as exc:
        case_transition_apply(case=case, code="close", by=outsider, on=dt.date(2026, 1, 6))
    assert exc.value.code == "forbidden"
    no_action = user_with(["cases.case.view", "toy.case.view"], unit=city["justice"])
    with pytest.raises(DomainError):
        case_transition_apply(case=case, code="close", by=no_action, on=dt.date(2026, 1, 6))
    handler = user_with(["cases.case.view", "toy.case.view", "toy.case.close"], unit=city["justice"])
    closed = case_transition_apply(case=case, code="close", by=handler, on=dt.date(2026, 1, 6), outcome="done")
    assert (closed.state, closed.closed_on, closed.outcome, closed.version) == (
        "closed",
        dt.date(2026, 1, 6),
        "done",
        2,
    )
    assert AuditEvent.objects.filter(action="toy.close", object_id=str(case.pk)).count() == 1
    assert list(closed.events.values_list("kind", flat=True)) == ["created", "close"]


def test_party_pii_is_encrypted_masked_and_unmasked_only_with_permission(toy_case, city):
    case = toy_case(
        parties=[
            PartyInput(
                role="applicant", name="张三丰", id_number=VALID_ID, phone="13812345678", address="示范市人民路1号"
            )
        ]
    )
    party = case.parties.get()
    with connection.cursor() as cur:
        cur.execute("select name, id_number, phone from cases_party where id = %s", [party.pk])
        raw = cur.fetchone()
    assert "张三丰" not in raw[0]
    assert VALID_ID not in raw[1]
    assert "13812345678" not in raw[2]
    assert (party.masked_name, party.masked_id_number, party.masked_phone) == (
        "张**",
        "110105********002X",
        "138****5678",
    )
    viewer = user_with(["cases.case.view", "toy.case.view"], unit=city["justice"])
    with pytest.raises(DomainError):
        party_unmask(party=party, by=viewer)
    head = user_with(["cases.case.view", "toy.case.view", "cases.pii.view"], unit=city["justice"])
    assert party_unmask(party=party, by=head)["id_number"] == VALID_ID
    assert AuditEvent.objects.filter(action="pii.unmask", actor=head).count() == 1


def test_malformed_id_number_names_the_field(toy_case):
    case = toy_case()
    with pytest.raises(DomainError) as exc:
        party_add(case=case, by=None, party=PartyInput(role="applicant", name="李四", id_number="110105194912310021"))
    assert exc.value.field == "id_number"
    assert "身份证号码" in exc.value.message
    assert Party.objects.count() == 0


def test_organisation_credit_code_is_validated(toy_case):
    case = toy_case()
    with pytest.raises(DomainError) as exc:
        party_add(
            case=case,
            by=None,
            party=PartyInput(role="third_party", kind="organisation", name="某公司", credit_code="91110000000000000X"),
        )
    assert exc.value.field == "credit_code"


def test_upload_not_matching_its_extension_is_refused(toy_case):
    case = toy_case()
    fake = SimpleUploadedFile("证据.pdf", b"this is not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError) as exc:
        attachment_add(case=case, by=None, file=fake)
    assert "文件内容与扩展名不符" in exc.value.message
    assert case.attachments.count() == 0
    ok = attachment_add(case=case, by=None, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 hello"))
    assert ok.size == 14
