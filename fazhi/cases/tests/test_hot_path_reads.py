"""core.rows on the case pages gives the objects and values the ORM gives (run on SQLite and, in CI, on PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.models import Case, CaseEvent, Party
from fazhi.cases.selectors import case_parties, case_timeline
from fazhi.core.rows import model_rows, value_rows
from fazhi.deadlines.models import Clock
from fazhi.deadlines.selectors import clocks_for, clocks_of

pytestmark = pytest.mark.django_db


def _same(a, b, model):
    for f in model._meta.concrete_fields:
        x, y = getattr(a, f.attname), getattr(b, f.attname)
        assert (x, type(x)) == (y, type(y)), f.name


@pytest.fixture
def lawsuit_with_everything(city, persona):
    from fazhi.cases.services import PartyInput, party_add
    from fazhi.dockets.litigation.services import case_submit_defence, litigation_register

    handler = persona("reconsideration_handler", "justice")
    case = litigation_register(
        by=handler,
        handling_unit=city["justice"],
        court="示范市东城区人民法院",
        court_case_number="（2025）示0101行初7号",
        plaintiff=PartyInput(
            role="applicant",
            kind="person",
            name="张三",
            id_number="11010519491231002X",
            phone="13812345678",
            address="示范市人民路1号",
        ),
        cause="不服行政处罚",
        instance="first",
        served_on=dt.date(2025, 3, 3),
        defendant_unit=city["market"],
    )
    party_add(
        case=case,
        by=handler,
        party=PartyInput(
            role="third_party", kind="organisation", name="示范市某某有限公司", credit_code="91110000600037341L"
        ),
    )
    case_submit_defence(case=case, by=handler, on=dt.date(2025, 3, 10))
    return Case.objects.get(pk=case.pk), handler


def test_model_rows_equal_the_orm(lawsuit_with_everything):
    case, _ = lawsuit_with_everything
    (loaded,) = model_rows(Case, "id = %s", [case.pk])
    _same(case, loaded, Case)
    assert loaded._loaded_state == case.state and loaded.extra["court"] == "示范市东城区人民法院"
    orm_parties = list(case.parties.all())
    fast = case_parties(case)
    assert [p.pk for p in fast] == [p.pk for p in orm_parties] and len(fast) == 3  # plaintiff, defendant, company
    for a, b in zip(orm_parties, fast, strict=True):
        _same(a, b, Party)
    assert fast[0].name == "张三" and fast[0].masked_phone == orm_parties[0].masked_phone
    orm_clocks, fast_clocks = list(clocks_for(case)), clocks_of(case)
    assert [c.pk for c in fast_clocks] == [c.pk for c in orm_clocks] and len(fast_clocks) == 1
    _same(orm_clocks[0], fast_clocks[0], Clock)
    assert model_rows(Case, "id = %s", [case.pk + 999]) == []


def test_only_defers_the_other_fields(lawsuit_with_everything):
    case, _ = lawsuit_with_everything
    (loaded,) = model_rows(Case, "id = %s", [case.pk], only=["state"])
    assert loaded.get_deferred_fields() >= {"extra", "title"} and loaded.state == case.state
    assert loaded.title == case.title  # a deferred field still loads on access, as with QuerySet.only


def test_timeline_rows_equal_the_events(lawsuit_with_everything):
    case, handler = lawsuit_with_everything
    events = list(CaseEvent.objects.filter(case=case).select_related("actor").order_by("occurred_on", "id"))
    rows = case_timeline(case)
    assert [(r["occurred_on"], r["label"]) for r in rows] == [(e.occurred_on, e.label) for e in events]
    assert all(isinstance(r["occurred_on"], dt.date) for r in rows) and len(rows) >= 2
    assert {r["actor"] for r in rows} == {str(e.actor) if e.actor else "" for e in events}
    public = case_timeline(case, public_only=True)
    assert [r["label"] for r in public] == [e.label for e in events if e.public]
    meta = CaseEvent._meta
    raw = value_rows(
        CaseEvent,
        f"SELECT occurred_on FROM {meta.db_table} WHERE case_id = %s ORDER BY id",
        [case.pk],
        [meta.get_field("occurred_on")],
    )
    assert raw[0] == [events[0].occurred_on]
