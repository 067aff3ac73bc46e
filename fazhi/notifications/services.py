"""notify(): the one way to send an in-app message. Idempotent per (recipient, dedupe_key)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import Notification


def notify(
    *,
    recipients: Iterable[Any],
    title: str,
    dedupe_key: str,
    body: str = "",
    link: str = "",
    level: str = Notification.Level.INFO,
) -> int:
    """Create one notification per recipient unless that (recipient, dedupe_key) was already sent. Returns how many."""
    users = [u for u in recipients if u is not None]
    if not users:
        return 0
    already = set(
        Notification.objects.filter(recipient__in=users, dedupe_key=dedupe_key).values_list("recipient_id", flat=True)
    )
    rows = [
        Notification(
            recipient=u, title=title[:200], body=body, link=link[:300], level=level, dedupe_key=dedupe_key[:200]
        )
        for u in {u.pk: u for u in users}.values()
        if u.pk not in already
    ]
    with transaction.atomic():
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def notification_mark_read(*, user: Any, pk: int | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at=None)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(read_at=timezone.now())
