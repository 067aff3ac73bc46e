"""执法监督文书 (《行政执法监督条例》, 国务院令第825号 ⚠ unread: period and forms are settings, legal-rules.md §12.1):
issued to a body with the year's next 文号 and a reply clock; the reply completes it; a reply not made by the due day
is flagged and raised once on the body's board, the item closing when the reply is recorded; the .docx."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from docx import Document

from fazhi.core.errors import ConflictError, DomainError
from fazhi.enforcement.documents import supervision_docx
from fazhi.enforcement.models import SupervisionDocument
from fazhi.enforcement.services import (
    reply_clock,
    supervision_document_issue,
    supervision_replies_run,
    supervision_reply_record,
)
from fazhi.supervision.models import Item
from fazhi.supervision.states import ItemState

from .factories import body_with_staff

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def body(city):
    return body_with_staff(city["market"])["body"]


def issue(body, city, **kw):
    values = {
        "by": "test",
        "issuer": city["justice"],
        "body": body,
        "kind": "opinion",
        "subject": "2026年上半年行政处罚案件办理情况",
        "findings": "1. 三件案件未在7个工作日内公示。\n2. 一件重大执法决定未经法制审核。",
        "requirements": "1. 立即补正公示。\n2. 建立法制审核台账。",
        "issued_on": D(2026, 6, 1),
    }
    values.update(kw)
    return supervision_document_issue(**values)


def test_issue_numbers_per_kind_and_year_and_starts_the_reply_clock(body, city):
    a = issue(body, city)
    b = issue(body, city)
    c = issue(body, city, kind="decision")
    assert (a.number, b.number, c.number) == ("执法监督意〔2026〕1号", "执法监督意〔2026〕2号", "执法监督决〔2026〕1号")
    # 30 natural days (the setting's default) from Monday 2026-06-01: Wednesday 2026-07-01, a working day
    clock = reply_clock(a)
    assert clock.rule_id == "enforcement.supervision_reply" and clock.due_date == D(2026, 7, 1) == a.reply_due
    assert clock.unit_id == city["market"].pk and a.unit_id == city["market"].pk and a.issuer == city["justice"]
    assert a.basis == "《行政执法监督条例》（国务院令第825号）"


def test_the_reply_period_is_a_setting(body, city, settings):
    from fazhi.deadlines.rules import RULES

    rule = RULES["enforcement.supervision_reply"]
    assert rule.configurable and "825号" in rule.basis and "未核实" in rule.basis


def test_bad_input_names_the_field_and_saves_nothing(body, city):
    for kw, field in (
        ({"subject": " "}, "subject"),
        ({"findings": ""}, "findings"),
        ({"requirements": ""}, "requirements"),
        ({"kind": "letter"}, "kind"),
        ({"issued_on": D(2099, 1, 1)}, "issued_on"),
    ):
        with pytest.raises(DomainError) as e:
            issue(body, city, **kw)
        assert e.value.field == field
    assert SupervisionDocument.objects.count() == 0


def test_a_retried_submit_is_one_document(body, city):
    import uuid

    token = uuid.uuid4()
    assert issue(body, city, submit_token=token).pk == issue(body, city, submit_token=token).pk
    assert SupervisionDocument.objects.count() == 1


def test_reply_on_time_completes_the_clock(body, city):
    doc = issue(body, city)
    doc = supervision_reply_record(by="test", doc=doc, replied_on=D(2026, 7, 1), text="已整改。", expected_version=1)
    assert doc.replied_on == D(2026, 7, 1) and doc.reply_late is False and doc.version == 2
    assert reply_clock(doc).completed_on == D(2026, 7, 1)
    assert supervision_replies_run(today=D(2026, 7, 20)) == {"late": 0, "items_raised": 0}


def test_reply_refusals(body, city):
    doc = issue(body, city)
    with pytest.raises(DomainError) as e:
        supervision_reply_record(by="test", doc=doc, replied_on=D(2026, 5, 31), text="x", expected_version=1)
    assert e.value.field == "replied_on" and "不能早于制发日期2026-06-01" in e.value.message
    with pytest.raises(DomainError) as e:
        supervision_reply_record(by="test", doc=doc, replied_on=D(2026, 6, 2), text=" ", expected_version=1)
    assert e.value.field == "reply_text"
    with pytest.raises(ConflictError):
        supervision_reply_record(by="test", doc=doc, replied_on=D(2026, 6, 2), text="x", expected_version=7)
    supervision_reply_record(by="test", doc=doc, replied_on=D(2026, 6, 2), text="x", expected_version=1)
    with pytest.raises(DomainError) as e:
        supervision_reply_record(by="test", doc=doc, replied_on=D(2026, 6, 3), text="y", expected_version=2)
    assert "已于2026-06-02登记答复" in e.value.message


def test_a_late_reply_is_flagged_and_raised_once_then_closed_by_the_reply(body, city):
    doc = issue(body, city)
    assert supervision_replies_run(today=D(2026, 7, 1)) == {"late": 0, "items_raised": 0}  # the due day itself
    assert supervision_replies_run(today=D(2026, 7, 2)) == {"late": 1, "items_raised": 1}
    assert supervision_replies_run(today=D(2026, 7, 3)) == {"late": 1, "items_raised": 0}  # once
    item = Item.objects.get(kind="enforcement.supervision_reply")
    doc.refresh_from_db()
    assert doc.reply_late is True and item.unit_id == city["market"].pk and item.clock_id == reply_clock(doc).pk
    assert item.title == "逾期未答复行政执法监督意见书（执法监督意〔2026〕1号）"
    doc = supervision_reply_record(by="test", doc=doc, replied_on=D(2026, 7, 6), text="已整改。", expected_version=1)
    item.refresh_from_db()
    assert doc.reply_late is True and item.state == ItemState.CLOSED


def test_the_docx_carries_number_addressee_text_and_reply_day(body, city):
    doc = issue(body, city, kind="decision")
    title, data = supervision_docx(doc)
    text = "\n".join(p.text for p in Document(BytesIO(data)).paragraphs)
    assert title == "行政执法监督决定书"
    assert "执法监督决〔2026〕1号" in text and "示范市市场监督管理局：" in text
    assert "一件重大执法决定未经法制审核。" in text and "2. 建立法制审核台账。" in text
    assert "2026年7月1日前" in text and "示范市司法局" in text and "2026年6月1日" in text
    assert "【未填" not in text


def test_the_office_issues_the_body_replies_on_the_pages(body, city, persona, login_client):
    office = persona("office_staff", unit="justice")
    c = login_client(office)
    assert c.get("/enforcement/supervision/new/").status_code == 200
    data = {
        "kind": "opinion",
        "body": body.pk,
        "subject": "行政处罚案件公示情况",
        "findings": "三件案件未按期公示。",
        "requirements": "立即补正。",
        "issued_on": "2099-01-01",
    }
    refused = c.post("/enforcement/supervision/new/", data)
    html = refused.content.decode()
    assert refused.status_code == 400 and "field-error" in html and "不能晚于今天" in html
    assert "行政处罚案件公示情况" in html and SupervisionDocument.objects.count() == 0  # what was typed stays
    ok = c.post("/enforcement/supervision/new/", {**data, "issued_on": "2026-06-01"})
    doc = SupervisionDocument.objects.get()
    assert ok.status_code == 302 and ok["Location"] == f"/enforcement/supervision/{doc.pk}/"
    page = c.get(ok["Location"]).content.decode()
    assert "执法监督意〔2026〕1号" in page and "逾期未答复" in page  # the office may also record a reply sent on paper
    listed = c.get("/enforcement/supervision/?state=overdue").content.decode()
    assert "执法监督意〔2026〕1号" in listed
    d = c.get(f"/enforcement/supervision/{doc.pk}/document.docx")
    assert d.status_code == 200 and d["Content-Type"].startswith("application/vnd.openxmlformats")

    liaison = persona("dept_liaison", unit="market")
    c = login_client(liaison)
    assert c.get("/enforcement/supervision/new/").status_code in (403, 404)
    page = c.get(f"/enforcement/supervision/{doc.pk}/").content.decode()
    assert 'id="do-reply"' in page
    bad = c.post(f"/enforcement/supervision/{doc.pk}/", {"reply-version": 1, "reply-replied_on": "2026-05-01"})
    assert bad.status_code == 400 and "field-error" in bad.content.decode()
    good = c.post(
        f"/enforcement/supervision/{doc.pk}/",
        {"reply-version": 1, "reply-replied_on": "2026-06-20", "reply-reply_text": "已补正公示。"},
    )
    assert good.status_code == 302
    doc.refresh_from_db()
    assert doc.replied_on == D(2026, 6, 20) and doc.reply_late is False
    # another district's liaison does not see it
    other = persona("district_liaison", unit="district")
    assert login_client(other).get(f"/enforcement/supervision/{doc.pk}/").status_code == 404


def test_the_api_lists_the_documents_in_scope(body, city):
    from django.test import Client

    from fazhi.api.tests.factories import account_with, bearer, key_for

    doc = issue(body, city)
    finance = body_with_staff(city["finance"], prefix="CZ")["body"]
    issue(finance, city, kind="decision")
    key = bearer(key_for(account_with(["enforcement.view"], unit=city["market"], scope="unit"))[1])
    c = Client()
    items = c.get("/api/v1/enforcement/supervision-documents/", **key).json()["items"]
    assert [(x["number"], x["reply_due"], x["reply_late"], x["reply_state"]) for x in items] == [
        ("执法监督意〔2026〕1号", "2026-07-01", True, "逾期未答复")
    ]
    assert c.get(f"/api/v1/enforcement/supervision-documents/{doc.pk}/", **key).json()["unit_code"] == "C002"
    other = SupervisionDocument.objects.exclude(pk=doc.pk).get()
    assert c.get(f"/api/v1/enforcement/supervision-documents/{other.pk}/", **key).status_code == 404


def test_the_demo_has_a_late_and_an_answered_document(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("demo", stdout=StringIO())
    docs = {d.kind: d for d in SupervisionDocument.objects.all()}
    assert set(docs) == {"opinion", "decision"}
    assert docs["opinion"].replied_on is None and docs["opinion"].reply_late is True
    assert docs["decision"].replied_on is not None and docs["decision"].reply_late is False
    assert Item.objects.filter(kind="enforcement.supervision_reply", state=ItemState.OPEN).count() == 1
