"""`fazhi cases import disclosure FILE.xlsx`: the contract columns, all or nothing, rows and fields named, --dry-run,
--unit, and the imported requests in the annual table."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from fazhi.cases.models import Case
from fazhi.dockets.disclosure.imports import COLUMNS
from fazhi.dockets.disclosure.stats import annual_table
from fazhi.metrics.periods import Period

pytestmark = pytest.mark.django_db

GOOD = [
    [
        "2024-11-05",
        "当面",
        "自然人",
        "张三",
        "11010519491231002X",
        "13812345678",
        "行政处罚统计",
        "示范市司法局",
        "予以公开",
        "2024-11-20",
    ],
    ["2024-12-20", "邮寄", "商业企业", "某某有限公司", "", "", "某项目审批材料", "市市场监管局", "", ""],
    ["2025-01-06", "", "科研机构", "某研究院", "", "", "环境监测数据", "", '不予公开-危及"三安全一稳定"', "2025-01-20"],
    [
        "2025-02-03",
        "网络",
        "其他",
        "某协会",
        "",
        "",
        "会议纪要",
        "示范市司法局",
        "其他处理-申请人无正当理由逾期不补正、行政机关不再处理",
        "2025-03-01",
    ],
    [
        "2025-02-04",
        "传真",
        "法律服务机构",
        "某律师事务所",
        "",
        "",
        "举报材料",
        "示范市司法局",
        "不予处理-信访举报投诉类申请",
        "2025-02-05",
    ],
]


def xlsx(tmp_path, rows, name="requests.xlsx"):
    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    for r in rows:
        ws.append(r)
    path = tmp_path / name
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


def test_good_file_imports_every_row(city, tmp_path):
    code, out, _ = run("disclosure", xlsx(tmp_path, GOOD), "--unit", "C001", "--json")
    assert code == 0
    assert json.loads(out) == {"ok": True, "imported": 5}
    cases = {c.received_on.isoformat(): c for c in Case.objects.filter(docket="disclosure")}
    assert cases["2024-11-05"].outcome == "disclosed" and cases["2024-11-05"].state == "replied"
    assert cases["2024-12-20"].state == "received" and cases["2024-12-20"].handling_unit == city["market"]
    assert cases["2025-01-06"].handling_unit == city["justice"]  # blank 受理机关: --unit
    assert cases["2025-01-06"].outcome == "refused.3"  # straight quotes match the table's curly ones
    assert cases["2025-02-03"].outcome == "other.1" and cases["2025-02-03"].state == "closed"  # short form of 三(六)1
    assert cases["2025-02-04"].state == "routed"
    rows = annual_table(period=Period(2025))["rows"]
    assert rows["carried_in"] == [0, 1, 0, 0, 0, 0, 1]
    assert rows["new"] == [0, 0, 1, 0, 1, 1, 3]
    assert rows["carried_out"] == [0, 1, 0, 0, 0, 0, 1]


def test_one_bad_row_saves_nothing_and_names_row_and_field(city, tmp_path):
    bad = [list(r) for r in GOOD]
    bad[2][8] = "不予公开-不知道"  # row 4 of the sheet
    code, out, _ = run("disclosure", xlsx(tmp_path, bad), "--unit", "C001", "--json")
    assert code == 2
    data = json.loads(out)
    assert data["ok"] is False
    assert [(e["row"], e["field"]) for e in data["errors"]] == [(4, "办理结果")]
    assert Case.objects.filter(docket="disclosure").count() == 0


@pytest.mark.parametrize(
    ("col", "value", "message"),
    [
        (0, "2099-01-01", "不能晚于今天"),
        (9, "2024-11-01", "不能早于收到日期"),
        (7, "火星市政府", "未找到单位"),
        (2, "公司", "应为自然人"),
        (9, "", "填写办理结果时必填"),
    ],
)
def test_bad_input_names_the_field(city, tmp_path, col, value, message):
    bad = [list(GOOD[0])]
    bad[0][col] = value
    code, out, _ = run("disclosure", xlsx(tmp_path, bad), "--json")
    assert code == 2
    e = json.loads(out)["errors"][0]  # a future receipt date is also after the reply: both are reported
    assert e["row"] == 2 and e["field"] == COLUMNS[col]
    assert message in e["message"]
    assert Case.objects.count() == 0


def test_dry_run_keeps_nothing_and_text_output(city, tmp_path):
    path = xlsx(tmp_path, GOOD)
    assert run("disclosure", path, "--unit", "C001", "--dry-run", "--json")[:2] == (
        0,
        json.dumps({"ok": True, "imported": 5, "dry_run": True}) + "\n",
    )
    assert Case.objects.count() == 0
    code, out, _ = run("disclosure", path, "--unit", "C001")
    assert (code, out.strip()) == (0, "已导入5件。")


def test_other_dockets_need_a_unit_and_unknown_dockets_are_refused(city, tmp_path):
    path = xlsx(tmp_path, GOOD)
    code, out, _ = run("litigation", path, "--json")
    assert code == 2 and json.loads(out)["errors"][0]["field"] == "--unit"
    code, out, _ = run("nosuch", path, "--json")
    assert code == 2 and "没有导入功能" in json.loads(out)["errors"][0]["message"]
    code, out, _ = run("reconsideration", path, "--unit", "C001", "--json")
    assert code == 2 and json.loads(out)["errors"][0]["row"] == 1  # the header lacks its columns
