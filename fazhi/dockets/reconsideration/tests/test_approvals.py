"""What awaits the 复议机构 head's approval is announced in-app to those who may approve it (action + data scope),
and the handler hears back when the head approves or refuses."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.errors import DomainError
from fazhi.dockets.reconsideration import services as s
from fazhi.notifications.models import Notification

from .conftest import MON

pytestmark = pytest.mark.django_db
D = dt.timedelta
DECISION = {"outcome": "uphold", "facts": "事实清楚", "reasons": "程序合法", "decision_text": "维持该处罚决定"}


@pytest.fixture
def others(persona):
    return {
        "other_head": persona("reconsideration_head", "market"),  # approves, but not this unit's cases
        "staff": persona("office_staff", "justice"),  # sees the case, approves nothing
    }


def _titles(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).order_by("id").values_list("title", flat=True))


REQUESTS = [
    ("extension", lambda c, h: s.case_request_extension(case=c, by=h, days=10, reason="需要调查取证"), "延长审理期限"),
    ("decision", lambda c, h: s.case_draft_decision(case=c, by=h, **DECISION), "复议决定（拟定稿）"),
    ("termination", lambda c, h: s.case_request_termination(case=c, by=h, ground="T1"), "终止行政复议"),
]


@pytest.mark.parametrize(("kind", "request_it", "label"), REQUESTS, ids=[r[0] for r in REQUESTS])
def test_a_request_notifies_the_heads_in_scope_only(
    kind, request_it, label, accepted, handler, head, others, django_capture_on_commit_callbacks
):
    case = accepted()
    with django_capture_on_commit_callbacks(execute=True):
        case = request_it(case, handler)
    assert _titles(head) == [f"待审批：{case.case_number} {label}"]
    n = Notification.objects.get(recipient=head)
    assert (n.link, n.dedupe_key) == (
        f"/reconsideration/{case.pk}/",
        f"reconsideration.{case.pk}.{kind}.requested.v{case.version}",
    )
    assert _titles(handler) == _titles(others["other_head"]) == _titles(others["staff"]) == []


def test_a_switch_request_notifies_the_head(accepted, handler, head, django_capture_on_commit_callbacks):
    case = accepted("simplified")
    with django_capture_on_commit_callbacks(execute=True):
        s.case_request_switch(case=case, by=handler, reason="案情复杂")
    assert _titles(head) == [f"待审批：{case.case_number} 转为普通程序"]


def test_nothing_is_sent_when_the_request_fails(accepted, handler, head, django_capture_on_commit_callbacks):
    case = accepted()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError):
        s.case_request_extension(case=case, by=handler, days=40, reason="x")
    assert Notification.objects.count() == 0


def test_approvals_and_refusals_go_back_to_the_handler(accepted, handler, head, django_capture_on_commit_callbacks):
    case = accepted()
    with django_capture_on_commit_callbacks(execute=True):
        s.case_request_extension(case=case, by=handler, days=10, reason="需要调查取证")
        s.case_refuse(case=case, by=head, request="extension", reason="理由不充分")
        s.case_request_extension(case=case, by=handler, days=10, reason="需要鉴定")
        s.case_approve_extension(case=case, by=head, on=MON + D(5))
        s.case_draft_decision(case=case, by=handler, on=MON + D(19), **DECISION)
        s.case_refuse(case=case, by=head, request="decision", reason="理由部分需补充")
        s.case_draft_decision(case=case, by=handler, on=MON + D(20), **{**DECISION, "reasons": "程序合法，证据充分"})
        s.case_approve_decision(case=case, by=head, on=MON + D(20))
    n = f"{case.case_number}"
    assert _titles(handler) == [
        f"延长审理期限未获批准：{n}",
        f"延长审理期限已获批准：{n}",
        f"复议决定（拟定稿）未获批准：{n}",
        f"复议决定（拟定稿）已获批准：{n}",
    ]
    assert Notification.objects.get(recipient=handler, title=f"延长审理期限未获批准：{n}").body == "理由不充分"
    assert len(_titles(head)) == 4  # two extension requests, two drafts
    assert case.extra["decision_returned"]["reasons"] == "程序合法" and case.state == "decided"


def test_the_head_terminates_on_request_and_the_handler_is_told(
    accepted, handler, head, django_capture_on_commit_callbacks
):
    case = accepted()
    with django_capture_on_commit_callbacks(execute=True):
        s.case_request_termination(case=case, by=handler, ground="T1", note="申请人撤回")
        s.case_terminate(case=case, by=head, on=MON + D(5), ground="T1")
    assert _titles(handler) == [f"终止行政复议已获批准：{case.case_number}"]
    assert (case.state, case.extra["termination_requested"]) == ("terminated", None)


def test_refusing_what_is_not_pending_is_refused(accepted, head):
    case = accepted()
    s.case_request_extension(case=case, by=head, days=5, reason="x")
    with pytest.raises(DomainError) as exc:
        s.case_refuse(case=case, by=head, request="switch", reason="x")
    assert (exc.value.field, exc.value.message) == ("request", "没有待审批的转为普通程序。")


def test_a_handler_may_not_refuse(accepted, handler):
    case = accepted()
    s.case_request_extension(case=case, by=handler, days=5, reason="x")
    with pytest.raises(DomainError) as exc:
        s.case_refuse(case=case, by=handler, request="extension", reason="x")
    assert exc.value.message == "您没有“不予批准（退回）”的权限。"
    assert case.extra["extension_requested"] == 5


def test_notices_are_idempotent(accepted, handler, head):
    from fazhi.notifications.services import notify

    key = "reconsideration.1.extension.requested.v3"
    assert notify(recipients=[head], title="待审批", dedupe_key=key) == 1
    assert notify(recipients=[head], title="待审批", dedupe_key=key) == 0
