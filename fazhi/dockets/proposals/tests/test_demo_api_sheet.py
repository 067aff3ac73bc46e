"""The demo step (dated from today, idempotent), the API reads and the 对账销号 sheet (page, Excel, API)."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.test import Client
from openpyxl import load_workbook

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.cases.models import Case
from fazhi.cases.services import today_local
from fazhi.dockets.proposals import services as s
from fazhi.orgs.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
D = dt.date


def test_demo_items_are_idempotent_and_dated_from_today(db):
    for code in ("C002", "C009", "C013", "C014"):
        UnitFactory(code=code)
    from fazhi.dockets.proposals.demo import demo_proposals

    demo_proposals(lambda _m: None)
    demo_proposals(lambda _m: None)
    cases = Case.objects.filter(docket="proposals")
    assert cases.count() == 7
    assert {c.state for c in cases} == {"assigned", "handling", "replied", "rehandling", "rated", "closed"}
    assert all(c.received_on <= today_local() for c in cases)


def _sheet_set(ready, handler, office):
    one = s.case_send(case=ready(number="1"), by=handler, on=D(2026, 4, 1))
    one = s.case_rate(case=one, by=handler, on=D(2026, 4, 10), rating="satisfied")
    ready(number="2")
    return one


def test_the_reconciliation_sheet_page_excel_and_mark(ready, handler, office, login_client, npc_session):
    one = _sheet_set(ready, handler, office)
    client = login_client(office)
    page = client.get(f"/proposals/reconciliation/?session={npc_session.pk}").content.decode()
    assert "共 2 件，已销号 0 件" in page
    assert f"/proposals/{one.pk}/do/close/" in page
    resp = client.post(f"/proposals/{one.pk}/do/close/", {"version": one.version + 0, "on": "2026-04-12"})
    assert resp.status_code == 302
    wb = load_workbook(BytesIO(client.get(f"/proposals/reconciliation/?session={npc_session.pk}&format=xlsx").content))
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[1][:4] == ("编号", "类型", "标题", "主办单位")
    assert rows[2][0] == "1" and rows[2][7] == "2026-04-01" and rows[2][9] == "A" and rows[2][10] == "满意"
    assert rows[2][14] == "2026-04-12"
    assert rows[3][0] == "2" and rows[3][13] == "办理中"


def test_the_unit_sees_only_its_items_on_the_sheet(ready, handler, office, login_client, npc_session, persona):
    _sheet_set(ready, handler, office)
    other = persona("dept_liaison", "justice")
    assert "共 0 件" in login_client(other).get(f"/proposals/reconciliation/?session={npc_session.pk}").content.decode()


def test_api_reads(ready, handler, office, city, npc_session):
    one = _sheet_set(ready, handler, office)
    _k, full = key_for(account_with(["cases.case.view", "proposals.case.view"], unit=city["market"]))
    key = bearer(full)
    one_json = Client().get(f"/api/v1/cases/{one.pk}/", **key).json()
    assert one_json["docket_data"]["number"] == "1"
    assert one_json["docket_data"]["reply_class"] == "A"
    resp = Client().get(f"/api/v1/proposals/reconciliation/?session={npc_session.name}", **key)
    assert resp.status_code == 200
    assert [r["number"] for r in resp.json()["items"]] == ["1", "2"]
    assert resp.json()["items"][0]["rating"] == "满意"
    assert Client().get("/api/v1/proposals/reconciliation/?session=不存在", **key).status_code == 404
    _k2, other = key_for(account_with(["cases.case.view"], unit=city["market"]))
    assert (
        Client().get(f"/api/v1/proposals/reconciliation/?session={npc_session.name}", **bearer(other)).status_code
        == 404
    )
