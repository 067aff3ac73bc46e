"""Benchmark: the plan overview page on 100 plans × 50 tasks × 60 units (300,000 task–unit assignments), PostgreSQL.

    .venv/bin/python bench/plans_overview.py [--seconds 10] [--clients 8] [--keep]

Creates its own database on 127.0.0.1:5432 (user postgres, trust auth), migrates, seeds with bulk inserts (60 units,
100 plans of 5 sections and 50 tasks, every task assigned to all 60 units: one lead, 59 co-units; ~40 % of shares
closed, some overdue), starts gunicorn (2 gthread workers × 4 threads, bench settings) on loopback and measures, in
the same run and with the same concurrent keep-alive clients:

  GET /healthz                 baseline (framework + SELECT 1)
  GET /plans/<id>/             the overview (by section and by unit, two charts) as the rule-of-law office, random plan
  GET /plans/<id>/tasks/?…     a drill-down (one unit's overdue shares)

and prints p50/p95, throughput and the ratios to the baseline. Target: overview p95 < 300 ms. The database is dropped
afterwards unless --keep is given.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lib import (  # noqa: E402
    Client,
    Server,
    base_env,
    create_database,
    drop_database,
    fazhi,
    measure,
    seed_city,
    seed_user,
)

PLANS, TASKS, UNITS, SECTIONS = 100, 50, 60, 5
PASSWORD = "Bench-2026!x"


def seed(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone

    from fazhi.orgs.builtin import roles_seed_builtin
    from fazhi.plans.models import Plan, PlanSection, PlanTask, TaskAssignment

    settings.DEBUG = False
    rng = random.Random(20260101)
    t0 = time.perf_counter()
    roles_seed_builtin()
    with transaction.atomic():
        gov, units = seed_city("B", UNITS)
        seed_user("bench_office", full_name="压测依法治市办", unit=gov, roles=["office_head"], password=PASSWORD)
        today = timezone.localdate()
        states = ["assigned", "signed", "in_progress", "contributed", "submitted", "returned", "accepted"]
        for p in range(PLANS):
            plan = Plan.objects.create(name=f"压测计划{p + 1}", kind="annual", year=2026)
            sections = PlanSection.objects.bulk_create(
                [
                    PlanSection(plan=plan, title=f"({'一二三四五'[s]})第{s + 1}部分", level=1, order=s)
                    for s in range(SECTIONS)
                ]
            )
            tasks = PlanTask.objects.bulk_create(
                [
                    PlanTask(
                        plan=plan,
                        section=sections[t % SECTIONS],
                        number=t + 1,
                        title=f"压测任务{p + 1}-{t + 1}",
                        text="压测任务内容。",
                        lead_units_written=[f"第{t % UNITS + 1}局"],
                        due_date=dt.date(2026, 1 + (t % 12), 28),
                    )
                    for t in range(TASKS)
                ]
            )
            rows = []
            for t, task in enumerate(tasks):
                for i, u in enumerate(units):
                    state = rng.choice(states) if rng.random() < 0.6 else "accepted"
                    closed = state == "accepted"
                    rows.append(
                        TaskAssignment(
                            task=task,
                            unit=u,
                            role="lead" if i == t % UNITS else "co",
                            state=state,
                            due_date=task.due_date,
                            closed_on_time=(rng.random() < 0.8) if closed else None,
                            closed_at=timezone.now() if closed else None,
                        )
                    )
            TaskAssignment.objects.bulk_create(rows, batch_size=5000)
            if (p + 1) % 20 == 0:
                print(f"  seeded {p + 1} plans ({(p + 1) * TASKS * UNITS:,} assignments)", flush=True)
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    n = TaskAssignment.objects.count()
    print(f"seeded {n:,} assignments in {time.perf_counter() - t0:.1f} s (today {today})")


def report(args, health, overview, drill) -> None:
    print(
        f"\n## Plans overview benchmark (PostgreSQL, {PLANS}×{TASKS}×{UNITS} = {PLANS * TASKS * UNITS:,} assignments, "
        f"{args.clients} clients, {args.seconds:.0f} s each)\n"
    )
    for r in (health, overview, drill):
        print(r.line())
    print(
        f"\noverview p95 = {overview.pct(95):.0f} ms (target < 300 ms) = {overview.pct(95) / health.pct(95):.1f}× the "
        f"/healthz p95; throughput = {overview.rps / health.rps:.1%} of /healthz"
    )
    print(f"drill-down p95 = {drill.pct(95):.0f} ms = {drill.pct(95) / health.pct(95):.1f}× the /healthz p95")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--keep", action="store_true", help="keep the database afterwards")
    ap.add_argument("--python-clients", action="store_true", help="drive load with Python threads instead of wrk")
    args = ap.parse_args()

    name = f"fazhi_bench_plans_{int(time.time())}"
    create_database(name)
    var = Path(tempfile.mkdtemp(prefix="fazhi-bench-plans-"))
    env = base_env(var, f"postgres://postgres@127.0.0.1:5432/{name}")
    try:
        fazhi("migrate", "-v0", env=env)
        seed(env)
        from fazhi.orgs.models import Unit
        from fazhi.plans.models import Plan

        plan_ids = list(Plan.objects.values_list("pk", flat=True))
        unit_ids = list(Unit.objects.filter(code__startswith="B").exclude(code="B000").values_list("pk", flat=True))
        from django.db import connections

        connections.close_all()
        rng = random.Random(7)
        overview_paths = [f"/plans/{rng.choice(plan_ids)}/" for _ in range(2000)]
        drill_paths = [
            f"/plans/{rng.choice(plan_ids)}/tasks/?unit={rng.choice(unit_ids)}&status=overdue" for _ in range(2000)
        ]
        server = Server(env)
        try:
            office = Client(server.port)
            office.login("bench_office", PASSWORD)
            status, html = office.request("GET", overview_paths[0])
            assert status == 200 and 'class="chart"' in html, f"overview failed: {status}"
            health, overview, drill = measure(
                server.port,
                [
                    ("GET /healthz (baseline)", ["/healthz"], False),
                    ("GET /plans/<id>/ (overview)", overview_paths, True),
                    ("GET /plans/<id>/tasks/?unit&overdue", drill_paths, True),
                ],
                seconds=args.seconds,
                connections=args.clients,
                session=office,
                python_clients=args.python_clients,
            )
        finally:
            server.stop()
        report(args, health, overview, drill)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(name)


if __name__ == "__main__":
    main()
