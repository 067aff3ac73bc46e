import pytest

from fazhi.notifications.models import Notification
from fazhi.notifications.services import notification_mark_read, notify


@pytest.mark.django_db
def test_notify_is_idempotent_per_recipient_and_key(persona):
    a, b = persona("dept_liaison", "market"), persona("dept_liaison", "finance")
    assert notify(recipients=[a, b], title="任务即将到期", dedupe_key="task:1:yellow", level="yellow") == 2
    assert notify(recipients=[a, b], title="任务即将到期", dedupe_key="task:1:yellow", level="yellow") == 0
    assert Notification.objects.count() == 2
    assert notification_mark_read(user=a) == 1
    assert Notification.objects.filter(read_at=None).count() == 1
