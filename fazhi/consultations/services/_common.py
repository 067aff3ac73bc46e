from __future__ import annotations

import os
from typing import Any

from django.conf import settings

from fazhi.core.errors import DomainError

from ..errors import ConsultationErrorCode
from ..models import Consultation
from ..policies import ConsultationPolicy

DEFAULTS = {
    "CLUSTER_THRESHOLD": 0.6,
    "PORTAL_LIMIT": 10,
    "PORTAL_WINDOW": 3600,
    "SMS_GATEWAY": os.environ.get(
        "FAZHI_CONSULTATIONS_SMS_GATEWAY", ""
    ),  # dotted path of an SmsGateway (sms.py); "" = none, notices stay 待发送
    "SMS_MAX_ATTEMPTS": 5,
}


def conf(key: str) -> Any:
    return {**DEFAULTS, **getattr(settings, "FAZHI_CONSULTATIONS", {})}[key]


def who(by: Any) -> Any:
    """The user for a foreign key ("fazhi demo" or a job acting as the system leaves it empty; the audit names it)."""
    return by if getattr(by, "is_authenticated", False) else None


def lock(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


def authorise(by: Any, action: str, consultation: Consultation) -> None:
    """Staff writes check the policy again in the service (the view already did): a job or a script is no exception."""
    if by is not None and not isinstance(by, str) and not ConsultationPolicy.can(by, action, consultation):
        raise DomainError(ConsultationErrorCode.FORBIDDEN, "您无权对该征求意见执行此操作。")
