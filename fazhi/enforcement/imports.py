"""Excel import of enforcement case records for one 执法主体, through the case kernel's importer
(`fazhi.cases.imports.import_run`: every row parsed and every error reported with its row and column, duplicates of
案号 within the file refused, then all rows created in one transaction or none) and the same service as the entry page."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any

from fazhi.cases.imports import ImportResult, import_date, import_run, import_text
from fazhi.core.excel import safe_cell

from .rules import REVIEW_GROUNDS
from .services import CaseInput, case_record
from .states import DecisionKind, PartyKind, Procedure, Source, Tier

REQUIRED = ("案号", "事项编码", "立案日期", "当事人类型", "当事人姓名/名称", "执法人员执法证号")
OPTIONAL = (
    "统一社会信用代码",
    "程序",
    "案情摘要",
    "听证日期",
    "法制审核情形",
    "法制审核人员",
    "审核人员具有法律职业资格",
    "法制审核完成日期",
    "决定日期",
    "决定结果",
    "决定书文号",
    "罚没金额",
    "公示日期",
    "变更撤销日期",
    "撤回公示日期",
    "裁量阶次",
)
COLUMNS = REQUIRED + OPTIONAL
FIELD_COLUMNS = {
    "number": "案号",
    "matter": "事项编码",
    "filed_on": "立案日期",
    "party_kind": "当事人类型",
    "party_name": "当事人姓名/名称",
    "party_credit_code": "统一社会信用代码",
    "procedure": "程序",
    "officers": "执法人员执法证号",
    "hearing_on": "听证日期",
    "review_grounds": "法制审核情形",
    "reviewed_on": "法制审核完成日期",
    "decided_on": "决定日期",
    "decision": "决定结果",
    "amount": "罚没金额",
    "published_on": "公示日期",
    "changed_on": "变更撤销日期",
    "withdrawn_on": "撤回公示日期",
    "tier": "裁量阶次",
}
DATES = {
    "立案日期": "filed_on",
    "听证日期": "hearing_on",
    "法制审核完成日期": "reviewed_on",
    "决定日期": "decided_on",
    "公示日期": "published_on",
    "变更撤销日期": "changed_on",
    "撤回公示日期": "withdrawn_on",
}


def _choice(value: str, choices: list[tuple[str, str]]) -> str | None:
    """A choice by its code or its Chinese label; "" stays ""; None if unknown."""
    if not value:
        return ""
    for code, label in choices:
        if value in (code, label):
            return code
    return None


def parse_row(values: dict[str, Any], errors: list[tuple[int, str, str]], n: int) -> dict[str, Any] | None:
    before = len(errors)
    out: dict[str, Any] = {}
    for col in REQUIRED:
        if not import_text(values, col):
            errors.append((n, col, "必填"))
    for col, name in DATES.items():
        try:
            out[name] = import_date(values.get(col))
        except ValueError:
            errors.append((n, col, "应为日期（YYYY-MM-DD）"))
    for col, choices, name in (
        ("当事人类型", PartyKind.choices, "party_kind"),
        ("程序", Procedure.choices, "procedure"),
        ("决定结果", DecisionKind.choices, "decision"),
        ("裁量阶次", Tier.choices, "tier"),
    ):
        code = _choice(import_text(values, col), choices)
        if code is None:
            errors.append((n, col, "可选：" + "、".join(label for _, label in choices)))
        out[name] = code or ""
    grounds = []
    for part in import_text(values, "法制审核情形").replace("；", "、").replace(",", "、").split("、"):
        part = part.strip()
        if not part:
            continue
        code = next((g.code for g in REVIEW_GROUNDS if part in (g.code, g.label)), None)
        if code is None:
            errors.append((n, "法制审核情形", f"“{part}”不是《行政处罚法》第五十八条的情形"))
        else:
            grounds.append(code)
    amount = None
    if import_text(values, "罚没金额"):
        try:
            amount = Decimal(import_text(values, "罚没金额").replace(",", ""))
        except InvalidOperation:
            errors.append((n, "罚没金额", "应为数字"))
    if len(errors) > before:
        return None
    return {
        "number": import_text(values, "案号"),
        "data": CaseInput(
            number=import_text(values, "案号"),
            matter_code=import_text(values, "事项编码"),
            filed_on=out["filed_on"],
            party_kind=out["party_kind"],
            party_name=import_text(values, "当事人姓名/名称"),
            party_credit_code=import_text(values, "统一社会信用代码"),
            procedure=out["procedure"] or Procedure.ORDINARY,
            officer_numbers=import_text(values, "执法人员执法证号").replace("，", " ").replace(",", " ").split(),
            facts=import_text(values, "案情摘要"),
            hearing_held=out["hearing_on"] is not None,
            hearing_on=out["hearing_on"],
            review_grounds=grounds,
            reviewer=import_text(values, "法制审核人员"),
            reviewer_qualified=import_text(values, "审核人员具有法律职业资格") in ("是", "有", "Y", "y", "1"),
            reviewed_on=out["reviewed_on"],
            decided_on=out["decided_on"],
            decision=out["decision"],
            decision_number=import_text(values, "决定书文号"),
            amount=amount,
            published_on=out["published_on"],
            changed_on=out["changed_on"],
            withdrawn_on=out["withdrawn_on"],
            tier=out["tier"],
        ),
    }


def cases_import(*, file: Any, body: Any, by: Any) -> ImportResult:
    """All rows or none; errors as (row, column, message)."""
    return import_run(
        file=file,
        columns=REQUIRED,
        parse=parse_row,
        create=lambda p: case_record(by=by, body=body, data=p["data"], source=Source.IMPORT),
        unique=("number", "案号"),
        field_columns=FIELD_COLUMNS,
    )


def import_template() -> bytes:
    """The blank workbook: the header row and one example row."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "执法案件"
    ws.append(list(COLUMNS))
    example = {
        "案号": "示市监罚〔2026〕1号",
        "事项编码": "CF-001",
        "立案日期": "2026-03-02",
        "当事人类型": "法人或其他组织",
        "当事人姓名/名称": "示范市某某商贸有限公司",
        "执法人员执法证号": "SJ0001 SJ0002",
        "统一社会信用代码": "91350100M000100Y43",
        "程序": "普通程序",
        "决定日期": "2026-04-01",
        "决定结果": "罚款、没收违法所得、没收非法财物",
        "罚没金额": "3000",
    }
    ws.append([safe_cell(example.get(c, "")) for c in COLUMNS])
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


