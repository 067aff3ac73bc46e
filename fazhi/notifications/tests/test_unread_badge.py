"""The unread badge comes with the signed-in user's row (orgs/backends.py user_annotation)."""

from __future__ import annotations

import pytest

from fazhi.notifications.models import Notification
from fazhi.notifications.selectors import unread_count
from fazhi.notifications.services import notification_mark_read, notify

pytestmark = pytest.mark.django_db


def test_the_badge_counts_unread_messages_and_follows_reading(persona, login_client):
    user = persona("office_staff")
    other = persona("office_head")
    notify(recipients=[user], title="一", dedupe_key="t1")
    notify(recipients=[user], title="二", dedupe_key="t2")
    notify(recipients=[user, other], title="三", dedupe_key="t3")
    c = login_client(user)
    page = c.get("/notifications/")
    assert page.context["unread_notifications"] == 3
    assert '消息<span class="badge">3</span>' in page.content.decode()
    notification_mark_read(user=user, pk=Notification.objects.filter(recipient=user, title="一").get().pk)
    assert c.get("/notifications/").context["unread_notifications"] == 2
    # a user object not loaded by the backend is counted directly
    assert unread_count(user) == 2 and unread_count(other) == 1
