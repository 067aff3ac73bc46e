"""Excel import / export of the unit tree: all or nothing, every bad row and field reported in Chinese."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from fazhi.audit.models import AuditEvent
from fazhi.orgs.demo import demo_credit_code
from fazhi.orgs.models import Unit, UnitAlias
from fazhi.orgs.unit_excel import HEADERS, UnitImportError, units_export, units_import, units_template

GOOD_CREDIT = demo_credit_code(1, "370400", "government")
OTHER_CREDIT = demo_credit_code(2, "370400", "department")


def _xlsx(rows: list[list[object]], header: list[str] = HEADERS, name: str = "units.xlsx") -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = "单位"
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue())


CITY_ROWS = [
    ["S000", "示范市人民政府", "市政府", "示范市政府", "", "人民政府", "市级", GOOD_CREDIT, "370400", "否", 1],
    [
        "S001",
        "示范市发展和改革委员会",
        "市发展改革委",
        "市发改委、发改委",
        "S000",
        "政府工作部门",
        "市级",
        OTHER_CREDIT,
        "370400",
        "是",
        2,
    ],
    ["S100", "示范市东城区人民政府", "东城区人民政府", "", "S000", "人民政府", "县（区）级", "", "370402", "否", 3],
    ["S101", "示范市东城区司法局", "东城区司法局", "", "S100", "政府工作部门", "县（区）级", "", "370402", "是", 4],
]


def test_a_valid_import_creates_the_tree_with_paths(db):
    # when a file of four units, parents before children, is imported
    result = units_import(by="test", file=_xlsx(CITY_ROWS))
    # then all four exist, each path extends its parent's
    assert len(result.created) == 4
    gov, ndrc, district, justice = (Unit.objects.get(code=c) for c in ("S000", "S001", "S100", "S101"))
    assert gov.path == f"{gov.pk:06d}/"
    assert ndrc.path == f"{gov.path}{ndrc.pk:06d}/"
    assert justice.path == f"{gov.path}{district.pk:06d}/{justice.pk:06d}/"
    assert ndrc.kind == "department"
    assert ndrc.is_enforcement_agency is True
    assert sorted(ndrc.aliases.values_list("name", flat=True)) == ["发改委", "市发改委"]
    assert district.level == "county"
    # and the import is audited: one event per unit plus a summary
    assert AuditEvent.objects.filter(action="unit.created").count() == 4
    summary = AuditEvent.objects.get(action="unit.imported")
    assert summary.summary["created"] == 4


def test_an_import_with_one_bad_row_saves_nothing_and_reports_the_row_and_field(db):
    # given a file whose third data row (Excel row 4) has a credit code with a wrong check character
    rows = [list(r) for r in CITY_ROWS]
    bad = GOOD_CREDIT[:-1] + ("0" if GOOD_CREDIT[-1] != "0" else "1")
    rows[2][7] = bad
    # when it is imported
    with pytest.raises(UnitImportError) as exc:
        units_import(by="test", file=_xlsx(rows))
    # then nothing is saved, not even the valid rows, and the row and field are named in Chinese
    assert Unit.objects.count() == 0
    assert UnitAlias.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="unit.").exists()
    assert exc.value.errors == ["第4行 统一社会信用代码：校验位错误，请核对。"]


def test_every_bad_row_and_field_is_reported(db):
    rows = [
        ["S000", "示范市人民政府", "", "", "", "人民政府", "市级", "", "3704", "否", 1],
        ["S001", "示范市司法局", "", "", "S999", "局", "市级", "", "", "也许", "第一"],
        ["S001", "示范市人民政府", "", "", "", "政府工作部门", "省部级", "", "", "", ""],
        ["", "", "", "", "", "", "", "", "", "", ""],  # an empty row is skipped, not reported
        ["S003", "示范市财政局", "", "", "S004", "政府工作部门", "市级", "", "", "否", 3],
        ["S004", "示范市审计局", "", "", "", "政府工作部门", "市级", "", "", "否", 4],
    ]
    with pytest.raises(UnitImportError) as exc:
        units_import(by="test", file=_xlsx(rows))
    assert exc.value.errors == [
        "第2行 行政区划代码：应为6位、9位或12位数字。",
        "第3行 单位类型：“局”不是有效类型，应为：人民政府、政府工作部门、党委及其工作机关、人大、政协、法院、检察院、事业单位、村（居）委会、其他",
        "第3行 行政执法部门(是/否)：“也许”应填“是”或“否”",
        "第3行 排序：“第一”不是整数",
        "第4行 层级：“省部级”不是有效层级，应为：省级、市级、县（区）级、乡镇（街道）级、村（居）级",
    ]
    # a second pass (once the cells are valid) checks codes, names and parents across rows
    rows[0][8], rows[1][5], rows[1][9], rows[1][10], rows[2][6] = "370400", "政府工作部门", "否", 2, "市级"
    with pytest.raises(UnitImportError) as exc:
        units_import(by="test", file=_xlsx(rows))
    assert exc.value.errors == [
        "第3行 上级单位编码：“S999”不存在（须为已有单位或本文件中位于上方的单位）",
        "第4行 单位编码：“S001”与第3行重复",
        "第4行 单位全称：“示范市人民政府”与第2行重复",
        "第6行 上级单位编码：“S004”不存在（须为已有单位或本文件中位于上方的单位）",
    ]
    assert Unit.objects.count() == 0


def test_a_name_used_by_another_unit_is_refused(city):
    rows = [["X001", "示范市司法局", "", "", "", "政府工作部门", "市级", "", "", "否", 1]]
    with pytest.raises(UnitImportError) as exc:
        units_import(by="test", file=_xlsx(rows))
    assert exc.value.errors == ["第2行 单位全称：“示范市司法局”已被编码为C001的单位使用"]


def test_a_missing_required_column_is_reported(db):
    with pytest.raises(UnitImportError) as exc:
        units_import(by="test", file=_xlsx([["S000", "示范市人民政府"]], header=["单位编码", "单位全称"]))
    assert exc.value.errors == ["第1行 表头：缺少列“单位类型”“层级”，请使用下载的模板。"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("units.xlsx", b"PK\x03\x04 this is not really a zip", "文件内容与扩展名不符：该文件不是有效的.xlsx文件。"),
        ("units.xlsx", b"%PDF-1.7 a pdf renamed", "文件内容与扩展名不符：该文件不是有效的.xlsx文件。"),
        ("units.csv", b"code,name\n", "不支持的文件类型“.csv”，允许：.xlsx。"),
        ("units.xlsx", b"", "文件为空。"),
    ],
)
def test_a_file_that_is_not_a_real_xlsx_gets_a_clear_message(db, name, content, message):
    with pytest.raises(UnitImportError) as exc:
        units_import(by="test", file=SimpleUploadedFile(name, content))
    assert exc.value.errors == [message]
    assert Unit.objects.count() == 0


def test_an_oversized_file_is_refused_before_it_is_read(db, monkeypatch):
    monkeypatch.setattr("fazhi.orgs.unit_excel.validation.MAX_BYTES", 100)
    with pytest.raises(UnitImportError) as exc:
        units_import(by="test", file=_xlsx(CITY_ROWS))
    assert exc.value.errors[0].startswith("文件过大")


def test_export_then_import_round_trips_without_changes(db):
    # given a tree imported from a file
    units_import(by="test", file=_xlsx(CITY_ROWS))
    before = list(Unit.objects.order_by("code").values())
    # when it is exported and the export imported again
    content = units_export(by="test", units=Unit.objects.all())
    result = units_import(by="test", file=SimpleUploadedFile("export.xlsx", content))
    # then the file held every unit in tree order and nothing changed
    ws = load_workbook(BytesIO(content))["单位"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert [r[0] for r in rows[1:]] == ["S000", "S001", "S100", "S101"]
    assert rows[2][3] == "发改委、市发改委"
    assert rows[2][5] == "政府工作部门"
    assert (result.created, result.updated, result.unchanged) == ([], [], 4)
    assert list(Unit.objects.order_by("code").values()) == before
    assert AuditEvent.objects.filter(action="unit.exported").count() == 1


def test_an_import_updates_existing_units_by_code(db):
    units_import(by="test", file=_xlsx(CITY_ROWS))
    rows = [list(r) for r in CITY_ROWS]
    rows[3][2] = "东城司法局"
    rows[3][4] = "S000"  # moved directly under the city government
    result = units_import(by="test", file=_xlsx(rows))
    assert result.updated == ["示范市东城区司法局"]
    justice, gov = Unit.objects.get(code="S101"), Unit.objects.get(code="S000")
    assert justice.short_name == "东城司法局"
    assert justice.path == f"{gov.path}{justice.pk:06d}/"


def test_the_template_has_the_chinese_header_row(db):
    ws = load_workbook(BytesIO(units_template()))["单位"]
    assert [c.value for c in ws[1]] == HEADERS
