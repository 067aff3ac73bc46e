"""Excel import of past 人民调解 cases (`fazhi cases import mediation FILE.xlsx` and the web import; the columns and
their order are a contract). The kernel's loop (`cases.imports.import_run`): every bad row and field reported in
Chinese, rows numbered as the spreadsheet numbers them, any error saves nothing. A concluded case comes in closed
with its outcome (and, for an agreement, its form and date, so the figures count it); an open one waits for 受理."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from fazhi.cases.imports import ImportResult, import_date, import_run, import_text
from fazhi.cases.models import Case, PartyRole
from fazhi.cases.services import PartyInput, party_validate, today_local
from fazhi.core.errors import DomainError

from .codes import AGREEMENT_FORMS, DISPUTE_TYPES, OUTCOMES, SOURCES, SUCCESS_OUTCOMES
from .models import Committee
from .services import mediation_register

COLUMNS = [
    "登记日期",
    "调解委员会",
    "纠纷来源",
    "纠纷类型",
    "申请人",
    "身份证号码",
    "联系电话",
    "对方当事人",
    "纠纷简要情况",
    "涉及金额",
    "办理结果",
    "协议形式",
    "结案日期",
]
SOURCE_BY_LABEL = {label: code for code, label in SOURCES} | {"12348": "hotline", "热线": "hotline"}
TYPE_BY_LABEL = {label: code for code, label in DISPUTE_TYPES}
OUTCOME_BY_LABEL = {label: code for code, label in OUTCOMES}
FORM_BY_LABEL = {label: code for code, label in AGREEMENT_FORMS} | {"书面": "written", "口头": "oral"}
STATE_OF = {"failed": "terminated", "party_ended": "terminated", "rejected": "rejected"}


def import_template_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "人民调解案件"
    ws.append(COLUMNS)
    ws.append(
        [
            "2025-03-03",
            "示范市东城区东华街道人民调解委员会",
            "窗口",
            "邻里",
            "张三",
            "11010519491231002X",
            "13812345678",
            "李四",
            "相邻通行纠纷",
            "2000",
            "调解成功，协议已履行",
            "书面调解协议",
            "2025-03-20",
        ]
    )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _parse_row(values: dict[str, Any], errors: list[tuple[int, str, str]], n: int) -> dict[str, Any] | None:
    before = len(errors)

    def err(col: str, msg: str) -> None:
        errors.append((n, col, msg))

    today = today_local()
    received = closed = None
    try:
        received = import_date(values.get("登记日期"))
        if received is None:
            err("登记日期", "必填")
        elif received > today:
            err("登记日期", f"登记日期{received.isoformat()}不能晚于今天")
    except ValueError:
        err("登记日期", "应为日期（YYYY-MM-DD）")
    name = import_text(values, "调解委员会")
    committee = Committee.objects.filter(name=name, is_active=True).first() if name else None
    if not name:
        err("调解委员会", "必填")
    elif committee is None:
        err("调解委员会", f"未找到在用的人民调解委员会“{name}”")
    source = SOURCE_BY_LABEL.get(import_text(values, "纠纷来源") or "窗口")
    if source is None:
        err("纠纷来源", f"应为{'、'.join(label for _c, label in SOURCES)}之一")
    dispute_type = TYPE_BY_LABEL.get(import_text(values, "纠纷类型"))
    if dispute_type is None:
        err("纠纷类型", f"应为{'、'.join(TYPE_BY_LABEL)}之一")
    applicant = import_text(values, "申请人")
    if not applicant:
        err("申请人", "必填")
    account = import_text(values, "纠纷简要情况")
    if not account:
        err("纠纷简要情况", "必填")
    amount = import_text(values, "涉及金额")
    outcome_label = import_text(values, "办理结果")
    outcome = OUTCOME_BY_LABEL.get(outcome_label, "") if outcome_label else ""
    if outcome_label and not outcome:
        err("办理结果", f"应为{'、'.join(OUTCOME_BY_LABEL)}之一")
    form = ""
    if outcome in SUCCESS_OUTCOMES:
        form = FORM_BY_LABEL.get(import_text(values, "协议形式"), "")
        if not form:
            err("协议形式", "调解成功的须填写书面调解协议或口头协议")
    try:
        closed = import_date(values.get("结案日期"))
    except ValueError:
        err("结案日期", "应为日期（YYYY-MM-DD）")
    if outcome and closed is None and not any(e[1] == "结案日期" for e in errors[before:]):
        err("结案日期", "填写办理结果时必填")
    if closed is not None:
        if not outcome:
            err("办理结果", "填写结案日期时必填")
        if closed > today:
            err("结案日期", f"结案日期{closed.isoformat()}不能晚于今天")
        elif received is not None and closed < received:
            err("结案日期", f"结案日期{closed.isoformat()}不能早于登记日期{received.isoformat()}")
    party = PartyInput(
        role=PartyRole.APPLICANT,
        name=applicant,
        id_number=import_text(values, "身份证号码"),
        phone=import_text(values, "联系电话"),
    )
    if applicant:
        try:
            party_validate(party)
        except DomainError as exc:
            err({"phone": "联系电话", "id_number": "身份证号码"}.get(exc.field or "", "申请人"), exc.message)
    other = import_text(values, "对方当事人")
    if len(errors) > before:
        return None
    return {
        "received_on": received,
        "committee": committee,
        "source": source,
        "dispute_type": dispute_type,
        "applicant": party,
        "respondents": [PartyInput(role=PartyRole.RESPONDENT, name=other)] if other else [],
        "account": account,
        "amount": amount,
        "outcome": outcome,
        "form": form,
        "closed_on": closed,
    }


def _create(p: dict[str, Any], by: Any) -> Case:
    imported: dict[str, Any] = {"state": "registered"}
    if p["outcome"]:
        imported = {"state": STATE_OF.get(p["outcome"], "closed"), "closed_on": p["closed_on"], "outcome": p["outcome"]}
    case = mediation_register(
        by=by,
        committee=p["committee"],
        source=p["source"],
        dispute_type=p["dispute_type"],
        applicants=[p["applicant"]],
        respondents=p["respondents"],
        account=p["account"],
        amount=p["amount"],
        received_on=p["received_on"],
        imported=imported,
    )
    if p["form"]:
        on = p["closed_on"].isoformat()
        case.extra.update(accepted_on=p["received_on"].isoformat(), agreement={"form": p["form"], "on": on})
        case.save(update_fields=["extra", "updated_at"])  # a save: the signals keep the metric counts
    elif p["outcome"] in ("failed", "party_ended"):
        case.extra.update(
            accepted_on=p["received_on"].isoformat(),
            terminated={"on": p["closed_on"].isoformat(), "ground": p["outcome"]},
        )
        case.save(update_fields=["extra", "updated_at"])
    return case


def mediation_import(*, file: Any, by: Any, handling_unit: Any = None) -> ImportResult:
    """`handling_unit` is not used: each row names its committee (whose unit handles the case)."""
    return import_run(
        file=file,
        columns=COLUMNS,
        parse=_parse_row,
        create=lambda p: _create(p, by),
        field_columns={
            "received_on": "登记日期",
            "committee": "调解委员会",
            "account": "纠纷简要情况",
            "amount": "涉及金额",
            "parties-0-name": "申请人",
        },
    )
