"""规范性文件 through the API: the caller's scope (own unit's documents only), one document with its citations and
filing review, the instrument registry; 404 for another unit's document."""

from __future__ import annotations

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.normative_documents.states import DocumentState

from .factories import document_walk

pytestmark = pytest.mark.django_db
VIEW = ["normative_documents.document.view"]


def test_documents_in_scope_with_citations(city, persona):
    by = persona("dept_liaison", unit="market")
    mine = document_walk(until=DocumentState.FILED, unit=city["market"], legal_unit=city["justice"], by=by)
    other = document_walk(
        until=DocumentState.SIGNED, unit=city["finance"], legal_unit=city["justice"], by=by, title="财政办法"
    )
    key = bearer(key_for(account_with(VIEW, unit=city["market"], scope="unit"))[1])
    c = Client()
    items = c.get("/api/v1/documents/", **key).json()["items"]
    assert [(d["id"], d["registration_number"], d["status"], d["filing_late_days"]) for d in items] == [
        (mine.pk, "C002-2026-001", "valid", 0)
    ]
    detail = c.get(f"/api/v1/documents/{mine.pk}/", **key).json()
    assert detail["citations"] == [
        {
            "title": "《中华人民共和国行政处罚法》",
            "level": "law",
            "instrument_status": "in_force",
            "articles": ["第三十二条"],
            "confirmed": False,
        }
    ]
    assert detail["filing_review"] is None
    assert c.get(f"/api/v1/documents/{other.pk}/", **key).status_code == 404
    assert [i["title"] for i in c.get("/api/v1/instruments/", **key).json()["items"]] == [
        "《中华人民共和国行政处罚法》"
    ]


def test_without_the_view_action_the_list_is_not_found(city):
    key = bearer(key_for(account_with(["plans.plan.view"], unit=city["market"], scope="unit"))[1])
    assert Client().get("/api/v1/documents/", **key).status_code == 404
