"""Excel import of 12345 work orders (`fazhi cases import hotline FILE.xlsx` and the web import; the columns and their
order are a contract): for a centre whose platform exports work orders rather than pushing them (the REST intake,
api.py). Each row is an order as received — the centre then dispatches it here; one record per source and 工单编号,
so an order already received (by the API or an earlier import) is skipped, never doubled. The kernel's loop
(`cases.imports.import_run`): every bad row and field reported in Chinese, rows numbered as the spreadsheet numbers
them, any error saves nothing."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from fazhi.cases.imports import ImportResult, import_date, import_run, import_text
from fazhi.cases.models import Case, PartyRole
from fazhi.cases.services import PartyInput, party_validate, today_local
from fazhi.core.errors import DomainError

from .codes import TYPES, categories
from .services import hotline_register

COLUMNS = [
    "工单编号",
    "来源系统",
    "受理日期",
    "诉求类型",
    "诉求分类",
    "诉求内容",
    "诉求地点",
    "所属区域",
    "紧急程度",
    "诉求人",
    "联系电话",
]
TYPE_BY_LABEL = {label: code for code, label in TYPES}
URGENCY_BY_LABEL = {"": "normal", "一般": "normal", "紧急": "urgent"}


def import_template_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "12345热线工单"
    ws.append(COLUMNS)
    first = categories()[0][1] if categories() else ""
    ws.append(["GD20250303001", "12345", "2025-03-03", "投诉", first, "小区暖气不热", "东城区某小区", "东城区", "一般",
               "张三", "13812345678"])  # fmt: skip
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _parse_row(values: dict[str, Any], errors: list[tuple[int, str, str]], n: int) -> dict[str, Any] | None:
    before = len(errors)

    def err(col: str, msg: str) -> None:
        errors.append((n, col, msg))

    source_id = import_text(values, "工单编号")
    if not source_id:
        err("工单编号", "必填")
    received = None
    try:
        received = import_date(values.get("受理日期"))
        if received is None:
            err("受理日期", "必填")
        elif received > today_local():
            err("受理日期", f"受理日期{received.isoformat()}不能晚于今天")
    except ValueError:
        err("受理日期", "应为日期（YYYY-MM-DD）")
    kind = TYPE_BY_LABEL.get(import_text(values, "诉求类型"))
    if kind is None:
        err("诉求类型", f"应为{'、'.join(TYPE_BY_LABEL)}之一")
    by_label = {label: code for code, label in categories()}
    category_text = import_text(values, "诉求分类")
    category = by_label.get(category_text) or (category_text if category_text in dict(categories()) else None)
    if not category_text:
        err("诉求分类", "必填")
    elif category is None:
        err("诉求分类", f"未知的诉求分类“{category_text}”")
    content = import_text(values, "诉求内容")
    if not content:
        err("诉求内容", "必填")
    urgency = URGENCY_BY_LABEL.get(import_text(values, "紧急程度"))
    if urgency is None:
        err("紧急程度", "应为一般或紧急")
    caller = None
    name = import_text(values, "诉求人")
    if name:
        caller = PartyInput(role=PartyRole.APPLICANT, name=name, phone=import_text(values, "联系电话"))
        try:
            party_validate(caller)
        except DomainError as exc:
            err("联系电话" if exc.field == "phone" else "诉求人", exc.message)
    if len(errors) > before:
        return None
    return {
        "key": (import_text(values, "来源系统") or "12345", source_id),
        "source": import_text(values, "来源系统") or "12345",
        "source_id": source_id,
        "received_on": received,
        "type": kind,
        "category": category,
        "content": content,
        "location": import_text(values, "诉求地点"),
        "area": import_text(values, "所属区域"),
        "urgency": urgency,
        "caller": caller,
    }


def _create(p: dict[str, Any], by: Any, centre: Any) -> Case:
    p = {k: v for k, v in p.items() if k != "key"}
    return hotline_register(by=by, centre=centre, **p)


def hotline_import(*, file: Any, by: Any, handling_unit: Any = None) -> ImportResult:
    """`handling_unit`: the centre receiving the orders (the importing user's unit)."""
    if handling_unit is None:
        return ImportResult(errors=[(0, "受理机构", "导入人没有所属单位，不能接收工单")])
    return import_run(
        file=file,
        columns=COLUMNS,
        parse=_parse_row,
        create=lambda p: _create(p, by, handling_unit),
        unique=("key", "工单编号"),
        field_columns={
            "source_id": "工单编号",
            "received_on": "受理日期",
            "type": "诉求类型",
            "category": "诉求分类",
            "content": "诉求内容",
            "urgency": "紧急程度",
            "parties-0-name": "诉求人",
            "parties-0-phone": "联系电话",
        },
    )
