"""The 述法 download (issue 23 §3): a year's 述职述法 reports per unit as .xlsx, with coverage per unit level and the
units that have not reported. What the user may see (DutyReportPolicy, the data scope); the coverage figures are the
registry's `indicators.duty_coverage` (its breakdown by level and the units behind its numerator and denominator),
so the sheet, the page and `fazhi metrics value` agree. openpyxl write-only, every cell through core.excel.safe_cell;
audited."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.db import transaction
from openpyxl import Workbook

from fazhi.audit.services import record_event
from fazhi.core.excel import safe_cell

from .selectors_records import duty_coverage_by_level, duty_reports_visible_to

REPORT_HEADER = [
    "单位",
    "单位编码",
    "单位层级",
    "述法人",
    "职务",
    "述法日期",
    "听取对象",
    "评议等次",
    "报告文件",
    "述法报告",
]
COVERAGE_HEADER = ["单位层级", "应述法单位（个）", "已述法单位（个）", "述法覆盖率（%）"]
MISSING_HEADER = ["单位", "单位编码", "单位层级"]
TEXT_MAX = 32000  # an Excel cell holds 32,767 characters


def _row(values: list[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]


def duty_reports_workbook(user: Any, year: int) -> tuple[bytes, int]:
    """The workbook and the number of reports written."""
    from .models import DutyRating

    ratings = dict(DutyRating.choices)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("述职述法")
    ws.append(_row([f"{year}年度述职述法报告"]))
    ws.append(REPORT_HEADER)
    rows = duty_reports_visible_to(user).filter(year=year).order_by("unit__path", "unit__sort_order", "heard_on", "id")
    n = 0
    for r in rows:
        ws.append(
            _row(
                [
                    r.unit.name,
                    r.unit.code,
                    r.unit.get_level_display(),
                    r.reporter,
                    r.post,
                    r.heard_on.isoformat(),
                    r.heard_by,
                    ratings.get(r.rating, ""),
                    r.file_name or "无",
                    r.text[:TEXT_MAX],
                ]
            )
        )
        n += 1
    levels, total, missing = duty_coverage_by_level(user, year)
    cov = wb.create_sheet("覆盖情况")
    cov.append(_row([f"{year}年度述法覆盖率（县级以上党政主要负责人；口径见 indicators.duty_coverage）"]))
    cov.append(COVERAGE_HEADER)
    for lv in [*levels, total]:
        cov.append(_row([lv["label"], lv["required"], lv["reported"], lv["rate"]]))
    miss = wb.create_sheet("未述法单位")
    miss.append(MISSING_HEADER)
    for u in missing:
        miss.append(_row([u.name, u.code, u.get_level_display()]))
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue(), n


@transaction.atomic
def duty_reports_export(*, by: Any, year: int) -> bytes:
    data, n = duty_reports_workbook(by, year)
    record_event(
        actor=by,
        action="indicators.duty_report.export",
        object_repr=f"{year}年度述职述法",
        summary={"year": year, "rows": n},
        unit=getattr(by, "unit", None),
    )
    return data
