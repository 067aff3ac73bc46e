"""Citations at registration, the user's review, the dependency flag when a cited instrument is repealed, expiry and
清理 — through the real services."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.normative_documents.models import Citation, DocumentStatus, Instrument, NormativeDocument
from fazhi.normative_documents.services import (
    cleanup_approve,
    cleanup_create,
    cleanup_item_decide,
    document_citations_save,
    documents_expiry_run,
    instrument_change,
)
from fazhi.normative_documents.services.instruments import citation_lines_parse
from fazhi.normative_documents.states import DocumentState
from fazhi.supervision.models import Item

from .factories import document_walk

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def drafter(persona):
    return persona("dept_liaison", unit="market")


def published(city, drafter, title="示范市行政执法公示办法", **kw):
    return document_walk(
        until=DocumentState.PUBLISHED, unit=city["market"], legal_unit=city["justice"], by=drafter, title=title, **kw
    )


def test_registration_extracts_citations_for_review(city, drafter):
    doc = document_walk(until=DocumentState.REGISTERED, unit=city["market"], legal_unit=city["justice"], by=drafter)
    rows = list(Citation.objects.filter(document=doc).values_list("instrument__title", "articles", "confirmed"))
    assert rows == [("《中华人民共和国行政处罚法》", ["第三十二条"], False)]
    assert Instrument.objects.get(title="《中华人民共和国行政处罚法》").level == "law"


def test_the_user_confirms_corrects_and_adds(city, drafter):
    doc = document_walk(until=DocumentState.REGISTERED, unit=city["market"], legal_unit=city["justice"], by=drafter)
    entries = citation_lines_parse("《中华人民共和国行政处罚法》 第三十二条、第三十三条\n\n国办发〔2018〕37号\n")
    assert entries == [("《中华人民共和国行政处罚法》", ["第三十二条", "第三十三条"]), ("国办发〔2018〕37号", [])]
    document_citations_save(document=doc, entries=entries, by=drafter)
    rows = list(doc.citations.order_by("id").values_list("instrument__title", "articles", "confirmed"))
    assert rows == [
        ("《中华人民共和国行政处罚法》", ["第三十二条", "第三十三条"], True),
        ("国办发〔2018〕37号", [], True),
    ]


def test_repealing_an_instrument_flags_every_document_in_force_citing_it(
    city, drafter, django_capture_on_commit_callbacks
):
    # given two documents in force citing the law, and one already repealed that cites it too
    a = published(city, drafter, title="甲办法")
    b = published(city, drafter, title="乙办法")
    c = published(city, drafter, title="丙办法")
    NormativeDocument.objects.filter(pk=c.pk).update(status=DocumentStatus.REPEALED)
    drafter.is_liaison = True
    drafter.save(update_fields=["is_liaison"])
    law = Instrument.objects.get(title="《中华人民共和国行政处罚法》")
    # when the law is marked repealed
    with django_capture_on_commit_callbacks(execute=True):
        flagged = instrument_change(
            instrument=law, status="repealed", changed_on=D(2026, 11, 1), note="被新法取代", by=drafter
        )
    # then exactly the two in force are flagged and their issuer has a supervisable review item for each
    assert sorted(flagged) == sorted([a.pk, b.pk])
    assert list(
        NormativeDocument.objects.filter(dependency_flag=True).order_by("pk").values_list("pk", flat=True)
    ) == sorted([a.pk, b.pk])
    titles = sorted(Item.objects.filter(kind="normative_documents.dependency").values_list("title", flat=True))
    assert titles == [
        "所引依据《中华人民共和国行政处罚法》已废止，请评估《乙办法》是否需要修改或废止",
        "所引依据《中华人民共和国行政处罚法》已废止，请评估《甲办法》是否需要修改或废止",
    ]
    assert AuditEvent.objects.filter(action="normative_documents.instrument.changed").count() == 1


def test_a_change_needs_a_note(city, drafter):
    law = Instrument.objects.create(title="《某法》")
    with pytest.raises(DomainError) as err:
        instrument_change(instrument=law, status="amended", changed_on=D(2026, 11, 1), note=" ", by=drafter)
    assert err.value.field == "note"
    assert Instrument.objects.get(pk=law.pk).status == "in_force"


def test_expiry_run_expires_and_warns_once(city, drafter):
    old = published(city, drafter, title="旧办法")
    soon = published(city, drafter, title="将到期办法")
    NormativeDocument.objects.filter(pk=old.pk).update(valid_until=D(2026, 11, 30))
    NormativeDocument.objects.filter(pk=soon.pk).update(valid_until=D(2027, 1, 30))  # 60 days after 12-01
    drafter.is_liaison = True
    drafter.save(update_fields=["is_liaison"])
    # both were published on 2026-04-21 and never filed: each gets its late-filing item, once
    assert documents_expiry_run(today=D(2026, 12, 1)) == {"expired": 1, "expiry_items": 1, "filing_items": 2}
    assert documents_expiry_run(today=D(2026, 12, 1)) == {"expired": 0, "expiry_items": 0, "filing_items": 0}
    old.refresh_from_db()
    assert (old.status, old.ended_on) == (DocumentStatus.EXPIRED, D(2026, 11, 30))


def test_cleanup_applies_outcomes_on_approval(city, drafter):
    keep = published(city, drafter, title="保留办法")
    repeal = published(city, drafter, title="废止办法")
    other = document_walk(
        until=DocumentState.PUBLISHED, unit=city["finance"], legal_unit=city["justice"], by=drafter, title="财政办法"
    )
    campaign = cleanup_create(
        name="2026年规范性文件清理", organiser=city["justice"], scope_units=[city["market"]], by=drafter
    )
    items = {i.document_id: i for i in campaign.items.all()}
    assert sorted(items) == sorted([keep.pk, repeal.pk])  # the finance bureau's document is out of scope
    with pytest.raises(DomainError, match="还有2件文件未确定清理结果"):
        cleanup_approve(campaign=campaign, approved_on=D(2026, 11, 20), by=drafter)
    cleanup_item_decide(item=items[keep.pk], outcome="keep", reason="符合上位法", by=drafter)
    cleanup_item_decide(item=items[repeal.pk], outcome="repeal", reason="上位法已废止", by=drafter)
    cleanup_approve(campaign=campaign, approved_on=D(2026, 11, 20), by=drafter)
    statuses = dict(NormativeDocument.objects.values_list("title", "status"))
    assert statuses == {"保留办法": "valid", "废止办法": "repealed", "财政办法": "valid"}
    assert NormativeDocument.objects.get(pk=repeal.pk).ended_on == D(2026, 11, 20)
    with pytest.raises(DomainError, match="已批准"):
        cleanup_item_decide(item=items[keep.pk], outcome="repeal", reason="x", by=drafter)
    assert other.status == "valid"
