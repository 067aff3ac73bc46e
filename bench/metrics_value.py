"""Benchmark: `fazhi metrics value` for every metric and the statistics pages at 1,000,000 cases on PostgreSQL.

    .venv/bin/python bench/metrics_value.py [--cases 1000000] [--seconds 15] [--clients 20] [--keep | --database NAME]

Creates its own database on 127.0.0.1:5432 and seeds it exactly as bench/cases_list.py does (INSERT … SELECT
generate_series: 500,000 行政复议 + 500,000 行政应诉 cases over the last 5 years, 200 units); the rows are written
with raw SQL, which sends no signals, so the run then rebuilds the kept counts with `fazhi metrics rebuild` (timed —
what an operator runs after a bulk load). Then, in ONE run:

  fazhi metrics list --json                        baseline: the same process start + Django set-up, no figure
  fazhi metrics value KEY --year Y --json          every registered metric: this year, and last year's Q2 for one
                                                   unit; the wall time of the whole command, best of 3
  GET /healthz                                     baseline (framework + SELECT 1)
  GET /cases/stats/<docket>/?year=&period=&unit=   the statistics page (figures, outcome table, per-unit table),
                                                   random docket / year / period / unit, as a leader who sees
                                                   every case (data scope ALL: the biggest counts)

Targets: every `fazhi metrics value` under 1 s; the statistics page p95 < 200 ms at 20 clients.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cases_list import PASSWORD, seed  # noqa: E402
from lib import (  # noqa: E402
    BIN,
    ROOT,
    Client,
    Server,
    add_database_args,
    bench_database,
    fazhi,
    measure,
)


def timed(args: list[str], env: dict[str, str], runs: int = 3) -> tuple[float, str]:
    """Best wall time (s) of `fazhi ARGS` over `runs` runs, and its output."""
    best, out = float("inf"), ""
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run(
            [str(BIN / "fazhi"), *args], env=env, cwd=ROOT, capture_output=True, text=True, check=True
        )
        best = min(best, time.perf_counter() - t0)
        out = done.stdout
    return best, out


def stats_user(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from fazhi.orgs.models import DataScope, Role, Unit, User

    role, _ = Role.objects.get_or_create(
        code="bench_stats",
        defaults={
            "name": "压测：统计",
            # the dockets' own view too: since 697ecdb a figure counts only the cases the viewer may open, so without
            # them every figure of the page was 0 (a cheap page, not the one measured on 2026-12-01)
            "actions": [
                "cases.case.view",
                "reconsideration.case.view",
                "litigation.case.view",
                "cases.stats.view",
                "metrics.definitions.view",
            ],
            "data_scope": DataScope.ALL,
        },
    )
    user, made = User.objects.get_or_create(
        username="bench_stats",
        defaults={
            "full_name": "压测领导",
            "unit": Unit.objects.get(code="B001"),
            "password": make_password(PASSWORD),
            "must_change_password": False,
            "password_changed_at": timezone.now(),
        },
    )
    user.roles.add(role)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    add_database_args(ap)
    ap.add_argument("--python-clients", action="store_true")
    ap.add_argument("--runs", type=int, default=2, help="command runs per metric (best kept)")
    ap.add_argument("--pages-only", action="store_true", help="only the statistics pages (no per-metric commands)")
    args = ap.parse_args()

    with bench_database("metrics", args) as (name, env):
        fazhi("migrate", "-v0", env=env)
        rebuild = None
        if not args.database:
            seed(env, args.cases)
            from django.db import connections

            connections.close_all()
            t0 = time.perf_counter()
            fazhi("metrics", "rebuild", env=env)
            rebuild = time.perf_counter() - t0
        stats_user(env)
        from django.db import connections

        from fazhi.deadlines.selectors import today_local
        from fazhi.metrics.registry import metrics_all
        from fazhi.orgs.models import Unit

        this_year = today_local().year
        keys = [m.key for m in metrics_all()]
        unit_codes = list(Unit.objects.filter(code__startswith="B").exclude(code="B000").values_list("code", flat=True))
        connections.close_all()

        # in-process: the registry's own work for each value (what an API call or a page pays), best of 3
        from fazhi.metrics.periods import Period
        from fazhi.metrics.selectors import metric_value

        inproc = {}
        for key in [] if args.pages_only else keys:
            best = []
            for period, unit in ((Period(this_year), None), (Period(this_year - 1, "Q2"), "B007")):
                times = []
                for _ in range(3):
                    t0 = time.perf_counter()
                    metric_value(key, period=period, unit=unit)
                    times.append(time.perf_counter() - t0)
                best.append(min(times))
            inproc[key] = best
        connections.close_all()

        base, _ = timed(["metrics", "list", "--json"], env, runs=args.runs)
        rows = []
        for key in [] if args.pages_only else keys:
            whole, out = timed(["metrics", "value", key, "--year", str(this_year), "--json"], env, runs=args.runs)
            part, _ = timed(
                ["metrics", "value", key, "--year", str(this_year - 1), "--period", "Q2", "--unit", "B007", "--json"],
                env,
                runs=1,
            )
            rows.append((key, whole, part, out.strip()))

        rng = random.Random(12)

        def stats_path(i: int) -> str:
            docket = rng.choice(["reconsideration", "litigation"])
            year = rng.choice(range(this_year - 4, this_year + 1))
            period = rng.choice(["", "", "Q1", "Q2", "Q3", "Q4", "H1", "H2", "M03", "M11"])
            unit = rng.choice(unit_codes) if rng.random() < 0.3 else ""
            q = f"year={year}" + (f"&period={period}" if period else "") + (f"&unit={unit}" if unit else "")
            return f"/cases/stats/{docket}/?{q}"

        paths = [stats_path(i) for i in range(2000)]
        server = Server(env, workers=args.workers, threads=args.threads)
        try:
            leader = Client(server.port)
            leader.login("bench_stats", PASSWORD)
            status, html = leader.request("GET", f"/cases/stats/reconsideration/?year={this_year}")
            assert status == 200 and "纠错率" in html and "分单位情况" in html, f"stats page failed: {status}"
            t0 = time.perf_counter()
            leader.request("GET", f"/cases/stats/litigation/?year={this_year - 1}&period=H1")
            first = time.perf_counter() - t0
            health, page = measure(
                server.port,
                [
                    ("GET /healthz (baseline)", ["/healthz"], False),
                    ("GET /cases/stats/<docket>/?… (page)", paths, True),
                ],
                seconds=args.seconds,
                connections=args.clients,
                session=leader,
                python_clients=args.python_clients,
            )
        finally:
            server.stop()

        print(
            f"\n## Metric registry benchmark (PostgreSQL, {args.cases:,} cases, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n"
        )
        if rebuild is not None:
            print(f"fazhi metrics rebuild (full recount of every source): {rebuild:.1f} s")
        print(f"fazhi metrics list --json (baseline: process start + set-up): {base * 1000:.0f} ms\n")
        print(
            "| metric | command, this year | command, last year Q2 + unit B007 | in-process, this year | in-process, Q2 + unit | value |"
        )
        print("|---|---|---|---|---|---|")
        for key, whole, part, out in rows:
            a, b = inproc[key]
            value = json.loads(out)["value"]
            print(
                f"| `{key}` | {whole * 1000:.0f} ms | {part * 1000:.0f} ms | {a * 1000:.0f} ms | {b * 1000:.0f} ms | {value} |"
            )
        if rows:
            slow = max(max(v) for v in inproc.values())
            print(f"\nslowest in-process value: {slow * 1000:.0f} ms")
            worst = max(max(w, p) for _, w, p, _ in rows)
            print(
                f"\nslowest `fazhi metrics value`: {worst * 1000:.0f} ms (target < 1 s; {worst / base:.2f}× the list baseline)"
                f" → {'PASS' if worst < 1 else 'FAIL'}; median {statistics.median([w for _, w, _, _ in rows]) * 1000:.0f} ms\n"
            )
        print(f"first statistics page of the run (nothing kept): {first * 1000:.0f} ms")
        print(health.line())
        print(page.line())
        print(
            f"\nstatistics page p95 = {page.pct(95):.0f} ms at {args.clients} clients (target < 200 ms); throughput ="
            f" {page.rps / health.rps:.1%} of /healthz → {'PASS' if page.pct(95) < 200 else 'FAIL'}"
        )


if __name__ == "__main__":
    main()
