"""Benchmark: the 12348 热线 consultation log at 1,000,000 calls on PostgreSQL (issue #17).

    .venv/bin/python bench/legal_hotline_log.py [--calls 1000000] [--seconds 10] [--clients 20] [--keep | --database NAME]

Dataset (fresh PostgreSQL database, generated in the database with `INSERT … SELECT generate_series`): 1,000,000
calls over the last three years, answered by 10 units (the city's 司法局 and nine district bureaus), 15 topics, ~8 %
transferred, questions and answers of 20–60 characters. The viewer is a 司法局 operator who sees every unit (data
scope ALL, the worst case). gunicorn 2 gthread workers × 2 threads, bench settings, wrk with `--clients` keep-alive
connections on the same 2 cores; in ONE run:

  GET /healthz                                              baseline
  GET /mediation/hotline/                                   the log's first page (50 newest), with the entry form
  GET /mediation/hotline/?topic=|transferred=|day=          filtered first pages
  GET /mediation/hotline/?after=<cursor>                    deep pages (cursors taken 1–2,000 pages down)

Target: the list page p95 < 300 ms at 20 clients; reported with the ratio to /healthz.
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
UNITS = 10
TOPICS = [
    "family",
    "labour",
    "contract",
    "property",
    "traffic",
    "damages",
    "land",
    "medical",
    "legal_aid",
    "notary",
    "appraisal",
    "arbitration",
    "criminal",
    "administrative",
    "other",
]


def seed(env: dict[str, str], n: int) -> None:
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection, transaction

    from fazhi.orgs.builtin import roles_seed_builtin

    t0 = time.perf_counter()
    roles_seed_builtin()
    with transaction.atomic():
        _gov, units = seed_city("H", UNITS, lambda i: f"压测市第{i}司法局")
        seed_user(
            "bench_hotline", full_name="压测接线员", unit=units[0], roles=["mediation_manager"], password=PASSWORD
        )
    lo = min(u.pk for u in units)
    topics = "ARRAY[" + ",".join(f"'{t}'" for t in TOPICS) + "]"
    with connection.cursor() as cur:
        cur.execute(
            f"""
            INSERT INTO mediation_hotlinecall
                (unit_id, operator_id, received_at, duration_seconds, topic, question, answer, transferred,
                 transferred_to, callback_phone, submit_token, created_at)
            SELECT {lo} + (g % {UNITS}),
                   NULL,
                   now() - (g * interval '94 seconds'),
                   60 + (g * 37) % 1500,
                   ({topics})[1 + (g * 7) % {len(TOPICS)}],
                   '咨询问题第' || g || '号：' || repeat('劳动报酬拖欠如何维权', 1 + g % 4),
                   '解答要点：' || repeat('可申请劳动仲裁或向监察部门投诉', 1 + g % 3),
                   (g % 12 = 0),
                   CASE WHEN g % 12 = 0 THEN '转法律援助中心' ELSE '' END,
                   '',
                   NULL,
                   now()
            FROM generate_series(1, {n}) AS g
            """
        )
        cur.execute("VACUUM ANALYZE mediation_hotlinecall")
    print(f"seeded {n:,} calls in {time.perf_counter() - t0:.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--clients", type=int, default=20)
    add_database_args(ap)
    args = ap.parse_args()

    with bench_database("hotline", args) as (name, env):
        fazhi("migrate", "-v0", env=env)
        if not args.database:
            seed(env, args.calls)
        else:
            os.environ.update(env)
            import django

            django.setup()
        from django.db import connections
        from django.utils import timezone

        from fazhi.dockets.mediation.models import HotlineCall

        rng = random.Random(17)
        today = timezone.localdate()
        # cursors 1–2,000 pages down (50 per page): (received_at, id) of the row ending that page
        ordered = HotlineCall.objects.order_by("-received_at", "-id").values_list("received_at", "id")
        deep = []
        pages = min(2000, args.calls // 50 - 1)
        for page in sorted(rng.sample(range(1, pages + 1), min(40, pages))):
            at, pk = ordered[page * 50 - 1]
            deep.append(f"/mediation/hotline/?after={at.isoformat().replace('+', '%2B')}_{pk}")
        connections.close_all()

        def filtered(i: int) -> str:
            kind = rng.randrange(3)
            if kind == 0:
                return f"/mediation/hotline/?topic={rng.choice(TOPICS)}"
            if kind == 1:
                return f"/mediation/hotline/?transferred={rng.choice(['0', '1'])}"
            return f"/mediation/hotline/?day={today - dt.timedelta(days=rng.randrange(900))}"

        server = Server(env)
        try:
            staff = Client(server.port)
            staff.login("bench_hotline", PASSWORD)
            status, html = staff.request("GET", "/mediation/hotline/")
            assert status == 200 and "12348热线咨询" in html and "咨询问题第" in html, f"log page failed: {status}"
            status, html = staff.request("GET", deep[-1])
            assert status == 200 and "咨询问题第" in html, f"deep page failed: {status}"
            results = measure(
                server.port,
                [
                    ("GET /healthz (baseline)", ["/healthz"], False),
                    ("GET /mediation/hotline/ (first page)", ["/mediation/hotline/"], True),
                    ("GET /mediation/hotline/?filter", [filtered(i) for i in range(500)], True),
                    ("GET /mediation/hotline/?after= (deep)", deep * 10, True),
                ],
                seconds=args.seconds,
                connections=args.clients,
                session=staff,
            )
        finally:
            server.stop()
        print(
            f"\n## 12348 log (PostgreSQL, {args.calls:,} calls, {args.clients} clients, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n"
        )
        health = results[0]
        for r in results:
            print(r.line())
        for r in results[1:]:
            verdict = "PASS" if r.pct(95) < 300 and r.errors == 0 else "FAIL"
            print(
                f"{r.label}: p95 {r.pct(95):.0f} ms (target < 300 ms), "
                f"throughput {r.rps / health.rps:.1%} of /healthz → {verdict}"
            )


if __name__ == "__main__":
    main()
