"""schemathesis against the live API (issue #14): the OpenAPI document served by gunicorn on loopback, over the demo
city, once with an integration account's key and once as a signed-in handler (session cookie + CSRF header).
Checks: no server error (5xx) and every response conforms to its documented schema. Prints the operations, the
requests sent and the failures of each run; exits 1 on any failure. Bounded: a fixed number of examples per
operation and a time budget per run. Run by .ci/run; by hand:

    .venv/bin/python scripts/api_schemathesis.py [--examples 25] [--max-time 240]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.lib import BIN, Server, base_env, fazhi  # noqa: E402

SETUP = """
import json, time
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from importlib import import_module
from django.conf import settings
SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
from django.middleware.csrf import _get_new_csrf_string
from fazhi.api.catalogue import api_action_codes
from fazhi.api.services import account_save, key_issue
from fazhi.orgs.models import Unit, User

sec = User.objects.get(username="secadmin")
handler = User.objects.get(username="fuyi")
account = account_save(by=sec, account=None, name="schemathesis", unit=handler.unit, actions=api_action_codes(),
                       data_scope="all", allowed_networks=["127.0.0.0/8"])
_key, full = key_issue(by=sec, account=account)
session = SessionStore()
session[SESSION_KEY] = str(handler.pk)
session[BACKEND_SESSION_KEY] = "fazhi.orgs.backends.FazhiBackend"
session[HASH_SESSION_KEY] = handler.get_session_auth_hash()
session["fazhi_login_at"] = session["fazhi_last_seen"] = time.time() + 3600  # no idle timeout during the run
session.create()
print("SETUP " + json.dumps({"key": full, "session": session.session_key, "csrf": _get_new_csrf_string(),
                            "cookie": settings.SESSION_COOKIE_NAME, "csrf_cookie": settings.CSRF_COOKIE_NAME}))
"""


def run(label: str, url: str, headers: list[str], examples: int, max_time: int, report: Path) -> dict:
    cmd = [
        str(BIN / "schemathesis"),
        "run",
        url,
        "--checks",
        "not_a_server_error,response_schema_conformance",
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        str(examples),
        "--max-time",
        str(max_time),
        "--workers",
        "1",
        "--seed",
        "14",
        "--no-color",
        "--report",
        "junit",
        "--report-dir",
        str(report),
    ]
    for h in headers:
        cmd += ["--header", h]
    t0 = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    out = proc.stdout + proc.stderr
    (report / f"{label}.log").write_text(out, encoding="utf-8")
    ops = re.search(r"Operations:\s+(\d+) selected / (\d+) total", out)
    cases = re.search(r"Test cases:\s+(\d+) generated, (\d+) found (\d+) unique failures", out)
    print(f"\n### {label}: exit {proc.returncode}, {time.time() - t0:.0f} s")
    print("\n".join(line for line in out.splitlines() if line.strip())[-2500:])
    return {
        "label": label,
        "exit": proc.returncode,
        "operations": int(ops.group(1)) if ops else None,
        "test_cases": int(cases.group(1)) if cases else None,
        "failures": int(cases.group(3)) if cases else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=25, help="examples per operation and phase")
    parser.add_argument("--max-time", type=int, default=240, help="seconds per run at most")
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="fazhi-schemathesis-"))
    env = base_env(var_dir)
    # No limits during the sweep (it sends thousands of requests from one address); the limits have their own tests.
    env.update({"FAZHI_API_KEY_PER_MINUTE": "0", "FAZHI_API_USER_PER_MINUTE": "0", "FAZHI_API_ADDRESS_PER_MINUTE": "0"})
    fazhi("migrate", "--noinput", "-v0", env=env)
    fazhi("demo", env=env)
    out = subprocess.run(
        [str(BIN / "fazhi"), "shell", "-c", SETUP], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    creds = json.loads(next(line for line in out.splitlines() if line.startswith("SETUP "))[6:])
    server = Server(env)
    results = []
    try:
        url = f"http://127.0.0.1:{server.port}/api/v1/openapi.json"
        report = var_dir / "reports"
        report.mkdir()
        results.append(run("key", url, [f"Authorization: Bearer {creds['key']}"], args.examples, args.max_time, report))
        cookie = f"Cookie: {creds['cookie']}={creds['session']}; {creds['csrf_cookie']}={creds['csrf']}"
        results.append(
            run("session", url, [cookie, f"X-CSRFToken: {creds['csrf']}"], args.examples, args.max_time, report)
        )
    finally:
        server.stop()
    print("\n## schemathesis summary")
    for r in results:
        print(json.dumps(r, ensure_ascii=False))
    return 0 if all(r["exit"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
