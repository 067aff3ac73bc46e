"""Reads of a user's messages."""

from __future__ import annotations

from typing import Any

from .models import Notification


def unread_count_sql(vendor: str = "") -> str:
    """The unread count as a scalar query on the user id, loaded with the signed-in user (orgs/backends.py); served by
    the (recipient, read_at) index."""
    table = Notification._meta.db_table
    return f"SELECT COUNT(*) FROM {table} WHERE recipient_id = %s AND read_at IS NULL"  # noqa: S608


def unread_count(user: Any) -> int:
    loaded = getattr(user, "unread_notification_count", None)
    if loaded is not None:
        return int(loaded)
    return Notification.objects.filter(recipient=user, read_at=None).count()
