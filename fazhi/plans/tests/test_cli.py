from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from fazhi.plans.models import Plan

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "plan_sample.txt"


def test_dry_run_json_prints_the_contract_and_saves_nothing(db, capsys):
    call_command("plans", "import", str(SAMPLE), "--dry-run", "--json")
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["task_count", "tasks"]
    assert out["task_count"] == 17
    assert list(out["tasks"][0]) == ["number", "title", "section", "lead_units", "co_units", "units_as_written", "due"]
    assert out["tasks"][0]["due"] == "2026-06-30"
    assert "due" not in out["tasks"][15]
    assert Plan.objects.count() == 0


def test_unparseable_file_exits_2_naming_the_line(db, tmp_path, capsys):
    f = tmp_path / "bad.txt"
    f.write_text("标题\n牵头单位：市司法局\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        call_command("plans", "import", str(f), "--dry-run", "--json")
    assert exc.value.code == 2
    assert "第2行" in capsys.readouterr().err


def test_import_without_dry_run_refuses_unresolved_units_and_saves_nothing(city):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="无法识别"):
        call_command("plans", "import", str(SAMPLE), "--name", "X", "--year", "2026")
    assert Plan.objects.count() == 0


def test_dry_run_json_output_is_pinned_byte_for_byte(db, capsys):
    """The contract, exactly: the whole stdout (key order, indentation, ensure_ascii=False) is the pinned file, and
    its tasks are the expected JSON's."""
    call_command("plans", "import", str(SAMPLE), "--dry-run", "--json")
    out = capsys.readouterr().out
    data = SAMPLE.parent
    assert out == (data / "plan_sample.cli-dry-run.json").read_text("utf-8")
    expected = json.loads((data / "plan_sample.expected.json").read_text("utf-8"))
    assert json.loads(out) == {"task_count": expected["task_count"], "tasks": expected["tasks"]}
