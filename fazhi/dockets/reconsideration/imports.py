"""Excel import of past 行政复议 cases: a template, row-by-row validation, all or nothing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import Workbook

from fazhi.cases.imports import ImportResult, import_date, import_run
from fazhi.cases.models import Case, Channel, PartyKind, PartyRole
from fazhi.cases.services import PartyInput, case_create, case_number_parse, party_validate, today_local
from fazhi.core.errors import DomainError
from fazhi.orgs.selectors import units_resolve

from .codes import ACT_MAX, REQUEST_MAX
from .spec import OUTCOMES, SPEC

COLUMNS = [
    "案号",
    "收到日期",
    "收件渠道",
    "申请人类型",
    "申请人",
    "身份证号码或统一社会信用代码",
    "联系电话",
    "被申请人",
    "被申请复议的行政行为",
    "行政复议请求",
    "办理状态",
    "受理日期",
    "结案日期",
    "决定结果",
]
REQUIRED = {"收到日期", "申请人", "被申请人", "被申请复议的行政行为", "行政复议请求", "办理状态"}
STATE_BY_LABEL = {s.label: s.code for s in SPEC.states}
OUTCOME_BY_LABEL = {label: code for code, label in OUTCOMES}
CHANNEL_BY_LABEL = {label: code for code, label in Channel.choices}
LIMITS = {"被申请复议的行政行为": ACT_MAX, "行政复议请求": REQUEST_MAX}  # as the forms and the API


def import_template_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "行政复议案件"
    ws.append(COLUMNS)
    ws.append(
        [
            "示政复〔2025〕1号",
            "2025-03-03",
            "当面",
            "自然人",
            "张三",
            "11010519491231002X",
            "13812345678",
            "示范市市场监督管理局",
            "行政处罚决定书（示市监罚〔2025〕8号）",
            "撤销该行政处罚决定",
            "已决定",
            "2025-03-05",
            "2025-04-28",
            "撤销",
        ]
    )
    notes = wb.create_sheet("填写说明")
    notes.append(["办理状态可选：" + "、".join(STATE_BY_LABEL)])
    notes.append(["决定结果可选：" + "、".join(OUTCOME_BY_LABEL)])
    notes.append(["收件渠道可选：" + "、".join(CHANNEL_BY_LABEL)])
    notes.append(["案号留空则按本年度顺序自动编号；日期格式 YYYY-MM-DD。"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _parse_row(values: dict[str, Any], errors: list[tuple[int, str, str]], n: int) -> dict[str, Any] | None:
    before = len(errors)

    def err(col: str, msg: str) -> None:
        errors.append((n, col, msg))

    for col in REQUIRED:
        if values.get(col) in (None, ""):
            err(col, "必填项为空")
    for col, most in LIMITS.items():
        if len(text := str(values.get(col) or "").strip()) > most:
            err(col, f"不能超过{most}字（现有{len(text)}字）")
    dates: dict[str, dt.date | None] = {}
    for col in ("收到日期", "受理日期", "结案日期"):
        try:
            dates[col] = import_date(values.get(col))
        except ValueError:
            err(col, "日期格式应为 YYYY-MM-DD")
            dates[col] = None
        if dates[col] and dates[col] > today_local():
            err(col, "日期不能晚于今天")
    state = STATE_BY_LABEL.get(str(values.get("办理状态") or "").strip())
    if values.get("办理状态") and not state:
        err("办理状态", "应为：" + "、".join(STATE_BY_LABEL))
    outcome = ""
    if values.get("决定结果"):
        outcome = OUTCOME_BY_LABEL.get(str(values["决定结果"]).strip(), "")
        if not outcome:
            err("决定结果", "应为：" + "、".join(OUTCOME_BY_LABEL))
    closed = state and SPEC.state(state).closed
    if closed and not dates.get("结案日期"):
        err("结案日期", "已结案的案件须填写结案日期")
    if state == "decided" and not outcome:
        err("决定结果", "已决定的案件须填写决定结果")
    channel = CHANNEL_BY_LABEL.get(str(values.get("收件渠道") or "当面").strip())
    if not channel:
        err("收件渠道", "应为：" + "、".join(CHANNEL_BY_LABEL))
    kind = (
        PartyKind.ORGANISATION if str(values.get("申请人类型") or "").strip() == "法人或其他组织" else PartyKind.PERSON
    )
    ident = str(values.get("身份证号码或统一社会信用代码") or "").strip()
    applicant = PartyInput(
        role=PartyRole.APPLICANT,
        kind=kind,
        name=str(values.get("申请人") or "").strip(),
        id_number=ident if kind == PartyKind.PERSON else "",
        credit_code=ident if kind == PartyKind.ORGANISATION else "",
        phone=str(values.get("联系电话") or "").strip(),
    )
    if applicant.name:
        try:
            party_validate(applicant)
        except DomainError as exc:
            col = {"phone": "联系电话"}.get(exc.field or "", "身份证号码或统一社会信用代码")
            err(col, exc.message)
    number = str(values.get("案号") or "").strip()
    if number and case_number_parse("reconsideration", number) is None:
        err("案号", "不符合本案件类型的案号格式")
    if len(errors) > before:
        return None
    respondent = str(values["被申请人"]).strip()
    return {
        "received_on": dates["收到日期"],
        "accepted_on": dates["受理日期"],
        "closed_on": dates["结案日期"],
        "state": state,
        "outcome": outcome
        or {"rejected": "not_accepted", "terminated": "terminated", "abandoned": "abandoned"}.get(state or "", ""),
        "channel": channel,
        "applicant": applicant,
        "respondent_name": respondent,
        "respondent_unit": units_resolve(respondent).unit,
        "act": str(values["被申请复议的行政行为"]),
        "request": str(values["行政复议请求"]),
        "case_number": number,
    }


def reconsideration_import(*, file: Any, by: Any, handling_unit: Any) -> ImportResult:
    return import_run(file=file, columns=COLUMNS, parse=_parse_row, create=lambda p: _create(p, by, handling_unit))


def _create(p: dict[str, Any], by: Any, handling_unit: Any) -> Case:
    extra = {
        "act": p["act"],
        "request": p["request"],
        "respondent_name": p["respondent_name"],
        "imported": True,
        "review_start": p["received_on"].isoformat(),
    }
    if p["accepted_on"]:
        extra["accepted_on"] = p["accepted_on"].isoformat()
        extra["procedure"] = "ordinary"
    parties = [
        p["applicant"],
        PartyInput(
            role=PartyRole.RESPONDENT, kind=PartyKind.ORGANISATION, name=p["respondent_name"], unit=p["respondent_unit"]
        ),
    ]
    return case_create(
        docket="reconsideration",
        handling_unit=handling_unit,
        received_on=p["received_on"],
        by=by,
        channel=p["channel"],
        title=p["act"][:300],
        respondent_unit=p["respondent_unit"],
        extra=extra,
        parties=parties,
        event_label="导入历史案件",
        imported={
            "case_number": p["case_number"],
            "state": p["state"],
            "closed_on": p["closed_on"],
            "outcome": p["outcome"],
        },
    )
