"""Supervision figures in the metric registry on a known set: open items by light, overdue, raised, closed, closed
on time and the rate; the unit filter, the viewer's scope, the kind filter and the records behind a value."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.deadlines.selectors import today_local
from fazhi.deadlines.services import clock_start
from fazhi.metrics.selectors import metric_value, metric_values
from fazhi.supervision.models import Item
from fazhi.supervision.services import item_close_by_source, item_raise

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)
DEP, FILING = "normative_documents.dependency", "normative_documents.filing"


@pytest.fixture
def known(city):
    today = today_local()

    def raise_(name, unit, due=None, clock=None, kind=DEP):
        return item_raise(
            source=city[unit], kind=kind, unit=city[unit], reason=name, due=due, clock=clock, dedupe_key=f"m.{name}"
        )

    late_clock = clock_start(
        obj=city["finance"], rule_id="normative_document.filing", trigger_date=today - 40 * DAY, by="system"
    )
    made = {
        "a": raise_("a", "market", due=today + 60 * DAY),  # running
        "b": raise_("b", "market", due=today + 2 * DAY),  # due soon (≤ 5 working days)
        "c": raise_("c", "finance", clock=late_clock, kind=FILING),  # overdue: follows a clock 10 days past due
        "d": raise_("d", "market", due=today + 60 * DAY),
        "e": raise_("e", "market", due=today + DAY),
    }
    item_close_by_source(item=made["d"], note="done")  # closed before its due date: on time
    Item.objects.filter(pk=made["e"].pk).update(due_date=today - DAY)  # its due date had passed when it closed
    item_close_by_source(item=made["e"], note="done")
    return made


def test_exact_figures_on_a_known_set(city, known):
    year = today_local().year
    got = metric_values(
        [
            "supervision.open",
            "supervision.overdue",
            "supervision.raised",
            "supervision.closed",
            "supervision.closed_on_time",
            "supervision.closed_on_time_rate",
        ],
        period=year,
    )
    assert {k.split(".")[1]: v["value"] for k, v in got.items()} == {
        "open": 3,
        "overdue": 1,
        "raised": 5,
        "closed": 2,
        "closed_on_time": 1,
        "closed_on_time_rate": 50.0,
    }
    assert [(b["code"], b["value"]) for b in got["supervision.open"]["breakdown"]] == [
        ("overdue", 1),
        ("due_soon", 1),
        ("running", 1),
        ("paused", 0),
        ("none", 0),
    ]
    assert [(b["label"], b["value"]) for b in got["supervision.overdue"]["breakdown"]] == [
        ("规范性文件依据变化评估", 0),
        ("规范性文件逾期备案", 1),
    ]


def test_unit_scope_kind_and_records(city, known, persona):
    year = today_local().year
    assert metric_value("supervision.open", period=year, unit=city["market"])["value"] == 2
    liaison = persona("dept_liaison", unit="finance")
    assert metric_value("supervision.open", period=year, viewer=liaison)["value"] == 1
    assert metric_value("supervision.raised", period=year, kind=FILING)["value"] == 1
    rec = metric_value("supervision.open", period=year, records=True)["records"]
    assert rec == sorted([known["a"].pk, known["b"].pk, known["c"].pk])
    assert metric_value("supervision.raised", period=year - 1)["value"] == 0


def test_a_viewer_without_the_item_right_counts_no_items(known, persona):
    # the records behind a figure link to the items: one who may not open them is not shown them as a number either
    viewer = persona("reconsideration_handler", "gov")  # no supervision.item.view
    assert metric_value("supervision.open", period=today_local().year, viewer=viewer)["value"] == 0
    office = persona("office_staff", "gov")
    assert metric_value("supervision.open", period=today_local().year, viewer=office)["value"] == 3
