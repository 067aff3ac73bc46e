"""Idempotent writes: the same request sent twice — a retry after a timeout, twenty at once — makes one record and
returns it. The client's key (`Idempotency-Key` header, else the body's `source_id`) becomes a UUID per operation and
caller (another caller's equal key is another token), handed to the module's service as its `submit_token`; the
service's unique column makes one record even under concurrency (PostgreSQL: the losers wait on the unique index,
then read the winner's row). The request's fingerprint is remembered, so the same key with a different body is a 422
and changes nothing."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from .errors import ApiError, ApiErrorCode
from .models import IdempotencyRecord

NAMESPACE = uuid.UUID("5b0e7a43-37c6-4f0e-9a8e-0d3c1b6f2a91")
KEY_MAX = 200


def idempotency_token(request: HttpRequest, operation: str, source_id: str | None = None) -> uuid.UUID | None:
    raw = request.headers.get("Idempotency-Key")
    field = "Idempotency-Key"
    if raw is None and source_id:
        raw, field = source_id, "source_id"
    if raw is None:
        return None
    raw = raw.strip()
    if not raw or len(raw) > KEY_MAX or not raw.isprintable():
        raise ApiError(400, ApiErrorCode.INVALID, f"{field}：应为 1 到 {KEY_MAX} 个可见字符。", field=field)
    principal = request.auth  # type: ignore[attr-defined]
    account = getattr(principal, "integration_account", None)
    caller = f"account:{account.pk}" if account is not None else f"user:{principal.pk}"
    return uuid.uuid5(NAMESPACE, f"{operation}\n{caller}\n{raw}")


def fingerprint(payload: Any) -> str:
    data = payload.model_dump(mode="json") if hasattr(payload, "model_dump") else payload
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _mismatch() -> ApiError:
    return ApiError(
        422,
        ApiErrorCode.IDEMPOTENCY_MISMATCH,
        "该幂等键已用于另一内容不同的请求：请为新的请求使用新的 Idempotency-Key（或 source_id）。",
        field="Idempotency-Key",
    )


def idempotency_check(token: uuid.UUID | None, operation: str, print_: str) -> bool:
    """Before the write: 422 if the key was used for a different request; True if it was used for this one."""
    if token is None:
        return False
    seen = IdempotencyRecord.objects.filter(token=token).first()
    if seen is None:
        return False
    if seen.fingerprint != print_ or seen.operation != operation:
        raise _mismatch()
    return True


def idempotency_remember(token: uuid.UUID | None, operation: str, print_: str, object_id: Any) -> None:
    """After the write, in its transaction: remember the key; a concurrent different request with it is a 422."""
    if token is None:
        return
    try:
        with transaction.atomic():
            seen, _ = IdempotencyRecord.objects.get_or_create(
                token=token, defaults={"operation": operation, "fingerprint": print_, "object_id": str(object_id)}
            )
    except IntegrityError:
        seen = IdempotencyRecord.objects.get(token=token)
    if seen.fingerprint != print_ or seen.operation != operation:
        raise _mismatch()


PURGE_BATCH = 5000


def idempotency_purge(*, now: Any = None) -> int:
    """Forget the keys older than FAZHI_API["IDEMPOTENCY_DAYS"] (default 30), in batches (a short lock each), one audit
    row for the run. Returns how many were deleted."""
    import datetime as dt

    from django.conf import settings
    from django.utils import timezone

    from fazhi.audit.services import record_event

    from .events import ApiEvent

    days = int(settings.FAZHI_API["IDEMPOTENCY_DAYS"])
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    deleted = 0
    while True:
        batch = list(IdempotencyRecord.objects.filter(created_at__lt=cutoff).values_list("pk", flat=True)[:PURGE_BATCH])
        if not batch:
            break
        with transaction.atomic():
            deleted += IdempotencyRecord.objects.filter(pk__in=batch).delete()[0]
    if deleted:
        record_event(
            actor=None,
            action=ApiEvent.IDEMPOTENCY_PURGED,
            object_type="api.idempotencyrecord",
            object_repr=f"清理 {deleted} 条幂等记录",
            summary={"deleted": deleted, "before": cutoff.isoformat(), "days": days},
        )
    return deleted
