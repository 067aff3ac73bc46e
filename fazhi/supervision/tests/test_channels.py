"""Notices reach people through channels; quiet hours hold a quiet channel back until they end."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from fazhi.jobs.models import Job
from fazhi.notifications.models import Notification
from fazhi.supervision.channels import Message, deliver, deliver_deferred, quiet_until

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_quiet_hours_across_midnight(settings):
    settings.FAZHI_SUPERVISION = {"QUIET_HOURS": "22:00-07:30"}
    assert quiet_until(dt.datetime(2026, 12, 1, 21, 59, tzinfo=SH)) is None
    assert quiet_until(dt.datetime(2026, 12, 1, 23, 0, tzinfo=SH)) == dt.datetime(2026, 12, 2, 7, 30, tzinfo=SH)
    assert quiet_until(dt.datetime(2026, 12, 2, 6, 0, tzinfo=SH)) == dt.datetime(2026, 12, 2, 7, 30, tzinfo=SH)
    assert quiet_until(dt.datetime(2026, 12, 2, 7, 30, tzinfo=SH)) is None


def test_a_message_in_quiet_hours_waits_for_their_end(settings, persona):
    settings.FAZHI_SUPERVISION = {"QUIET_HOURS": "22:00-07:30"}
    user = persona("dept_liaison", "market")
    msg = Message([user.pk], "催办：测试", "k.1", body="请报送")
    assert deliver(msg, now=dt.datetime(2026, 12, 1, 23, 0, tzinfo=SH)) == 0
    assert Notification.objects.count() == 0
    job = Job.objects.get(kind="supervision.deliver")
    assert job.run_after == dt.datetime(2026, 12, 2, 7, 30, tzinfo=SH)
    # when the job runs after quiet hours, the in-app notice is created once
    assert deliver_deferred(job.params["channel"], job.params["message"]) == 1
    assert deliver_deferred(job.params["channel"], job.params["message"]) == 0
    assert Notification.objects.get(recipient=user).body == "请报送"


def test_outside_quiet_hours_a_message_goes_at_once(settings, persona):
    settings.FAZHI_SUPERVISION = {"QUIET_HOURS": ""}
    user = persona("dept_liaison", "market")
    assert deliver(Message([user.pk], "t", "k.2")) == 1
    assert Job.objects.filter(kind="supervision.deliver").count() == 0
