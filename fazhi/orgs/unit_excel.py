"""Excel import and export of the unit tree (openpyxl).

An import is all or nothing: every row is checked first and every bad row and field is reported in Chinese
("第5行 统一社会信用代码：校验位错误…"); only a file without errors is written, in one transaction, through the unit
services (one audit event per created or updated unit) plus one summary event. Rows whose values already match the
database are left alone, so re-importing an export changes nothing.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.core.excel import safe_cell
from fazhi.core.uploads import check_upload
from fazhi.core.validators import validate_credit_code, validate_division_code

from .errors import OrgsErrorCode
from .events import OrgsEvent
from .models import Unit, UnitAlias, UnitKind, UnitLevel
from .selectors import normalize_unit_name
from .services import unit_create, unit_update

HEADERS = [
    "单位编码",
    "单位全称",
    "简称",
    "别名(顿号分隔)",
    "上级单位编码",
    "单位类型",
    "层级",
    "统一社会信用代码",
    "行政区划代码",
    "行政执法部门(是/否)",
    "排序",
]
REQUIRED = {"单位编码", "单位全称", "单位类型", "层级"}
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

KIND_BY_LABEL = {label: value for value, label in UnitKind.choices}
LEVEL_BY_LABEL = {label: value for value, label in UnitLevel.choices}
YES, NO = {"是", "Y", "YES", "TRUE", "1"}, {"否", "N", "NO", "FALSE", "0", ""}


class UnitImportError(DomainError):
    """The file has invalid rows; `errors` lists each as '第N行 列名：说明'. Nothing was saved."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(OrgsErrorCode.IMPORT_INVALID, f"导入失败：{len(errors)}处错误，未保存任何数据。", field="file")
        self.errors = errors


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


@dataclass
class _Row:
    line: int
    code: str
    parent_code: str
    aliases: list[str]
    fields: dict[str, Any]


# ---------------------------------------------------------------------------------------------------- template / export


