"""Sending the reply notices (意见处理结果告知) through the configured SMS gateway (sms.py). Each notice is sent in its
own transaction under a row lock (a notice is sent once, even by two workers); a refusal is kept on the notice and
tried again on the next run, up to SMS_MAX_ATTEMPTS. One audit row per run."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record_event

from ..events import ConsultationEvent
from ..models import ReplyNotice
from ..sms import SmsError, gateway_from
from ._common import conf


def reply_notices_send(*, limit: int = 500, gateway: Any = None) -> dict[str, Any]:
    """Send pending notices (oldest first). Without a gateway nothing changes: {"gateway": False, "pending": n}."""
    gw = gateway or gateway_from(conf("SMS_GATEWAY"))
    pending = ReplyNotice.objects.filter(state=ReplyNotice.State.PENDING, attempts__lt=conf("SMS_MAX_ATTEMPTS"))
    if gw is None:
        return {"gateway": False, "sent": 0, "failed": 0, "pending": pending.count()}
    sent = failed = 0
    for pk in list(pending.order_by("id").values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            n = ReplyNotice.objects.select_for_update(skip_locked=True).filter(pk=pk, state="pending").first()
            if n is None:
                continue
            n.attempts += 1
            try:
                n.message_id = str(gw.send(phone=n.phone, text=n.text))[:100]
            except SmsError as exc:
                n.last_error = str(exc)[:300]
                failed += 1
            else:
                n.state, n.sent_at, n.last_error = ReplyNotice.State.SENT, timezone.now(), ""
                sent += 1
            n.save(update_fields=["attempts", "message_id", "last_error", "state", "sent_at", "updated_at"])
    left = pending.count()
    if sent or failed:
        record_event(
            actor="系统（短信发送）",
            action=ConsultationEvent.NOTICES_SENT,
            object_type="consultations.replynotice",
            summary={"sent": sent, "failed": failed, "pending": left},
        )
    return {"gateway": True, "sent": sent, "failed": failed, "pending": left}
