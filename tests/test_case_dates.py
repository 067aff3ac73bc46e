"""Issue 9 ¶1: the kernel's date invariant (`case_transition_apply`), the check command listing existing violations,
and ¶2's data migration completing clocks left open."""

from __future__ import annotations

import datetime as dt
import importlib
import io

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command

from fazhi.cases.clocks import case_clocks
from fazhi.cases.models import Case, CaseEvent, PartyRole
from fazhi.cases.services import PartyInput, case_transition_apply, today_local
from fazhi.core.errors import DomainError
from fazhi.deadlines.models import Clock

pytestmark = pytest.mark.django_db

D = dt.date
DECISION = {
    "outcome": "revoke",
    "facts": "处罚决定认定事实不清",
    "reasons": "证据不足",
    "decision_text": "撤销该处罚决定",
}


@pytest.fixture
def handler(persona):
    return persona("reconsideration_handler", "justice")


@pytest.fixture
def head(persona):
    return persona("reconsideration_head", "justice")


@pytest.fixture
def application(city, handler):
    from fazhi.dockets.reconsideration.services import reconsideration_intake

    def make(received_on):
        return reconsideration_intake(
            by=handler,
            handling_unit=city["justice"],
            received_on=received_on,
            channel="in_person",
            applicant=PartyInput(role=PartyRole.APPLICANT, name="张三", id_number="11010519491231002X"),
            act="行政处罚决定",
            request="撤销该处罚决定",
            respondent_unit=city["market"],
        )

    return make


def _refused(fn, **kw) -> DomainError:
    with pytest.raises(DomainError) as exc:
        fn(**kw)
    return exc.value


def test_the_reported_case_every_step_before_receipt_is_refused_naming_both_dates(application, handler, head):
    from fazhi.dockets.reconsideration import services as s

    case = application(D(2026, 12, 1))
    err = _refused(s.case_request_correction, case=case, by=handler, on=D(2026, 11, 1), defects="缺少身份证明")
    assert err.message == "“通知补正”的日期2026年11月1日不能早于收到日期2026年12月1日。"
    assert err.field == "on"
    err = _refused(s.case_accept, case=case, by=handler, on=D(2026, 11, 20))
    assert err.message == "“受理”的日期2026年11月20日不能早于收到日期2026年12月1日。"
    case.refresh_from_db()
    assert (case.state, case.version) == ("received", 1)
    assert list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True)) == ["created"]


def test_a_step_is_never_before_the_step_it_follows(application, handler, head):
    from fazhi.dockets.reconsideration import services as s

    case = application(D(2026, 11, 2))
    s.case_accept(case=case, by=handler, on=D(2026, 11, 10))
    err = _refused(s.case_send_copy, case=case, by=handler, on=D(2026, 11, 5))
    assert err.message == "“发送申请书副本”的日期2026年11月5日不能早于“受理”的日期2026年11月10日。"
    s.case_send_copy(case=case, by=handler, on=D(2026, 11, 20))
    err = _refused(s.case_record_reply, case=case, by=handler, on=D(2026, 11, 15), summary="合法")
    assert err.message == "“登记被申请人答复”的日期2026年11月15日不能早于“发送申请书副本”的日期2026年11月20日。"
    s.case_record_reply(case=case, by=handler, on=D(2026, 11, 25), summary="合法")
    err = _refused(s.case_draft_decision, case=case, by=handler, on=D(2026, 11, 24), **DECISION)
    assert err.message == "“拟定复议决定”的日期2026年11月24日不能早于“登记被申请人答复”的日期2026年11月25日。"
    s.case_draft_decision(case=case, by=handler, on=D(2026, 11, 26), **DECISION)
    err = _refused(s.case_approve_decision, case=case, by=head, on=D(2026, 11, 25))
    assert err.message == "“批准并作出复议决定”的日期2026年11月25日不能早于“拟定复议决定：撤销”的日期2026年11月26日。"
    case.refresh_from_db()
    assert case.state == "accepted" and case.closed_on is None
    s.case_approve_decision(case=case, by=head, on=D(2026, 11, 26))  # the same day is in order
    case.refresh_from_db()
    assert (case.state, case.closed_on) == ("decided", D(2026, 11, 26))


def test_a_redraft_after_a_send_back_moves_the_date_the_approval_follows(application, handler, head):
    """The approval follows the latest draft: a draft sent back and rewritten later cannot be approved on the
    first draft's date."""
    from fazhi.dockets.reconsideration import services as s

    case = application(D(2026, 11, 2))
    s.case_accept(case=case, by=handler, on=D(2026, 11, 3))
    s.case_draft_decision(case=case, by=handler, on=D(2026, 11, 10), **DECISION)
    with time_machine.travel(dt.datetime(2026, 11, 11, 2, tzinfo=dt.UTC), tick=False):  # 10:00 in 示范市
        s.case_refuse(case=case, by=head, request="decision", reason="理由不充分")
    s.case_draft_decision(case=case, by=handler, on=D(2026, 11, 16), **{**DECISION, "reasons": "证据不足，程序违法"})
    err = _refused(s.case_approve_decision, case=case, by=head, on=D(2026, 11, 12))
    assert err.message == "“批准并作出复议决定”的日期2026年11月12日不能早于“拟定复议决定：撤销”的日期2026年11月16日。"
    s.case_approve_decision(case=case, by=head, on=D(2026, 11, 17))
    case.refresh_from_db()
    assert (case.state, case.closed_on) == ("decided", D(2026, 11, 17))


