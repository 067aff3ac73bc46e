"""The proposer rates on the portal with a one-time code: once, the wrong code refused with one message, 不满意 →
re-handling; nothing changes on a refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from fazhi.dockets.proposals import services as s
from fazhi.dockets.proposals.models import Feedback, FeedbackCode

pytestmark = pytest.mark.django_db


@pytest.fixture
def replied(ready, handler):
    return s.case_send(case=ready(), by=handler, on=dt.date(2026, 4, 1))


def test_the_code_is_shown_once_and_stored_as_a_digest(replied, handler, login_client):
    resp = login_client(handler).post(f"/proposals/{replied.pk}/feedback-code/")
    code = resp.context["code"]
    assert len(code) == 10
    assert FeedbackCode.objects.get(case=replied).digest != code


def test_the_proposer_rates_unsatisfied_on_the_portal_and_the_item_is_handled_again(replied, handler):
    code = s.feedback_code_issue(case=replied, by=handler)
    resp = Client().post("/portal/proposals/rate/", {"code": code.lower(), "rating": "unsatisfied", "note": "不具体"})
    assert resp.status_code == 200
    assert "承办单位将重新办理" in resp.content.decode()
    replied.refresh_from_db()
    assert replied.state == "rehandling"
    f = Feedback.objects.get(case=replied)
    assert (f.via, f.rating, f.note) == ("portal", "unsatisfied", "不具体")
    again = Client().post("/portal/proposals/rate/", {"code": code, "rating": "satisfied"})
    assert "评价码不正确或已使用" in again.content.decode()
    assert Feedback.objects.filter(case=replied).count() == 1


def test_a_wrong_code_changes_nothing_and_keeps_what_was_typed(replied, handler):
    s.feedback_code_issue(case=replied, by=handler)
    resp = Client().post("/portal/proposals/rate/", {"code": "WRONGCODE1", "rating": "satisfied", "note": "很好"})
    body = resp.content.decode()
    assert "评价码不正确或已使用，请核对答复函所附的评价码。" in body
    assert "很好" in body
    replied.refresh_from_db()
    assert replied.state == "replied"
    assert Feedback.objects.count() == 0


def test_a_code_is_only_for_a_reply_awaiting_its_rating(item, handler):
    from fazhi.core.errors import DomainError

    with pytest.raises(DomainError) as e:
        s.feedback_code_issue(case=item(), by=handler)
    assert e.value.field == "state"
