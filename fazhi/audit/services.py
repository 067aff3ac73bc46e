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

from .models import AuditChainHead, AuditEvent, KeyUse


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


# --- API key uses (issue #14, ADR 0012) ----------------------------------------------------------------------------

KEY_USES_SEALED = "audit.key_uses.sealed"
SEAL_GRACE = dt.timedelta(seconds=5)  # a use is sealed once it is this old: every insert before it has committed


def key_use_record(
    *, key_id: int, key_label: str, actor: Any, unit: Any, method: str, path: str, status: int
) -> KeyUse:
    """One use of an API key, in its own short insert (no head lock); `key_uses_seal` chains it within a minute."""
    info = current_request_info()
    return KeyUse.objects.create(
        occurred_at=timezone.now(),
        key_id=key_id,
        key_label=key_label[:40],
        actor_id=getattr(actor, "pk", None),
        actor_name=getattr(actor, "username", "")[:150],
        unit_id_snapshot=getattr(unit, "pk", None),
        unit_name=str(unit)[:200] if unit is not None else "",
        method=method[:10],
        path=path[:300],
        status=status,
        ip=info.ip,
    )


def key_use_payload(use: KeyUse) -> bytes:
    """The fields a seal's MAC covers, per use, in canonical JSON (its id too: the seal names an id range)."""
    return canonical(
        {
            "id": use.pk,
            "occurred_at": use.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "key_id": use.key_id,
            "key_label": use.key_label,
            "actor_id": use.actor_id,
            "actor_name": use.actor_name,
            "unit_id": use.unit_id_snapshot,
            "unit_name": use.unit_name,
            "method": use.method,
            "path": use.path,
            "status": use.status,
            "ip": use.ip,
        }
    ).encode()


def key_uses_mac(algorithm: str, first_id: int, last_id: int, *, batch: int = 5000) -> tuple[int, str]:
    """(count, keyed MAC) of the uses with first_id ≤ id ≤ last_id as they are in the database now, in id order."""
    from fazhi.core.crypto import mac_with

    parts: list[bytes] = []
    after = first_id - 1
    while rows := list(KeyUse.objects.filter(id__gt=after, id__lte=last_id).order_by("id")[:batch]):
        parts.extend(key_use_payload(u) for u in rows)
        after = rows[-1].pk
    return len(parts), mac_with(algorithm, b"\n".join(parts))


def key_uses_sealed_to() -> int:
    """The last use id a seal covers (0 before the first seal)."""
    last = AuditEvent.objects.filter(action=KEY_USES_SEALED).order_by("-id").values_list("summary", flat=True).first()
    return int(last["last_id"]) if last else 0


def key_uses_seal(*, now: dt.datetime | None = None) -> int:
    """Chain the uses not yet sealed that are older than SEAL_GRACE: one `audit.key_uses.sealed` row with the id
    range, the count and a keyed MAC over them, appended under the head lock (so two workers never seal one range
    twice). `fazhi audit verify` recomputes every seal. Returns the number of uses sealed."""
    cutoff = (now or timezone.now()) - SEAL_GRACE
    with transaction.atomic():
        lock_head()  # serialises sealers (and is taken again, re-entrantly, by record_event below)
        first_id = key_uses_sealed_to() + 1
        last_id = (
            KeyUse.objects.filter(id__gte=first_id, occurred_at__lt=cutoff)
            .order_by("-id")
            .values_list("id", flat=True)
            .first()
        )
        if last_id is None:
            return 0
        algorithm = chain_mac(b"")[0]
        count, mac = key_uses_mac(algorithm, first_id, last_id)
        record_event(
            actor="system",
            action=KEY_USES_SEALED,
            object_type="audit.keyuse",
            object_id=f"{first_id}-{last_id}",
            summary={"first_id": first_id, "last_id": last_id, "count": count, "algorithm": algorithm, "mac": mac},
        )
    return count
