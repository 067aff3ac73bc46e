"""Complete the clocks left open by steps that ended them (issue 9 ¶2): before the clock declarations in the specs,
a decided, rejected, terminated or abandoned case could keep its 补正通知 or 受理审查 clock running, and an accepted
行政复议 case its acceptance-review clocks. A completed clock is dated the day its case closed (or was accepted),
never before its own start."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import migrations

REVIEW_KEYS = ("acceptance", "correction_notice", "correction_reply")
HEARD = ("accepted", "suspended")


def _complete(Clock: Any, ClockPause: Any, clock: Any, on: dt.date) -> None:
    on = max(on, clock.trigger_date)
    ClockPause.objects.filter(clock=clock, end=None).update(end=max(on - dt.timedelta(days=1), clock.trigger_date))
    Clock.objects.filter(pk=clock.pk).update(completed_on=on, state="done", version=clock.version + 1)


def close_stale_clocks(apps: Any, schema_editor: Any) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Case = apps.get_model("cases", "Case")
    Clock = apps.get_model("deadlines", "Clock")
    ClockPause = apps.get_model("deadlines", "ClockPause")
    ct = ContentType.objects.filter(app_label="cases", model="case").first()
    if ct is None:
        return
    open_clocks = Clock.objects.filter(content_type_id=ct.pk, completed_on=None)
    ids = set(open_clocks.values_list("object_id", flat=True))
    if not ids:
        return
    pks = [int(i) for i in ids if i.isdigit()]
    for start in range(0, len(pks), 2000):
        chunk = pks[start : start + 2000]
        cases = {
            str(c["pk"]): c
            for c in Case.objects.filter(pk__in=chunk).values("pk", "docket", "state", "closed_on", "received_on", "extra")
        }
        for clock in open_clocks.filter(object_id__in=list(cases)):
            c = cases[clock.object_id]
            if c["closed_on"] is not None:
                _complete(Clock, ClockPause, clock, c["closed_on"])
            elif c["docket"] == "reconsideration" and c["state"] in HEARD and clock.key in REVIEW_KEYS:
                accepted = (c["extra"] or {}).get("accepted_on")
                _complete(Clock, ClockPause, clock, dt.date.fromisoformat(accepted) if accepted else c["received_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_case_search_indexes"),
        ("deadlines", "0002_seed_calendar"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(close_stale_clocks, migrations.RunPython.noop)]
