"""Excel import of past 行政应诉 cases: all or nothing, every bad row and field reported in Chinese."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from fazhi.cases.models import Case
from fazhi.dockets.litigation.imports import COLUMNS, import_template_bytes, litigation_import

pytestmark = pytest.mark.django_db
GOOD = [
    "示应诉〔2025〕7号",
    "示范市东城区人民法院",
    "（2025）示0101行初12号",
    "一审",
    "2025-03-03",
    "不服行政处罚决定",
    "自然人",
    "张三",
    "11010519491231002X",
    "13812345678",
    "示范市市场监督管理局",
    "否",
    "",
    "2025-03-14",
    "2025-04-10",
    "是",
    "李四",
    "副职负责人",
    "",
    "",
    "已结案",
    "2025-05-20",
    "判决撤销",
]


def _row(**changes):
    row = list(GOOD)
    for col, value in changes.items():
        row[COLUMNS.index(col)] = value
    return row


def _xlsx(*rows):
    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("cases.xlsx", out.getvalue())


def test_the_template_has_every_column_and_a_valid_sample(city, handler):
    ws = load_workbook(io.BytesIO(import_template_bytes())).worksheets[0]
    assert [c.value for c in ws[1]] == COLUMNS
    sample = [c.value for c in ws[2]]
    result = litigation_import(file=_xlsx(sample), by=handler, handling_unit=city["justice"])
    assert result.ok, result.errors


def test_valid_rows_are_imported_with_their_numbers_hearings_and_outcomes(city, handler):
    second = _row(
        案号="",
        法院案号="（2025）示0101行初13号",
        办理状态="审理中",
        结案日期="",
        裁判结果="",
        负责人是否出庭="否",
        出庭负责人="",
        出庭负责人职务="",
        负责人未出庭理由="公务冲突",
        实际出庭人员="法制科科长",
    )
    result = litigation_import(file=_xlsx(GOOD, second), by=handler, handling_unit=city["justice"])
    assert result.ok, result.errors
    rows = sorted(Case.objects.values_list("case_number", "state", "outcome"))
    assert rows == [("示应诉〔2025〕7号", "closed", "revoke"), ("示应诉〔2025〕8号", "defended", "")]
    first = Case.objects.get(case_number="示应诉〔2025〕7号")
    assert first.respondent_unit == city["market"]
    assert first.extra["hearings"][0]["appearance"]["qualifying"] is True
    assert first.extra["defence_submitted_on"] == "2025-03-14"


def test_any_bad_row_saves_nothing_and_each_error_names_row_and_field(city, handler):
    bad = _row(
        法院案号="（2025）示0101行初14号",
        身份证号码或统一社会信用代码="110105194912310021",
        审级="三审",
        收到起诉状副本日期="2999-01-01",
    )
    no_reason = _row(
        法院案号="（2025）示0101行初15号",
        案号="",
        负责人是否出庭="否",
        出庭负责人="",
        出庭负责人职务="",
        实际出庭人员="律师王某",
    )
    not_closed = _row(法院案号="（2025）示0101行初16号", 案号="", 办理状态="已结案", 裁判结果="", 结案日期="")
    dup = _row(案号="")
    result = litigation_import(
        file=_xlsx(GOOD, bad, no_reason, not_closed, dup), by=handler, handling_unit=city["justice"]
    )
    assert not result.ok
    errors = {(r, c) for r, c, _ in result.errors}
    assert {
        (3, "身份证号码或统一社会信用代码"),
        (3, "审级"),
        (3, "收到起诉状副本日期"),
        (4, "负责人未出庭理由"),
        (5, "结案日期"),
        (5, "裁判结果"),
        (6, "法院案号"),
    } <= errors
    assert all(msg for _, _, msg in result.errors)
    assert Case.objects.count() == 0


def test_a_file_that_is_not_excel_is_refused_in_chinese(city, handler):
    result = litigation_import(
        file=SimpleUploadedFile("x.xlsx", b"not a zip"), by=handler, handling_unit=city["justice"]
    )
    assert result.errors and result.errors[0][0:2] == (0, "文件")
