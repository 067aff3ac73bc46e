"""How 催办 and ladder notices reach people: a pluggable channel interface, quiet hours.

A channel is any class with `name`, `quiet` (whether quiet hours hold it back) and `send(message) -> int`.
`FAZHI_SUPERVISION["CHANNELS"]` lists the dotted paths in use; in-app (fazhi.notifications) is the only one today,
SMS / 浙政钉 / 政务微信 adapters are added there later. During quiet hours (`QUIET_HOURS`, local time, e.g.
"22:00-07:30") a quiet channel's messages are queued as a job that runs when the quiet hours end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from fazhi.notifications.services import notify


@dataclass(frozen=True)
class Message:
    recipient_ids: list[int]
    title: str
    dedupe_key: str
    body: str = ""
    link: str = ""
    level: str = "info"
    extra: dict[str, Any] = field(default_factory=dict)


class Channel(Protocol):
    name: str
    quiet: bool

    def send(self, message: Message) -> int: ...


class InAppChannel:
    """站内消息 (fazhi.notifications): idempotent per (recipient, dedupe key)."""

    name = "in_app"
    quiet = True

    def send(self, message: Message) -> int:
        from fazhi.orgs.models import User

        users = list(User.objects.filter(pk__in=message.recipient_ids, is_active=True))
        return notify(
            recipients=users,
            title=message.title,
            body=message.body,
            link=message.link,
            level=message.level,
            dedupe_key=message.dedupe_key,
        )


def _config() -> dict[str, Any]:
    return {
        "CHANNELS": ["fazhi.supervision.channels.InAppChannel"],
        "QUIET_HOURS": "",
        **getattr(settings, "FAZHI_SUPERVISION", {}),
    }


def channels() -> list[Channel]:
    return [import_string(path)() for path in _config()["CHANNELS"]]


def quiet_until(now: dt.datetime | None = None) -> dt.datetime | None:
    """The end of the current quiet hours (aware, local), or None when it is not quiet now."""
    spec = (_config().get("QUIET_HOURS") or "").strip()
    if not spec:
        return None
    start_s, _, end_s = spec.partition("-")
    start, end = dt.time.fromisoformat(start_s.strip()), dt.time.fromisoformat(end_s.strip())
    now = timezone.localtime(now)
    t = now.time()
    if start <= end:
        quiet = start <= t < end
        end_day = now.date()
    else:  # across midnight, e.g. 22:00-07:30
        quiet = t >= start or t < end
        end_day = now.date() if t < end else now.date() + dt.timedelta(days=1)
    if not quiet:
        return None
    return timezone.make_aware(dt.datetime.combine(end_day, end), timezone.get_current_timezone())


def deliver(message: Message, *, now: dt.datetime | None = None) -> int:
    """Send through every configured channel; a quiet channel waits for the end of quiet hours. Returns how many
    were sent now (deferred ones are counted when their job runs)."""
    if not message.recipient_ids:
        return 0
    later = quiet_until(now)
    sent = 0
    for ch in channels():
        if later is not None and ch.quiet:
            from fazhi.jobs.services import job_enqueue

            job_enqueue(
                kind="supervision.deliver",
                label="督办消息（免打扰时段后发送）",
                params={"channel": ch.name, "message": asdict(message)},
                dedupe_key=f"supervision.deliver:{ch.name}:{message.dedupe_key}"[:200],
                run_after=later,
            )
            continue
        sent += ch.send(message)
    return sent


def deliver_deferred(channel_name: str, payload: dict[str, Any]) -> int:
    for ch in channels():
        if ch.name == channel_name:
            return ch.send(Message(**payload))
    return 0