# 涉企行政检查计划的检查事项 (国办发〔2024〕54号 ⚠ the plan's contents are local practice): one body's plan, rows of
# matter / subjects / frequency, through the same kernel loop and the same service as the plan page's form.
PLAN_COLUMNS = ("事项编码", "检查对象", "每户年度检查频次")
PLAN_FIELD_COLUMNS = {"matter": "事项编码", "subjects": "检查对象", "frequency": "每户年度检查频次"}


def parse_plan_row(values: dict[str, Any], errors: list[tuple[int, str, str]], n: int) -> dict[str, Any] | None:
    before = len(errors)
    for col in PLAN_COLUMNS:
        if not import_text(values, col):
            errors.append((n, col, "必填"))
    raw = import_text(values, "每户年度检查频次")
    frequency = 0
    if raw:
        try:
            number = Decimal(raw)
        except InvalidOperation:
            number = Decimal(0)
        if not number.is_finite() or number != number.to_integral_value() or not 1 <= number <= 366:
            errors.append((n, "每户年度检查频次", "应为1至366的整数"))
        else:
            frequency = int(number)
    if len(import_text(values, "检查对象")) > 200:
        errors.append((n, "检查对象", "不能超过200字"))
    if len(errors) > before:
        return None
    return {
        "matter_code": import_text(values, "事项编码"),
        "subjects": import_text(values, "检查对象"),
        "frequency": frequency,
    }


def plan_items_import(*, file: Any, plan: Any, by: Any) -> ImportResult:
    """The plan's items from a workbook: all rows or none; errors as (row, column, message). A plan already
    approved takes no item (the service refuses; reported once for the file)."""
    from .services import plan_item_add

    if plan.approved_on is not None:
        return ImportResult(errors=[(0, "文件", "检查计划已经批准，不能再增加事项。")])
    return import_run(
        file=file,
        columns=PLAN_COLUMNS,
        parse=parse_plan_row,
        create=lambda p: plan_item_add(by=by, plan=plan, **p),
        unique=("matter_code", "事项编码"),
        field_columns=PLAN_FIELD_COLUMNS,
    )


def plan_import_template() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "检查计划事项"
    ws.append(list(PLAN_COLUMNS))
    ws.append([safe_cell(v) for v in ("JC-001", "辖区内食品经营者", "1")])
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
