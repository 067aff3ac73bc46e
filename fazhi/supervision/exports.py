"""The office board's Excel export: the open items behind the chosen filters (formula-safe cells). Audited."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.db import transaction
from openpyxl import Workbook

from fazhi.audit.services import record_event
from fazhi.core.excel import safe_cell

from .events import SupervisionEvent
from .selectors import board_drilldown

HEADER = ["编号", "来源", "督办事项", "责任单位", "状态", "灯", "督办级别", "完成时限", "逾期天数", "生成日期"]
MAX_ROWS = 100_000


@transaction.atomic
def board_export(*, by: Any, unit_id: int | None = None, kind: str = "", light: str = "", ladder: str = "") -> bytes:
    qs = board_drilldown(by, unit_id=unit_id, kind=kind, light=light, ladder=ladder)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("督办事项")
    ws.append([safe_cell("督办事项清单")])
    ws.append(HEADER)
    n = 0
    for i in qs[:MAX_ROWS].iterator(chunk_size=2000):
        ws.append(
            [
                safe_cell(v)
                for v in [
                    i.pk,
                    i.source_label,
                    i.title,
                    i.unit.name,
                    i.get_state_display(),
                    i.get_light_display(),
                    i.get_ladder_step_display() if i.ladder_step else "",
                    i.due_date.isoformat() if i.due_date else "",
                    i.days_overdue,
                    i.raised_on.isoformat(),
                ]
            ]
        )
        n += 1
    buf = BytesIO()
    wb.save(buf)
    record_event(
        actor=by,
        action=SupervisionEvent.BOARD_EXPORTED,
        object_type="supervision.item",
        object_id="board",
        object_repr="督办总览导出",
        summary={"rows": n, "unit": unit_id, "kind": kind, "light": light, "ladder": ladder},
    )
    return buf.getvalue()
