"""`fazhi documents citations FILE [--json]`: a contract for outside tools; it reads the file only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from docx import Document

ROOT = Path(__file__).resolve().parents[3]
TEXT = (
    "第一条　为了规范行政执法，根据《中华人民共和国行政处罚法》（以下简称《处罚法》）第三十二条、"
    "《XX省行政执法监督条例》和国办发〔2018〕37号文件，制定本办法。\n"
    "第二条　违反《处罚法》第三十二条第一款的，依照本办法第五条处理。"
)
EXPECTED = [
    {"title": "《中华人民共和国行政处罚法》", "articles": ["第三十二条", "第三十二条第一款"]},
    {"title": "《XX省行政执法监督条例》", "articles": []},
    {"title": "国办发〔2018〕37号", "articles": []},
]


def run(*args: str) -> str:
    out = StringIO()
    call_command("documents", *args, stdout=out)
    return out.getvalue()


def test_json_from_a_text_file_without_a_database(tmp_path: Path) -> None:
    # given a UTF-8 text file (no django_db mark: any query would fail the test)
    path = tmp_path / "办法.txt"
    path.write_text(TEXT, encoding="utf-8")
    # then the JSON array lists each instrument once, as written
    assert json.loads(run("citations", str(path), "--json")) == EXPECTED


def test_json_from_a_docx_file(tmp_path: Path) -> None:
    doc = Document()
    for line in TEXT.split("\n"):
        doc.add_paragraph(line)
    path = tmp_path / "办法.docx"
    doc.save(str(path))
    assert json.loads(run("citations", str(path), "--json")) == EXPECTED


def test_gb18030_text_and_plain_output(tmp_path: Path) -> None:
    path = tmp_path / "gb.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    assert run("citations", str(path)).splitlines() == [
        "《中华人民共和国行政处罚法》\t第三十二条、第三十二条第一款",
        "《XX省行政执法监督条例》",
        "国办发〔2018〕37号",
    ]


def test_a_missing_file_exits_2_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="无法读取文件") as err:
        run("citations", str(tmp_path / "none.txt"), "--json")
    assert err.value.returncode == 2


def test_a_docx_that_is_not_one_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="不是有效的 .docx") as err:
        run("citations", str(path))
    assert err.value.returncode == 2


def test_the_console_command_runs_with_an_unreachable_database(tmp_path: Path) -> None:
    # given a database that cannot be reached at all
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://nobody:x@127.0.0.1:1/none",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    }
    # when the command runs as `fazhi documents citations FILE --json`
    proc = subprocess.run(
        [sys.executable, "-c", "from fazhi.cli import main; main()", "documents", "citations", str(path), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    # then it answers from the file alone
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == EXPECTED
