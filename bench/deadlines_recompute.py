"""Benchmark: the daily recompute of 1,000,000 open statutory clocks (target ≤ 60 s on a 2-core machine).

    .venv/bin/python bench/deadlines_recompute.py [--clocks 1000000] [--batch 5000]

Builds a throw-away SQLite database (WAL, as in production's embedded default) in a temporary directory, inserts N
open clocks (all statutory rules, trigger dates 2024-07 … 2026-12, 8 % with an extension, 6 % with a closed pause,
1 % still paused, 4 % fixed-date plan tasks), then measures in the same run:

  baseline   a plain keyset loop over the same rows and pauses (read the tuples, do nothing)
  first run  clocks_recompute for day D-1: every row gets its due date and state (every row written)
  daily run  clocks_recompute for day D: the steady state (only clocks whose state changed are written)

and prints time, rate and the ratio to the baseline. No notifications (no assignees).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clocks", type=int, default=1_000_000)
    ap.add_argument("--batch", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=20250930)
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="fazhi-bench-deadlines-")
    os.environ["FAZHI_VAR_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    settings.DEBUG = False  # no query log
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"database: {settings.DATABASES['default']['NAME']} (migrated in {time.perf_counter() - t0:.1f} s)")

    from django.contrib.contenttypes.models import ContentType

    from fazhi.deadlines.calendar_data import calendar_current, calendar_invalidate
    from fazhi.deadlines.models import Clock, ClockPause
    from fazhi.deadlines.recompute import clocks_recompute
    from fazhi.deadlines.rules import RULES
    from fazhi.orgs.models import Unit

    rnd = random.Random(args.seed)
    ct = ContentType.objects.get_for_model(Unit)
    statutory = [r for r in RULES.values() if not r.fixed_date]
    first_day = dt.date(2024, 7, 1).toordinal()
    span = dt.date(2026, 12, 31).toordinal() - first_day
    now = "2025-01-01 00:00:00"

    t0 = time.perf_counter()
    clock_rows, pause_rows = [], []
    for i in range(1, args.clocks + 1):
        start = dt.date.fromordinal(first_day + rnd.randrange(span))
        override = None
        if rnd.random() < 0.04:
            rule_id, ext = "plan.task", 0
            override = start + dt.timedelta(days=rnd.randrange(30, 300))
        else:
            rule = rnd.choice(statutory)
            rule_id = rule.id
            ext = rnd.randint(1, rule.extension_max) if rule.extension_max and rnd.random() < 0.25 else 0
        clock_rows.append(
            (ct.pk, str(i), "bench", rule_id, start, start, "running", False, "[]", ext, override, 1, now, now)
        )
        x = rnd.random()
        if x < 0.07 and override is None:
            ps = start + dt.timedelta(days=rnd.randrange(1, 10))
            pe = None if x < 0.01 else ps + dt.timedelta(days=rnd.randrange(0, 20))
            pause_rows.append((i, ps, pe, "补正"))
    sql = (
        f"INSERT INTO {Clock._meta.db_table} (content_type_id, object_id, key, rule_id, trigger_date, due_date, "
        "state, provisional, explanation, extension_units, due_override, version, created_at, updated_at) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    psql = f'INSERT INTO {ClockPause._meta.db_table} (clock_id, start, "end", reason) VALUES (%s, %s, %s, %s)'
    with transaction.atomic(), connection.cursor() as cur:
        for k in range(0, len(clock_rows), 50_000):
            cur.executemany(sql, clock_rows[k : k + 50_000])
        cur.executemany(psql, pause_rows)
    del clock_rows
    print(f"inserted {args.clocks:,} clocks and {len(pause_rows):,} pauses in {time.perf_counter() - t0:.1f} s")

    calendar_invalidate()
    cal = calendar_current()
    day = dt.date(2025, 10, 13)

    # baseline: a plain keyset loop over the same rows and pauses, doing nothing with them
    t0 = time.perf_counter()
    last, seen = 0, 0
    while True:
        rows = list(
            Clock.objects.filter(id__gt=last)
            .exclude(state="done")
            .order_by("id")
            .values_list(
                "id",
                "rule_id",
                "trigger_date",
                "due_date",
                "state",
                "provisional",
                "extension_units",
                "due_override",
                "assignee_id",
            )[: args.batch]
        )
        if not rows:
            break
        list(
            ClockPause.objects.filter(clock_id__gte=rows[0][0], clock_id__lte=rows[-1][0]).values_list(
                "clock_id", "start", "end", "reason"
            )
        )
        seen += len(rows)
        last = rows[-1][0]
    baseline = time.perf_counter() - t0

    t0 = time.perf_counter()
    first = clocks_recompute(today=day - dt.timedelta(days=1), batch=args.batch, calendar=cal, send_notifications=False)
    first_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    daily = clocks_recompute(today=day, batch=args.batch, calendar=cal, send_notifications=False)
    daily_s = time.perf_counter() - t0

    states = dict(
        Clock.objects.values_list("state")
        .annotate(n=__import__("django.db.models", fromlist=["Count"]).Count("id"))
        .values_list("state", "n")
    )
    print(f"baseline (plain loop over {seen:,} rows + pauses): {baseline:6.1f} s  {seen / baseline:>10,.0f} rows/s")
    print(
        f"first run  (every row written, {first['changed']:,} changed): {first_s:6.1f} s  "
        f"{first['examined'] / first_s:>10,.0f} clocks/s  ratio {first_s / baseline:.2f}× baseline"
    )
    print(
        f"daily run  ({daily['changed']:,} changed):                    {daily_s:6.1f} s  "
        f"{daily['examined'] / daily_s:>10,.0f} clocks/s  ratio {daily_s / baseline:.2f}× baseline"
    )
    print(f"states after the daily run: {states}")
    target = 60.0
    worst = max(first_s, daily_s)
    print(
        f"target ≤ {target:.0f} s for {args.clocks:,} clocks: {'MET' if worst <= target else 'MISSED'} "
        f"(worst run {worst:.1f} s)"
    )


if __name__ == "__main__":
    main()
