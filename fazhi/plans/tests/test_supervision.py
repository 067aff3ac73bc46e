from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.notifications.models import Notification
from fazhi.plans.supervision import ladder_scan, notice_generate, tasks_export


def test_ladder_sends_yellow_once_for_overdue_tasks(small_plan, city, persona):
    market = persona("dept_liaison", "market")
    market.is_liaison = True
    market.save()
    day = dt.date(2026, 11, 1)  # after task 1's due date (2026-09-30)
    ladder_scan(on=day)
    ladder_scan(on=day)
    assert Notification.objects.filter(recipient=market, level="yellow").count() == 1


def test_notice_docx_lists_late_tasks_in_official_layout(small_plan, city, persona):
    office = persona("office_head", "gov")
    data = notice_generate(by=office, unit=city["market"])
    doc = Document(io.BytesIO(data))
    sec = doc.sections[0]
    assert round(sec.top_margin.mm) == 37 and round(sec.left_margin.mm) == 28
    assert "督办单" in doc.paragraphs[0].text or any("督办单" in p.text for p in doc.paragraphs)
    assert any("清理涉企收费" in c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert AuditEvent.objects.filter(action="plans.notice.generated").count() == 1


def test_notice_refused_when_nothing_is_late(small_plan, city, persona):
    with pytest.raises(DomainError):
        notice_generate(by=persona("office_head", "gov"), unit=city["justice"])


def test_export_is_scoped_and_audited(small_plan, persona):
    office = persona("office_head", "gov")
    wb = load_workbook(io.BytesIO(tasks_export(by=office, plan=small_plan)))
    rows = list(wb.active.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 4  # task 1: 3 shares, task 2: 1 share
    assert AuditEvent.objects.filter(action="plans.tasks.exported").count() == 1
