"""Excel import of past 行政应诉 cases: a template, row-by-row validation, all or nothing (same shape as the
行政复议 import). Every bad row and field is reported in Chinese; any error saves nothing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import Workbook

from fazhi.cases.imports import ImportResult, import_date, import_run, import_text
from fazhi.cases.models import Case, PartyKind, PartyRole
from fazhi.cases.services import PartyInput, case_number_parse, party_validate, today_local
from fazhi.core.errors import DomainError
from fazhi.core.excel import safe_cell
from fazhi.orgs.selectors import units_resolve

from .codes import HEAD_POSITIONS, INSTANCES, OUTCOMES
from .services import appearance_validate, litigation_register, reconsideration_case_find
from .spec import SPEC

COLUMNS = [
    "案号",
    "受理法院",
    "法院案号",
    "审级",
    "收到起诉状副本日期",
    "案由",
    "原告类型",
    "原告",
    "身份证号码或统一社会信用代码",
    "联系电话",
    "被告",
    "是否经过行政复议",
    "行政复议案号",
    "提交答辩日期",
    "开庭日期",
    "负责人是否出庭",
    "出庭负责人",
    "出庭负责人职务",
    "负责人未出庭理由",
    "实际出庭人员",
    "办理状态",
    "结案日期",
    "裁判结果",
]
REQUIRED = {"受理法院", "法院案号", "审级", "收到起诉状副本日期", "案由", "原告", "被告", "办理状态"}
STATE_BY_LABEL = {s.label: s.code for s in SPEC.states}
OUTCOME_BY_LABEL = {label: code for code, label in OUTCOMES}
INSTANCE_BY_LABEL = {label: code for code, label in INSTANCES}
POSITION_BY_LABEL = {label: code for code, label, _ok in HEAD_POSITIONS}
YES, NO = {"是", "Y", "y", "1", "TRUE", "True"}, {"否", "N", "n", "0", "FALSE", "False", ""}


def import_template_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "行政应诉案件"
    ws.append(COLUMNS)
    sample = [
        "示应诉〔2025〕1号",
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
        "是",
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
    ws.append([safe_cell(v) for v in sample])
    notes = wb.create_sheet("填写说明")
    for line in (
        "审级可选：" + "、".join(INSTANCE_BY_LABEL),
        "办理状态可选：" + "、".join(STATE_BY_LABEL),
        "裁判结果可选：" + "、".join(OUTCOME_BY_LABEL),
        "出庭负责人职务可选：" + "、".join(POSITION_BY_LABEL),
        "案号留空则按本年度顺序自动编号；日期格式 YYYY-MM-DD；是否类填“是”或“否”。",
        "负责人未出庭的，须填写未出庭理由和实际出庭人员（不得仅委托律师）。",
    ):
        notes.append([line])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _parse_row(values: dict[str, Any], errors: list[tuple[int, str, str]], n: int, by: Any) -> dict[str, Any] | None:
    before = len(errors)

    def err(col: str, msg: str) -> None:
        errors.append((n, col, msg))

    for col in COLUMNS:
        if col in REQUIRED and not import_text(values, col):
            err(col, "必填项为空")
    dates: dict[str, dt.date | None] = {}
    for col in ("收到起诉状副本日期", "提交答辩日期", "开庭日期", "结案日期"):
        try:
            dates[col] = import_date(values.get(col))
        except ValueError:
            err(col, "日期格式应为 YYYY-MM-DD")
            dates[col] = None
        if dates[col] and col != "开庭日期" and dates[col] > today_local():
            err(col, "日期不能晚于今天")
    served = dates["收到起诉状副本日期"]
    for col in ("提交答辩日期", "开庭日期", "结案日期"):
        if served and dates[col] and dates[col] < served:
            err(col, "不能早于收到起诉状副本日期")
    instance = INSTANCE_BY_LABEL.get(import_text(values, "审级"))
    if import_text(values, "审级") and not instance:
        err("审级", "应为：" + "、".join(INSTANCE_BY_LABEL))
    state = STATE_BY_LABEL.get(import_text(values, "办理状态"))
    if import_text(values, "办理状态") and not state:
        err("办理状态", "应为：" + "、".join(STATE_BY_LABEL))
    outcome = ""
    if import_text(values, "裁判结果"):
        outcome = OUTCOME_BY_LABEL.get(import_text(values, "裁判结果"), "")
        if not outcome:
            err("裁判结果", "应为：" + "、".join(OUTCOME_BY_LABEL))
    if state == "closed":
        if not dates.get("结案日期"):
            err("结案日期", "已结案的案件须填写结案日期")
        if not import_text(values, "裁判结果"):
            err("裁判结果", "已结案的案件须填写裁判结果")
    elif state and (dates.get("结案日期") or outcome):
        err("办理状态", "填写了结案日期或裁判结果的案件，办理状态应为“已结案”")
    after = import_text(values, "是否经过行政复议")
    if after not in YES | NO:
        err("是否经过行政复议", "应填“是”或“否”")
    recon_number = import_text(values, "行政复议案号")
    recon = None
    if recon_number:
        recon = reconsideration_case_find(number=recon_number, by=by)
        if recon is None:
            err("行政复议案号", f"未找到行政复议案件“{recon_number}”")
    kind = PartyKind.ORGANISATION if import_text(values, "原告类型") == "法人或其他组织" else PartyKind.PERSON
    ident = import_text(values, "身份证号码或统一社会信用代码")
    plaintiff = PartyInput(
        role=PartyRole.APPLICANT,
        kind=kind,
        name=import_text(values, "原告"),
        id_number=ident if kind == PartyKind.PERSON else "",
        credit_code=ident if kind == PartyKind.ORGANISATION else "",
        phone=import_text(values, "联系电话"),
    )
    if plaintiff.name:
        try:
            party_validate(plaintiff)
        except DomainError as exc:
            err({"phone": "联系电话"}.get(exc.field or "", "身份证号码或统一社会信用代码"), exc.message)
    hearing: dict[str, Any] | None = None
    attended_text = import_text(values, "负责人是否出庭")
    if dates.get("开庭日期"):
        if attended_text not in YES | NO:
            err("负责人是否出庭", "应填“是”或“否”")
        position_label = import_text(values, "出庭负责人职务")
        position = POSITION_BY_LABEL.get(position_label, "")
        if position_label and not position:
            err("出庭负责人职务", "应为：" + "、".join(POSITION_BY_LABEL))
        hearing = {"on": dates["开庭日期"].isoformat(), "place": "", "requires_head": True, "note": "导入"}
        if dates["开庭日期"] <= today_local() and attended_text in YES | NO:
            try:
                hearing["appearance"] = appearance_validate(
                    hearing=hearing,
                    head_attended=attended_text in YES,
                    head_name=import_text(values, "出庭负责人"),
                    head_position=position,
                    absence_reason=import_text(values, "负责人未出庭理由"),
                    appeared=import_text(values, "实际出庭人员"),
                )
            except DomainError as exc:
                col = {
                    "head_name": "出庭负责人",
                    "head_position": "出庭负责人职务",
                    "absence_reason": "负责人未出庭理由",
                    "appeared": "实际出庭人员",
                }.get(exc.field or "", "开庭日期")
                err(col, exc.message)
    number = import_text(values, "案号")
    if number and case_number_parse("litigation", number) is None:
        err("案号", "不符合本案件类型的案号格式")
    court_number = import_text(values, "法院案号")
    if court_number and Case.objects.filter(docket="litigation", extra__court_case_number=court_number).exists():
        err("法院案号", "该法院案号已登记")
    if len(errors) > before:
        return None
    defendant = import_text(values, "被告")
    submitted = dates["提交答辩日期"]
    return {
        "case_number": number,
        "court": import_text(values, "受理法院"),
        "court_case_number": court_number,
        "instance": instance,
        "served_on": served,
        "cause": import_text(values, "案由"),
        "plaintiff": plaintiff,
        "defendant_name": defendant,
        "defendant_unit": units_resolve(defendant).unit,
        "after_reconsideration": after in YES or recon is not None,
        "reconsideration_number": recon.case_number if recon else "",
        "state": state,
        "closed_on": dates["结案日期"],
        "outcome": outcome,
        "extra": {
            "imported": True,
            "hearings": [hearing] if hearing else [],
            **({"defence_submitted_on": submitted.isoformat()} if submitted else {}),
            **(
                {
                    "judgment": {
                        "outcome": outcome,
                        "on": dates["结案日期"].isoformat(),
                        "document_number": "",
                        "summary": "",
                    }
                }
                if outcome and dates["结案日期"]
                else {}
            ),
        },
    }


def litigation_import(*, file: Any, by: Any, handling_unit: Any) -> ImportResult:
    return import_run(
        file=file,
        columns=COLUMNS,
        parse=lambda values, errors, n: _parse_row(values, errors, n, by),
        create=lambda p: _create(p, by, handling_unit),
        unique=("court_case_number", "法院案号"),
        field_columns={"court_case_number": "法院案号"},
    )


def _create(p: dict[str, Any], by: Any, handling_unit: Any) -> Case:
    return litigation_register(
        by=by,
        handling_unit=handling_unit,
        court=p["court"],
        court_case_number=p["court_case_number"],
        plaintiff=p["plaintiff"],
        cause=p["cause"],
        instance=p["instance"],
        served_on=p["served_on"],
        defendant_unit=p["defendant_unit"],
        defendant_name=p["defendant_name"],
        after_reconsideration=p["after_reconsideration"],
        reconsideration_number=p["reconsideration_number"],
        imported={
            "case_number": p["case_number"],
            "state": p["state"],
            "closed_on": p["closed_on"],
            "outcome": p["outcome"],
        },
        extra=p["extra"],
    )
