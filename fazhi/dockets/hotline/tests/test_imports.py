"""`fazhi cases import hotline FILE.xlsx --unit CODE` (issue #18): the contract columns, all or nothing with the row
and column named, and one record per source and 工单编号 — an order the API already received is not doubled."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from fazhi.cases.models import Case
from fazhi.dockets.hotline.imports import COLUMNS

pytestmark = pytest.mark.django_db

GOOD = [
    ["GD001", "12345", "2025-03-03", "投诉", "供暖供热", "小区暖气不热", "东城区某小区", "东城区", "一般", "张三",
     "13812345678"],
    ["GD002", "", "2025-03-04", "咨询", "labour", "欠薪如何维权", "", "", "紧急", "", ""],
    ["GD003", "市长信箱", "2025-03-05", "建议", "交通出行", "增设公交站", "", "西城区", "", "李四", ""],
]  # fmt: skip


def xlsx(tmp_path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    for r in rows:
        ws.append(r)
    path = tmp_path / "hotline.xlsx"
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


def test_good_file_receives_every_order_at_the_centre(city, tmp_path):
    code, out, _ = run("hotline", xlsx(tmp_path, GOOD), "--unit", city["gov"].code, "--json")
    assert (code, json.loads(out)) == (0, {"ok": True, "imported": 3})
    orders = {c.extra["source_id"]: c for c in Case.objects.filter(docket="hotline")}
    first, second, third = orders["GD001"], orders["GD002"], orders["GD003"]
    assert (first.handling_unit, first.state, first.received_on.isoformat()) == (city["gov"], "pending", "2025-03-03")
    assert (first.extra["type"], first.extra["category"], first.extra["area"]) == ("complaint", "heating", "东城区")
    assert first.parties.get().role == "applicant"
    assert (second.extra["source"], second.extra["category"], second.extra["urgency"]) == ("12345", "labour", "urgent")
    assert second.parties.count() == 0
    assert (third.extra["source"], third.extra["type"]) == ("市长信箱", "suggestion")
    # the same file again (or orders the API pushed before): nothing doubled
    assert run("hotline", xlsx(tmp_path, GOOD), "--unit", city["gov"].code, "--json")[0] == 0
    assert Case.objects.filter(docket="hotline").count() == 3


@pytest.mark.parametrize(
    ("col", "value", "message"),
    [
        (0, "", "必填"),
        (2, "2099-01-01", "不能晚于今天"),
        (3, "抱怨", "应为咨询"),
        (4, "天气", "未知的诉求分类“天气”"),
        (5, "", "必填"),
        (8, "特急", "应为一般或紧急"),
        (10, "123", "电话"),
    ],
)
def test_one_bad_field_saves_nothing_and_names_row_and_column(city, tmp_path, col, value, message):
    bad = [list(r) for r in GOOD]
    bad[0][col] = value
    code, out, _ = run("hotline", xlsx(tmp_path, bad), "--unit", city["gov"].code, "--json")
    assert code == 2
    errors = json.loads(out)["errors"]
    assert (errors[0]["row"], errors[0]["field"]) == (2, COLUMNS[col])
    assert message in errors[0]["message"]
    assert Case.objects.filter(docket="hotline").count() == 0


def test_a_repeated_order_in_the_file_is_named(city, tmp_path):
    rows = [GOOD[0], GOOD[1], GOOD[0]]
    code, out, _ = run("hotline", xlsx(tmp_path, rows), "--unit", city["gov"].code, "--json")
    assert code == 2
    assert json.loads(out)["errors"][0] == {"row": 4, "field": "工单编号", "message": "与第2行重复"}
    assert Case.objects.filter(docket="hotline").count() == 0


def test_without_a_centre_the_command_asks_for_one(city, tmp_path):
    code, out, _ = run("hotline", xlsx(tmp_path, GOOD), "--json")
    assert code == 2 and json.loads(out)["errors"][0]["field"] == "--unit"


def test_the_import_page_is_the_centres(login_client, persona, city):
    centre = login_client(persona("hotline_centre", "gov"))
    page = centre.get("/hotline/import/")
    assert page.status_code == 200 and "工单编号、来源系统、受理日期" in page.content.decode()
    template = centre.get("/hotline/import/?template=1")
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    assert login_client(persona("hotline_handler", "market")).get("/hotline/import/").status_code == 404
