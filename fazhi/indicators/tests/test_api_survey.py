"""The 公众满意度调查 through the API: the surveys a caller may see with their results (registry figures)."""

from __future__ import annotations

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.indicators.services_survey import survey_answer_submit, survey_create, survey_state_set

pytestmark = pytest.mark.django_db


def test_the_survey_list_with_its_results(city, persona):
    office = persona("office_staff", "justice")
    s = survey_create(
        by=office,
        title="群众满意度调查",
        year=2026,
        owner=city["justice"],
        subject=city["market"],
        questions=["依法办事"],
        sample_target=10,
    )
    s = survey_state_set(by=office, survey=s, state="open")
    q = s.questions.get()
    for phone, r in (("13900000001", "satisfied"), ("13900000002", "basic"), ("13900000003", "unsatisfied")):
        survey_answer_submit(survey=s, phone=phone, ratings={q.pk: r})
    c = Client()
    market = bearer(key_for(account_with(["indicators.set.view"], unit=city["market"], scope="unit"))[1])
    (item,) = c.get("/api/v1/indicators/surveys/", **market).json()["items"]
    assert item == {
        "id": s.pk,
        "title": "群众满意度调查",
        "year": 2026,
        "owner": "C001",
        "subject": "C002",
        "identity": "phone",
        "state": "open",
        "sample_target": 10,
        "responses": 3,
        "ratings": 3,
        "satisfaction_rate": 66.67,
        "questions": [{"position": 1, "text": "依法办事", "satisfied": 1, "basic": 1, "unsatisfied": 1, "rate": 66.67}],
    }
    assert c.get("/api/v1/indicators/surveys/?year=2025", **market).json()["items"] == []
    finance = bearer(key_for(account_with(["indicators.set.view"], unit=city["finance"], scope="unit"))[1])
    assert c.get("/api/v1/indicators/surveys/", **finance).json()["items"] == []
    other = bearer(key_for(account_with(["consultations.view"], unit=city["market"], scope="unit"))[1])
    assert c.get("/api/v1/indicators/surveys/", **other).status_code == 404
