from __future__ import annotations

import datetime as dt
import io
import re

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


# 三色督办 red rung: "N natural days overdue" from the clock engine (task 1 of the small plan is due 2026-09-30).


def _liaison(persona, role, unit):
    user = persona(role, unit)
    user.is_liaison = True
    user.save()
    return user


def test_red_rung_waits_for_five_days_overdue(small_plan, city, persona):
    # given the market bureau's liaison and the office
    market = _liaison(persona, "dept_liaison", "market")
    office = persona("office_head", "gov")
    # when the scan runs on the 4th day overdue: yellow only (one notice: finance and the district have no users)
    assert ladder_scan(on=dt.date(2026, 10, 4)) == {"blue": 0, "yellow": 1, "red": 0}
    assert Notification.objects.filter(recipient=market, level="red").count() == 0
    # then on the 5th day overdue the red notice goes to the liaison and to the office once per overdue share
    assert ladder_scan(on=dt.date(2026, 10, 5)) == {"blue": 0, "yellow": 0, "red": 1 + 3}
    red = Notification.objects.get(recipient=market, level="red")
    assert red.title == "【红色督办】清理涉企收费（市市场监管局，完成时限2026-09-30），已逾期5天"
    assert Notification.objects.filter(recipient=office, level="red").count() == 3


def test_red_rung_counts_days_not_scans(small_plan, city, persona):
    # given no scan ran while the task slipped (the job was down), the first scan on the 10th day overdue
    market = _liaison(persona, "dept_liaison", "market")
    ladder_scan(on=dt.date(2026, 10, 10))
    # then red fires at once (a scan counter would have waited five more days)
    assert Notification.objects.filter(recipient=market, level="red").count() == 1
    # and re-running the same day sends nothing more; the next day sends the daily red again
    assert ladder_scan(on=dt.date(2026, 10, 10))["red"] == 0
    assert ladder_scan(on=dt.date(2026, 10, 11))["red"] == 1 + 3  # the liaison, and the office per share


def test_ladder_threshold_is_configurable_in_days(small_plan, city, persona):
    from fazhi.plans.supervision import ladder_rungs, ladder_save

    office = persona("office_head", "gov")
    market = _liaison(persona, "dept_liaison", "market")
    ladder_rungs()
    ladder_save(
        by=office,
        rungs=[
            {
                "level": "red",
                "light": "overdue",
                "to_liaison": True,
                "to_office": False,
                "min_days_overdue": 2,
                "enabled": True,
            }
        ],
    )
    assert ladder_scan(on=dt.date(2026, 10, 1))["red"] == 0  # 1 day overdue
    assert ladder_scan(on=dt.date(2026, 10, 2))["red"] == 1  # 2 days: the liaison only, the office not copied
    assert Notification.objects.filter(recipient=market, level="red").count() == 1
    assert Notification.objects.filter(recipient=office, level="red").count() == 0
    saved = AuditEvent.objects.get(action="supervision.ladder.saved")  # the ladder is the shared one
    assert {r["level"]: r["min_days_overdue"] for r in saved.summary["after"]} == {"blue": 0, "yellow": 0, "red": 2}


def test_blue_rung_fires_when_the_engine_says_due_soon(small_plan, city, persona):
    # plan.task warns at ≤ 5 working days left: on Mon 9/21 six remain (9/22–24, 28–30; 中秋 Fri 9/25 is a holiday),
    # on Tue 9/22 five
    market = _liaison(persona, "dept_liaison", "market")
    assert ladder_scan(on=dt.date(2026, 9, 21))["blue"] == 0
    assert ladder_scan(on=dt.date(2026, 9, 22))["blue"] == 1
    assert Notification.objects.filter(recipient=market, level="blue").count() == 1


def test_the_notice_page_issues_nothing_on_get_and_issues_on_post(small_plan, city, persona, login_client):
    from django.urls import reverse

    from fazhi.supervision.models import Notice

    client = login_client(persona("office_head", "gov"))
    url = reverse("plans:unit_notice", args=[city["market"].pk])
    page = client.get(url)
    assert page.status_code == 200 and "清理涉企收费" in page.content.decode()
    assert Notice.objects.count() == 0 and not AuditEvent.objects.filter(action="plans.notice.generated").exists()
    issued = client.post(url)
    assert (
        issued.status_code == 200
        and issued["Content-Disposition"] == f"attachment; filename=duban-{city['market'].pk}.docx"
    )
    assert Notice.objects.count() == 1
    nothing = client.post(reverse("plans:unit_notice", args=[city["justice"].pk]))
    assert nothing.status_code == 302 and Notice.objects.count() == 1


@pytest.mark.django_db
def test_the_item_page_offers_the_task_only_to_who_may_open_it(small_plan, persona, login_client):
    # given the 司法局's share of task 2 as a supervisable item
    from fazhi.plans.models import TaskAssignment

    share = TaskAssignment.objects.get(task__plan=small_plan, task__number=2, unit__short_name="市司法局")
    url = f"/supervision/items/{share.item_id}/"
    task_url = f"/plans/tasks/{share.task_id}/"
    # when the unit's liaison and its 复议 handler (who reads the unit's board but not plan tasks) open the item
    liaison = login_client(persona("dept_liaison", "justice"))
    liaison_html, liaison_task = liaison.get(url).content.decode(), liaison.get(task_url).status_code
    handler = login_client(persona("reconsideration_handler", "justice"))  # (the same test client, signed in anew)
    resp, handler_task = handler.get(url), handler.get(task_url).status_code
    # then the liaison gets 查看来源 to a task page that opens; the handler the item without the link (it answered 404)
    link = re.search(r'<a href="([^"]+)" id="source-link">查看来源</a>', liaison_html)
    assert link and link.group(1).startswith(task_url) and liaison_task == 200
    assert resp.status_code == 200 and 'id="source-link"' not in resp.content.decode() and handler_task == 404
