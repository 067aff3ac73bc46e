"""Benchmark: the API's case list endpoint at 1,000,000 cases on PostgreSQL (issue #14).

    .venv/bin/python bench/api_cases_list.py [--cases 1000000] [--seconds 15] [--clients 50] [--keep | --database NAME]

The dataset is bench/cases_list.py's (its `seed`: 200 units, 500,000 行政复议 + 500,000 行政应诉 cases over five
years with parties, timelines and defence clocks), in a fresh database unless --database reuses a kept one. gunicorn
(2 gthread workers × 2 threads, --reuse-port, bench settings) on loopback; wrk with 50 keep-alive connections; in ONE
run:

  GET /healthz                                            baseline (framework + SELECT 1)
  GET /api/v1/cases/?docket=litigation&<filters>&limit=20 as a signed-in user who sees every case (session cookie)
  the same list with an integration account's key        (Authorization: Bearer …; every use an audit row)
  the same list, key, page 2–5 by cursor                  (next_cursor of pages collected before the run)

Filters cycle as on the list page: none / state / respondent unit / a year's received dates / state + unit. The
per-key, per-user and per-address limits stay ON with a ceiling no run reaches, so their counting (one upsert each per
request) is in the figures. Target: the list ≥ 25 % of /healthz requests/s; p95 reported beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cases_list import PASSWORD, seed  # noqa: E402  (the same dataset, built by the same code)
from lib import (  # noqa: E402
    Client,
    Server,
    base_env,
    bench_key_file,
    cookie_header,
    create_database,
    drop_database,
    fazhi,
    wrk_available,
    wrk_drive,
)

CEILING = str(10**9)  # limits counted, never reached


def _key() -> str:
    """An integration account seeing every case (the worst case, like the list page's user) and one key for it."""
    from fazhi.api.catalogue import api_action_codes
    from fazhi.api.models import IntegrationAccount
    from fazhi.api.services import account_save, key_issue
    from fazhi.orgs.models import Role, Unit, User

    sec = User.objects.filter(username="bench_sec").first()
    if sec is None:
        sec = User.objects.create(username="bench_sec", unit=Unit.objects.get(code="B000"), must_change_password=False)
        sec.roles.set([Role.objects.get(code="sec_admin")])
    account = IntegrationAccount.objects.filter(name="bench").first()
    if account is None:
        account = account_save(
            by=sec,
            account=None,
            name="bench",
            unit=Unit.objects.get(code="B000"),
            actions=api_action_codes(),
            data_scope="all",
            allowed_networks=["127.0.0.0/8"],
        )
    return key_issue(by=sec, account=account)[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--keep", action="store_true", help="keep the database afterwards")
    ap.add_argument("--database", default="", help="reuse an already seeded database (bench/cases_list.py --keep)")
    args = ap.parse_args()
    if not wrk_available():
        sys.exit("wrk is needed (scripts/ensure-debian-packages.sh wrk)")

    name = args.database or f"fazhi_bench_api_{int(time.time())}"
    if not args.database:
        create_database(name)
    var = Path(tempfile.mkdtemp(prefix="fazhi-bench-api-"))
    env = base_env(var, f"postgres://postgres@127.0.0.1:5432/{name}")
    env["FAZHI_KEY_FILE"] = os.environ.get("FAZHI_KEY_FILE") or str(bench_key_file(name))
    env.update(
        {
            "FAZHI_API_KEY_PER_MINUTE": CEILING,
            "FAZHI_API_USER_PER_MINUTE": CEILING,
            "FAZHI_API_ADDRESS_PER_MINUTE": CEILING,
        }
    )
    if args.keep:
        print(f"database {name} kept with its key {env['FAZHI_KEY_FILE']}", file=sys.stderr)
    try:
        fazhi("migrate", "-v0", env=env)
        if not args.database:
            seed(env, args.cases)
        else:
            os.environ.update(env)
            import django

            django.setup()
        from django.db import connections

        from fazhi.cases.models import Case
        from fazhi.orgs.models import Unit

        key = _key()
        rng = random.Random(7)
        unit_ids = list(Unit.objects.filter(code__startswith="B").exclude(code="B000").values_list("pk", flat=True))
        years = sorted({d.year for d in Case.objects.dates("received_on", "year")})
        connections.close_all()

        def filters() -> str:
            kind = rng.randrange(5)
            year = rng.choice(years)
            return {
                0: "",
                1: f"&state={rng.choice(['registered', 'defended', 'closed'])}",
                2: f"&respondent_unit={rng.choice(unit_ids)}",
                3: f"&received_from={year}-01-01&received_to={year}-12-31",
                4: f"&state={rng.choice(['defended', 'closed'])}&respondent_unit={rng.choice(unit_ids)}",
            }[kind]

        first_pages = [f"/api/v1/cases/?docket=litigation&limit=20{filters()}" for _ in range(2000)]
        server = Server(env, workers=args.workers, threads=args.threads)
        try:
            staff = Client(server.port)
            staff.login("bench_cases", PASSWORD)
            auth = f"Authorization: Bearer {key}"
            probe = Client(server.port)
            status, body = probe.request("GET", first_pages[0])
            assert status == 401, f"anonymous list answered {status}"
            status, body = staff.request("GET", "/api/v1/cases/?docket=litigation&limit=20&state=closed")
            assert status == 200 and len(json.loads(body)["items"]) == 20, f"session list failed: {status} {body[:200]}"
            # deeper pages: follow next_cursor from 200 first pages, 1–4 steps each (the key's own view)
            import http.client

            deep: list[str] = []
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            for path in first_pages[:200]:
                current = path
                for _ in range(1 + rng.randrange(4)):
                    conn.request("GET", current, headers={"Authorization": f"Bearer {key}"})
                    data = json.loads(conn.getresponse().read())
                    if not data.get("next_cursor"):
                        break
                    current = path + "&cursor=" + data["next_cursor"]
                deep.append(current)
            conn.close()
            results = [
                wrk_drive("GET /healthz (baseline)", server.port, ["/healthz"], args.seconds, args.clients),
                wrk_drive(
                    "GET /api/v1/cases/ (session)",
                    server.port,
                    first_pages,
                    args.seconds,
                    args.clients,
                    cookie=cookie_header(staff),
                ),
                wrk_drive(
                    "GET /api/v1/cases/ (key)", server.port, first_pages, args.seconds, args.clients, headers=(auth,)
                ),
                wrk_drive(
                    "GET /api/v1/cases/ cursor (key)", server.port, deep, args.seconds, args.clients, headers=(auth,)
                ),
            ]
        finally:
            server.stop()
        health = results[0]
        print(
            f"\n## API case list benchmark (PostgreSQL, {args.cases:,} cases, {args.clients} clients, "
            f"{args.seconds:.0f} s each, gunicorn {args.workers}×{args.threads}, limits on; "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n"
        )
        for r in results:
            print(r.line())
        print()
        for r in results[1:]:
            ratio = r.rps / health.rps if health.rps else 0.0
            print(
                f"{r.label:<34} {ratio:6.1%} of /healthz (target ≥ 25 %), p95 {r.pct(95):.0f} ms, errors {r.errors} "
                f"→ {'PASS' if ratio >= 0.25 and r.errors == 0 else 'FAIL'}"
            )
    finally:
        if not args.keep and not args.database:  # a database given with --database is the caller's: never dropped
            from django.db import connections

            connections.close_all()
            drop_database(name)
            bench_key_file(name).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
