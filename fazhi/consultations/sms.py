"""The SMS gateway that tells commenters the answer to their comment (意见处理结果告知, 《重大行政决策程序暂行条例》第十六条:
反馈意见采纳情况). An isolated intranet reaches its 政务短信平台 through a local interface, different in every city, so the
gateway is a class named by its dotted path in `FAZHI_CONSULTATIONS["SMS_GATEWAY"]` (environment
`FAZHI_CONSULTATIONS_SMS_GATEWAY`): `send(*, phone, text) -> str` returns the platform's message id and raises
`SmsError` when the platform refuses. With none configured (the default) nothing is sent: the notices stay 待发送
records (`ReplyNotice`; the daily job `consultations.reply_notices` counts them), until a gateway is configured."""

from __future__ import annotations

from typing import Any, Protocol

from django.utils.module_loading import import_string


class SmsError(Exception):
    """The platform refused or could not be reached; the message says why (kept on the notice)."""


class SmsGateway(Protocol):
    def send(self, *, phone: str, text: str) -> str: ...


def gateway_from(path: str) -> SmsGateway | None:
    return import_string(path)() if path else None


class HttpSmsGateway:
    """A gateway for the usual 政务短信平台 interface: one HTTPS (or intranet HTTP) POST of a JSON body per message,
    answered with JSON. Everything that differs between cities is a setting, `FAZHI_CONSULTATIONS["SMS_HTTP"]`:
    URL; HEADERS (e.g. {"Authorization": "Bearer …"}, read from the environment by the settings file); PHONE_FIELD,
    TEXT_FIELD (default "mobile", "content"); EXTRA (fixed fields such as the sign or the account); OK_FIELD and
    OK_VALUE (the answer's success flag, default "code" == "0"; "" = any 2xx answer is success); ID_FIELD (the
    message id in the answer, default "msgId"); TIMEOUT seconds (default 10). Configure it with
    SMS_GATEWAY = "fazhi.consultations.sms.HttpSmsGateway"."""

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        from django.conf import settings

        c = config if config is not None else (getattr(settings, "FAZHI_CONSULTATIONS", {}) or {}).get("SMS_HTTP", {})
        if not c.get("URL"):
            raise SmsError("未配置短信平台地址（FAZHI_CONSULTATIONS['SMS_HTTP']['URL']）。")
        self.c = c

    def send(self, *, phone: str, text: str) -> str:
        import json
        import urllib.error
        import urllib.request

        c = self.c
        body = {**c.get("EXTRA", {}), c.get("PHONE_FIELD", "mobile"): phone, c.get("TEXT_FIELD", "content"): text}
        request = urllib.request.Request(  # noqa: S310 — the URL is the operator's own setting, not user input
            c["URL"],
            data=json.dumps(body, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json; charset=utf-8", **c.get("HEADERS", {})},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=float(c.get("TIMEOUT", 10))) as resp:  # noqa: S310
                raw = resp.read()
        except urllib.error.HTTPError as exc:
            raise SmsError(f"短信平台拒绝：HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SmsError(f"无法连接短信平台：{getattr(exc, 'reason', exc)}") from exc
        try:
            answer = json.loads(raw or b"{}")
        except ValueError as exc:
            raise SmsError("短信平台的应答不是JSON。") from exc
        ok_field, ok_value = c.get("OK_FIELD", "code"), str(c.get("OK_VALUE", "0"))
        if ok_field and str(answer.get(ok_field)) != ok_value:
            raise SmsError(f"短信平台拒绝：{answer.get('msg') or answer.get('message') or answer.get(ok_field)}")
        return str(answer.get(c.get("ID_FIELD", "msgId"), ""))
