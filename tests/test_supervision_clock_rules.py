"""Supervision's rule table on known data, over a real docket (cross-module): an overdue clock of any docket
raises an item by a rule, once; the case decided closes the item by itself."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.deadlines.rules import RULES
from fazhi.deadlines.selectors import clock_for
from fazhi.supervision.models import Item, RaiseRule
from fazhi.supervision.services import rule_save, rules_defaults, rules_run


@pytest.fixture
def reconsideration_case(city, persona):
    """An accepted 行政复议 case received on `received_on`, handled by the justice bureau."""
    from fazhi.cases.models import PartyRole
    from fazhi.cases.services import PartyInput
    from fazhi.dockets.reconsideration.services import case_accept, reconsideration_intake

    handler = persona("reconsideration_handler", "justice")

    def make(received_on, accept_on=None):
        case = reconsideration_intake(
            by=handler,
            handling_unit=city["justice"],
            received_on=received_on,
            channel="in_person",
            applicant=PartyInput(
                role=PartyRole.APPLICANT,
                name="张三",
                id_number="11010519491231002X",
                phone="13812345678",
                address="示范市人民路1号",
            ),
            act="行政处罚决定（示市监罚〔2026〕8号）",
            request="撤销该处罚决定",
            respondent_unit=city["market"],
        )
        return case_accept(case=case, by=handler, on=accept_on or received_on + dt.timedelta(days=2))

    return make


DECISION = {
    "outcome": "revoke",
    "facts": "处罚决定认定事实不清",
    "reasons": "证据不足",
    "decision_text": "撤销该处罚决定",
}


@pytest.fixture
def decision_rule(persona):
    return rule_save(
        by=persona("office_staff", "gov"),
        data={
            "name": "复议决定期限超期",
            "kind": "clock_overdue",
            "clock_rule_prefix": "reconsideration.decision",
            "min_working_days_overdue": 5,
            "enabled": True,
            "note": "行政复议法第六十二条",
        },
    )


def test_a_clock_overdue_by_more_than_five_working_days_raises_one_item_for_the_handling_unit(
    reconsideration_case, decision_rule, city
):
    # given a case accepted on 2026-09-03: its decision clock ran out on Monday 2026-11-02
    late = reconsideration_case(received_on=dt.date(2026, 9, 1))
    reconsideration_case(received_on=dt.date(2026, 10, 20))  # and one still within its period
    assert clock_for(late, "decision").due_date == dt.date(2026, 11, 2)
    # when the rule runs on the 5th working day after (Mon 11-09: 11-03…06 and 11-09): nothing yet
    assert rules_run(on=dt.date(2026, 11, 9))["raised"] == 0
    # then on the 6th working day the handling unit gets exactly one item
    out = rules_run(on=dt.date(2026, 11, 10))
    assert (out["raised"], out["examined"]) == (1, 1)
    item = Item.objects.get()
    assert (item.kind, item.source_label, item.unit, item.source_url) == (
        "deadlines.clock",
        "行政复议",
        city["justice"],
        late.get_absolute_url(),
    )
    assert item.title == f"{RULES['reconsideration.decision'].name}已超期：{late.case_number}"
    assert (item.due_date, item.rule) == (dt.date(2026, 11, 2), decision_rule)
    # and re-running (the same day, the next day) never duplicates
    assert rules_run(on=dt.date(2026, 11, 10))["raised"] == 0
    assert rules_run(on=dt.date(2026, 11, 11))["raised"] == 0
    assert Item.objects.count() == 1


def test_the_case_decided_closes_its_item_by_itself(reconsideration_case, decision_rule, persona):
    from fazhi.dockets.reconsideration import services as rs

    case = reconsideration_case(received_on=dt.date(2026, 9, 1))
    rules_run(on=dt.date(2026, 11, 10))
    item = Item.objects.get()
    rs.case_draft_decision(
        case=case, by=persona("reconsideration_handler", "justice"), on=dt.date(2026, 11, 20), **DECISION
    )
    rs.case_approve_decision(case=case, by=persona("reconsideration_head", "justice"), on=dt.date(2026, 11, 20))
    item.refresh_from_db()
    assert (item.state, item.end_kind, item.light) == ("closed", "source", "done")
    assert item.end_note == "期限已完成（2026-11-20），督办事项自动关闭"
    assert AuditEvent.objects.filter(action="supervision.item.closed_by_source", object_id=str(item.pk)).count() == 1


def test_the_default_rule_covers_every_docket_clock(reconsideration_case):
    rules_defaults()
    case = reconsideration_case(received_on=dt.date(2026, 9, 1))
    out = rules_run(on=dt.date(2026, 12, 1))
    # the open clocks of the case more than 5 working days late: 送达副本 (09-14) and 决定 (11-02); acceptance
    # completed the 受理 and 补正通知 clocks
    keys = sorted(Item.objects.values_list("clock__key", flat=True))
    assert (out["raised"], keys) == (2, ["copy", "decision"])
    assert set(Item.objects.values_list("source_id", flat=True)) == {
        str(clock_for(case, k).pk) for k in ("copy", "decision")
    }
    assert rules_run(on=dt.date(2026, 12, 1))["raised"] == 0


def test_a_disabled_rule_raises_nothing(reconsideration_case, decision_rule, persona):
    rule_save(
        by=persona("office_staff", "gov"),
        rule=decision_rule,
        expected_version=decision_rule.version,
        data={
            **{f: getattr(decision_rule, f) for f in ("name", "kind", "clock_rule_prefix", "note")},
            "min_working_days_overdue": 5,
            "enabled": False,
        },
    )
    reconsideration_case(received_on=dt.date(2026, 9, 1))
    assert rules_run(on=dt.date(2026, 12, 1))["raised"] == 0


def test_rule_edits_are_audited_and_bad_input_names_the_field(decision_rule, persona):
    office = persona("office_staff", "gov")
    with pytest.raises(DomainError) as exc:
        rule_save(
            by=office,
            data={"name": "x", "kind": "clock_overdue", "clock_rule_prefix": "nosuch.", "min_working_days_overdue": 5},
        )
    assert exc.value.field == "clock_rule_prefix"
    with pytest.raises(DomainError) as exc:
        rule_save(by=office, data={"name": "", "kind": "clock_overdue", "min_working_days_overdue": 5})
    assert exc.value.field == "name"
    assert RaiseRule.objects.count() == 1
    ev = AuditEvent.objects.get(action="supervision.rule.saved")
    assert ev.summary["after"]["clock_rule_prefix"] == "reconsideration.decision"
