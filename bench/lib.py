"""Shared benchmark plumbing: start gunicorn on loopback, drive it with concurrent keep-alive clients, report
latency percentiles and throughput. Figures are always reported next to a baseline measured in the same run."""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"

# What a deployed install runs: the project's bytecode written (as `make install` / `pip install` do), so a measured
# process does not compile ~340 modules where PYTHONDONTWRITEBYTECODE is set (230 ms of every `fazhi …` command).
subprocess.run([str(BIN / "python"), "-m", "compileall", "-q", "-j", "0", "fazhi", "config"], cwd=ROOT, check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fazhi(*args: str, env: dict[str, str]) -> None:
    subprocess.run([str(BIN / "fazhi"), *args], check=True, env=env, cwd=ROOT)


class Server:
    def __init__(self, env: dict[str, str], workers: int = 2, threads: int = 2, start_timeout: float = 90) -> None:
        self.port = free_port()
        self.env = env
        self.proc = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--worker-class",
                "gthread",
                # One listening socket per worker (SO_REUSEPORT): the kernel spreads connections over the workers.
                # With one shared socket, whichever worker woke first could accept all 50 keep-alive connections and
                # serve a whole phase alone on one core (seen: the same page at 230 and at 485 req/s in two runs).
                "--reuse-port",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        deadline = time.time() + start_timeout  # a loaded 2-core machine can take a while to import everything
        while time.time() < deadline:
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=20)


class Client:
    """One keep-alive connection with a cookie jar (session + CSRF), enough for Django forms."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            resp = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.conn.request(method, path, body=body, headers=headers)
            resp = self.conn.getresponse()
        for k, v in resp.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return resp.status, resp.read().decode("utf-8", "replace")

    def login(self, username: str, password: str) -> float:
        status, html = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert token, "no CSRF token on the login page"
        from urllib.parse import urlencode

        t0 = time.perf_counter()
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            urlencode({"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}),
        )
        elapsed = time.perf_counter() - t0
        assert status == 302, f"login failed for {username}: {status}"
        return elapsed


@dataclass
class Result:
    label: str
    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def pct(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        data = sorted(self.latencies)
        return data[min(len(data) - 1, int(round(p / 100 * (len(data) - 1))))] * 1000

    def line(self) -> str:
        return (
            f"{self.label:<34} {self.requests:>7} req  {self.rps:>8.1f} req/s  p50 {self.pct(50):7.1f} ms  "
            f"p95 {self.pct(95):7.1f} ms  errors {self.errors}"
        )


def drive(
    label: str,
    clients: list[Client],
    path_for: Callable[[int], str],
    seconds: float,
    ok: Callable[[int], bool] = lambda s: s == 200,
) -> Result:
    """Each client loops GET path_for(i) for `seconds`; returns merged latencies and throughput."""
    latencies: list[float] = []
    errors = 0
    count = 0
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def run(c: Client) -> None:
        nonlocal errors, count
        local: list[float] = []
        i = 0
        bad = 0
        while time.perf_counter() < stop_at:
            t0 = time.perf_counter()
            status, _ = c.request("GET", path_for(i))
            local.append(time.perf_counter() - t0)
            bad += 0 if ok(status) else 1
            i += 1
        with lock:
            latencies.extend(local)
            errors += bad
            count += len(local)

    start = time.perf_counter()
    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Result(label, count, time.perf_counter() - start, latencies, errors)


def summary_median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def bench_key_file(database: str) -> Path:
    """Where a benchmark database's PII key is kept (var/bench-keys/<database>.key), so --database reuses it."""
    return ROOT / "var" / "bench-keys" / f"{database}.key"


def base_env(var_dir: Path, database_url: str | None = None) -> dict[str, str]:
    (var_dir / "static").mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "FAZHI_VAR_DIR": str(var_dir),
        "FAZHI_KEY_FILE": str(var_dir / "pii.key"),
        "PYTHONPATH": str(ROOT),
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def print_header(title: str) -> None:
    print(f"\n## {title}\n", file=sys.stdout)


@dataclass
class WrkResult:
    """Figures from wrk (a C load generator: far less CPU than Python clients on the same 2 cores)."""

    label: str
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def pct(self, p: float) -> float:
        return {50: self.p50_ms, 95: self.p95_ms, 99: self.p99_ms}[int(p)]

    def line(self) -> str:
        return (
            f"{self.label:<34} {self.requests:>7} req  {self.rps:>8.1f} req/s  p50 {self.p50_ms:7.1f} ms  "
            f"p95 {self.p95_ms:7.1f} ms  errors {self.errors}"
        )


WRK_LUA = """
local paths = {%s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("FAZHI %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.status + e.connect + e.read + e.write + e.timeout))
end
"""


def wrk_available() -> bool:
    import shutil

    if shutil.which("wrk"):
        return True
    subprocess.run([str(ROOT / "scripts" / "ensure-debian-packages.sh"), "wrk"], check=False)
    return shutil.which("wrk") is not None


