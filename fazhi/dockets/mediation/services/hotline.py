"""12348 热线 consultations: one service logs a call (atomic, audited, a retried submit logs it once); bad input names
the field and saves nothing."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.core.validators import validate_phone

from ..codes import HOTLINE_TOPIC_LABEL
from ..models import HotlineCall
from ._common import INVALID, choice, required

MAX_DURATION = 4 * 3600  # a call longer than four hours is a typing error


def hotline_call_log(
    *,
    by: Any,
    unit: Any,
    received_at: dt.datetime,
    duration_seconds: int,
    topic: str,
    question: str,
    answer: str,
    transferred: bool = False,
    transferred_to: str = "",
    callback_phone: str = "",
    submit_token: uuid.UUID | None = None,
) -> HotlineCall:
    if submit_token is not None:
        seen = HotlineCall.objects.filter(submit_token=submit_token).first()
        if seen is not None:
            return seen
    if unit is None:
        raise DomainError(INVALID, "请选择接听单位。", field="unit")
    if received_at is None:
        raise DomainError(INVALID, "请填写来电时间。", field="received_at")
    if received_at > timezone.now() + dt.timedelta(minutes=5):
        raise DomainError(INVALID, "来电时间不能晚于现在。", field="received_at")
    if duration_seconds is None or not 0 < duration_seconds <= MAX_DURATION:
        raise DomainError(INVALID, "通话时长应在1秒至4小时之间。", field="duration_seconds")
    choice(topic, HOTLINE_TOPIC_LABEL, "topic", "咨询类别")
    question = required(question, "question", "咨询问题")
    answer = required(answer, "answer", "解答要点")
    transferred_to = (transferred_to or "").strip()
    if transferred and not transferred_to:
        raise DomainError(
            INVALID, "转办的，请填写转办去向（如：转某调解委员会、转法律援助中心）。", field="transferred_to"
        )
    phone = (callback_phone or "").strip()
    if phone:
        try:
            phone = validate_phone(phone)
        except ValidationError as exc:
            raise DomainError(INVALID, exc.messages[0], field="callback_phone") from exc
    try:
        with transaction.atomic():
            call = HotlineCall.objects.create(
                unit=unit,
                operator=by if getattr(by, "is_authenticated", False) else None,
                received_at=received_at,
                duration_seconds=duration_seconds,
                topic=topic,
                question=question,
                answer=answer.strip(),
                transferred=bool(transferred),
                transferred_to=transferred_to if transferred else "",
                callback_phone=phone,
                submit_token=submit_token,
            )
            record_event(
                actor=by,
                action="mediation.hotline.log",
                obj=call,
                summary={"topic": topic, "transferred": bool(transferred), "seconds": duration_seconds},
                unit=unit,
            )
    except IntegrityError:  # the same submit from two requests at once: the first one's record
        seen = HotlineCall.objects.filter(submit_token=submit_token).first() if submit_token else None
        if seen is None:
            raise
        return seen
    return call
