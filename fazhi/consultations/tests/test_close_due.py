"""Consultations past their closing date are closed by the daily job (issue 20), on their closing date."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.consultations.models import Consultation, Identity
from fazhi.consultations.services import consultations_close_due
from fazhi.consultations.states import ConsultationState as S
from fazhi.jobs.periodic import PERIODIC
from fazhi.jobs.registry import HANDLERS, load_all_task_modules

from .factories import consultation_opened

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def staff(persona):
    return persona("office_staff")


def test_an_open_consultation_closes_the_day_after_its_closing_date_dated_that_date(city, staff):
    # opened Monday 2 November 2026; 30 natural days → closes Wednesday 2 December
    c = consultation_opened(
        owner=city["justice"], by=staff, opens_on=D(2026, 11, 2), closes_on=D(2026, 12, 2), identity=Identity.ANONYMOUS
    )
    assert consultations_close_due(on=D(2026, 12, 2)) == {"closed": [], "held": []}  # still its last day
    assert consultations_close_due(on=D(2026, 12, 3)) == {"closed": [c.pk], "held": []}
    c.refresh_from_db()
    assert (c.state, c.closed_on) == (S.CLOSED, D(2026, 12, 2))
    event = AuditEvent.objects.filter(action="consultations.consultation.closed", object_id=str(c.pk)).get()
    assert event.actor_id is None
    assert event.actor_name == "系统（到期自动截止）"
    assert consultations_close_due(on=D(2026, 12, 4)) == {"closed": [], "held": []}  # re-running changes nothing


def test_one_shorter_than_the_minimum_without_a_reason_stays_open_and_is_listed(city, staff):
    c = consultation_opened(
        owner=city["justice"], by=staff, opens_on=D(2026, 11, 2), closes_on=D(2026, 11, 20), identity=Identity.ANONYMOUS
    )
    result = consultations_close_due(on=D(2026, 11, 21))
    assert result["closed"] == []
    assert [h["id"] for h in result["held"]] == [c.pk]
    assert "须说明理由后方可截止" in result["held"][0]["reason"]
    assert Consultation.objects.get(pk=c.pk).state == S.OPEN


def test_the_close_is_a_daily_job_of_the_worker():
    load_all_task_modules()
    assert "consultations.close_due" in HANDLERS
    assert [p.hour for p in PERIODIC if p.kind == "consultations.close_due"] == [0]
