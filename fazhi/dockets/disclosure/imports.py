"""Excel import of past 依申请公开 requests (issue 15 §4; the columns and their order are a contract: tools outside the
project write such files). The kernel's loop (`cases.imports.import_run`): every bad row and field reported in
Chinese, rows numbered as the spreadsheet numbers them, any error saves nothing."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from typing import Any

from openpyxl import Workbook

from fazhi.cases.imports import ImportResult, import_date, import_run, import_text
from fazhi.cases.models import Case, PartyKind, PartyRole
from fazhi.cases.services import PartyInput, party_validate, today_local
from fazhi.core.errors import DomainError
from fazhi.orgs.selectors import units_resolve

from .codes import APPLICANT_TYPES, CHANNELS, OUTCOME_ROWS
from .services import disclosure_register

COLUMNS = [
    "收到日期",
    "收到方式",
    "申请人类型",
    "申请人",
    "证件号码",
    "联系电话",
    "申请内容",
    "受理机关",
    "办理结果",
    "答复日期",
]
CHANNEL_BY_LABEL = {label: code for code, label in CHANNELS}
TYPE_BY_LABEL = {label: code for code, label in APPLICANT_TYPES}
SUFFIX = "其政府信息公开申请"


def _norm(text: str) -> str:
    """Straight and curly quotes are the same; blanks are ignored; 三(六)1–2 with or without their closing words."""
    t = "".join(str(text).split())
    for a, b in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"), ("－", "-"), ("—", "-")):
        t = t.replace(a, b)
    return t.removesuffix(SUFFIX)


OUTCOME_BY_LABEL = {_norm(f"{r.group}-{r.label}" if r.group else r.label): r.key for r in OUTCOME_ROWS}
STATE_OF = {"other.1": "closed", "other.2": "closed", "other.3": "closed", "not_processed.1": "routed"}


def import_template_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "政府信息公开申请"
    ws.append(COLUMNS)
    ws.append(
        [
            "2025-03-03",
            "当面",
            "自然人",
            "张三",
            "11010519491231002X",
            "13812345678",
            "2024年行政处罚案件统计表",
            "示范市司法局",
            "予以公开",
            "2025-03-20",
        ]
    )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _parse_row(
    values: dict[str, Any],
    errors: list[tuple[int, str, str]],
    n: int,
    unit: Any,
    resolve: Callable[[str], Any] = lambda name: units_resolve(name).unit,
) -> dict[str, Any] | None:
    before = len(errors)

    def err(col: str, msg: str) -> None:
        errors.append((n, col, msg))

    today = today_local()
    received = replied = None
    try:
        received = import_date(values.get("收到日期"))
        if received is None:
            err("收到日期", "必填")
        elif received > today:
            err("收到日期", f"收到日期{received.isoformat()}不能晚于今天")
    except ValueError:
        err("收到日期", "应为日期（YYYY-MM-DD）")
    channel_label = import_text(values, "收到方式") or "其他"
    channel = CHANNEL_BY_LABEL.get(channel_label)
    if channel is None:
        err("收到方式", f"“{channel_label}”应为当面、邮寄、网络、传真或其他")
    kind_label = import_text(values, "申请人类型")
    applicant_type = TYPE_BY_LABEL.get(kind_label)
    if applicant_type is None:
        err("申请人类型", f"“{kind_label}”应为{'、'.join(TYPE_BY_LABEL)}之一")
    name = import_text(values, "申请人")
    if not name:
        err("申请人", "必填")
    content = import_text(values, "申请内容")
    if not content:
        err("申请内容", "必填")
    agency = import_text(values, "受理机关")
    handling_unit = unit
    if agency:
        handling_unit = resolve(agency)
        if handling_unit is None:
            err("受理机关", f"未找到单位“{agency}”")
    elif unit is None:
        err("受理机关", "必填（或在命令中用 --unit 指定）")
    result_label = import_text(values, "办理结果")
    outcome = ""
    if result_label:
        outcome = OUTCOME_BY_LABEL.get(_norm(result_label), "")
        if not outcome:
            err("办理结果", f"“{result_label}”不是年度报告表格中的办理结果（如 予以公开、不予公开-属于国家秘密）")
    try:
        replied = import_date(values.get("答复日期"))
    except ValueError:
        err("答复日期", "应为日期（YYYY-MM-DD）")
    if result_label and replied is None and not any(e[1] == "答复日期" for e in errors[before:]):
        err("答复日期", "填写办理结果时必填")
    if replied is not None:
        if not result_label:
            err("办理结果", "填写答复日期时必填")
        if replied > today:
            err("答复日期", f"答复日期{replied.isoformat()}不能晚于今天")
        elif received is not None and replied < received:
            err("答复日期", f"答复日期{replied.isoformat()}不能早于收到日期{received.isoformat()}")
    person = applicant_type == "natural_person"
    id_number = import_text(values, "证件号码")
    party = PartyInput(
        role=PartyRole.APPLICANT,
        kind=PartyKind.PERSON if person else PartyKind.ORGANISATION,
        name=name,
        id_number=id_number if person else "",
        credit_code="" if person else id_number,
        phone=import_text(values, "联系电话"),
    )
    if name and applicant_type:
        try:
            party_validate(party)
        except DomainError as exc:
            col = {"phone": "联系电话", "id_number": "证件号码", "credit_code": "证件号码"}.get(
                exc.field or "", "申请人"
            )
            err(col, exc.message)
    if len(errors) > before:
        return None
    return {
        "received_on": received,
        "channel": channel,
        "applicant_type": applicant_type,
        "applicant": party,
        "content": content,
        "handling_unit": handling_unit,
        "outcome": outcome,
        "replied_on": replied,
    }


def _create(p: dict[str, Any], by: Any) -> Case:
    imported: dict[str, Any] = {}
    if p["outcome"]:
        imported = {
            "state": STATE_OF.get(p["outcome"], "replied"),
            "closed_on": p["replied_on"],
            "outcome": p["outcome"],
        }
    case = disclosure_register(
        by=by,
        handling_unit=p["handling_unit"],
        applicant_type=p["applicant_type"],
        applicant=p["applicant"],
        content=p["content"],
        channel=p["channel"],
        received_on=p["received_on"],
        imported=imported or {"state": "received"},
    )
    return case


def disclosure_import(*, file: Any, by: Any, handling_unit: Any = None) -> ImportResult:
    # A file names the same few agencies on every row: each distinct name is resolved once.
    resolve = functools.lru_cache(maxsize=None)(lambda name: units_resolve(name).unit)
    return import_run(
        file=file,
        columns=COLUMNS,
        parse=lambda values, errors, n: _parse_row(values, errors, n, handling_unit, resolve),
        create=lambda p: _create(p, by),
        field_columns={"received_on": "收到日期", "handling_unit": "受理机关", "content": "申请内容"},
    )
