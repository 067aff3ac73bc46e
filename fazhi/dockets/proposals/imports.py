"""The 交办 list as Excel (one row per item, units named as written): the columns and their order are a contract.
Units are resolved with `orgs.selectors.units_resolve` (full name, short name or a remembered alias); a name that
resolves to nothing is refused naming its row and column, and nothing is imported (the preview page maps such names
once, remembered as aliases). The kernel's loop (`cases.imports.import_run`) creates all rows or none."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from fazhi.cases.imports import ImportResult, import_date, import_run, import_text, import_unit
from fazhi.cases.models import Case
from fazhi.cases.services import today_local
from fazhi.orgs.selectors import units_resolve

from .models import Body, Item, Proposer, ProposerRole, Source

COLUMNS = [
    "人大/政协",
    "会次",
    "届次",
    "年度",
    "编号",
    "标题",
    "提出时间",
    "类别",
    "领衔人",
    "代表团/界别",
    "附议人",
    "主办单位",
    "分办单位",
    "协办单位",
    "交办日期",
    "正文",
]
BODY_BY_LABEL = {"人大": Body.NPC, "政协": Body.CPPCC}
SOURCE_BY_LABEL = {"大会期间": Source.SESSION, "闭会期间": Source.RECESS}
SEPARATORS = ("、", "，", ",", "；", ";")


def names(text: str) -> list[str]:
    for sep in SEPARATORS[1:]:
        text = text.replace(sep, SEPARATORS[0])
    return [n.strip() for n in text.split(SEPARATORS[0]) if n.strip()]


def import_template_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "交办清单"
    ws.append(COLUMNS)
    ws.append(
        [
            "人大",
            "示范市第十八届人民代表大会第四次会议",
            "第十八届",
            today_local().year,
            "101",
            "关于加强老旧小区停车管理的建议",
            "大会期间",
            "城乡建设",
            "张代表",
            "东城区代表团",
            "李代表、王代表",
            "示范市市场监督管理局",
            "",
            "示范市财政局",
            today_local().isoformat(),
            "建议内容……",
        ]
    )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def unresolved_names(rows: list[dict[str, Any]]) -> list[str]:
    """The unit names of the file that resolve to nothing (the preview asks to map them)."""
    out: list[str] = []
    for values in rows:
        for col in ("主办单位", "分办单位", "协办单位"):
            for n in names(import_text(values, col)):
                if units_resolve(n).unit is None and n not in out:
                    out.append(n)
    return out


def _parse_row(values: dict[str, Any], errors: list[tuple[int, str, str]], n: int) -> dict[str, Any] | None:
    before = len(errors)

    def err(col: str, msg: str) -> None:
        errors.append((n, col, msg))

    body = BODY_BY_LABEL.get(import_text(values, "人大/政协"))
    if body is None:
        err("人大/政协", "应为“人大”或“政协”")
    session = import_text(values, "会次")
    if not session:
        err("会次", "请填写会次")
    year_text = import_text(values, "年度")
    year = int(year_text) if year_text.isdigit() else None
    if year is None:
        err("年度", "请填写四位年度，如2026")
    number = import_text(values, "编号")
    if not number:
        err("编号", "请填写建议/提案编号")
    title = import_text(values, "标题")
    if not title:
        err("标题", "请填写标题")
    source = SOURCE_BY_LABEL.get(import_text(values, "提出时间"))
    if source is None:
        err("提出时间", "应为“大会期间”或“闭会期间”")
    lead_name = import_text(values, "领衔人")
    if not lead_name:
        err("领衔人", "请填写领衔代表/委员")
    try:
        assigned_on = import_date(values.get("交办日期"))
    except ValueError:
        assigned_on = None
        err("交办日期", "日期格式应为YYYY-MM-DD")
    else:
        if assigned_on is None:
            err("交办日期", "请填写交办日期")
        elif assigned_on > today_local():
            err("交办日期", f"交办日期{assigned_on.isoformat()}不能晚于今天")
    units: dict[str, list[Any]] = {}
    for col in ("主办单位", "分办单位", "协办单位"):
        units[col] = []
        for name in names(import_text(values, col)):
            unit = import_unit(name, errors, n, col)
            if unit is not None:
                units[col].append(unit)
    if not units["主办单位"]:
        if not import_text(values, "主办单位"):
            err("主办单位", "请填写主办单位")
    elif len(units["主办单位"]) > 1:
        err("主办单位", "主办单位只能有一个（其他单位请填入分办或协办单位）")
    if (
        body
        and session
        and number
        and Item.objects.filter(session__body=body, session__name=session, number=number).exists()
    ):
        err("编号", f"{session}已有第{number}号，同一会次编号不能重复")
    if len(errors) > before:
        return None
    return {
        "key": (body, session, number),
        "body": body,
        "session": session,
        "term": import_text(values, "届次"),
        "year": year,
        "number": number,
        "title": title,
        "source": source,
        "category": import_text(values, "类别"),
        "lead": lead_name,
        "group": import_text(values, "代表团/界别"),
        "co": names(import_text(values, "附议人")),
        "lead_unit": units["主办单位"][0],
        "split_units": units["分办单位"],
        "assist_units": units["协办单位"],
        "assigned_on": assigned_on,
        "text": import_text(values, "正文"),
    }


def _proposer(by: Any, body: str, term: str, name: str, group: str = "") -> Proposer:
    from .services import proposer_create

    found = Proposer.objects.filter(body=body, name=name, active=True)
    if term:
        found = found.filter(term=term)
    return found.first() or proposer_create(by=by, body=body, term=term or "未填届次", name=name, group=group)


def _create(p: dict[str, Any], by: Any) -> Case:
    from .services import ProposerLink, proposal_register, session_get_or_create

    session = session_get_or_create(body=p["body"], name=p["session"], year=p["year"], term=p["term"], by=by)
    links = [ProposerLink(_proposer(by, p["body"], p["term"], p["lead"], p["group"]), ProposerRole.LEAD)]
    links += [ProposerLink(_proposer(by, p["body"], p["term"], n), ProposerRole.CO) for n in p["co"] if n != p["lead"]]
    return proposal_register(
        by=by,
        session=session,
        number=p["number"],
        title=p["title"],
        source=p["source"],
        category=p["category"],
        text=p["text"],
        assigned_on=p["assigned_on"],
        lead_unit=p["lead_unit"],
        split_units=p["split_units"],
        assist_units=p["assist_units"],
        proposers=links,
    )


def proposals_import(*, file: Any, by: Any, handling_unit: Any = None) -> ImportResult:
    """`fazhi cases import proposals FILE.xlsx` and the web import: every row or none."""
    del handling_unit  # the file names each item's units
    return import_run(
        file=file,
        columns=COLUMNS,
        parse=_parse_row,
        create=lambda p: _create(p, by),
        unique=("key", "编号"),
        field_columns={
            "number": "编号",
            "assigned_on": "交办日期",
            "lead_unit": "主办单位",
            "split_units": "分办单位",
            "assist_units": "协办单位",
            "title": "标题",
            "session": "会次",
            "proposers": "领衔人",
            "phone": "领衔人",
            "term": "届次",
        },
    )
