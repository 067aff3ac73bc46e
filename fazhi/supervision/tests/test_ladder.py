"""The 三色 ladder, once for every source: light and days overdue from the engine, steps by days overdue, notices
once per step (red daily), stored light and step for the boards."""

from __future__ import annotations

import datetime as dt

from fazhi.notifications.models import Notification
from fazhi.supervision.models import Item
from fazhi.supervision.services import ladder_save, ladder_scan, ladder_steps


def _liaison(persona, unit):
    u = persona("dept_liaison", unit)
    u.is_liaison = True
    u.save()
    return u


def test_the_ladder_climbs_by_days_overdue_and_stores_the_step(raise_item, persona, today):
    # given an item due 2026-12-31 for the market bureau (its liaison named) and the office
    item = raise_item(due=dt.date(2026, 12, 31))
    market, office = _liaison(persona, "market"), persona("office_staff", "gov")
    # 2026-12-24 (Thu): 5 working days left (24, 25, 28, 29, 30 … 31) → blue
    assert ladder_scan(on=dt.date(2026, 12, 24)) == {"blue": 1, "yellow": 0, "red": 0}
    item.refresh_from_db()
    assert (item.light, item.ladder_step, item.light_rank) == ("due_soon", "blue", 1)
    # 2027-01-01: 1 day overdue → yellow; 2027-01-05: 5 days → red to the liaison and the office
    assert ladder_scan(on=dt.date(2027, 1, 1)) == {"blue": 0, "yellow": 1, "red": 0}
    assert ladder_scan(on=dt.date(2027, 1, 4))["red"] == 0
    assert ladder_scan(on=dt.date(2027, 1, 5)) == {"blue": 0, "yellow": 0, "red": 2}
    item.refresh_from_db()
    assert (item.light, item.days_overdue, item.ladder_step, item.light_rank) == ("overdue", 5, "red", 0)
    red = Notification.objects.get(recipient=market, level="red")
    assert red.title == "【红色督办】整改事项a（市市场监管局，完成时限2026-12-31），已逾期5天"
    assert Notification.objects.filter(recipient=office, level="red").count() == 1
    # a repeated scan the same day sends nothing more; the next day red again
    assert ladder_scan(on=dt.date(2027, 1, 5)) == {"blue": 0, "yellow": 0, "red": 0}
    assert ladder_scan(on=dt.date(2027, 1, 6))["red"] == 2


def test_a_closed_item_leaves_the_ladder(raise_item, persona):
    item = raise_item(due=dt.date(2026, 12, 31))
    _liaison(persona, "market")
    Item.objects.filter(pk=item.pk).update(state="closed")
    assert ladder_scan(on=dt.date(2027, 1, 10)) == {"blue": 0, "yellow": 0, "red": 0}


def test_the_red_step_is_configurable(raise_item, persona):
    raise_item(due=dt.date(2026, 12, 31))
    _liaison(persona, "market")
    ladder_steps()
    ladder_save(
        by=persona("office_staff", "gov"),
        steps=[
            {
                "level": "red",
                "light": "overdue",
                "to_liaison": True,
                "to_office": False,
                "min_days_overdue": 2,
                "enabled": True,
            }
        ],
    )
    assert ladder_scan(on=dt.date(2027, 1, 1))["red"] == 0
    assert ladder_scan(on=dt.date(2027, 1, 2))["red"] == 1
