"""The HTTP gateway to a 政务短信平台 against a local stand-in platform: the JSON it posts, the id it returns, and
each way the platform can refuse (a flag, an HTTP error, an answer that is not JSON, no answer) as an SmsError with
the reason — which the notice keeps for the next try."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from fazhi.consultations.sms import HttpSmsGateway, SmsError


@pytest.fixture
def platform():
    seen: list[dict] = []
    answers: list[tuple[int, bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            length = int(self.headers["Content-Length"])
            seen.append({"body": json.loads(self.rfile.read(length)), "auth": self.headers.get("Authorization")})
            status, body = answers.pop(0)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sms/send", seen, answers
    server.shutdown()


def test_it_posts_the_configured_fields_and_returns_the_platforms_id(platform):
    url, seen, answers = platform
    gw = HttpSmsGateway(
        {"URL": url, "HEADERS": {"Authorization": "Bearer k1"}, "EXTRA": {"sign": "示范市司法局"}, "PHONE_FIELD": "tel"}
    )
    answers.append((200, json.dumps({"code": "0", "msgId": "M-42"}).encode()))
    assert gw.send(phone="13812345678", text="您的意见已采纳。") == "M-42"
    assert seen == [
        {"body": {"sign": "示范市司法局", "tel": "13812345678", "content": "您的意见已采纳。"}, "auth": "Bearer k1"}
    ]


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (200, json.dumps({"code": "1001", "msg": "号码无效"}).encode(), "短信平台拒绝：号码无效"),
        (503, b"{}", "短信平台拒绝：HTTP 503"),
        (200, "服务维护中".encode(), "短信平台的应答不是JSON。"),
    ],
)
def test_each_refusal_is_an_sms_error_with_the_reason(platform, status, body, message):
    url, _seen, answers = platform
    answers.append((status, body))
    with pytest.raises(SmsError) as exc:
        HttpSmsGateway({"URL": url}).send(phone="13812345678", text="x")
    assert str(exc.value) == message


def test_an_unreachable_platform_and_a_missing_address_are_refusals():
    with pytest.raises(SmsError) as exc:
        HttpSmsGateway({"URL": "http://127.0.0.1:9/sms", "TIMEOUT": 2}).send(phone="13812345678", text="x")
    assert str(exc.value).startswith("无法连接短信平台：")
    with pytest.raises(SmsError) as exc:
        HttpSmsGateway({})
    assert str(exc.value) == "未配置短信平台地址（FAZHI_CONSULTATIONS['SMS_HTTP']['URL']）。"
