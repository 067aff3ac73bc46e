"""The 主办 unit's path and its guards: 签收 or ask reassignment, contact before answering, the head signs, the reply
clock stops on sending, ratings, re-handling, 承诺事项, 销号 only when nothing remains open."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases import clocks
from fazhi.cases.models import CaseDocument
from fazhi.core.errors import DomainError
from fazhi.dockets.proposals import services as s
from fazhi.dockets.proposals.models import Assignment, Commitment, Feedback, Item, Reply
from fazhi.dockets.proposals.spec import SPEC
from fazhi.supervision.models import Item as SupervisedItem

D = dt.date
pytestmark = pytest.mark.django_db


def test_handover_starts_the_sign_and_reply_clocks(item):
    case = item()
    assert case.state == "assigned"
    assert clocks.case_clock(case, "sign").due_date == D(2026, 3, 9)  # 5 days end Sat 7 March → Mon 9
    assert clocks.case_clock(case, "reply_npc_session").due_date == D(2026, 6, 2)  # 3 months (代表法 Art. 51)
    assert case.extra["sign_due"] == "2026-03-09"
    assert case.extra["reply_due"] == "2026-06-02"
    assert [(a.unit.code, a.role) for a in Assignment.objects.filter(case=case)] == [("C002", "lead")]


def test_an_item_number_used_twice_in_a_session_is_refused_and_nothing_changes(item, npc_session):
    item(number="7")
    cases_before = Item.objects.count()
    with pytest.raises(DomainError) as e:
        item(number="7")
    assert e.value.field == "number"
    assert e.value.message == "建议/提案编号：示范市第十八届人民代表大会第四次会议已有第7号，同一会次编号不能重复。"
    assert Item.objects.count() == cases_before


def test_the_same_number_in_another_session_is_accepted(item, cppcc_session):
    item(number="7")
    other = item(number="7", session=cppcc_session)
    assert other.extra["kind"] == "proposal"


def test_handover_without_a_lead_unit_names_the_field(item):
    with pytest.raises(DomainError) as e:
        item(lead_unit=None)
    assert (e.value.field, e.value.message) == ("lead_unit", "请选择主办单位。")


def test_handover_in_the_future_is_refused(item):
    with pytest.raises(DomainError) as e:
        item(assigned_on=D(2099, 1, 1))
    assert e.value.field == "assigned_on"


def test_a_unit_cannot_be_lead_and_co_handler(item, city):
    with pytest.raises(DomainError) as e:
        item(assist_units=[city["market"]])
    assert e.value.field == "assist_units"
    assert "已是本件的承办单位" in e.value.message


def test_signing_moves_to_handling_and_completes_the_sign_clock(item, handler):
    case = s.case_sign(case=item(), by=handler, on=D(2026, 3, 4))
    assert case.state == "handling"
    assert clocks.case_clock(case, "sign").completed_on == D(2026, 3, 4)
    assert Assignment.objects.get(case=case, role="lead").signed_on == D(2026, 3, 4)


def test_another_units_liaison_cannot_sign(item, assist_handler):
    case = item()
    with pytest.raises(DomainError, match="您没有“.*”的权限。"):
        s.case_sign(case=case, by=assist_handler, on=D(2026, 3, 4))
    case.refresh_from_db()
    assert case.state == "assigned"


def test_reassignment_asked_within_the_period_and_decided_by_the_office(item, handler, office, city):
    case = s.case_ask_reassign(case=item(), by=handler, on=D(2026, 3, 5), reason="停车管理属住建部门职责")
    assert case.extra["reassign"]["reason"] == "停车管理属住建部门职责"
    with pytest.raises(DomainError):  # no signing while the request waits
        s.case_sign(case=case, by=handler, on=D(2026, 3, 5))
    case = s.case_reassign(case=case, by=office, on=D(2026, 3, 5), unit=city["finance"])
    assert case.handling_unit == city["finance"]
    assert case.extra["reassign"] is None
    assert clocks.case_clock(case, "sign").due_date == D(2026, 3, 10)  # a new 5 days from Thu 5 March
    lead = Assignment.objects.get(case=case, role="lead", active=True)
    assert lead.unit == city["finance"]


def test_reassignment_after_the_sign_period_is_refused(item, handler):
    case = item()
    with pytest.raises(DomainError) as e:  # the period ended Mon 9 March
        s.case_ask_reassign(case=case, by=handler, on=D(2026, 3, 10), reason="不属于本单位职责")
    assert e.value.field == "on"
    assert "已超过签收期限（2026-03-09）" in e.value.message
    case.refresh_from_db()
    assert "reassign" not in case.extra


def test_a_unit_cannot_decide_its_own_reassignment(item, handler, city):
    case = s.case_ask_reassign(case=item(), by=handler, on=D(2026, 3, 5), reason="不属于本单位职责")
    with pytest.raises(DomainError, match="您没有“.*”的权限。"):
        s.case_reassign(case=case, by=handler, on=D(2026, 3, 5), unit=city["finance"])


def test_an_answer_without_a_recorded_contact_is_refused(item, handler):
    case = s.case_sign(case=item(), by=handler, on=D(2026, 3, 4))
    with pytest.raises(DomainError) as e:
        s.case_draft(case=case, by=handler, result_class="A", text="已解决。")
    assert e.value.message == "答复前须与代表/委员沟通：请先登记沟通情况（日期和方式）。"
    case.refresh_from_db()
    assert "draft" not in case.extra


def test_a_contact_dated_before_handover_is_refused(item, handler):
    case = s.case_sign(case=item(), by=handler, on=D(2026, 3, 4))
    with pytest.raises(DomainError) as e:
        s.case_contact(case=case, by=handler, on=D(2026, 3, 1), form="phone")
    assert e.value.field == "on"
    assert e.value.message == "沟通日期2026年3月1日不能早于交办日期2026年3月2日。"
    assert case.contacts.count() == 0


def test_the_reply_must_be_signed_by_the_head_before_sending(item, handler, head):
    case = s.case_sign(case=item(), by=handler, on=D(2026, 3, 4))
    case = s.case_contact(case=case, by=handler, on=D(2026, 3, 10), form="phone")
    case = s.case_draft(case=case, by=handler, result_class="A", text="已增设停车位。")
    with pytest.raises(DomainError) as e:
        s.case_send(case=case, by=handler, on=D(2026, 4, 1))
    assert e.value.message == "答复函须经承办单位负责人签发后才能答复。"
    with pytest.raises(DomainError, match="您没有“.*”的权限。"):  # a liaison may not sign off
        s.case_sign_off(case=case, by=handler, on=D(2026, 3, 20))
    case = s.case_sign_off(case=case, by=head, on=D(2026, 3, 20))
    assert case.extra["draft"]["signed_on"] == "2026-03-20"


def test_sending_stops_the_reply_clock_and_issues_the_letter(ready, handler):
    case = s.case_send(case=ready(), by=handler, on=D(2026, 4, 1))
    assert case.state == "replied"
    assert clocks.case_clock(case, "reply_npc_session").completed_on == D(2026, 4, 1)
    assert case.extra["on_time"] is True
    reply = Reply.objects.get(case=case)
    assert (reply.result_class, reply.sent_on, reply.signed_on) == ("A", D(2026, 4, 1), D(2026, 3, 22))
    doc = CaseDocument.objects.get(case=case, template_code="reply_letter")
    assert doc.title == "建议提案答复函"


def test_a_reply_dated_before_handover_is_refused_naming_the_field(ready, handler):
    case = ready()
    with pytest.raises(DomainError) as e:
        s.case_send(case=case, by=handler, on=D(2026, 3, 1))
    assert e.value.field == "on"
    assert e.value.message == "答复日期2026年3月1日不能早于交办日期2026年3月2日。"
    case.refresh_from_db()
    assert case.state == "handling"
    assert Reply.objects.filter(case=case).count() == 0


def test_a_late_reply_is_not_on_time(ready, handler):
    case = s.case_send(case=ready(), by=handler, on=D(2026, 6, 3))  # due Tue 2 June
    assert case.extra["on_time"] is False


def test_a_class_outside_the_setting_is_refused(item, handler, settings):
    case = s.case_sign(case=item(), by=handler, on=D(2026, 3, 4))
    case = s.case_contact(case=case, by=handler, on=D(2026, 3, 10), form="phone")
    with pytest.raises(DomainError) as e:
        s.case_draft(case=case, by=handler, result_class="D", text="留作参考。")
    assert (e.value.field, e.value.message) == ("result_class", "办理结果应为A类、B类、C类之一。")
    settings.FAZHI_PROPOSALS = {**settings.FAZHI_PROPOSALS, "CLASSES": "ABCD"}
    case = s.case_draft(case=case, by=handler, result_class="D", text="留作参考。")
    assert case.extra["draft"]["class"] == "D"


def test_extension_up_to_six_months_in_all(item, handler, office_head):
    case = s.case_sign(case=item(), by=handler, on=D(2026, 3, 4))
    with pytest.raises(DomainError) as e:
        s.case_extend(case=case, by=office_head, months=4, reason="涉及面广")
    assert (e.value.field, e.value.message) == ("months", "延长月数应为1至3个月（总期限不超过六个月）。")
    with pytest.raises(DomainError, match="您没有“.*”的权限。"):  # the unit may not extend its own period
        s.case_extend(case=case, by=handler, months=3, reason="涉及面广")
    case = s.case_extend(case=case, by=office_head, months=3, reason="涉及面广、处理难度大")
    assert clocks.case_clock(case, "reply_npc_session").due_date == D(2026, 9, 2)  # 6 months from 2 March
    assert case.extra["reply_due"] == "2026-09-02"
    with pytest.raises(DomainError):
        s.case_extend(case=case, by=office_head, months=1, reason="再延")


def test_inter_session_and_cppcc_items_take_their_own_rule(item, cppcc_session):
    recess = item(source="recess")
    assert clocks.case_clock(recess, "reply_npc_recess").due_date == D(2026, 6, 2)
    assert clocks.case_clock(recess, "reply_npc_session") is None
    proposal = item(session=cppcc_session)
    assert clocks.case_clock(proposal, "reply_cppcc_session").rule_id == "proposals.reply_cppcc_session"


def test_cppcc_session_proposals_take_five_months_where_the_locality_says_so(item, cppcc_session, monkeypatch):
    from dataclasses import replace

    from fazhi.deadlines import rules

    five = replace(rules.RULES["proposals.reply_cppcc_session"], length=5, extension_max=1)
    monkeypatch.setitem(rules.RULES, five.id, five)
    case = item(session=cppcc_session)
    # 2 March + 5 months = Sun 2 August 2026 → Mon 3 August (the natural-day end rule)
    assert clocks.case_clock(case, "reply_cppcc_session").due_date == D(2026, 8, 3)
    recess = item(session=cppcc_session, source="recess")
    assert clocks.case_clock(recess, "reply_cppcc_recess").due_date == D(2026, 6, 2)


def test_the_setting_feeds_the_rule_length(settings):
    from fazhi.deadlines.rules import _pp

    settings.FAZHI_PROPOSALS = {"REPLY_MONTHS_CPPCC_SESSION": 5}
    assert _pp("REPLY_MONTHS_CPPCC_SESSION", 3) == 5
    settings.FAZHI_PROPOSALS = {}
    assert _pp("REPLY_MONTHS_CPPCC_SESSION", 3) == 3


def test_satisfied_rating_then_close(ready, handler, office):
    case = s.case_send(case=ready(), by=handler, on=D(2026, 4, 1))
    case = s.case_rate(case=case, by=handler, on=D(2026, 4, 10), rating="basic")
    assert case.state == "rated"
    case = s.case_close(case=case, by=office, on=D(2026, 4, 12))
    assert case.state == "closed"
    assert (case.closed_on, case.outcome) == (D(2026, 4, 12), "A")


def test_a_unit_cannot_mark_its_own_item_reconciled(ready, handler):
    case = s.case_send(case=ready(), by=handler, on=D(2026, 4, 1))
    case = s.case_rate(case=case, by=handler, on=D(2026, 4, 10), rating="satisfied")
    with pytest.raises(DomainError, match="您没有“.*”的权限。"):
        s.case_close(case=case, by=handler, on=D(2026, 4, 12))


def test_unsatisfied_starts_rehandling_with_its_own_clock_and_a_supervised_item(ready, handler, head, office):
    case = s.case_send(case=ready(), by=handler, on=D(2026, 4, 1))
    case = s.case_rate(case=case, by=handler, on=D(2026, 7, 1), rating="unsatisfied", note="停车位不足")
    assert case.state == "rehandling"
    assert case.extra["round"] == 2
    rehandling = clocks.case_clock(case, "rehandling")
    assert rehandling.due_date == D(2026, 8, 3)  # 1 month from 1 July = Sat 1 August → Mon 3 August
    item = SupervisedItem.objects.get(kind="proposals.rehandling")
    assert (item.unit_id, item.clock_id, item.state) == (case.handling_unit_id, rehandling.pk, "open")
    # the new round needs its own contact and a newly signed reply
    with pytest.raises(DomainError) as e:
        s.case_draft(case=case, by=handler, result_class="A", text="再次办理。")
    assert e.value.message.startswith("答复前须与代表/委员沟通")
    case = s.case_contact(case=case, by=handler, on=D(2026, 7, 5), form="meeting")
    case = s.case_draft(case=case, by=handler, result_class="A", text="再增设车位100个。")
    case = s.case_sign_off(case=case, by=head, on=D(2026, 7, 10))
    case = s.case_send(case=case, by=handler, on=D(2026, 7, 15))
    assert clocks.case_clock(case, "rehandling").completed_on == D(2026, 7, 15)
    assert case.extra["rehandling_on_time"] is True
    item.refresh_from_db()
    assert item.state == "closed"  # followed the clock
    case = s.case_rate(case=case, by=handler, on=D(2026, 7, 20), rating="satisfied")
    assert [(f.round, f.rating) for f in Feedback.objects.filter(case=case)] == [(1, "unsatisfied"), (2, "satisfied")]
    case = s.case_close(case=case, by=office, on=D(2026, 7, 21))
    assert case.state == "closed"


def test_closing_is_refused_while_the_proposer_is_unsatisfied(ready, handler, office):
    case = s.case_send(case=ready(), by=handler, on=D(2026, 4, 1))
    case = s.case_rate(case=case, by=handler, on=D(2026, 4, 10), rating="unsatisfied")
    assert SPEC.transition("close").refusal(case) == "当前状态下不能“对账销号”。"


def test_class_b_commitments_are_supervised_and_keep_the_item_open(ready, handler, office, time_machine):
    time_machine.move_to(dt.datetime(2026, 4, 20, 10, 0, tzinfo=dt.UTC))
    with pytest.raises(DomainError) as e:
        ready(result_class="B")
    assert (e.value.field, e.value.message) == ("commitments", "B类答复须列明承诺事项及完成日期。")
    case = ready(result_class="B", commitments=[("新建立体停车场", D(2026, 10, 31))])
    case = s.case_send(case=case, by=handler, on=D(2026, 4, 1))
    c = Commitment.objects.get(case=case)
    sup = SupervisedItem.objects.get(kind="proposals.commitment")
    assert (sup.unit_id, sup.state, c.done_on) == (case.handling_unit_id, "open", None)
    assert case.extra["open_commitments"] == 1
    case = s.case_rate(case=case, by=handler, on=D(2026, 4, 10), rating="satisfied")
    assert SPEC.transition("close").refusal(case) == "还有1项承诺事项未销号。"
    # the office 销号 the commitment's item (supervision) → the commitment is done on the case
    s.commitment_fulfilled(item=sup, by=office)
    case.refresh_from_db()
    assert case.extra["open_commitments"] == 0
    assert Commitment.objects.get(pk=c.pk).done_on == D(2026, 4, 20)
    assert SPEC.transition("close").refusal(case) == "B类答复的承诺事项落实后须再次答复代表/委员。"
    case = s.case_follow_up(case=case, by=handler, on=D(2026, 4, 20), text="立体停车场已建成。")
    case = s.case_close(case=case, by=office, on=D(2026, 4, 20))
    assert case.state == "closed"


def test_a_retried_handover_creates_one_item(item):
    import uuid

    token = uuid.uuid4()
    first = item(submit_token=token)
    again = item(submit_token=token)
    assert first.pk == again.pk
    assert Item.objects.count() == 1