def _sheet_header(ws: Any) -> None:
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col, width in zip("ABCDEFGHIJK", (14, 32, 18, 28, 14, 18, 14, 22, 14, 18, 8), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"


def _add_choices(ws: Any) -> None:
    kinds = DataValidation(type="list", formula1='"' + ",".join(KIND_BY_LABEL) + '"', allow_blank=False)
    levels = DataValidation(type="list", formula1='"' + ",".join(LEVEL_BY_LABEL) + '"', allow_blank=False)
    yes_no = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    for dv, col in ((kinds, "F"), (levels, "G"), (yes_no, "J")):
        ws.add_data_validation(dv)
        dv.add(f"{col}2:{col}{MAX_ROWS + 1}")


def _save(wb: Workbook) -> bytes:
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def units_template() -> bytes:
    """An empty workbook with the Chinese header row, drop-down lists and a sheet explaining each column."""
    wb = Workbook()
    ws = wb.active
    ws.title = "单位"
    _sheet_header(ws)
    _add_choices(ws)
    help_ws = wb.create_sheet("填写说明")
    help_ws.append(["列名", "说明"])
    notes = [
        ("单位编码", "必填，唯一；已存在的编码将更新该单位，新编码将新建单位"),
        ("单位全称", "必填，唯一，如：示范市发展和改革委员会"),
        ("简称", "选填，如：市发展改革委"),
        ("别名(顿号分隔)", "选填，文件中常见的其他写法，如：市发改委、发改委"),
        ("上级单位编码", "选填；须为系统中已有单位的编码，或本文件中位于其上方的行的编码"),
        ("单位类型", "必填：" + "、".join(KIND_BY_LABEL)),
        ("层级", "必填：" + "、".join(LEVEL_BY_LABEL)),
        ("统一社会信用代码", "选填，18位，按 GB 32100-2015 校验"),
        ("行政区划代码", "选填，6位、9位或12位数字（GB/T 2260）"),
        ("行政执法部门(是/否)", "选填，默认“否”"),
        ("排序", "选填，整数，越小越靠前"),
        ("注意", "任何一行有错误时整个文件都不会导入，请按提示修改后重新上传"),
    ]
    for row in notes:
        help_ws.append(list(row))
    help_ws.column_dimensions["A"].width = 22
    help_ws.column_dimensions["B"].width = 80
    return _save(wb)


def _yes_no(value: bool) -> str:
    return "是" if value else "否"


@transaction.atomic
def units_export(*, by: Any, units: Any) -> bytes:
    """The given units (already scoped by the caller's policy) in tree order, in the template's layout; audited."""
    wb = Workbook()
    ws = wb.active
    ws.title = "单位"
    _sheet_header(ws)
    n = 0
    for u in units.select_related("parent").prefetch_related("aliases").order_by("path"):
        ws.append(
            [
                safe_cell(v)
                for v in (
                    u.code,
                    u.name,
                    u.short_name,
                    "、".join(sorted(a.name for a in u.aliases.all())),
                    u.parent.code if u.parent else "",
                    u.get_kind_display(),
                    u.get_level_display(),
                    u.credit_code,
                    u.division_code,
                    _yes_no(u.is_enforcement_agency),
                    u.sort_order,
                )
            ]
        )
        n += 1
    _add_choices(ws)
    record_event(actor=by, action=OrgsEvent.UNITS_EXPORTED, summary={"rows": n})
    return _save(wb)


# ---------------------------------------------------------------------------------------------------------- import


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_rows(file: UploadedFile) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    try:
        check_upload(file, allowed=(".xlsx",), max_bytes=MAX_BYTES)
    except ValidationError as exc:
        raise UnitImportError([" ".join(exc.messages)]) from exc
    try:
        wb = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise UnitImportError(["Excel文件已损坏或格式不正确，无法读取。请使用下载的模板重新填写。"]) from exc
    try:
        ws = wb["单位"] if "单位" in wb.sheetnames else wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = [_text(v) for v in next(rows, ())]
        body: list[tuple[int, list[Any]]] = []
        for line, values in enumerate(rows, start=2):
            values = list(values)
            if all(_text(v) == "" for v in values):
                continue
            if len(body) >= MAX_ROWS:
                raise UnitImportError([f"行数超过上限{MAX_ROWS}行，请分批导入。"])
            body.append((line, values))
    except UnitImportError:
        raise
    except Exception as exc:  # noqa: BLE001 (any parse failure of a crafted file is "malformed Excel")
        raise UnitImportError(["Excel文件已损坏或格式不正确，无法读取。请使用下载的模板重新填写。"]) from exc
    finally:
        wb.close()
    return header, body


def _parse(header: list[str], body: list[tuple[int, list[Any]]]) -> tuple[list[_Row], list[str]]:
    errors: list[str] = []
    index = {name: i for i, name in enumerate(header) if name}
    missing = [h for h in HEADERS if h not in index and h in REQUIRED]
    if missing:
        return [], [f"第1行 表头：缺少列“{'”“'.join(missing)}”，请使用下载的模板。"]
    if not body:
        return [], ["文件中没有数据行。"]

    def cell(values: list[Any], name: str) -> str:
        i = index.get(name)
        return _text(values[i]) if i is not None and i < len(values) else ""

    rows: list[_Row] = []
    for line, values in body:

        def err(col: str, msg: str, line: int = line) -> None:
            errors.append(f"第{line}行 {col}：{msg}")

        code = cell(values, "单位编码")
        name = normalize_unit_name(cell(values, "单位全称"))
        short_name = normalize_unit_name(cell(values, "简称"))
        if not code:
            err("单位编码", "必填")
        elif len(code) > 32:
            err("单位编码", "不能超过32个字符")
        if not name:
            err("单位全称", "必填")
        elif len(name) > 200:
            err("单位全称", "不能超过200个字符")
        if len(short_name) > 100:
            err("简称", "不能超过100个字符")
        kind_label = cell(values, "单位类型")
        kind = KIND_BY_LABEL.get(kind_label) or (kind_label if kind_label in UnitKind.values else "")
        if not kind:
            err("单位类型", f"“{kind_label}”不是有效类型，应为：{'、'.join(KIND_BY_LABEL)}" if kind_label else "必填")
        level_label = cell(values, "层级")
        level = LEVEL_BY_LABEL.get(level_label) or (level_label if level_label in UnitLevel.values else "")
        if not level:
            err("层级", f"“{level_label}”不是有效层级，应为：{'、'.join(LEVEL_BY_LABEL)}" if level_label else "必填")
        credit_code = cell(values, "统一社会信用代码")
        if credit_code:
            try:
                credit_code = validate_credit_code(credit_code)
            except ValidationError as exc:
                err("统一社会信用代码", exc.messages[0].removeprefix("统一社会信用代码"))
        division_code = cell(values, "行政区划代码")
        if division_code:
            try:
                division_code = validate_division_code(division_code)
            except ValidationError as exc:
                err("行政区划代码", exc.messages[0].removeprefix("行政区划代码"))
        flag = cell(values, "行政执法部门(是/否)").upper()
        if flag not in YES | NO:
            err("行政执法部门(是/否)", f"“{flag}”应填“是”或“否”")
        sort_text = cell(values, "排序")
        try:
            sort_order = int(sort_text) if sort_text else 0
        except ValueError:
            err("排序", f"“{sort_text}”不是整数")
            sort_order = 0
        aliases = [
            normalize_unit_name(a)
            for a in cell(values, "别名(顿号分隔)").replace(",", "、").replace("，", "、").split("、")
        ]
        aliases = sorted({a for a in aliases if a} - {name, short_name})
        for a in aliases:
            if len(a) > 200:
                err("别名(顿号分隔)", f"“{a[:20]}…”超过200个字符")
        rows.append(
            _Row(
                line,
                code,
                cell(values, "上级单位编码"),
                aliases,
                {
                    "code": code,
                    "name": name,
                    "short_name": short_name,
                    "kind": kind,
                    "level": level,
                    "credit_code": credit_code,
                    "division_code": division_code,
                    "is_enforcement_agency": flag in YES - {""},
                    "sort_order": sort_order,
                },
            )
        )
    return rows, errors


def _check_consistency(rows: list[_Row]) -> list[str]:
    """Duplicates inside the file and against other units, parents that exist or come earlier, no cycles."""
    errors: list[str] = []
    existing = {u.code: u for u in Unit.objects.select_related("parent")}
    by_name = {u.name: u.code for u in existing.values()}
    by_credit = {u.credit_code: u.code for u in existing.values() if u.credit_code}
    alias_owner = {a.name: a.unit.code for a in UnitAlias.objects.select_related("unit")}
    seen_code: dict[str, int] = {}
    seen_name: dict[str, tuple[int, str]] = {}
    seen_credit: dict[str, int] = {}
    seen_alias: dict[str, tuple[int, str]] = {}
    parent_of = {code: (u.parent.code if u.parent else "") for code, u in existing.items()}
    for r in rows:
        f = r.fields
        if r.code:
            if r.code in seen_code:
                errors.append(f"第{r.line}行 单位编码：“{r.code}”与第{seen_code[r.code]}行重复")
            seen_code.setdefault(r.code, r.line)
        if f["name"]:
            if f["name"] in seen_name and seen_name[f["name"]][1] != r.code:
                errors.append(f"第{r.line}行 单位全称：“{f['name']}”与第{seen_name[f['name']][0]}行重复")
            elif by_name.get(f["name"], r.code) != r.code:
                errors.append(f"第{r.line}行 单位全称：“{f['name']}”已被编码为{by_name[f['name']]}的单位使用")
            elif alias_owner.get(f["name"], r.code) != r.code:
                errors.append(f"第{r.line}行 单位全称：“{f['name']}”已是编码为{alias_owner[f['name']]}的单位的别名")
            seen_name.setdefault(f["name"], (r.line, r.code))
        if f["credit_code"]:
            if f["credit_code"] in seen_credit:
                errors.append(f"第{r.line}行 统一社会信用代码：与第{seen_credit[f['credit_code']]}行重复")
            elif by_credit.get(f["credit_code"], r.code) != r.code:
                errors.append(f"第{r.line}行 统一社会信用代码：已被编码为{by_credit[f['credit_code']]}的单位使用")
            seen_credit.setdefault(f["credit_code"], r.line)
        for a in r.aliases:
            if a in seen_alias and seen_alias[a][1] != r.code:
                errors.append(f"第{r.line}行 别名(顿号分隔)：“{a}”与第{seen_alias[a][0]}行重复")
            elif alias_owner.get(a, r.code) != r.code:
                errors.append(f"第{r.line}行 别名(顿号分隔)：“{a}”已属于编码为{alias_owner[a]}的单位")
            elif by_name.get(a, r.code) != r.code:
                errors.append(f"第{r.line}行 别名(顿号分隔)：“{a}”是编码为{by_name[a]}的单位的全称")
            seen_alias.setdefault(a, (r.line, r.code))
        for a in r.aliases:
            if a in seen_name and seen_name[a][1] != r.code:
                errors.append(f"第{r.line}行 别名(顿号分隔)：“{a}”是第{seen_name[a][0]}行单位的全称")
        if r.parent_code:
            if r.parent_code == r.code:
                errors.append(f"第{r.line}行 上级单位编码：不能是本单位")
            elif r.parent_code not in existing and (
                r.parent_code not in seen_code or seen_code[r.parent_code] == r.line
            ):
                errors.append(
                    f"第{r.line}行 上级单位编码：“{r.parent_code}”不存在（须为已有单位或本文件中位于上方的单位）"
                )
        if r.code:
            parent_of[r.code] = r.parent_code
    for r in rows:  # a cycle (A under B, B under A) can only appear once every row is known
        if not r.code or not r.parent_code or r.parent_code == r.code:
            continue
        node, hops = r.parent_code, 0
        while node and hops <= len(parent_of):
            if node == r.code:
                errors.append(f"第{r.line}行 上级单位编码：“{r.parent_code}”是本单位的下级，不能形成循环")
                break
            node, hops = parent_of.get(node, ""), hops + 1
    return errors


def _changed(unit: Unit, r: _Row, parent: Unit | None) -> bool:
    current_aliases = sorted(unit.aliases.values_list("name", flat=True))
    return (
        any(getattr(unit, k) != v for k, v in r.fields.items())
        or unit.parent_id != getattr(parent, "pk", None)
        or current_aliases != r.aliases
    )


@transaction.atomic
def units_import(*, by: Any, file: UploadedFile) -> ImportResult:
    """Create or update units from the template. Raises UnitImportError (nothing saved) on any invalid row."""
    header, body = _read_rows(file)
    rows, errors = _parse(header, body)
    if not errors:
        errors = _check_consistency(rows)
    if errors:
        raise UnitImportError(errors)
    result = ImportResult()
    placed: dict[str, Unit] = {}
    for r in rows:
        parent = placed.get(r.parent_code) or Unit.objects.filter(code=r.parent_code).first() if r.parent_code else None
        unit = Unit.objects.select_for_update().filter(code=r.code).first()
        try:
            if unit is None:
                unit = unit_create(by=by, parent=parent, aliases=r.aliases, **r.fields)
                result.created.append(unit.name)
            elif _changed(unit, r, parent):
                unit = unit_update(
                    by=by, unit=unit, expected_version=unit.version, parent=parent, aliases=r.aliases, **r.fields
                )
                result.updated.append(unit.name)
            else:
                result.unchanged += 1
        except DomainError as exc:  # a clash the checks above did not foresee: report it, the transaction rolls back
            raise UnitImportError([f"第{r.line}行：{exc.message}"]) from exc
        except ValidationError as exc:
            raise UnitImportError([f"第{r.line}行：{'；'.join(exc.messages)}"]) from exc
        placed[r.code] = unit
    record_event(
        actor=by,
        action=OrgsEvent.UNITS_IMPORTED,
        summary={
            "file": (file.name or "")[:200],
            "created": len(result.created),
            "updated": len(result.updated),
            "unchanged": result.unchanged,
        },
    )
    return result
