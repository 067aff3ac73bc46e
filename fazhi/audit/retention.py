"""Retention: rows older than FAZHI_SECURITY['AUDIT_RETENTION_DAYS'] (never fewer than 180, 网络安全法 Art. 21) go."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .events import AuditAction
from .models import AuditEvent, KeyUse
from .services import KEY_USES_SEALED, head_seal, lock_head, record_event


def audit_purge_expired(*, now: dt.datetime | None = None) -> int:
    days = max(180, int(settings.FAZHI_SECURITY["AUDIT_RETENTION_DAYS"]))
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    table = AuditEvent._meta.db_table
    with transaction.atomic():
        # the API key uses go with the seals that covered them: up to the last use a purged seal names (ADR 0012)
        gone_seals = AuditEvent.objects.filter(action=KEY_USES_SEALED, occurred_at__lt=cutoff)
        uses_to = max((int(s["last_id"]) for s in gone_seals.values_list("summary", flat=True)), default=0)
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                cur.execute("SET LOCAL fazhi.audit_purge = 'on'")
            cur.execute(f"DELETE FROM {table} WHERE occurred_at < %s", [cutoff])  # noqa: S608
            removed = cur.rowcount
            if uses_to:
                cur.execute(f"DELETE FROM {KeyUse._meta.db_table} WHERE id <= %s", [uses_to])  # noqa: S608
        if removed:
            # the keyed anchor: the first remaining row's prev_hash, which verify now expects instead of genesis
            head = lock_head()
            first = AuditEvent.objects.order_by("id").values_list("prev_hash", flat=True).first()
            head.anchor_hash = first if first is not None else head.last_hash
            head_seal(head)
            record_event(
                actor="system",
                action=AuditAction.AUDIT_PURGED,
                summary={
                    "cutoff": cutoff,
                    "rows": removed,
                    "anchor": head.anchor_hash,
                    **({"key_uses_purged_to": uses_to} if uses_to else {}),
                },
            )
    return removed