def wrk_drive(
    label: str,
    port: int,
    paths: list[str],
    seconds: float,
    connections: int,
    cookie: str = "",
    threads: int = 2,
    headers: tuple[str, ...] = (),
) -> WrkResult:
    """Run wrk against 127.0.0.1:port cycling through `paths` with `connections` keep-alive connections (extra
    request `headers` as "Name: value", e.g. an API key)."""
    import json
    import tempfile

    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
    from urllib.parse import quote

    # Percent-encode (Chinese query values) so the Lua string literals stay plain ASCII.
    script.write(WRK_LUA % ", ".join(json.dumps(quote(p, safe="/?=&%")) for p in paths))
    script.close()
    cmd = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, int(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        script.name,
    ]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    for header in headers:
        cmd += ["-H", header]
    out = subprocess.run([*cmd, f"http://127.0.0.1:{port}"], check=True, capture_output=True, text=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("FAZHI "))
    req, dur_us, p50, p95, p99, errors = (int(v) for v in line.split()[1:])
    return WrkResult(label, req, dur_us / 1e6, p50 / 1000, p95 / 1000, p99 / 1000, errors)


def cookie_header(client: Client) -> str:
    return "; ".join(f"{k}={v}" for k, v in client.cookies.items())


def measure(
    port: int,
    pages: list[tuple[str, list[str], bool]],
    *,
    seconds: float,
    connections: int,
    session: Client | None = None,
    python_clients: bool = False,
) -> list[Result | WrkResult]:
    """Measure each (label, paths, needs_login) in turn with the same connections and duration.

    Load comes from wrk when available (far less CPU on the same cores), else from Python keep-alive clients; pages that
    need a login reuse `session`'s cookies. The first entry is usually the baseline (/healthz).
    """
    use_wrk = not python_clients and wrk_available()
    out: list[Result | WrkResult] = []
    for label, paths, needs_login in pages:
        cookie = cookie_header(session) if (needs_login and session is not None) else ""
        if use_wrk:
            out.append(wrk_drive(label, port, paths, seconds, connections, cookie))
            continue
        clients = [Client(port) for _ in range(connections)]
        if needs_login and session is not None:
            for c in clients:
                c.cookies = dict(session.cookies)
        out.append(drive(label, clients, lambda i, p=paths: p[i % len(p)], seconds))
    return out


def psql(sql: str, *, check: bool = True) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=check)


def create_database(name: str) -> str:
    """A fresh UTF-8 database (C.UTF-8, so trigram search works on Chinese); returns its DATABASE_URL."""
    psql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def drop_database(name: str) -> None:
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", check=False)


def add_database_args(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--keep", action="store_true", help="keep the database (and its key) afterwards")
    ap.add_argument("--database", default="", help="reuse a database seeded by an earlier --keep run (never dropped)")


@contextlib.contextmanager
def bench_database(prefix: str, args: argparse.Namespace) -> Iterator[tuple[str, dict[str, str]]]:
    """(name, env) of the run's PostgreSQL database: a fresh one, created here and dropped afterwards unless `--keep`;
    or the caller's `--database NAME`, never dropped. The PII key lives with the database it encrypted
    (var/bench-keys/NAME.key, or FAZHI_KEY_FILE), so a kept database is reused with its own key (#10 finding 13)."""
    name = args.database or f"fazhi_bench_{prefix}_{int(time.time())}"
    if not args.database:
        create_database(name)
    var = Path(tempfile.mkdtemp(prefix=f"fazhi-bench-{prefix}-"))
    env = base_env(var, f"postgres://postgres@127.0.0.1:5432/{name}")
    env["FAZHI_KEY_FILE"] = os.environ.get("FAZHI_KEY_FILE") or str(bench_key_file(name))
    if args.keep:
        print(f"database {name} kept with its key {env['FAZHI_KEY_FILE']}", file=sys.stderr)
    try:
        yield name, env
    finally:
        if not args.keep and not args.database:
            from django.db import connections

            connections.close_all()
            drop_database(name)
            bench_key_file(name).unlink(missing_ok=True)


# --- seeding (inside a process that has called django.setup()) ---------------------------------------------------


def seed_city(prefix: str, n_units: int, name: Callable[[int], str] | None = None) -> tuple[Any, list[Any]]:
    """The bench city: a government unit `<prefix>000` and `n_units` departments under it with their tree paths."""
    from fazhi.orgs.models import Unit

    gov = Unit.objects.create(
        code=f"{prefix}000", name="压测市人民政府", short_name="压测市政府", kind="government", level="city"
    )
    Unit.objects.filter(pk=gov.pk).update(path=f"{gov.pk:06d}/")
    units = Unit.objects.bulk_create(
        [
            Unit(
                code=f"{prefix}{i:03d}",
                name=name(i) if name else f"压测市第{i}局",
                short_name=f"第{i}局",
                kind="department",
                level="city",
                parent=gov,
            )
            for i in range(1, n_units + 1)
        ]
    )
    for u in units:
        u.path = f"{gov.pk:06d}/{u.pk:06d}/"
    Unit.objects.bulk_update(units, ["path"])
    return gov, units


def seed_user(username: str, *, unit: Any, roles: list[Any], password: str, full_name: str = "", **extra: Any) -> Any:
    """A bench login that needs no password change, holding `roles` (Role objects or built-in role codes)."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from fazhi.orgs.models import Role, User

    user = User.objects.create(
        username=username,
        full_name=full_name or username,
        unit=unit,
        password=make_password(password),
        must_change_password=False,
        password_changed_at=timezone.now(),
        **extra,
    )
    user.roles.set([r if isinstance(r, Role) else Role.objects.get(code=r) for r in roles])
    return user
