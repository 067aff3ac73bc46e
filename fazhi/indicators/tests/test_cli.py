"""`fazhi indicators import FILE --dry-run --json` (issue 23 §1): a contract for outside tools; it reads the file only."""

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

from fazhi.core.textfile import docx_lines

ROOT = Path(__file__).resolve().parents[3]
TEXT = "示范指标\n一、依法决策（占总分值的15%）\n基本要求：科学民主依法决策。\n（一）决策程序\n1.公众参与（2分）\n"
EXPECTED = {
    "nodes": [
        {
            "title": "依法决策",
            "points": 15,
            "description": "科学民主依法决策。",
            "children": [
                {
                    "title": "决策程序",
                    "points": None,
                    "description": "",
                    "children": [{"title": "公众参与", "points": 2, "description": "", "children": []}],
                }
            ],
        }
    ]
}


def run(*args: str) -> str:
    out = StringIO()
    call_command("indicators", *args, stdout=out)
    return out.getvalue()


def test_json_from_a_text_file_without_a_database(tmp_path: Path) -> None:
    # no django_db mark: any query would fail the test
    path = tmp_path / "指标.txt"
    path.write_text(TEXT, encoding="utf-8")
    out = run("import", str(path), "--dry-run", "--json")
    assert json.loads(out) == EXPECTED
    assert "依法决策" in out  # UTF-8, not ASCII-escaped


def test_plain_output_lists_the_tree(tmp_path: Path) -> None:
    path = tmp_path / "指标.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert run("import", str(path), "--dry-run").splitlines() == [
        "依法决策（15分）",
        "  决策程序",
        "    公众参与（2分）",
        "共3项指标（未保存）。",
    ]


def test_a_docx_with_headings(tmp_path: Path) -> None:
    doc = Document()
    for line in TEXT.split("\n"):
        doc.add_paragraph(line)
    path = tmp_path / "指标.docx"
    doc.save(str(path))
    assert json.loads(run("import", str(path), "--dry-run", "--json")) == EXPECTED


def _table_docx(path: Path) -> None:
    doc = Document()
    doc.add_paragraph("2026年度考核细则")
    table = doc.add_table(rows=4, cols=4)
    for i, h in enumerate(["一级指标", "二级指标", "分值", "评分标准"]):
        table.cell(0, i).text = h
    table.cell(1, 0).merge(table.cell(2, 0)).text = "依法决策（10分）"
    rows = [("公布决策目录", "4", "未公布扣4分"), ("合法性审查", "6", "")]
    for r, (title, points, rule) in enumerate(rows, start=1):
        table.cell(r, 1).text = title
        table.cell(r, 2).text = points
        table.cell(r, 3).text = rule
    table.cell(3, 0).text = "法治监督"
    table.cell(3, 1).merge(table.cell(3, 2)).text = "复议纠错"
    table.cell(3, 3).text = "按比例"
    doc.add_paragraph("以上合计100分。")
    doc.save(str(path))


def test_a_docx_table_with_merged_cells(tmp_path: Path) -> None:
    path = tmp_path / "表格.docx"
    _table_docx(path)
    # the kernel's reading keeps document order and a merged cell once per row
    assert docx_lines(path.read_bytes()) == [
        "2026年度考核细则",
        "一级指标 | 二级指标 | 分值 | 评分标准",
        "依法决策（10分） | 公布决策目录 | 4 | 未公布扣4分",
        "依法决策（10分） | 合法性审查 | 6 | ",
        "法治监督 | 复议纠错 |  | 按比例",
        "以上合计100分。",
    ]
    assert json.loads(run("import", str(path), "--dry-run", "--json")) == {
        "nodes": [
            {
                "title": "依法决策",
                "points": 10,
                "description": "",
                "children": [
                    {"title": "公布决策目录", "points": 4, "description": "", "children": []},
                    {"title": "合法性审查", "points": 6, "description": "", "children": []},
                ],
            },
            {
                "title": "法治监督",
                "points": None,
                "description": "",
                "children": [{"title": "复议纠错", "points": None, "description": "", "children": []}],
            },
        ]
    }


def test_nothing_readable_exits_2_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "报告.txt"
    path.write_text("\n工作总结\n全年完成各项任务。\n", encoding="utf-8")
    with pytest.raises(CommandError, match="报告.txt：第2行：没有识别到编号的指标") as err:
        run("import", str(path), "--dry-run", "--json")
    assert err.value.returncode == 2


def test_a_missing_file_and_a_fake_docx_exit_2(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="文件不存在") as err:
        run("import", str(tmp_path / "none.txt"), "--dry-run")
    assert err.value.returncode == 2
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="第1行：文件不是有效的 Word") as err:
        run("import", str(fake), "--dry-run", "--json")
    assert err.value.returncode == 2


def test_the_console_command_runs_with_an_unreachable_database(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://nobody:x@127.0.0.1:1/none",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    }
    cmd = [sys.executable, "-c", "from fazhi.cli import main; main()", "indicators", "import", str(path)]
    proc = subprocess.run([*cmd, "--dry-run", "--json"], capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == EXPECTED
    bad = tmp_path / "b.txt"
    bad.write_text("没有编号\n", encoding="utf-8")
    cmd[-1] = str(bad)
    proc = subprocess.run([*cmd, "--dry-run", "--json"], capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert proc.returncode == 2
    assert "第1行" in proc.stderr
