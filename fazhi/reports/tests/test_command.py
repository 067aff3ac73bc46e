"""The contract of `fazhi report annual` (issue #24): on the demo city, every figure of the default template's draft is
the number `fazhi metrics value KEY --year YYYY [--unit CODE]` prints, each once, with the count of its records."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def _metric(key: str, *extra: str) -> dict:
    return json.loads(_run("metrics", "value", key, "--year", str(YEAR), "--records", "--json", *extra))


def _count(records) -> int:
    if isinstance(records, dict):
        return len(set(records["numerator"]) | set(records["denominator"]))
    return len(records)


def test_every_figure_of_the_draft_is_the_registry_value_on_the_demo_city(tmp_path):
    call_command("demo", stdout=StringIO())
    listed = {m["key"]: m for m in json.loads(_run("metrics", "list", "--json"))}
    for unit_args in ((), ("--unit", "C008")):
        out = tmp_path / f"report{len(unit_args)}.docx"
        figures = json.loads(_run("report", "annual", "--year", str(YEAR), "--out", str(out), "--json", *unit_args))[
            "figures"
        ]
        assert out.stat().st_size > 0
        keys = [f["key"] for f in figures]
        assert len(keys) >= 15 and len(set(keys)) == len(keys)
        for f in figures:
            assert set(f) == {"key", "label", "value", "definition", "records"}
            assert f["key"] in listed
            assert f["label"] == listed[f["key"]]["label"]
            assert f["definition"] == listed[f["key"]]["definition"]
            expected = _metric(f["key"], *unit_args)
            assert f["value"] == expected["value"], f["key"]
            assert f["records"] == _count(expected["records"]), f["key"]
        if not unit_args:  # the demo city holds records in every module: this year's figures have values
            assert all(f["value"] is not None for f in figures), [f["key"] for f in figures if f["value"] is None]
            assert sum(1 for f in figures if f["value"]) >= 15


def test_a_bad_year_an_unknown_unit_or_no_output_is_refused_with_exit_status_2(db, tmp_path):
    for args, message in (
        (("--year", "26", "--out", str(tmp_path / "a.docx")), "年"),
        (("--year", str(YEAR), "--unit", "NOPE", "--out", str(tmp_path / "a.docx")), "NOPE"),
        (("--year", str(YEAR)), "--out"),
        (("--year", str(YEAR), "--out", str(tmp_path / "a.pdf")), ".docx"),
        (("--year", str(YEAR), "--out", str(tmp_path / "a.docx"), "--frozen"), "尚未定稿"),
    ):
        err = StringIO()
        with pytest.raises(SystemExit) as exc:
            call_command("report", "annual", *args, stdout=StringIO(), stderr=err)
        assert exc.value.code == 2
        assert message in err.getvalue()
    assert not (tmp_path / "a.docx").exists()
