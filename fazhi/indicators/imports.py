"""Excel import of 法治能力测试 results (thousands of staff in one workbook): the workbook is read by the kernel's
`read_import_rows` in a forked child under the memory ceiling (`core.bounded.run_bounded`, ADR 0010), every row is
parsed here with every error reported as (row, column, message), then one service creates the sitting and all its
results — or, with any error, nothing. The web page stages the upload and runs this in the worker (tasks.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any

from fazhi.core.bounded import run_bounded
from fazhi.core.errors import DomainError
from fazhi.core.excel import read_import_rows, safe_cell

from .services_records import AbilityRow, ability_test_import

REQUIRED = ("单位", "姓名", "成绩")
OPTIONAL = ("工号",)
COLUMNS = REQUIRED + OPTIONAL
SCORE_MAX = Decimal(1000)  # a sanity bound on a cell, not a rule: tests are out of 100 or 150 in practice


@dataclass
class AbilityImportResult:
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, Chinese message)
    test: Any = None
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(values: dict[str, Any], col: str) -> str:
    v = values.get(col)
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return "" if v is None else str(v).strip()


def _unit_index(by: Any) -> dict[str, Any]:
    """Active units in the importer's data scope by code, full name and short name."""
    from fazhi.orgs.models import Unit
    from fazhi.orgs.scopes import scope_q

    qs = Unit.objects.filter(is_active=True)
    q = scope_q(by, "id")
    if q is not None:
        qs = qs.filter(q)
    index: dict[str, Any] = {}
    for u in qs:
        for key in (u.code, u.name, u.short_name):
            if key:
                index.setdefault(key, u)
    return index


def parse_rows(rows: list[tuple[int, dict[str, Any]]], by: Any) -> tuple[list[AbilityRow], list[tuple[int, str, str]]]:
    units = _unit_index(by)
    parsed: list[AbilityRow] = []
    errors: list[tuple[int, str, str]] = []
    seen: dict[tuple[int, str], int] = {}
    for n, values in rows:
        before = len(errors)
        for col in REQUIRED:
            if not _text(values, col):
                errors.append((n, col, "必填"))
        unit_text = _text(values, "单位")
        unit = units.get(unit_text)
        if unit_text and unit is None:
            errors.append((n, "单位", f"未找到单位“{unit_text}”（填单位编码、全称或简称；须在您的数据范围内）"))
        score = None
        raw = _text(values, "成绩")
        if raw:
            try:
                score = Decimal(raw)
            except InvalidOperation:
                errors.append((n, "成绩", "应为数字"))
            else:
                if not score.is_finite() or score < 0 or score > SCORE_MAX:
                    errors.append((n, "成绩", "应为0至1000之间的数字"))
        person, staff_no = _text(values, "姓名"), _text(values, "工号")
        if unit is not None and person:
            key = (unit.pk, staff_no or person)
            if key in seen:
                errors.append((n, "工号" if staff_no else "姓名", f"与第{seen[key]}行重复"))
            else:
                seen[key] = n
        if len(errors) == before and unit is not None and score is not None:
            parsed.append(AbilityRow(row=n, unit=unit, person=person, staff_no=staff_no, score=score))
    return parsed, errors


def ability_results_import(
    *, file: Any, by: Any, owner: Any, name: str, held_on: dt.date, pass_mark: Decimal | None = None
) -> AbilityImportResult:
    """All rows or none; errors as (row, column, message)."""
    result = AbilityImportResult()
    try:
        rows, read_errors = run_bounded(read_import_rows, file, list(REQUIRED))
    except DomainError as exc:  # the memory ceiling or the time limit
        result.errors.append((0, "文件", exc.message))
        return result
    if read_errors:
        result.errors.extend(read_errors)
        return result
    parsed, errors = parse_rows(rows, by)
    if errors:
        result.errors = errors
        return result
    try:
        result.test = ability_test_import(
            by=by,
            owner=owner,
            name=name,
            held_on=held_on,
            rows=parsed,
            pass_mark=pass_mark,
            source_name=getattr(file, "name", "") or "",
        )
    except DomainError as exc:
        result.errors.append((0, {"name": "测试名称", "held_on": "测试日期"}.get(exc.field or "", "文件"), exc.message))
        return result
    result.rows = len(parsed)
    return result


def import_template() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "法治能力测试成绩"
    ws.append(list(COLUMNS))
    ws.append([safe_cell(v) for v in ("C002", "张三", 86, "A0001")])
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
