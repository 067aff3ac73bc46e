"""The module's supervisable items (#13): each source raises its item once and closes it by itself — the dependency
review (amended / repealed / confirmed / 继续有效 in a 清理), the expiry evaluation (the status changes) and the
late 备案 (filed)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import clock_for, today_local
from fazhi.normative_documents.models import DocumentStatus, Instrument, NormativeDocument
from fazhi.normative_documents.services import (
    cleanup_approve,
    cleanup_create,
    cleanup_item_decide,
    document_dependency_confirm,
    document_status_set,
    documents_expiry_run,
    instrument_change,
)
from fazhi.normative_documents.services.filing import document_file
from fazhi.normative_documents.states import DocumentState
from fazhi.supervision.models import Item
from fazhi.supervision.services import rules_defaults, rules_run

from .factories import document_walk

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.fixture
def drafter(persona):
    return persona("dept_liaison", unit="market")


def published(city, drafter, title, **kw):
    return document_walk(
        until=DocumentState.PUBLISHED, unit=city["market"], legal_unit=city["justice"], by=drafter, title=title, **kw
    )


def rows(kind):
    return list(
        Item.objects.filter(kind=kind)
        .order_by("id")
        .values_list("source_id", "unit__code", "title", "due_date", "state", "end_kind")
    )


def test_a_changed_instrument_raises_one_review_item_per_document_and_each_closes_by_itself(city, drafter):
    today = today_local()
    a, b, c = (published(city, drafter, t) for t in ("甲办法", "乙办法", "丙办法"))
    law = Instrument.objects.get(title="《中华人民共和国行政处罚法》")
    instrument_change(instrument=law, status="amended", changed_on=today, note="2026年修正", by=drafter)
    instrument_change(instrument=law, status="amended", changed_on=today, note="2026年修正", by=drafter)  # again
    due = today + 60 * DAY
    t = "所引依据《中华人民共和国行政处罚法》已修改，请评估《{}》是否需要修改或废止"
    market = city["market"].code
    assert rows("normative_documents.dependency") == [
        (str(a.pk), market, t.format("甲办法"), due, "open", ""),
        (str(b.pk), market, t.format("乙办法"), due, "open", ""),
        (str(c.pk), market, t.format("丙办法"), due, "open", ""),
    ]
    # 甲 is amended, 乙 confirmed to stay in force (a reason is required), 丙 repealed: each item closes by itself
    document_status_set(document=a, status=DocumentStatus.AMENDED, on=today, by=drafter)
    with pytest.raises(DomainError) as err:
        document_dependency_confirm(document=b, note=" ", by=drafter)
    assert err.value.field == "note"
    assert NormativeDocument.objects.get(pk=b.pk).dependency_flag is True
    document_dependency_confirm(document=b, note="修正未涉及所引条款", by=drafter)
    assert NormativeDocument.objects.get(pk=b.pk).dependency_flag is False
    assert Item.objects.get(source_id=str(c.pk), kind="normative_documents.dependency").state == "open"
    document_status_set(document=c, status=DocumentStatus.REPEALED, on=today, by=drafter)
    assert [(r[0], r[4], r[5]) for r in rows("normative_documents.dependency")] == [
        (str(a.pk), "closed", "source"),
        (str(b.pk), "closed", "source"),
        (str(c.pk), "closed", "source"),
    ]
    notes = list(Item.objects.filter(kind="normative_documents.dependency").order_by("id").values_list("end_note"))
    assert notes == [
        ("文件效力状态变为“已修改”，督办事项自动关闭",),
        ("经评估继续有效：修正未涉及所引条款",),
        ("文件效力状态变为“废止”，督办事项自动关闭",),
    ]


def test_continued_validity_in_an_approved_cleanup_closes_the_review_item(city, drafter):
    today = today_local()
    doc = published(city, drafter, "保留办法")
    law = Instrument.objects.get(title="《中华人民共和国行政处罚法》")
    instrument_change(instrument=law, status="repealed", changed_on=today, note="被新法取代", by=drafter)
    campaign = cleanup_create(name="2026年清理", organiser=city["justice"], scope_units=[city["market"]], by=drafter)
    cleanup_item_decide(item=campaign.items.get(), outcome="keep", reason="新法相应条款未变", by=drafter)
    assert Item.objects.get(kind="normative_documents.dependency").state == "open"
    cleanup_approve(campaign=campaign, approved_on=today, by=drafter)
    item = Item.objects.get(kind="normative_documents.dependency")
    assert (item.state, item.end_note) == ("closed", "清理结果继续有效（2026年清理）：新法相应条款未变")
    assert NormativeDocument.objects.get(pk=doc.pk).dependency_flag is False


def test_expiry_evaluation_is_raised_once_due_at_valid_until_and_closes_when_the_document_expires(city, drafter):
    today = today_local()
    soon = published(city, drafter, "将到期办法")
    later = published(city, drafter, "远期办法")
    NormativeDocument.objects.filter(pk=soon.pk).update(valid_until=today + 60 * DAY)  # the 60th day: in the window
    NormativeDocument.objects.filter(pk=later.pk).update(valid_until=today + 61 * DAY)
    assert documents_expiry_run(today=today)["expiry_items"] == 1
    assert documents_expiry_run(today=today)["expiry_items"] == 0
    title = f"《将到期办法》将于{today + 60 * DAY}有效期届满，请评估继续有效、修改或废止"
    assert rows("normative_documents.expiry") == [
        (str(soon.pk), city["market"].code, title, today + 60 * DAY, "open", "")
    ]
    # on the day after 有效期至 the daily run expires the document: the evaluation item closes by itself
    documents_expiry_run(today=today + 61 * DAY)
    assert NormativeDocument.objects.get(pk=soon.pk).status == DocumentStatus.EXPIRED
    assert rows("normative_documents.expiry")[0][4:] == ("closed", "source")


def test_a_late_filing_raises_an_item_that_follows_the_filing_clock_and_closes_when_filed(city, drafter):
    today = today_local()
    late = published(city, drafter, "迟报办法", published_on=today - 31 * DAY)  # due: published + 30 natural days
    on_time = published(city, drafter, "未到期办法", published_on=today - 30 * DAY)  # today is its last day
    clock = clock_for(late, "filing")
    assert clock.due_date == today - DAY
    assert documents_expiry_run(today=today)["filing_items"] == 1
    assert documents_expiry_run(today=today)["filing_items"] == 0  # re-running never duplicates
    item = Item.objects.get(kind="normative_documents.filing")
    assert (item.source_id, item.unit_id, item.clock_id, item.due_date) == (
        str(late.pk),
        city["market"].pk,
        clock.pk,
        today - DAY,
    )
    assert (item.title, item.light, item.days_overdue) == ("《迟报办法》逾期未报送备案", "overdue", 1)
    assert item.text == f"备案期限届满日{today - DAY:%Y-%m-%d}，已逾期1日，请尽快报送备案。"
    assert not Item.objects.filter(source_id=str(on_time.pk), kind="normative_documents.filing").exists()
    # the rule table's generic clock rows do not raise a second item for the same late filing
    rules_defaults()
    rules_run(on=today + 30 * DAY)
    assert not Item.objects.filter(kind="deadlines.clock", source_id=str(clock.pk)).exists()
    # filed: the clock completes and the item closes by itself
    document_file(document=late, filed_on=today, filed_to=city["justice"], by=drafter)
    item.refresh_from_db()
    assert (item.state, item.end_kind) == ("closed", "source")
    assert NormativeDocument.objects.get(pk=late.pk).filing_late_days == 1


def test_the_issuer_confirms_continued_validity_on_the_document_page(city, drafter, login_client):
    from django.urls import reverse

    doc = published(city, drafter, "确认办法")
    law = Instrument.objects.get(title="《中华人民共和国行政处罚法》")
    instrument_change(instrument=law, status="amended", changed_on=today_local(), note="修正", by=drafter)
    c = login_client(drafter)
    page = c.get(reverse("normative_documents:detail", args=[doc.pk])).content.decode()
    assert "确认继续有效" in page
    url = reverse("normative_documents:dependency_confirm", args=[doc.pk])
    r = c.post(url, {"note": ""})
    assert r.status_code == 400 and "评估意见（继续有效的理由）" in r.content.decode()
    assert Item.objects.get(kind="normative_documents.dependency").state == "open"
    r = c.post(url, {"note": "修正未涉及所引条款"})
    assert r.status_code == 302
    assert Item.objects.get(kind="normative_documents.dependency").state == "closed"
    assert "确认继续有效" not in c.get(reverse("normative_documents:detail", args=[doc.pk])).content.decode()
