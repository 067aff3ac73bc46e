"""Benchmark: the supervision boards (issue #13) on 1,000,000 items across 200 units, PostgreSQL.

    .venv/bin/python bench/supervision_boards.py [--items 1000000] [--units 200] [--seconds 10] [--clients 20]
                                                 [--keep] [--database NAME] [--python-clients]

Creates its own database on 127.0.0.1:5432 (user postgres, trust auth), migrates and seeds with bulk inserts:
`--units` departments under one government, `--items` supervisable items spread evenly over them and over five
source kinds (plan shares, overdue clocks, lawsuit rectifications, late 备案, execution reports), 30 % open
(lights: 15 % 逾期, 15 % 临期, 55 % 正常, 5 % 暂停, 10 % 无时限; due dates spread over ±120 days) and 70 % closed.
Then, for each pages-cache mode — `on` (as deployed: the office board's counts are kept under the board stamp, so a
board with no write in between is served from the cache) and `off` (FAZHI_PAGES_CACHE=off: every board counted fresh,
the honest cost of the grouped query) — it starts gunicorn (2 gthread workers × 2 threads, bench settings) on
loopback and measures, with the same concurrent keep-alive clients:

  GET /healthz                    baseline (framework + SELECT 1)
  GET /supervision/               a unit's board as that unit's liaison (its open items, light then due date)
  GET /supervision/?unit=<id>     one unit's board as the office (a random unit per request)
  GET /supervision/office/        the office board (open items by unit × source kind and light)

and prints p50/p95, throughput and the ratios to the baseline. Targets (#13): unit board p95 < 200 ms, office board
p95 < 300 ms at 20 clients with 1,000,000 items. The database is dropped afterwards unless --keep is given;
--database NAME reuses a kept, seeded database (with FAZHI_KEY_FILE=the pii.key of the run that seeded it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lib import (  # noqa: E402
    Client,
    Server,
    add_database_args,
    bench_database,
    fazhi,
    measure,
    seed_city,
    seed_user,
)

PASSWORD = "Bench-2026!x"
KINDS = [
    ("plans.share", "规划任务"),
    ("deadlines.clock", "案件期限"),
    ("litigation.rectification", "败诉整改"),
    ("normative_documents.filing", "规范性文件逾期备案"),
    ("decisions.execution_report", "决策执行情况报告"),
]
OPEN_LIGHTS = [("overdue", 15), ("due_soon", 15), ("running", 55), ("paused", 5), ("none", 10)]


def seed(env: dict[str, str], items: int, n_units: int) -> None:
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    from fazhi.orgs.builtin import roles_seed_builtin
    from fazhi.orgs.models import Unit
    from fazhi.supervision.models import Item
    from fazhi.supervision.states import LIGHT_RANK

    settings.DEBUG = False
    rng = random.Random(20261201)
    t0 = time.perf_counter()
    roles_seed_builtin()
    with transaction.atomic():
        gov, units = seed_city("S", n_units)
        for username, unit, role in (("bench_office", gov, "office_head"), ("bench_liaison", units[0], "dept_liaison")):
            seed_user(username, unit=unit, roles=[role], password=PASSWORD, is_liaison=role == "dept_liaison")
    now = timezone.now()
    ct = ContentType.objects.get_for_model(Unit)
    today = timezone.localdate()
    lights = [lv for lv, w in OPEN_LIGHTS for _ in range(w)]
    batch: list[Item] = []
    for i in range(items):
        unit = units[i % n_units]
        kind, label = KINDS[(i // n_units) % len(KINDS)]
        is_open = rng.random() < 0.30
        light = rng.choice(lights) if is_open else "done"
        due = None if light == "none" else today + dt.timedelta(days=rng.randint(-120, 120))
        if light == "overdue":
            due = today - dt.timedelta(days=rng.randint(1, 120))
        elif light == "due_soon":
            due = today + dt.timedelta(days=rng.randint(0, 6))
        batch.append(
            Item(
                kind=kind,
                source_label=label,
                source_type=ct,
                source_id=str(unit.pk),
                source_url="",
                title=f"压测督办事项{i + 1}",
                unit=unit,
                due_date=due,
                state=rng.choice(("open", "open", "open", "submitted")) if is_open else "closed",
                light=light,
                light_rank=LIGHT_RANK[light],
                days_overdue=(today - due).days if light == "overdue" and due else 0,
                ladder_step=rng.choice(("", "blue", "yellow", "red")) if light == "overdue" else "",
                raised_on=today - dt.timedelta(days=rng.randint(0, 365)),
                dedupe_key=f"bench.{i}",
                ended_at=None if is_open else now,
                end_kind="" if is_open else "person",
            )
        )
        if len(batch) == 10_000:
            Item.objects.bulk_create(batch)
            batch = []
            if (i + 1) % 100_000 == 0:
                print(f"  seeded {i + 1:,} items", flush=True)
    if batch:
        Item.objects.bulk_create(batch)
    from fazhi.supervision.services._common import board_changed

    with transaction.atomic():
        board_changed()  # the board stamp the kept counts live under (every service's write sets it)
    with connection.cursor() as cur:  # as autovacuum leaves a settled table: statistics and the visibility map
        cur.execute("VACUUM ANALYZE supervision_item")
        cur.execute("ANALYZE")
    n_open = Item.objects.exclude(state="closed").count()
    print(f"seeded {items:,} items ({n_open:,} open) across {n_units} units in {time.perf_counter() - t0:.1f} s")


def run_mode(args, env: dict[str, str], mode: str, unit_ids: list[int]) -> list:
    env = {**env, "FAZHI_PAGES_CACHE": mode}
    rng = random.Random(13)
    unit_paths = [f"/supervision/?unit={rng.choice(unit_ids)}" for _ in range(2000)]
    server = Server(env)
    try:
        office = Client(server.port)
        office.login("bench_office", PASSWORD)
        liaison = Client(server.port)
        liaison.login("bench_liaison", PASSWORD)
        for c, path, marker in (
            (liaison, "/supervision/", "压测督办事项"),
            (office, unit_paths[0], "压测督办事项"),
            (office, "/supervision/office/", "第1局"),
        ):
            status, html = c.request("GET", path)
            assert status == 200 and marker in html, f"{path} failed: {status}"
        common = {"seconds": args.seconds, "connections": args.clients, "python_clients": args.python_clients}
        health, own = measure(
            server.port,
            [
                ("GET /healthz (baseline)", ["/healthz"], False),
                ("GET /supervision/ (a unit's board, its liaison)", ["/supervision/"], True),
            ],
            session=liaison,
            **common,
        )
        one, board = measure(
            server.port,
            [
                ("GET /supervision/?unit=<id> (one unit, office)", unit_paths, True),
                ("GET /supervision/office/ (office board)", ["/supervision/office/"], True),
            ],
            session=office,
            **common,
        )
    finally:
        server.stop()
    return [health, own, one, board]


def report(args, mode: str, results: list) -> None:
    health, own, one, board = results
    print(
        f"\n## Supervision boards (PostgreSQL, {args.items:,} items across {args.units} units, pages cache {mode}, "
        f"{args.clients} clients, {args.seconds:.0f} s each)\n"
    )
    for r in results:
        print(r.line())
    hp = health.pct(95)
    for label, r, target in (
        ("unit board (liaison)", own, 200),
        ("unit board (office, ?unit=)", one, 200),
        ("office board", board, 300),
    ):
        ok = "met" if r.pct(95) < target else "NOT met"
        print(
            f"{label}: p95 = {r.pct(95):.0f} ms (target < {target} ms: {ok}) = {r.pct(95) / hp:.1f}× the /healthz "
            f"p95; throughput = {r.rps / health.rps:.1%} of /healthz"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=1_000_000)
    ap.add_argument("--units", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--modes", default="on,off", help="pages-cache modes to measure, in order (on, off)")
    add_database_args(ap)
    ap.add_argument("--python-clients", action="store_true", help="drive load with Python threads instead of wrk")
    args = ap.parse_args()

    with bench_database("supervision", args) as (name, env):
        if not args.database:
            fazhi("migrate", "-v0", env=env)
            seed(env, args.items, args.units)
        else:
            os.environ.update(env)
            import django

            django.setup()
        from django.db import connections

        from fazhi.orgs.models import Unit

        unit_ids = list(Unit.objects.filter(code__startswith="S").exclude(code="S000").values_list("pk", flat=True))
        connections.close_all()
        for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
            report(args, mode, run_mode(args, env, mode, unit_ids))


if __name__ == "__main__":
    main()
