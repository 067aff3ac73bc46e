"""The kernel's figures over every docket (cases.received / cases.open / cases.overdue): kept counts equal a recount,
closing a case moves 在办 in the same transaction, breakdowns by docket and by unit, the viewer's scope, overdue from
the clocks."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType

from fazhi.cases.metrics import SOURCE
from fazhi.cases.models import Case
from fazhi.metrics.models import TallyState
from fazhi.metrics.selectors import metric_value
from fazhi.metrics.tallies import tally_recount, tally_stored
from fazhi.orgs.models import DataScope
from fazhi.orgs.tests.factories import user_with

NOW = dt.datetime(2026, 6, 10, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def cases(toy_case, city):
    with time_machine.travel(NOW, tick=False):
        made = [
            toy_case(received_on=dt.date(2026, 1, 5)),
            toy_case(received_on=dt.date(2026, 3, 1), extra={"ready": True}),
            toy_case(received_on=dt.date(2026, 5, 2), handling_unit=city["market"]),
            toy_case(received_on=dt.date(2025, 11, 20)),
        ]
        yield made


def value(key, **kw):
    return metric_value(key, period=kw.pop("period", 2026), **kw)


def test_received_and_open_count_every_docket_and_equal_a_recount(cases):
    with time_machine.travel(NOW, tick=False):
        assert value("cases.received")["value"] == 3
        assert value("cases.open")["value"] == 4  # the 2025 case is still open
        assert value("cases.received", period=2025)["value"] == 1
        assert tally_stored(SOURCE) == tally_recount(SOURCE)
        toy = [b for b in value("cases.open")["breakdown"] if b["code"] == "toy"]
        assert toy == [{"code": "toy", "label": "测试案件", "value": 4}]


def test_closing_a_case_leaves_open_in_the_same_write(cases):
    from fazhi.cases.tests.conftest import toy_close

    with time_machine.travel(NOW, tick=False):
        toy_close(case=cases[1], by=None, on=dt.date(2026, 6, 1))
        assert value("cases.open")["value"] == 3
        assert value("cases.received")["value"] == 3
        assert value("cases.open", records=True)["records"] == sorted([cases[0].pk, cases[2].pk, cases[3].pk])
        assert tally_stored(SOURCE) == tally_recount(SOURCE)


def test_kept_and_live_agree(cases):
    with time_machine.travel(NOW, tick=False):
        kept = {k: value(k, by="unit")["breakdown"] for k in ("cases.received", "cases.open")}
        TallyState.objects.filter(source="cases").delete()
        live = {k: value(k, by="unit")["breakdown"] for k in ("cases.received", "cases.open")}
    assert kept == live
    assert kept["cases.open"] == [
        {"code": "C001", "label": "市司法局", "value": 3},
        {"code": "C002", "label": "市市场监管局", "value": 1},
    ]


def test_a_viewer_counts_only_their_units_cases(cases, city):
    viewer = user_with(["cases.case.view", "toy.case.view"], unit=city["market"], scope=DataScope.UNIT)
    blind = user_with(["plans.task.view"], unit=city["market"], scope=DataScope.ALL)
    other_docket = user_with(["cases.case.view", "hotline.case.view"], unit=city["market"], scope=DataScope.ALL)
    with time_machine.travel(NOW, tick=False):
        assert value("cases.open", viewer=viewer)["value"] == 1
        assert value("cases.open", viewer=viewer, records=True)["records"] == [cases[2].pk]
        assert value("cases.open", viewer=blind)["value"] == 0
        assert value("cases.open", viewer=other_docket)["value"] == 0  # may open no 测试案件: counts none
        assert value("cases.open", viewer=other_docket, records=True)["records"] == []
        assert value("cases.open", unit="C002")["value"] == 1
        assert value("cases.open", docket="toy")["value"] == 4


def test_overdue_reads_the_clocks_past_their_due_day(cases):
    from fazhi.deadlines.models import Clock, ClockState

    ct = ContentType.objects.get_for_model(Case)

    def clock(case, due, state=ClockState.RUNNING):
        Clock.objects.create(
            content_type=ct,
            object_id=str(case.pk),
            rule_id="t",
            trigger_date=dt.date(2026, 1, 1),
            due_date=due,
            state=state,
        )

    clock(cases[0], dt.date(2026, 6, 9))  # past due yesterday, not yet marked overdue by the daily job
    clock(cases[2], dt.date(2026, 6, 1), ClockState.OVERDUE)
    clock(cases[3], dt.date(2026, 6, 1), ClockState.PAUSED)  # paused: not overdue
    clock(cases[1], dt.date(2026, 6, 30))  # not yet due
    with time_machine.travel(NOW, tick=False):
        got = value("cases.overdue", records=True)
    assert (got["value"], got["records"]) == (2, sorted([cases[0].pk, cases[2].pk]))
