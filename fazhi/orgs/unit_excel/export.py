"""Export of the unit tree in the template's layout (audited)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from openpyxl import Workbook

from fazhi.audit.services import record_event
from fazhi.core.excel import safe_cell

from ..events import OrgsEvent
from .template import _add_choices, _save, _sheet_header


def _yes_no(value: bool) -> str:
    return "是" if value else "否"


@transaction.atomic
def units_export(*, by: Any, units: Any) -> bytes:
    """The given units (already scoped by the caller's policy) in tree order, in the template's layout; audited."""
    wb = Workbook()
    ws = wb.active
    ws.title = "单位"
    _sheet_header(ws)
    n = 0
    for u in units.select_related("parent").prefetch_related("aliases").order_by("path"):
        ws.append(
            [
                safe_cell(v)
                for v in (
                    u.code,
                    u.name,
                    u.short_name,
                    "、".join(sorted(a.name for a in u.aliases.all())),
                    u.parent.code if u.parent else "",
                    u.get_kind_display(),
                    u.get_level_display(),
                    u.credit_code,
                    u.division_code,
                    _yes_no(u.is_enforcement_agency),
                    u.sort_order,
                )
            ]
        )
        n += 1
    _add_choices(ws)
    record_event(actor=by, action=OrgsEvent.UNITS_EXPORTED, summary={"rows": n})
    return _save(wb)
