"""Foundation benchmark (issue #2): login p95, and a list page's requests/s against the same server's /healthz.

Dataset: the demo city (≈ 80 units, 10 personas) plus 2,000 extra users spread over the units.
Server: gunicorn, 2 gthread workers × 4 threads, production settings (PBKDF2 with Django's default 1,000,000
iterations), on loopback. Load: Python keep-alive clients in this process (they compete for the same 2 cores, so
absolute numbers are pessimistic; the ratio to /healthz is the figure to compare).

    .venv/bin/python bench/foundation_login.py [--seconds 10] [--clients 8] [--postgres]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from lib import Client, Server, base_env, create_database, drop_database, fazhi, measure

# The user list, paged and searched, as the system administrator sees it (2,000+ users, 50 per page).
LIST_PATHS = [f"/orgs/users/?page={p}" for p in range(1, 21)] + ["/orgs/users/?q=压测用户1", "/orgs/users/?q=bench"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--logins", type=int, default=40)
    ap.add_argument("--postgres", action="store_true", help="use a fresh database on 127.0.0.1:5432")
    ap.add_argument("--python-clients", action="store_true", help="drive load with Python threads instead of wrk")
    args = ap.parse_args()

    var = Path(tempfile.mkdtemp(prefix="fazhi-bench-"))
    db_url = None
    if args.postgres:
        name = f"fazhi_bench_{int(time.time())}"
        db_url = create_database(name)
    env = base_env(var, db_url)
    fazhi("migrate", "-v0", env=env)
    fazhi("demo", env=env)
    fazhi(
        "shell",
        "-c",
        (
            "from fazhi.orgs.models import Unit, User, Role\n"
            "from django.contrib.auth.hashers import make_password\n"
            "units=list(Unit.objects.all()); r=Role.objects.get(code='dept_liaison'); pw=make_password('Bench-2026!x')\n"
            "users=[User(username=f'bench{i}', full_name=f'压测用户{i}', unit=units[i % len(units)], password=pw,"
            " must_change_password=False) for i in range(2000)]\n"
            "from django.utils import timezone\n"
            "[setattr(u,'password_changed_at',timezone.now()) for u in users]\n"
            "User.objects.bulk_create(users, ignore_conflicts=True)\n"
            "[u.roles.add(r) for u in User.objects.filter(username__startswith='bench')[:50]]\n"
            "v=Role.objects.create(code='bench_viewer', name='压测查看', actions=['orgs.user.view','orgs.unit.view'], data_scope='all')\n"
            "a=User.objects.create(username='bench_admin', full_name='压测管理员', unit=units[0], password=pw,"
            " must_change_password=False, password_changed_at=timezone.now()); a.roles.add(v)\n"
        ),
        env=env,
    )

    server = Server(env)
    try:
        office = Client(server.port)
        office.login("bench_admin", "Bench-2026!x")
        status, html = office.request("GET", "/orgs/units/")
        status, html = office.request("GET", "/orgs/users/")
        assert status == 200 and "压测用户" in html, f"user list failed: {status}"
        health, units = measure(
            server.port,
            [("GET /healthz (baseline)", ["/healthz"], False), ("GET /orgs/users/ (list page)", LIST_PATHS, True)],
            seconds=args.seconds,
            connections=args.clients,
            session=office,
            python_clients=args.python_clients,
        )
        # Login: sequential; each POST runs one PBKDF2 check (the cost 等保 asks us to pay).
        login_times = []
        for i in range(args.logins):
            login_times.append(Client(server.port).login(f"bench{i % 50}", "Bench-2026!x"))
    finally:
        server.stop()
        if db_url:  # a fresh database per run, dropped afterwards
            drop_database(db_url.rsplit("/", 1)[1])

    login_times.sort()
    p50 = login_times[len(login_times) // 2] * 1000
    p95 = login_times[int(0.95 * (len(login_times) - 1))] * 1000
    print(
        f"\n## Fazhi foundation benchmark ({'PostgreSQL' if db_url else 'SQLite'}, {args.clients} clients, {args.seconds:.0f} s each)\n"
    )
    print(health.line())
    print(units.line())
    print(
        f"{'POST /accounts/login/':<34} {len(login_times):>7} req  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  (sequential)"
    )
    print(
        f"\nlist page throughput = {units.rps / health.rps:.1%} of /healthz; "
        f"list p95 = {units.pct(95) / health.pct(95):.1f}× the /healthz p95; login p95 = {p95:.0f} ms (target < 1000 ms)"
    )


if __name__ == "__main__":
    main()
