"""Excel import: every bad row and field reported in Chinese; any bad row saves nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from fazhi.cases.models import Case
from fazhi.dockets.reconsideration.imports import COLUMNS, reconsideration_import

pytestmark = pytest.mark.django_db
GOOD = [
    "示政复〔2025〕7号",
    "2025-03-03",
    "当面",
    "自然人",
    "张三",
    "11010519491231002X",
    "13812345678",
    "示范市市场监督管理局",
    "行政处罚决定",
    "撤销",
    "已决定",
    "2025-03-05",
    "2025-04-28",
    "撤销",
]


def _xlsx(*rows):
    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("cases.xlsx", out.getvalue())


def test_valid_rows_are_imported_with_their_numbers(city, handler):
    second = [""] + GOOD[1:10] + ["审理中", "2025-03-05", "", ""]
    result = reconsideration_import(file=_xlsx(GOOD, second), by=handler, handling_unit=city["justice"])
    assert result.ok, result.errors
    numbers = sorted(Case.objects.values_list("case_number", "state", "outcome"))
    assert numbers == [("示政复〔2025〕7号", "decided", "revoke"), ("示政复〔2025〕8号", "accepted", "")]
    assert Case.objects.get(case_number="示政复〔2025〕7号").respondent_unit == city["market"]


def test_any_bad_row_saves_nothing_and_each_error_names_row_and_field(city, handler):
    bad_id = GOOD[:5] + ["110105194912310021"] + GOOD[6:]
    bad_id[0] = ""
    future = [""] + ["2999-01-01"] + GOOD[2:10] + ["已决定", "", "", ""]
    result = reconsideration_import(file=_xlsx(GOOD, bad_id, future), by=handler, handling_unit=city["justice"])
    assert not result.ok
    assert (3, "身份证号码或统一社会信用代码") in [(r, c) for r, c, _ in result.errors]
    cols_row4 = {c for r, c, _ in result.errors if r == 4}
    assert {"收到日期", "结案日期", "决定结果"} <= cols_row4
    assert all("\u4e00" <= m[0] <= "\u9fff" or m[0] in "“日" for _, _, m in result.errors)
    assert Case.objects.count() == 0


def test_a_text_over_the_forms_limit_is_refused_naming_row_and_column(city, handler):
    long = GOOD[:8] + ["罚" * 301, "撤" * 1001] + GOOD[10:]
    result = reconsideration_import(file=_xlsx(long), by=handler, handling_unit=city["justice"])
    assert result.errors == [
        (2, "被申请复议的行政行为", "不能超过300字（现有301字）"),
        (2, "行政复议请求", "不能超过1000字（现有1001字）"),
    ]
    assert Case.objects.count() == 0


def test_a_file_that_is_not_xlsx_is_refused(city, handler):
    result = reconsideration_import(
        file=SimpleUploadedFile("x.xlsx", b"not a zip"), by=handler, handling_unit=city["justice"]
    )
    assert result.errors[0][1] == "文件"
    assert "文件内容与扩展名不符" in result.errors[0][2]
