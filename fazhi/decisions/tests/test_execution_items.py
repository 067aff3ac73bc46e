"""Execution reports (《重大行政决策程序暂行条例》第三十四条): one clock per reporting period (180 days ⚙ from
publication, then from the last report); a late report raises one supervisable item for the lead unit, which closes
by itself when the report is made; suspension pauses the period (Art. 35), a major adjustment ends it (Art. 37)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from fazhi.decisions.services import (
    decision_adjust,
    decision_party_report,
    decision_publish,
    decision_resume,
    decision_suspend,
    execution_report,
)
from fazhi.decisions.services.execution import execution_clocks, execution_reports_run
from fazhi.supervision.models import Item
from fazhi.supervision.services import rules_defaults, rules_run

from .factories import decision_launched, legality_done, meeting, steps_done

D = dt.date
pytestmark = pytest.mark.django_db
PUBLISHED = D(2026, 11, 16)
DUE = D(2027, 5, 17)  # 180 natural days after 2026-11-16 is Saturday 15 May: the period ends on the next working day


def at(day: dt.date):
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False
    )


@pytest.fixture
def staff(persona):
    return persona("office_staff")


def published(city, staff):
    d = decision_launched(city, staff, required=["expert", "risk"])
    steps_done(d, staff, ["expert", "risk"])
    legality_done(d, staff)
    meeting(d, staff)
    decision_party_report(decision=d, by=staff, on=D(2026, 11, 13))
    return decision_publish(decision=d, by=staff, on=PUBLISHED, publication="政府网站")


def test_a_late_execution_report_raises_one_item_that_closes_when_the_report_is_made(city, staff):
    d = published(city, staff)
    assert list(execution_clocks(d).values_list("key", "trigger_date", "due_date", "unit_id")) == [
        ("execution_report.1", PUBLISHED, DUE, city["market"].pk)
    ]
    with at(DUE):  # the last day: not late yet
        assert execution_reports_run() == {"clocks_started": 0, "items_raised": 0}
    with at(DUE + dt.timedelta(days=3)):
        assert execution_reports_run() == {"clocks_started": 0, "items_raised": 1}
        assert execution_reports_run() == {"clocks_started": 0, "items_raised": 0}  # re-running never duplicates
        rules_defaults()
        rules_run()  # the rule table's clock rows leave this clock to its own item
        assert list(Item.objects.values_list("kind", flat=True)) == ["decisions.execution_report"]
        item = Item.objects.get()
        assert (item.source_id, item.unit_id, item.clock_id, item.due_date, item.light, item.days_overdue) == (
            str(d.pk),
            city["market"].pk,
            execution_clocks(d).get().pk,
            DUE,
            "overdue",
            3,
        )
        assert item.title == "重大行政决策《示范市停车收费标准调整》逾期未报告执行情况"
        assert item.text == "执行情况报告期限届满日2027-05-17，已逾期3日（《重大行政决策程序暂行条例》第三十四条）。"
        execution_report(
            decision=d, by=staff, unit=city["market"], reported_on=DUE + dt.timedelta(days=3), text="已执行"
        )
    item.refresh_from_db()
    assert (item.state, item.end_kind) == ("closed", "source")
    # the next period runs from the report
    assert list(execution_clocks(d).values_list("key", "trigger_date", "due_date", "completed_on")) == [
        ("execution_report.1", PUBLISHED, DUE, D(2027, 5, 20)),
        ("execution_report.2", D(2027, 5, 20), D(2027, 11, 16), None),
    ]


def test_a_report_in_time_raises_nothing_and_suspension_pauses_the_period(city, staff):
    d = published(city, staff)
    execution_report(decision=d, by=staff, unit=city["market"], reported_on=D(2026, 11, 30), text="已启动")
    decision_suspend(decision=d, by=staff, on=D(2026, 12, 1), reason="情况变化")
    clock = execution_clocks(d).last()
    assert (clock.key, clock.state) == ("execution_report.2", "paused")
    with at(D(2027, 6, 30)):  # past the unpaused due day (2027-05-31): paused, so not late
        assert execution_reports_run()["items_raised"] == 0
    assert not Item.objects.exists()
    with at(D(2026, 12, 1)):
        decision_resume(decision=d, by=staff, on=D(2026, 12, 1), reason="恢复")
    clock.refresh_from_db()
    assert clock.state != "paused"


def test_a_major_adjustment_closes_the_open_item_and_ends_the_period(city, staff):
    d = published(city, staff)
    with at(DUE + dt.timedelta(days=1)):
        execution_reports_run()
        decision_adjust(decision=d, by=staff, on=DUE + dt.timedelta(days=1), reason="收费区域扩大", major=True)
    item = Item.objects.get()
    assert (item.state, item.end_note) == ("closed", "决策重大调整，重新履行决策程序，执行情况报告督办事项关闭")
    assert execution_clocks(d).filter(completed_on=None).count() == 0


def test_decisions_published_before_the_clock_existed_get_their_period_from_the_last_report(city, staff):
    d = published(city, staff)
    execution_report(decision=d, by=staff, unit=city["market"], reported_on=D(2026, 11, 20), text="x")
    execution_clocks(d).delete()  # as for a decision published before this release
    with at(D(2026, 12, 1)):
        assert execution_reports_run() == {"clocks_started": 1, "items_raised": 0}
    assert list(execution_clocks(d).values_list("key", "trigger_date")) == [("execution_report.1", D(2026, 11, 20))]
