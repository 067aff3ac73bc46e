"""Clocks on records: the services, the daily recompute, notifications and the scoped selector."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.deadlines.models import Clock, ClockState
from fazhi.deadlines.selectors import clock_for, clock_light, clocks_for, clocks_to_act_on, today_local
from fazhi.deadlines.services import (
    clock_complete,
    clock_extend,
    clock_pause,
    clock_reschedule,
    clock_restart,
    clock_resume,
    clock_set_due,
    clock_start,
    clocks_recompute,
)
from fazhi.notifications.models import Notification

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(persona):
    return persona("reconsideration_handler", "justice")


SEP30 = D(2025, 9, 30)


def _start(city, by, rule="reconsideration.acceptance", trigger=SEP30, unit="justice", **kw):
    return clock_start(obj=city[unit], rule_id=rule, trigger_date=trigger, by=by, unit=city[unit], **kw)


def test_clock_start_computes_due_and_audits(city, clerk):
    # when a 5-working-day acceptance clock starts on Tue 2025-09-30
    clock = _start(city, clerk, key="acceptance", assignee=clerk)
    # then 10/9, 10/10, Sat 10/11 (make-up), 10/13, 10/14
    assert clock.due_date == D(2025, 10, 14)
    assert clock.provisional is False
    assert clock.explanation[-1] == "结论：期限届满日为2025年10月14日（周二）。"
    assert clock_for(city["justice"], "acceptance") == clock
    assert list(clocks_for(city["justice"])) == [clock]
    assert AuditEvent.objects.filter(action="deadlines.clock.started", object_id=str(clock.pk)).count() == 1


def test_pause_and_resume_do_not_count_the_paused_days(city, clerk):
    clock = _start(city, clerk)
    # when paused on Thu 10/9 and resumed on Mon 10/13 (pause 10/9–10/12 removes WD 10/9, 10/10, Sat 10/11)
    clock = clock_pause(clock=clock, on=D(2025, 10, 9), reason="补正", by=clerk)
    assert clock.state == ClockState.PAUSED
    clock = clock_resume(clock=clock, on=D(2025, 10, 13), by=clerk)
    # then 10/13 (1), 10/14 (2), 10/15 (3), 10/16 (4), 10/17 (5)
    assert clock.due_date == D(2025, 10, 17)
    assert clock.pauses.get().end == D(2025, 10, 12)
    assert clock.state != ClockState.PAUSED
    assert any("暂停：2025年10月9日至2025年10月12日（补正）" in s for s in clock.explanation)


def test_pause_twice_is_refused(city, clerk):
    clock = clock_pause(clock=_start(city, clerk), on=D(2025, 10, 9), reason="补正", by=clerk)
    with pytest.raises(DomainError) as exc:
        clock_pause(clock=clock, on=D(2025, 10, 10), reason="again", by=clerk)
    assert exc.value.code == "deadlines.already_paused"


def test_extension_is_limited_to_the_rules_maximum(city, clerk, persona):
    head = persona("reconsideration_head", "justice")
    # given a 60-day decision clock accepted on 2025-08-05 (due 10/4 → rolled to 10/9)
    clock = _start(city, clerk, rule="reconsideration.decision", trigger=D(2025, 8, 5))
    assert clock.due_date == D(2025, 10, 9)
    # when extended by 20 then 10 days: 8/5 + 90 = Mon 11/3
    clock = clock_extend(clock=clock, units=20, approver=head, reason="情况复杂", by=head)
    clock = clock_extend(clock=clock, units=10, approver=head, reason="情况复杂", by=head)
    assert clock.due_date == D(2025, 11, 3)
    assert clock.extension_units == 30
    # then one more day is refused (行政复议法 Art. 62: at most 30 days)
    with pytest.raises(DomainError) as exc:
        clock_extend(clock=clock, units=1, approver=head, reason="再延", by=head)
    assert exc.value.code == "deadlines.extension_limit_exceeded"
    assert "最多可延长30日" in exc.value.message
    assert clock.extensions.count() == 2


def test_extension_refused_for_a_rule_without_extension(city, clerk):
    with pytest.raises(DomainError) as exc:
        clock_extend(clock=_start(city, clerk), units=1, approver=clerk, reason="x", by=clerk)
    assert exc.value.code == "deadlines.extension_not_allowed"


def test_restart_counts_again_from_the_new_trigger(city, clerk):
    clock = _start(city, clerk)
    # when the corrected application arrives on Mon 2025-10-20: 10/21, 22, 23, 24, 27
    clock = clock_restart(clock=clock, trigger_date=D(2025, 10, 20), by=clerk)
    assert (clock.trigger_date, clock.due_date) == (D(2025, 10, 20), D(2025, 10, 27))


def test_plan_task_uses_the_fixed_date_and_can_be_rescheduled(city, persona):
    staff = persona("office_staff", "justice")
    clock = _start(city, staff, rule="plan.task", trigger=D(2025, 3, 1), due_override=D(2025, 12, 31))
    assert clock.due_date == D(2025, 12, 31)
    clock = clock_reschedule(clock=clock, due_date=D(2026, 3, 31), reason="经批准调整", by=staff)
    assert clock.due_date == D(2026, 3, 31)
    with pytest.raises(DomainError):
        _start(city, staff, rule="plan.task", trigger=D(2025, 3, 1))  # no due_override
    with pytest.raises(DomainError) as exc:
        clock_reschedule(clock=_start(city, staff), due_date=D(2026, 1, 1), reason="x", by=staff)
    assert exc.value.code == "deadlines.not_fixed_date"


def test_complete_is_final(city, clerk):
    clock = clock_complete(clock=_start(city, clerk), on=D(2025, 10, 10), by=clerk)
    assert (clock.state, clock.completed_on) == (ClockState.DONE, D(2025, 10, 10))
    assert clock_light(clock, D(2025, 12, 1)) == "done"
    with pytest.raises(DomainError):
        clock_pause(clock=clock, on=D(2025, 10, 11), reason="x", by=clerk)


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (D(2025, 10, 10), "running"),  # WD left 10/11 (make-up), 10/13, 10/14 = 3 > warn 1
        (D(2025, 10, 13), "due_soon"),  # WD left: 10/14 only = 1
        (D(2025, 10, 14), "due_soon"),  # the due day itself
        (D(2025, 10, 15), "overdue"),
    ],
)
def test_recompute_sets_state_by_threshold(city, clerk, today, state):
    clock = _start(city, clerk, assignee=clerk)
    assert clocks_recompute(today=today) == 1
    clock.refresh_from_db()
    assert clock.state == state
    assert clock_light(clock, today) == state


def test_recompute_notifies_the_assignee_once_per_threshold(city, clerk):
    clock = _start(city, clerk, assignee=clerk)
    clocks_recompute(today=D(2025, 10, 13))
    clocks_recompute(today=D(2025, 10, 13))
    clocks_recompute(today=D(2025, 10, 15))
    titles = list(Notification.objects.filter(recipient=clerk).order_by("id").values_list("title", "level"))
    assert titles == [(f"期限临期：{clock}", "yellow"), (f"期限超期：{clock}", "red")]


def test_recompute_skips_completed_clocks(city, clerk):
    clock_complete(clock=_start(city, clerk), on=D(2025, 10, 1), by=clerk)
    assert clocks_recompute(today=D(2025, 12, 1)) == 0


def test_clocks_to_act_on_respects_data_scope(city, persona):
    justice = persona("reconsideration_handler", "justice")
    market = persona("dept_liaison", "market")
    staff = persona("office_staff", "justice")  # 全部数据
    mine = _start(city, justice, unit="justice")
    theirs = _start(city, market, unit="market")
    done = clock_complete(clock=_start(city, justice, unit="justice"), on=D(2025, 10, 1), by=justice)
    assert list(clocks_to_act_on(justice)) == [mine]
    assert list(clocks_to_act_on(market)) == [theirs]
    assert set(clocks_to_act_on(staff)) == {mine, theirs}
    assert done not in set(clocks_to_act_on(staff))


def test_clocks_to_act_on_lists_overdue_first(city, clerk):
    later = _start(city, clerk, trigger=D(2025, 9, 30))
    overdue = _start(city, clerk, trigger=D(2025, 9, 1))
    clocks_recompute(today=D(2025, 10, 1))
    assert list(clocks_to_act_on(clerk)) == [overdue, later]


def test_user_without_the_action_sees_nothing(city, persona):
    admin = persona("sec_admin", "justice")
    _start(city, admin)
    assert list(clocks_to_act_on(admin)) == []


def test_today_local_is_shanghai_even_when_utc_is_still_yesterday(settings, time_machine):
    settings.TIME_ZONE = "UTC"
    time_machine.move_to(dt.datetime(2025, 1, 1, 17, 0, tzinfo=dt.UTC), tick=False)  # 01:00 on 1/2 in Shanghai
    assert today_local() == D(2025, 1, 2)


def test_clock_rows_keep_rule_and_unit(city, clerk):
    clock = _start(city, clerk)
    row = Clock.objects.get(pk=clock.pk)
    assert (row.rule_id, row.unit_id, row.trigger_date) == (
        "reconsideration.acceptance",
        city["justice"].pk,
        D(2025, 9, 30),
    )


def test_a_decision_may_fix_a_later_date_only_where_the_rule_allows_it(city, clerk):
    with pytest.raises(DomainError) as exc:  # 复议受理: no statute lets a decision set another date
        clock_set_due(clock=_start(city, clerk), due_date=D(2025, 12, 31), reason="x", by=clerk)
    assert exc.value.code == "deadlines.not_fixed_date" and exc.value.field == "due_date"
    clock = _start(city, clerk, rule="disclosure.reply", trigger=D(2025, 3, 3))
    assert clock.due_date == D(2025, 3, 31)
    clock = clock_set_due(clock=clock, due_date=D(2025, 5, 30), reason="申请数量明显超过合理范围", by=clerk)
    assert clock.due_date == D(2025, 5, 30) and clock.due_override == D(2025, 5, 30)
    event = AuditEvent.objects.filter(action="deadlines.clock.rescheduled", object_id=str(clock.pk)).get()
    assert event.summary["old_due"] == "2025-03-31" and event.summary["basis"].startswith(
        "《政府信息公开条例》第三十五条"
    )
    clock = clock_restart(clock=clock, trigger_date=D(2025, 3, 17), by=clerk)  # the set date lapses
    assert clock.due_override is None and clock.due_date == D(2025, 4, 15)
