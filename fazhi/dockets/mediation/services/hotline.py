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


HOTLINE_SOURCE = "mediation.hotline_call"


def hotline_call_matter(pk: int) -> Any:
    """A 12348 call as a hand-over source (fazhi/cases/handover.py): the question is the account, the call's date the
    received date, the topic the dispute type where one matches, the call-back phone kept for the party the one
    handing over names (a caller is mostly anonymous: the call carries no party). The row is locked."""
    from django.urls import reverse

    from fazhi.cases.handover import Matter

    call = HotlineCall.objects.select_for_update(of=("self",)).filter(pk=pk).first()
    if call is None:
        raise DomainError(INVALID, "未找到该12348热线咨询记录。", field="source")
    at = timezone.localtime(call.received_at)
    dispute = {
        "family": "family",
        "labour": "labour",
        "contract": "contract",
        "property": "property_mgmt",
        "traffic": "traffic",
        "damages": "damages",
        "land": "land",
        "medical": "medical",
    }.get(call.topic, "")
    return Matter(
        kind=HOTLINE_SOURCE,
        id=call.pk,
        label=f"12348热线咨询（{at.year}年{at.month}月{at.day}日 {at:%H:%M}）",
        url=reverse("mediation:hotline") + f"#call-{call.pk}",
        received_on=at.date(),
        unit=call.unit,
        title=call.question,
        values={
            "account": call.question,
            "question": call.question,
            "answer": call.answer,
            "topic": call.topic,
            "topic_label": HOTLINE_TOPIC_LABEL.get(call.topic, ""),
            "dispute_type": dispute,
            "callback_phone": call.callback_phone,
            "intake_source": "hotline",
            "duration_seconds": call.duration_seconds,
        },
        record=call,
    )


def hotline_call_visible(user: Any, pk: int) -> bool:
    from ..selectors import hotline_calls_visible_to

    return hotline_calls_visible_to(user).filter(pk=pk).exists()


def hotline_source_register() -> None:
    from fazhi.cases.handover import HandoverSource, register_handover_source

    register_handover_source(
        HandoverSource(
            kind=HOTLINE_SOURCE, label="12348热线咨询记录", load=hotline_call_matter, visible=hotline_call_visible
        )
    )
