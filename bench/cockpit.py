"""Benchmark: the cockpit's JSON (一屏观全城, issue #24) at 20 concurrent viewers, as a ratio to /healthz, PostgreSQL.

    .venv/bin/python bench/cockpit.py [--cases 1000000] [--seconds 15] [--clients 20] [--keep | --database NAME]
                                      [--python-clients]

Creates its own database on 127.0.0.1:5432 and seeds it exactly as bench/cases_list.py does (INSERT … SELECT
generate_series: half 行政复议, half 行政应诉 over the last 5 years, 200 units, a defence clock per 行政应诉 case — so
"overdue" has real rows to read); raw SQL sends no signals, so the run then rebuilds the kept counts with
`fazhi metrics rebuild` (timed). One viewer holds a role like the built-in 领导 (every case, the cockpit, the boards;
data scope ALL: the biggest counts). Then, for each pages-cache mode — `on` (as deployed: the tiles are kept under the
docket stamps, the board stamp, the grants stamp, the viewer's scope signature, the day and a 30 s bucket, so
viewers with the same grants share one computation) and `off` (FAZHI_PAGES_CACHE=off: every request computes every
tile — the honest cost of the figures themselves) — it starts gunicorn (2 gthread workers × 2 threads, bench
settings) on loopback and measures, with the same concurrent keep-alive clients:

  GET /healthz                     baseline (framework + SELECT 1)
  GET /dashboards/cockpit.json     the tiles the wall screen and the phones poll

and prints p50/p95, requests/s and the ratio to the baseline. The database is dropped afterwards unless --keep.
Run it small to check it works (`--cases 2000 --seconds 3`); the full size is for a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cases_list import PASSWORD, seed  # noqa: E402
from lib import (  # noqa: E402
    Client,
    Server,
    add_database_args,
    bench_database,
    fazhi,
    measure,
)

VIEWER = "bench_cockpit"


def cockpit_user(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()
    from lib import seed_user

    from fazhi.orgs.models import DataScope, Role, Unit, User

    if User.objects.filter(username=VIEWER).exists():
        return
    role, _ = Role.objects.get_or_create(
        code="bench_cockpit",
        defaults={
            "name": "压测：驾驶舱",
            "actions": [
                "dashboards.cockpit.view",
                "cases.case.view",
                "reconsideration.case.view",
                "litigation.case.view",
                "hotline.case.view",
                "supervision.item.view",
                "supervision.board.office",
                "plans.plan.view",
                "plans.task.view",
                "metrics.definitions.view",
            ],
            "data_scope": DataScope.ALL,
        },
    )
    seed_user(VIEWER, full_name="压测领导", unit=Unit.objects.get(code="B000"), roles=[role], password=PASSWORD)


def run_mode(args: argparse.Namespace, env: dict[str, str], mode: str) -> tuple[float, list]:
    env = {**env, "FAZHI_PAGES_CACHE": mode}
    server = Server(env, workers=args.workers, threads=args.threads)
    try:
        viewer = Client(server.port)
        viewer.login(VIEWER, PASSWORD)
        t0 = time.perf_counter()
        status, body = viewer.request("GET", "/dashboards/cockpit.json")
        first = time.perf_counter() - t0
        assert status == 200, f"cockpit.json answered {status}"
        tiles = {t["key"]: t["value"] for t in json.loads(body)["tiles"]}
        assert tiles["cases_received"] is not None, tiles
        print(f"[{mode}] first cockpit.json {first * 1000:.0f} ms; tiles {tiles}", flush=True)
        results = measure(
            server.port,
            [
                ("GET /healthz (baseline)", ["/healthz"], False),
                ("GET /dashboards/cockpit.json", ["/dashboards/cockpit.json"], True),
            ],
            seconds=args.seconds,
            connections=args.clients,
            session=viewer,
            python_clients=args.python_clients,
        )
        return first, results
    finally:
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    add_database_args(ap)
    ap.add_argument("--python-clients", action="store_true")
    args = ap.parse_args()

    with bench_database("cockpit", args) as (name, env):
        fazhi("migrate", "-v0", env=env)
        rebuild = None
        if not args.database:
            seed(env, args.cases)
            from django.db import connections

            connections.close_all()
            t0 = time.perf_counter()
            fazhi("metrics", "rebuild", env=env)
            rebuild = time.perf_counter() - t0
        cockpit_user(env)
        from django.db import connections

        connections.close_all()
        runs = {mode: run_mode(args, env, mode) for mode in ("on", "off")}
        print(
            f"\n## Cockpit benchmark (PostgreSQL, {args.cases:,} cases, {args.clients} viewers, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n"
        )
        if rebuild is not None:
            print(f"fazhi metrics rebuild (full recount of every source): {rebuild:.1f} s")
        for mode, (first, (health, page)) in runs.items():
            label = "pages cache on (as deployed)" if mode == "on" else "pages cache off (every tile computed)"
            print(f"\n### {label}; first request {first * 1000:.0f} ms\n")
            print(health.line())
            print(page.line())
            print(
                f"cockpit.json throughput = {page.rps / health.rps:.1%} of /healthz; "
                f"p95 {page.pct(95):.0f} ms = {page.pct(95) / health.pct(95):.1f}× the /healthz p95"
            )


if __name__ == "__main__":
    main()
