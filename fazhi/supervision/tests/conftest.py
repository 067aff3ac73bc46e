from __future__ import annotations

import datetime as dt

import pytest

from fazhi.supervision.sources import SOURCES, SourceKind, source_register

CLOSED: list[tuple[int, str]] = []


@pytest.fixture
def fix_kind():
    """A source kind as a feature module would declare it: 销号 by a person with evidence, unit and co-units may ask
    for an extension (to the end of the due date's year), and a close hook."""
    CLOSED.clear()
    kind = source_register(
        SourceKind(
            key="tests.fix",
            label="测试整改",
            end="person",
            evidence_required=True,
            extension_by=("unit", "co"),
            on_closed=lambda item, by: CLOSED.append((item.pk, getattr(by, "username", str(by)))),
        )
    )
    yield kind
    SOURCES.pop("tests.fix", None)


@pytest.fixture
def today():
    from fazhi.deadlines.selectors import today_local

    return today_local()


@pytest.fixture
def raise_item(city, fix_kind, today, persona):
    """item_raise on a unit row as the source (any record will do)."""
    from fazhi.supervision.services import item_raise

    office = persona("office_staff", "gov")

    def make(unit="market", key="a", due=dt.timedelta(days=30), co=(), **kw):
        return item_raise(
            source=city[unit],
            kind="tests.fix",
            unit=city[unit],
            reason=kw.pop("reason", f"整改事项{key}"),
            due=(today + due) if isinstance(due, dt.timedelta) else due,
            dedupe_key=f"tests.fix.{key}",
            co_units=[city[c] for c in co],
            by=office,
            url="/x/",
            **kw,
        )

    return make
