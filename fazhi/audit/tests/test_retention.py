import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from fazhi.audit.models import AuditEvent
from fazhi.audit.retention import audit_purge_expired
from fazhi.audit.services import record_event
from fazhi.audit.verify import audit_chain_verify


@pytest.mark.django_db
def test_purge_keeps_rows_younger_than_180_days_and_the_chain_stays_verifiable(settings):
    settings.FAZHI_SECURITY = {**settings.FAZHI_SECURITY, "AUDIT_RETENTION_DAYS": 30}  # below the floor: 180 applies
    with time_machine.travel(dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC)):
        old = record_event(actor="a", action="test.old")
    with time_machine.travel(dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC)):
        kept = record_event(actor="a", action="test.kept")
    with time_machine.travel(dt.datetime(2026, 7, 10, 9, tzinfo=dt.UTC)):
        removed = audit_purge_expired(now=timezone.now())
    assert removed == 1
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=kept.pk).exists()
    assert AuditEvent.objects.filter(action="audit.purged").count() == 1
    assert audit_chain_verify().ok is True
