"""The SMS gateway that tells commenters the answer to their comment (意见处理结果告知, 《重大行政决策程序暂行条例》第十六条:
反馈意见采纳情况). An isolated intranet reaches its 政务短信平台 through a local interface, different in every city, so the
gateway is a class named by its dotted path in `FAZHI_CONSULTATIONS["SMS_GATEWAY"]` (environment
`FAZHI_CONSULTATIONS_SMS_GATEWAY`): `send(*, phone, text) -> str` returns the platform's message id and raises
`SmsError` when the platform refuses. With none configured (the default) nothing is sent: the notices stay 待发送
records (`ReplyNotice`; the daily job `consultations.reply_notices` counts them), until a gateway is configured."""

from __future__ import annotations

from typing import Protocol

from django.utils.module_loading import import_string


class SmsError(Exception):
    """The platform refused or could not be reached; the message says why (kept on the notice)."""


class SmsGateway(Protocol):
    def send(self, *, phone: str, text: str) -> str: ...


def gateway_from(path: str) -> SmsGateway | None:
    return import_string(path)() if path else None
