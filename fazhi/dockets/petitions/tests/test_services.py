"""信访 intake and steps: 诉访分离, transfer without re-typing, acceptance and its refusals, repeat and joint
petitions, the final 复核 (Art. 36), bad input (a Chinese message naming the field, nothing changed)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from fazhi.cases.clocks import case_clock
from fazhi.cases.models import Case, CaseDocument
from fazhi.cases.services import PartyInput
from fazhi.core.errors import DomainError
from fazhi.dockets.petitions import services as s
from fazhi.dockets.petitions.spec import SPEC

from .conftest import MON, OTHER_ID

pytestmark = pytest.mark.django_db
D = dt.date


def docs(case):
    return sorted(CaseDocument.objects.filter(case=case).values_list("template_code", flat=True))


def test_route_to_reconsideration_closes_with_a_written_notice(petition, handler):
    case = petition()
    s.case_route(case=case, by=handler, on=D(2025, 3, 5), route="reconsideration", note="向市政府申请")
    case.refresh_from_db()
    assert (case.state, case.outcome, case.closed_on) == ("routed", "routed.reconsideration", D(2025, 3, 5))
    assert docs(case) == ["routing_notice"]
    assert case_clock(case, "acceptance").completed_on == D(2025, 3, 5)


def test_unknown_route_is_refused_naming_the_field(petition, handler):
    case = petition()
    with pytest.raises(DomainError) as exc:
        s.case_route(case=case, by=handler, on=D(2025, 3, 5), route="court")
    assert exc.value.field == "route" and "法定途径" in exc.value.message
    case.refresh_from_db()
    assert case.state == "received" and docs(case) == []


def test_office_transfers_and_the_body_gets_the_matter_without_retyping(petition, handler, city):
    case = petition(receiver="office", joint_count=6, representatives=[PartyInput(role="applicant", name="李四")])
    s.case_transfer(case=case, by=handler, on=D(2025, 3, 10), to_unit=city["finance"], mode="assign")
    case.refresh_from_db()
    assert (case.state, case.outcome) == ("transferred", "transferred")
    moved = Case.objects.get(pk=case.extra["transfer"]["case_id"])
    assert moved.handling_unit == city["finance"] and moved.channel == "transfer"
    assert moved.received_on == D(2025, 3, 10) and moved.state == "received"
    assert moved.extra["content"] == "要求落实拆迁安置补偿" and moved.extra["type"] == "claim"
    assert moved.extra["joint"] == {"count": 6, "representatives": 1}
    assert sorted(p.name for p in moved.parties.all()) == ["张三", "李四"]
    assert moved.extra["transferred_from"]["case_number"] == case.case_number
    assert docs(case) == ["transfer_notice"]
    # the body's Art. 23 clocks: after Mon 3/10, 15 days → Tue 3/25; 5 working days → Mon 3/17
    assert case_clock(moved, "acceptance").due_date == D(2025, 3, 25)
    assert case_clock(moved, "remit_objection").due_date == D(2025, 3, 17)
    assert case_clock(case, "registration").completed_on == D(2025, 3, 10)


def test_only_a_petition_office_transfers(petition):
    case = petition()
    assert "第二十二条" in SPEC.transition("transfer").refusal(case)


def test_accept_issues_the_notice_and_not_accept_names_the_reason(petition, handler):
    a = petition()
    s.case_accept(case=a, by=handler, on=D(2025, 3, 4))
    assert docs(a) == ["acceptance_notice"]
    b = petition(name="李四", id_number=OTHER_ID)
    with pytest.raises(DomainError) as exc:
        s.case_not_accept(case=b, by=handler, on=D(2025, 3, 4), reason="other")
    assert exc.value.field == "note"
    s.case_not_accept(case=b, by=handler, on=D(2025, 3, 4), reason="not_petition")
    b.refresh_from_db()
    assert (b.state, b.outcome) == ("not_accepted", "not_accepted") and docs(b) == ["not_accepted_notice"]


def test_opinion_only_for_claims_and_reply_only_for_the_others(petition, handler):
    claim = petition()
    s.case_accept(case=claim, by=handler, on=D(2025, 3, 4))
    assert "信访处理意见书" in SPEC.transition("reply").refusal(claim)
    suggestion = petition(type="suggestion", name="李四", id_number=OTHER_ID)
    s.case_accept(case=suggestion, by=handler, on=D(2025, 3, 4))
    assert "申诉求决类" in SPEC.transition("decide").refusal(suggestion)
    s.case_reply(case=suggestion, by=handler, on=D(2025, 3, 20), content="已采纳")
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.outcome) == ("concluded", "replied")
    assert suggestion.extra["reply"]["on_time"] is True


def test_opinion_without_facts_is_refused_and_changes_nothing(petition, handler):
    case = petition()
    s.case_accept(case=case, by=handler, on=D(2025, 3, 4))
    case.refresh_from_db()
    version = case.version
    for kw, field in (
        ({"outcome": "maybe", "facts": "x", "opinion": "y"}, "outcome"),
        ({"outcome": "support", "facts": " ", "opinion": "y"}, "facts"),
        ({"outcome": "support", "facts": "x", "opinion": "y", "served_on": D(2025, 3, 1)}, "served_on"),
    ):
        with pytest.raises(DomainError) as exc:
            s.case_decide(case=case, by=handler, on=D(2025, 3, 10), **kw)
        assert exc.value.field == field
    case.refresh_from_db()
    assert (case.state, case.version) == ("accepted", version) and docs(case) == ["acceptance_notice"]


def test_case_stays_open_while_the_review_window_runs(petition, handler, time_machine):
    time_machine.move_to(dt.datetime(2025, 3, 20, 4, 0, tzinfo=dt.UTC))
    case = petition()
    s.case_accept(case=case, by=handler, on=D(2025, 3, 4))
    s.case_decide(case=case, by=handler, on=D(2025, 3, 10), outcome="explain", facts="x", opinion="y")
    case.refresh_from_db()
    assert case.state == "answered" and not SPEC.state(case.state).closed
    assert "2025-04-09" in SPEC.transition("conclude").refusal(case)  # 30 days after 3/10 → Wed 4/9
    time_machine.move_to(dt.datetime(2025, 4, 10, 4, 0, tzinfo=dt.UTC))
    assert SPEC.transition("conclude").refusal(case) is None
    s.case_conclude(case=case, by=handler, on=D(2025, 4, 10))
    case.refresh_from_db()
    assert (case.state, case.outcome, case.closed_on) == ("concluded", "explain", D(2025, 4, 10))


def test_repeat_petition_is_linked_by_blind_index(petition):
    first = petition()
    other_object = petition(received=D(2025, 3, 4), object_unit=None, object_name="某街道")
    again = petition(received=D(2025, 3, 5), name="张三（重名写法）")
    assert [r["id"] for r in again.extra["repeat_of"]] == [first.pk]  # same ID number, same object unit
    assert other_object.extra["repeat_of"] == []
    by_phone = petition(received=D(2025, 3, 6), name="王五", id_number="")
    by_phone2 = petition(received=D(2025, 3, 7), name="王五", id_number="")
    assert by_phone.extra["repeat_of"] == []
    assert [r["id"] for r in by_phone2.extra["repeat_of"]] == [by_phone.pk]
    labels = [e.label for e in again.events.all()]
    assert any(first.case_number in label and "重复信访" in label for label in labels)


def test_same_request_after_rereview_is_flagged_and_not_accepted(petition, handler):
    case = petition(received=D(2025, 1, 6))
    s.case_accept(case=case, by=handler, on=D(2025, 1, 6))
    s.case_decide(case=case, by=handler, on=D(2025, 1, 20), outcome="not_support", facts="a", opinion="b")
    s.case_request_review(case=case, by=handler, on=D(2025, 2, 10))
    s.case_review_decide(case=case, by=handler, on=D(2025, 2, 20), outcome="not_support", facts="a", opinion="b")
    s.case_request_rereview(case=case, by=handler, on=D(2025, 3, 3))
    s.case_rereview_decide(case=case, by=handler, on=D(2025, 3, 20), outcome="not_support", facts="a", opinion="b")
    again = petition(received=D(2025, 4, 1))
    assert again.extra["after_final"]["case_number"] == case.case_number
    reason = SPEC.transition("accept").refusal(again)
    assert "第三十六条" in reason and case.case_number in reason
    with pytest.raises(DomainError):
        s.case_accept(case=again, by=handler, on=D(2025, 4, 2))
    s.case_not_accept(case=again, by=handler, on=D(2025, 4, 2), reason="final")
    with_new_facts = petition(received=D(2025, 4, 3), new_facts="取得新的鉴定意见")
    assert "after_final" not in with_new_facts.extra
    assert SPEC.transition("accept").refusal(with_new_facts) is None


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"type": "complaint"}, "type"),
        ({"channel": "fax"}, "channel"),
        ({"content": "  "}, "content"),
        ({"received_on": D(2099, 1, 1)}, "received_on"),
        ({"received_on": None}, "received_on"),
        ({"joint_count": 0}, "joint_count"),
        ({"petitioner": PartyInput(role="applicant", name="张三", id_number="123")}, "petitioner_id_number"),
        ({"representatives": [PartyInput(role="applicant", name=f"代表{i}") for i in range(6)]}, "representatives"),
    ],
)
def test_bad_intake_names_the_field_and_stores_nothing(petition, kw, field):
    with pytest.raises(DomainError) as exc:
        petition(**kw)
    assert exc.value.field == field
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.value.message)
    assert Case.objects.filter(docket="petitions").count() == 0


def test_a_retried_submit_creates_one_petition(petition):
    token = uuid.uuid4()
    a = petition(submit_token=token)
    b = petition(submit_token=token)
    assert a.pk == b.pk and Case.objects.filter(docket="petitions").count() == 1
    assert MON.year == 2025
