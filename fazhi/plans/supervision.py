"""Plans' supervision pages: the 督办单 (.docx) and the Excel export. The 三色 ladder (configuration and daily
scan) is the shared mechanism's, fazhi.supervision; the names below keep plans' callers working."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.core.excel import safe_cell
from fazhi.orgs.models import Unit
from fazhi.supervision.models import LadderStep
from fazhi.supervision.services import ladder_save as supervision_ladder_save
from fazhi.supervision.services import ladder_scan as supervision_ladder_scan
from fazhi.supervision.services import ladder_steps

from .errors import PlansErrorCode
from .events import PlansEvent
from .models import Plan
from .selectors import assignments_for_export, late_assignments


def ladder_rungs() -> list[LadderStep]:
    """The 三色 ladder is the shared mechanism's (fazhi.supervision); plans' page edits the same steps."""
    return ladder_steps()


def ladder_save(*, by: Any, rungs: list[dict[str, Any]]) -> list[LadderStep]:
    return supervision_ladder_save(by=by, steps=rungs)


def ladder_scan(*, on: dt.date | None = None, batch: int = 2000) -> dict[str, int]:
    """The daily pass over every open supervisable item (plan shares among them): see supervision.ladder_scan."""
    return supervision_ladder_scan(on=on, batch=batch)


@transaction.atomic
def notice_generate(*, by: Any, unit: Unit) -> bytes:
    """The 督办单 for one unit over its overdue shares: the shared numbered notice (fazhi.supervision: 文号 from the
    numbering pattern, the issuing body's full name, the reply date), as a GB/T 9704 document. Asked again the same
    day for the same shares, it is the same notice with the same number."""
    from fazhi.supervision.services import notice_document, notice_issue

    shares = late_assignments(by, unit)
    if not shares:
        raise DomainError(
            PlansErrorCode.NO_LATE_TASKS, f"{unit.display_name}没有逾期任务，无需生成督办单。", field="unit"
        )
    notice = notice_issue(items=[a.item for a in shares if a.item_id], unit=unit, by=by, policy=False)
    record_event(
        actor=by,
        action=PlansEvent.NOTICE_GENERATED,
        obj=unit,
        summary={"assignments": [a.pk for a in shares], "number": notice.number},
    )
    return notice_document(notice)


EXPORT_HEADER = [
    "序号",
    "章节",
    "任务名称",
    "单位",
    "分工",
    "状态",
    "完成时限",
    "签收时间",
    "报送完成时间",
    "销号时间",
    "是否按期",
    "最新进展",
    "报送次数",
]


@transaction.atomic
def tasks_export(*, by: Any, plan: Plan) -> bytes:
    """Tasks and progress of one plan within the user's data scope, as .xlsx (cells formula-safe). Audited."""
    rows = list(assignments_for_export(by, plan))
    wb = Workbook()
    ws = wb.active
    ws.title = "任务进展"
    ws.append([safe_cell(plan.name)])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(EXPORT_HEADER)
    for c in ws[2]:
        c.font = Font(bold=True)
    for a in rows:
        reports = sorted(a.item.reports.all(), key=lambda r: r.pk) if a.item_id else []
        latest = reports[-1].text if reports else ""
        ws.append(
            [
                safe_cell(v)
                for v in [
                    a.task.number,
                    a.task.section_path if a.task.section_id else "",
                    a.task.title,
                    a.unit.name,
                    a.get_role_display(),
                    a.get_state_display(),
                    a.due_date.isoformat() if a.due_date else "",
                    _fmt(a.signed_at),
                    _fmt(a.submitted_at),
                    _fmt(a.closed_at),
                    "" if a.closed_on_time is None else ("是" if a.closed_on_time else "否"),
                    latest,
                    len(reports),
                ]
            ]
        )
    for col, width in zip("ABCDEFGHIJKLM", [6, 24, 30, 22, 6, 10, 12, 18, 18, 18, 8, 40, 8], strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=3):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    buf = BytesIO()
    wb.save(buf)
    record_event(actor=by, action=PlansEvent.TASKS_EXPORTED, obj=plan, summary={"rows": len(rows)})
    return buf.getvalue()


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    from django.utils import timezone

    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
