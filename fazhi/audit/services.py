"""record_event: the one way to write the audit trail. Call it inside the service's transaction."""

from __future__ import annotations

import datetime as dt
import hmac
import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from fazhi.core.crypto import chain_mac
from fazhi.core.jsonutil import canonical
from fazhi.core.request_context import current_request_info

from .models import AuditChainHead, AuditEvent


def row_payload(event: AuditEvent) -> bytes:
    """The fields a row's hash covers (its id is not: deletion shows as a broken prev_hash link), in canonical JSON. Changing any of them breaks verification."""
    return canonical(
        {
            "occurred_at": event.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "actor_id": event.actor_id,
            "actor_name": event.actor_name,
            "unit_id": event.unit_id_snapshot,
            "unit_name": event.unit_name,
            "action": event.action,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "object_repr": event.object_repr,
            "summary": event.summary,
            "result": event.result,
            "ip": event.ip,
            "user_agent": event.user_agent,
            "prev_hash": event.prev_hash,
        }
    ).encode()


def head_payload(head: AuditChainHead) -> bytes:
    return f"audit-head|{head.last_id}|{head.last_hash}|{head.anchor_hash}".encode()


def head_seal(head: AuditChainHead) -> None:
    """Write the head with a fresh MAC (call with the head locked)."""
    head.mac = chain_mac(head_payload(head))[1]
    head.save(update_fields=["last_hash", "last_id", "anchor_hash", "mac"])


def head_mac_ok(head: AuditChainHead) -> bool:
    return hmac.compare_digest(head.mac, chain_mac(head_payload(head))[1])


def lock_head() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AuditChainHead.objects.get_or_create(pk=1)
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


@dataclass
class AuditCollected:
    """The audit rows a bulk write stood for: how many of each action, and the actor they named."""

    actions: Counter[str] = field(default_factory=Counter)
    actor: Any = None


_COLLECT: ContextVar[AuditCollected | None] = ContextVar("audit_collect", default=None)


@contextmanager
def audit_collected() -> Iterator[AuditCollected]:
    """Inside the block `record_event` writes nothing and counts its actions instead: for a bulk write (the case
    kernel's Excel import) that records ONE row of its own naming what it did and how many times (the counts go into
    that row's summary). Only for a caller that writes that row in the same transaction."""
    collected = AuditCollected()
    token = _COLLECT.set(collected)
    try:
        yield collected
    finally:
        _COLLECT.reset(token)


def record_event(
    *,
    actor: Any,
    action: str,
    obj: Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    object_repr: str = "",
    summary: dict[str, Any] | None = None,
    result: str = AuditEvent.Result.SUCCESS,
    unit: Any = None,
) -> AuditEvent:
    """Append one audit row in the current transaction (or its own, if none is open)."""
    collected = _COLLECT.get()
    if collected is not None:
        collected.actions[str(action)] += 1
        if collected.actor is None:
            collected.actor = actor
        return None  # type: ignore[return-value]
    info = current_request_info()
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    unit_obj = unit if unit is not None else getattr(actor_obj, "unit", None)
    with transaction.atomic():
        head = lock_head()
        event = AuditEvent(
            occurred_at=timezone.now(),
            actor=actor_obj,
            actor_name=getattr(actor_obj, "username", "") or (actor if isinstance(actor, str) else ""),
            unit_id_snapshot=getattr(unit_obj, "pk", None),
            unit_name=str(unit_obj)[:200] if unit_obj is not None else "",
            action=str(action),
            object_type=object_type,
            object_id=str(object_id),
            object_repr=object_repr[:300],
            # Normalised through JSON first, so what is hashed is exactly what the database gives back.
            summary=json.loads(canonical(summary or {})),
            result=str(result),
            ip=info.ip,
            user_agent=info.user_agent,
            prev_hash=head.last_hash,
        )
        event.algorithm, event.hash = chain_mac(row_payload(event))
        event.save(force_insert=True)
        head.last_hash, head.last_id = event.hash, event.pk
        head_seal(head)
    return event
