"""The written parts of the 政府信息公开工作年度报告 (《政府信息公开条例》第五十条): read and saved per issuing unit and
year, atomic, audited, a concurrent edit refused (version)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import ConflictError, DomainError

from .models import ReportText

# The parts staff write; 三 (the table) and the fee figure of 六 are counted from the requests.
PARTS: dict[str, str] = {
    "overall": "一、总体情况",
    "proactive": "二、主动公开政府信息情况",
    "remedies": "四、政府信息公开行政复议、行政诉讼情况（说明）",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}
PART_MAX = 5000


def report_text_get(*, unit: Any, year: int) -> ReportText:
    """The saved texts, or an unsaved empty row (version 0) when nothing was written yet."""
    found = ReportText.objects.filter(unit=unit, year=year).first()
    return found if found is not None else ReportText(unit=unit, year=year, texts={}, version=0)


@transaction.atomic
def report_text_save(*, by: Any, unit: Any, year: int, texts: dict[str, str], expected_version: int) -> ReportText:
    clean = {}
    for key, label in PARTS.items():
        value = (texts.get(key) or "").strip()
        if len(value) > PART_MAX:
            raise DomainError("disclosure.invalid", f"{label}不能超过{PART_MAX}字（现有{len(value)}字）。", field=key)
        clean[key] = value
    row = ReportText.objects.select_for_update().filter(unit=unit, year=year).first()
    if row is None:
        if expected_version != 0:
            raise ConflictError()
        try:
            with transaction.atomic():
                row = ReportText.objects.create(unit=unit, year=year, texts=clean, updated_by=by)
        except IntegrityError:  # someone else saved the first version at the same moment
            raise ConflictError() from None
    else:
        if row.texts == clean:
            return row
        row.texts, row.updated_by = clean, by
        row.save_versioned(expected_version=expected_version, update_fields=["texts", "updated_by"])
    record_event(
        actor=by,
        action="disclosure.report.save",
        obj=row,
        unit=unit,
        summary={"year": year, "parts": [k for k, v in clean.items() if v]},
    )
    return row
