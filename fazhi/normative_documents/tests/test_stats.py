"""Figures on a known set (exact numbers), each a metric in the registry, and `fazhi stats documents --json`."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from fazhi.metrics.selectors import metric_value
from fazhi.normative_documents.models import NormativeDocument
from fazhi.normative_documents.services import (
    document_status_set,
    filing_review_decide,
    filing_review_receive,
)
from fazhi.normative_documents.states import DocumentState

from .factories import document_walk

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def known(city, persona):
    """Market bureau: 3 published in 2026 (one filed on time and passed, one filed 4 days late and corrected, one not
    filed); one repealed in 2026; one only signed. Finance bureau: 1 published in 2026, filed on time."""
    by = persona("dept_liaison", unit="market")
    legal = persona("office_staff", unit="justice")
    m, j = city["market"], city["justice"]

    def walk(title, until, unit=m, **kw):
        return document_walk(until=until, unit=unit, legal_unit=j, by=by, title=title, **kw)

    a = walk("甲办法", DocumentState.FILED, published_on=D(2026, 9, 10), filed_on=D(2026, 10, 10))
    b = walk("乙办法", DocumentState.FILED, published_on=D(2026, 9, 10), filed_on=D(2026, 10, 14))
    c = walk("丙办法", DocumentState.PUBLISHED, published_on=D(2026, 9, 10))
    walk("丁办法", DocumentState.SIGNED)
    walk("财政办法", DocumentState.FILED, unit=city["finance"], published_on=D(2026, 6, 1), filed_on=D(2026, 6, 5))
    for doc, outcome in ((a, "passed"), (b, "correction")):
        r = filing_review_receive(document=doc, received_on=doc.filed_on, by=legal)
        filing_review_decide(
            review=r,
            formal_check_ok=True,
            formal_check_note="",
            criteria_findings="问题",
            outcome=outcome,
            decided_on=D(2026, 10, 20),
            by=legal,
        )
    document_status_set(document=c, status="repealed", on=D(2026, 11, 1), by=by)
    return {"a": a, "b": b, "c": c}


def test_exact_figures_for_the_city(known):
    out = StringIO()
    call_command("stats", "documents", "--year", "2026", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data == {
        "year": 2026,
        "unit": "",
        "issued": 4,
        "repealed": 1,
        "in_force": 3,
        "legality_reviewed": 4,
        "legality_review_rate": 100.0,
        "filed": 3,
        "filed_on_time": 2,
        "filed_late": 2,  # 乙 filed 4 days late; 丙 never filed, due 2026-10-10
        "filing_rate": 75.0,
        "filing_timeliness_rate": 50.0,
        "reviewed": 2,
        "passed": 1,
        "conformity_rate": 50.0,
        "corrections": 1,
        "suggestions": 0,
        "cleaned": 0,
        "cleaned_by_outcome": {"keep": 0, "amend": 0, "repeal": 0, "declare_invalid": 0},
        "by_issuer": [
            {"unit": "C002", "name": "示范市市场监督管理局", "issued": 3, "repealed": 1, "in_force": 2},
            {"unit": "C003", "name": "示范市财政局", "issued": 1, "repealed": 0, "in_force": 1},
        ],
    }


def test_unit_and_period_filters(known):
    out = StringIO()
    call_command("stats", "documents", "--year", "2026", "--unit", "C003", "--period", "Q2", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert {
        k: data[k] for k in ("year", "unit", "period", "issued", "filed_on_time", "filing_timeliness_rate", "by_issuer")
    } == {
        "year": 2026,
        "unit": "C003",
        "period": "Q2",
        "issued": 1,
        "filed_on_time": 1,
        "filing_timeliness_rate": 100.0,
        "by_issuer": [],
    }


def test_in_force_at_the_end_of_an_earlier_period(known):
    # at the end of Q3 (2026-09-30) 丙 was not yet repealed (2026-11-01): 4 in force
    assert metric_value("normative_documents.in_force", period=2026, unit=None)["value"] == 3
    from fazhi.metrics.periods import Period

    assert metric_value("normative_documents.in_force", period=Period(2026, "Q3"))["value"] == 4


def test_the_records_behind_a_figure(known):
    v = metric_value("normative_documents.corrections", period=2026, records=True)
    assert v["records"] == [known["b"].pk]


def test_an_empty_city_answers_with_exit_status_0(db):
    out = StringIO()
    call_command("stats", "documents", "--year", "2026", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert (data["issued"], data["filing_rate"], data["unit"], data["by_issuer"]) == (0, None, "", [])
    assert NormativeDocument.objects.count() == 0


def test_a_figure_drills_down_to_its_documents(known, login_client, persona):
    from django.urls import reverse

    c = login_client(persona("office_staff"))
    page = c.get(reverse("normative_documents:stats"), {"year": "2026"}).content.decode()
    assert reverse("metrics:detail", args=["normative_documents.corrections"]) + "?year=2026" in page
    detail = c.get(reverse("metrics:detail", args=["normative_documents.corrections"]), {"year": "2026"})
    assert detail.status_code == 200
    assert "乙办法" in detail.content.decode() and "甲办法" not in detail.content.decode()
