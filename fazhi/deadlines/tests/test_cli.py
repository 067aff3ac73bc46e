"""`fazhi deadline RULE_ID START_DATE [--pause FROM:TO]... [--extend N] [--json]`: a contract for outside tools."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def run(*args: str) -> str:
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue()


def test_json_output_has_the_contract_keys():
    # 20 working days after 2025-09-30 → 2025-11-04 (see test_engine.disclosure_reply_over_national_day)
    data = json.loads(run("disclosure.reply", "2025-09-30", "--json"))
    assert {k: data[k] for k in ("rule", "start", "due", "unit", "provisional")} == {
        "rule": "disclosure.reply",
        "start": "2025-09-30",
        "due": "2025-11-04",
        "unit": "working_day",
        "provisional": False,
    }
    assert isinstance(data["explanation"], list) and all(isinstance(s, str) for s in data["explanation"])


def test_pauses_and_extension_options():
    # 2025-08-05 + 90 days (30 extension) + 3 paused days 8/10–8/12 = 8/5 + 93 = Thu 11/6
    data = json.loads(
        run("reconsideration.decision", "2025-08-05", "--pause", "2025-08-10:2025-08-12", "--extend", "30", "--json")
    )
    assert (data["due"], data["unit"]) == ("2025-11-06", "natural_day")


def test_provisional_into_2027():
    data = json.loads(run("disclosure.reply", "2026-12-10", "--json"))
    assert (data["due"], data["provisional"]) == ("2027-01-08", True)


def test_text_output_names_the_due_date():
    assert "届满日：2025年10月14日（周二）" in run("reconsideration.acceptance", "2025-09-30")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("no.such_rule", "2025-01-01"), "未知的期限规则"),
        (("disclosure.reply", "2025-02-30"), "不是有效日期"),
        (("disclosure.reply", "2025/13/01"), "不是有效日期"),
        (("disclosure.reply", "2025-01-01", "--pause", "2025-01-05"), "格式不正确"),
        (("disclosure.reply", "2025-01-01", "--extend", "x"), "非负整数"),
    ],
)
def test_bad_input_exits_with_status_2(args, message):
    with pytest.raises(CommandError) as exc:
        run(*args)
    assert exc.value.returncode == 2
    assert message in str(exc.value)


@pytest.mark.django_db(transaction=True)
def test_console_script_exit_status_and_stderr():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.test")}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "deadline", "nope", "2025-01-01", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 2
    assert "未知的期限规则：nope" in proc.stderr
    assert proc.stdout == ""