def test_the_system_actor_is_held_to_the_same_rule_and_a_bare_case_can_still_be_created(city, toy_case):
    case = toy_case(received_on=D(2026, 3, 2), extra={"ready": True})
    assert case.parties.count() == 0
    with pytest.raises(DomainError) as exc:
        case_transition_apply(case=case, code="close", by=None, on=D(2026, 3, 1))
    assert exc.value.message == "“结案”的日期2026年3月1日不能早于收到日期2026年3月2日。"
    today = today_local()
    tomorrow = today + dt.timedelta(days=1)
    with pytest.raises(DomainError) as exc:
        case_transition_apply(case=case, code="close", by=None, on=tomorrow)
    assert exc.value.message == (
        f"“结案”的日期{tomorrow.year}年{tomorrow.month}月{tomorrow.day}日不能晚于今天"
        f"（{today.year}年{today.month}月{today.day}日）。"
    )
    case_transition_apply(case=case, code="close", by=None, on=D(2026, 3, 2))
    assert Case.objects.get(pk=case.pk).state == "closed"


@pytest.fixture
def toy_case(city):
    from fazhi.cases.services import case_create
    from fazhi.cases.tests import conftest  # noqa: F401  (registers the toy docket)

    def make(**kw):
        return case_create(docket="toy", handling_unit=city["justice"], by=None, **kw)

    return make


def test_check_command_lists_existing_steps_out_of_order_and_changes_nothing(application, handler):
    from fazhi.dockets.reconsideration import services as s

    good = application(D(2026, 11, 2))
    s.case_accept(case=good, by=handler, on=D(2026, 11, 10))
    bad = application(D(2026, 11, 3))
    s.case_accept(case=bad, by=handler, on=D(2026, 11, 10))
    s.case_send_copy(case=bad, by=handler, on=D(2026, 11, 12))
    # Data written before the invariant: a copy sent before acceptance, a decision before receipt.
    CaseEvent.objects.filter(case=bad, kind="send_copy").update(occurred_on=D(2026, 11, 5))
    CaseEvent.objects.create(
        case=bad, kind="approve_decision", label="作出行政复议决定：撤销", occurred_on=D(2026, 11, 1)
    )
    out = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("cases", "check-dates", stdout=out)
    assert exc.value.code == 1
    n = bad.case_number
    assert out.getvalue().splitlines() == [
        f"{n}  发送申请书副本（2026-11-05）早于受理（2026-11-10）",
        f"{n}  作出行政复议决定：撤销（2026-11-01）早于收到日期（2026-11-03）",
        "共2处日期顺序错误。",
    ]
    assert CaseEvent.objects.get(case=bad, kind="send_copy").occurred_on == D(2026, 11, 5)
    out = io.StringIO()
    call_command("cases", "check-dates", "--docket", "litigation", stdout=out)
    assert out.getvalue() == "未发现日期顺序错误。\n"


def test_migration_completes_the_clocks_left_open_by_earlier_steps(application, handler, head):
    from fazhi.dockets.reconsideration import services as s

    decided = application(D(2026, 11, 2))
    s.case_accept(case=decided, by=handler, on=D(2026, 11, 4))
    s.case_draft_decision(case=decided, by=handler, on=D(2026, 11, 19), **DECISION)
    s.case_approve_decision(case=decided, by=head, on=D(2026, 11, 20))
    accepted = application(D(2026, 11, 2))
    s.case_accept(case=accepted, by=handler, on=D(2026, 11, 6))
    waiting = application(D(2026, 11, 30))
    # As the old code left them: review clocks running after acceptance and after the decision.
    Clock.objects.filter(key__in=("correction_notice", "acceptance")).update(completed_on=None, state="running")
    migration = importlib.import_module("fazhi.cases.migrations.0006_close_stale_clocks")
    migration.close_stale_clocks(apps, None)
    by_key = {(c.object_id, c.key): c for c in Clock.objects.all()}
    assert by_key[(str(decided.pk), "correction_notice")].completed_on == D(2026, 11, 20)
    assert by_key[(str(accepted.pk), "correction_notice")].completed_on == D(2026, 11, 6)
    assert by_key[(str(accepted.pk), "acceptance")].state == "done"
    assert by_key[(str(accepted.pk), "decision")].completed_on is None  # still running, rightly
    assert {c.key for c in case_clocks(waiting) if c.completed_on is None} == {"acceptance", "correction_notice"}
