"""`fazhi cases import mediation FILE.xlsx`: the contract columns, all or nothing, rows and fields named, and the
imported cases in the figures."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from fazhi.cases.models import Case
from fazhi.cases.stats import stats_figures
from fazhi.dockets.mediation.imports import COLUMNS

pytestmark = pytest.mark.django_db

V = "东华社区人民调解委员会"
GOOD = [
    [
        "2024-11-05",
        V,
        "窗口",
        "邻里",
        "张三",
        "11010519491231002X",
        "13812345678",
        "李四",
        "相邻通行",
        "2000",
        "调解成功，协议已履行",
        "书面调解协议",
        "2024-11-20",
    ],
    ["2024-12-20", V, "12348 热线", "婚姻家庭", "王五", "", "", "", "抚养费争议", "", "", "", ""],
    [
        "2025-01-06",
        "东兴社区人民调解委员会",
        "主动排查",
        "土地",
        "赵六",
        "",
        "",
        "钱七",
        "地界争议",
        "",
        "调解不成，终止调解",
        "",
        "2025-01-20",
    ],
]


def xlsx(tmp_path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    for r in rows:
        ws.append(r)
    path = tmp_path / "mediation.xlsx"
    wb.save(path)
    return str(path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("cases", "import", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_good_file_imports_every_row_into_its_committee(committees, towns, tmp_path):
    code, out, _ = run("mediation", xlsx(tmp_path, GOOD), "--json")
    assert (code, json.loads(out)) == (0, {"ok": True, "imported": 3})
    cases = {c.received_on.isoformat(): c for c in Case.objects.filter(docket="mediation")}
    first = cases["2024-11-05"]
    assert (first.state, first.outcome, first.handling_unit) == ("closed", "performed", towns["village"])
    assert first.extra["agreement"] == {"form": "written", "on": "2024-11-20"}
    assert cases["2024-12-20"].state == "registered" and cases["2024-12-20"].extra["source"] == "hotline"
    assert cases["2025-01-06"].state == "terminated" and cases["2025-01-06"].handling_unit == towns["village2"]
    f = stats_figures(docket="mediation", year=2024)
    assert (f["received"], f["successful"], f["mediated"], f["performed"]) == (2, 1, 1, 1)


@pytest.mark.parametrize(
    ("col", "value", "message"),
    [
        (0, "2099-01-01", "不能晚于今天"),
        (1, "火星调解委员会", "未找到在用的人民调解委员会"),
        (3, "吵架", "应为婚姻家庭"),
        (11, "", "调解成功的须填写"),
        (12, "2024-11-01", "不能早于登记日期"),
        (6, "123", "电话"),
    ],
)
def test_one_bad_field_saves_nothing_and_names_row_and_column(committees, tmp_path, col, value, message):
    bad = [list(r) for r in GOOD]
    bad[0][col] = value
    code, out, _ = run("mediation", xlsx(tmp_path, bad), "--json")
    assert code == 2
    errors = json.loads(out)["errors"]
    assert (errors[0]["row"], errors[0]["field"]) == (2, COLUMNS[col])
    assert message in errors[0]["message"]
    assert Case.objects.filter(docket="mediation").count() == 0
