"""Reading and checking an uploaded workbook: every bad row and field is collected, in Chinese, before anything is
saved."""

from __future__ import annotations

import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from fazhi.core.uploads import check_upload
from fazhi.core.validators import validate_credit_code, validate_division_code

from ..models import Unit, UnitAlias, UnitKind, UnitLevel
from ..selectors import normalize_unit_name
from ._common import HEADERS, KIND_BY_LABEL, LEVEL_BY_LABEL, MAX_ROWS, NO, REQUIRED, YES, UnitImportError, _Row

MAX_BYTES = 5 * 1024 * 1024


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
