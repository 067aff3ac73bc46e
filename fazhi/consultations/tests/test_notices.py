"""Reply notices (意见处理结果告知) go out through the configured SMS gateway: without one nothing is sent and the
notices stay 待发送; with one each is sent once, a refusal is kept and retried, and a run is audited once."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.consultations.models import Identity, ReplyNotice
from fazhi.consultations.services import (
    adoption_record,
    comment_submit,
    consultation_close,
    explanation_publish,
    reply_notices_send,
)
from fazhi.consultations.sms import SmsError

from .factories import consultation_opened

D = dt.date
pytestmark = pytest.mark.django_db


class RecordingGateway:
    """A gateway that refuses one number (as a platform refuses a number it does not serve)."""

    sent: list[tuple[str, str]] = []

    def send(self, *, phone: str, text: str) -> str:
        if phone.endswith("0002"):
            raise SmsError("号码不在服务范围")
        RecordingGateway.sent.append((phone, text))
        return f"MSG-{len(RecordingGateway.sent)}"


@pytest.fixture
def published(city, persona):
    staff = persona("office_staff")
    c = consultation_opened(
        owner=city["justice"], by=staff, opens_on=D(2026, 11, 2), closes_on=D(2026, 12, 2), identity=Identity.ANONYMOUS
    )
    for i, text in enumerate(["第一条应当写明目的。", "建议删除第二条。", "无联系方式的意见。"]):
        cm = comment_submit(
            consultation=c, text=text, today=D(2026, 11, 5), phone=f"1380000000{i + 1}" if i < 2 else ""
        )
        adoption_record(consultation=c, by=staff, outcome="adopted", reason="已采纳。", comment=cm)
    consultation_close(consultation=c, by=staff, on=D(2026, 12, 2))
    explanation_publish(consultation=c, by=staff)
    RecordingGateway.sent = []
    return c


def test_without_a_gateway_notices_stay_pending(published):
    assert reply_notices_send() == {"gateway": False, "sent": 0, "failed": 0, "pending": 2}
    assert list(ReplyNotice.objects.values_list("state", "attempts")) == [("pending", 0), ("pending", 0)]
    assert not AuditEvent.objects.filter(action="consultations.notices.sent").exists()


def test_a_configured_gateway_sends_each_notice_once_and_keeps_a_refusal(published, settings):
    settings.FAZHI_CONSULTATIONS = {"SMS_GATEWAY": "fazhi.consultations.tests.test_notices.RecordingGateway"}
    assert reply_notices_send() == {"gateway": True, "sent": 1, "failed": 1, "pending": 1}
    assert RecordingGateway.sent == [
        ("13800000001", f"您对《{published.title}》提出的第1号意见处理结果：采纳。已采纳。"),
    ]
    ok, refused = ReplyNotice.objects.order_by("id")
    assert (ok.state, ok.message_id, ok.attempts, ok.sent_at is not None) == ("sent", "MSG-1", 1, True)
    assert (refused.state, refused.attempts, refused.last_error) == ("pending", 1, "号码不在服务范围")
    # a second run sends nothing twice and retries the refused one
    assert reply_notices_send() == {"gateway": True, "sent": 0, "failed": 1, "pending": 1}
    assert len(RecordingGateway.sent) == 1
    assert AuditEvent.objects.filter(action="consultations.notices.sent").count() == 2
