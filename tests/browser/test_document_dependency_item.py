"""A cited law is amended: the issuer's board shows the 规范性文件依据变化评估 item; on the document page the issuer
confirms the document stays in force (an empty reason is refused beside the field, the page kept), and the item
closes by itself and leaves the board. Screenshots at 1366×768 and 390×844 with FAZHI_SCREENSHOTS=dir."""

from __future__ import annotations

import os

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name: str) -> None:
    out = os.environ.get("FAZHI_SCREENSHOTS")
    if out:
        page.screenshot(path=f"{out}/{name}.png", full_page=True)


def test_the_issuer_confirms_a_document_after_its_law_changed(page, live_server, persona, login_as, city):
    from fazhi.deadlines.selectors import today_local
    from fazhi.normative_documents.models import Instrument
    from fazhi.normative_documents.services import instrument_change
    from fazhi.normative_documents.states import DocumentState
    from fazhi.normative_documents.tests.factories import document_walk
    from fazhi.supervision.models import Item

    drafter = persona("dept_liaison", "market", username="dep_drafter")
    drafter.must_change_password = False
    drafter.save()
    doc = document_walk(
        until=DocumentState.PUBLISHED,
        unit=city["market"],
        legal_unit=city["justice"],
        by=drafter,
        title="示范市摊点管理办法",
    )
    law = Instrument.objects.get(title="《中华人民共和国行政处罚法》")
    instrument_change(instrument=law, status="amended", changed_on=today_local(), note="2026年修正", by=drafter)

    login_as("dep_drafter")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/supervision/")
    assert (
        page.locator(
            "text=所引依据《中华人民共和国行政处罚法》已修改，请评估《示范市摊点管理办法》是否需要修改或废止"
        ).count()
        == 1
    )
    _shot(page, "dependency-board-390")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/documents/{doc.pk}/")
    page.click("summary:has-text('经评估继续有效')")
    page.click("form[action$='/dependency/confirm/'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert Item.objects.get(kind="normative_documents.dependency").state == "open"
    _shot(page, "dependency-refused-1366")
    page.fill("[name=note]", "修正未涉及本办法所引条款")
    page.click("button:has-text('确认继续有效')")
    page.wait_for_load_state("networkidle")
    assert Item.objects.get(kind="normative_documents.dependency").state == "closed"
    _shot(page, "dependency-confirmed-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "dependency-confirmed-390")
    page.goto(f"{live_server.url}/supervision/")
    assert page.locator("text=示范市摊点管理办法").count() == 0
