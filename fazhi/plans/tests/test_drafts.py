"""A draft plan (#13): confirming an import saves a draft; its tasks are edited (units, due dates, text), added or
removed, and dispatched explicitly — in full or by section. Bad input names the field and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import ConflictError, DomainError
from fazhi.plans.models import DraftUnit, PlanTask, TaskAssignment
from fazhi.plans.parsing import parse_plan_text
from fazhi.plans.services import draft_task_add, draft_task_delete, draft_task_save, plan_dispatch, plan_import
from fazhi.supervision.models import Item

PLAN = """示范市2026年法治政府建设工作要点
一、依法行政
1.清理涉企收费。2026年9月30日前完成。
牵头单位:示范市市场监督管理局;配合单位:示范市财政局、各区人民政府
2.推行合法性审查。
相关单位:示范市司法局
二、执法监督
3.开展案卷评查。2026年10月31日前完成。
牵头单位:示范市司法局
"""


@pytest.fixture
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False)
    return dt.date(2026, 6, 1)


@pytest.fixture
def draft(city, districts, persona, today):
    office = persona("office_head", "gov")
    return plan_import(
        by=office, parsed=parse_plan_text(PLAN), name="草稿计划", kind="annual", year=2026, dispatch=False
    )


def _units(task):
    return [(d.role, d.unit.code if d.unit_id else d.group.code) for d in task.draft_units.order_by("-role", "order")]


def test_an_imported_draft_assigns_nothing_and_keeps_its_units(draft):
    assert TaskAssignment.objects.count() == 0 and Item.objects.count() == 0
    tasks = list(draft.tasks.order_by("number"))
    assert [t.dispatched_at for t in tasks] == [None, None, None]
    assert _units(tasks[0]) == [("lead", "C002"), ("co", "C003"), ("co", "G-D")]
    assert _units(tasks[1]) == [("lead", "C001")]


def test_editing_a_draft_task_changes_units_and_due_date_version_checked_and_audited(draft, city, persona, today):
    office = persona("office_head", "gov")
    t = draft.tasks.get(number=1)
    saved = draft_task_save(
        task=t,
        by=office,
        title="清理涉企违规收费",
        text="建立台账",
        due_date=dt.date(2026, 11, 30),
        leads=[city["finance"]],
        cos=[city["market"]],
        expected_version=t.version,
    )
    assert (saved.title, saved.due_date, saved.version) == ("清理涉企违规收费", dt.date(2026, 11, 30), 2)
    assert _units(saved) == [("lead", "C003"), ("co", "C002")]
    assert (saved.lead_units_written, saved.co_units_written) == (["示范市财政局"], ["示范市市场监督管理局"])
    ev = AuditEvent.objects.filter(action="plans.draft.task_saved").get()
    assert ev.summary["changed"]["due_date"] == ["2026-09-30", "2026-11-30"]
    # a stale version is refused and changes nothing
    with pytest.raises(ConflictError):
        draft_task_save(
            task=t, by=office, title="别的", text="", due_date=None, leads=[city["justice"]], expected_version=1
        )
    assert PlanTask.objects.get(pk=t.pk).title == "清理涉企违规收费"


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"title": " "}, "title", "任务名称：不能为空。"),
        ({"due_date": dt.date(2026, 5, 31)}, "due_date", "完成时限：不能早于今天（2026-06-01）"),
        ({"leads": []}, "lead_units", "牵头单位：请至少选择一个单位。"),
    ],
)
def test_bad_draft_edits_name_the_field_and_change_nothing(draft, city, persona, kwargs, field, message):
    office = persona("office_head", "gov")
    t = draft.tasks.get(number=1)
    args = {"title": "新标题", "text": "", "due_date": None, "leads": [city["justice"]], **kwargs}
    with pytest.raises(DomainError) as exc:
        draft_task_save(task=t, by=office, expected_version=t.version, **args)
    assert exc.value.field == field and exc.value.message.startswith(message)
    t2 = PlanTask.objects.get(pk=t.pk)
    assert (t2.title, t2.version, _units(t2)) == ("清理涉企收费", 1, [("lead", "C002"), ("co", "C003"), ("co", "G-D")])


def test_dispatch_by_section_then_the_rest(draft, city, persona, today):
    office = persona("office_head", "gov")
    second = draft.sections.get(title="二、执法监督")
    assert plan_dispatch(plan=draft, by=office, section=second) == 1
    shares = TaskAssignment.objects.order_by("id")
    assert [(s.task.number, s.unit.code, s.role, s.state) for s in shares] == [(3, "C001", "lead", "assigned")]
    item = shares[0].item
    assert (item.unit.code, item.due_date, item.state) == ("C001", dt.date(2026, 10, 31), "open")
    assert list(draft.tasks.filter(dispatched_at__isnull=True).values_list("number", flat=True)) == [1, 2]
    assert plan_dispatch(plan=draft, by=office) == 2
    assert [
        (s.task.number, s.unit.code, s.role)
        for s in TaskAssignment.objects.order_by("task__number", "-role", "unit__code")
    ] == [
        (1, "C002", "lead"),
        (1, "C003", "co"),
        (1, "D100", "co"),
        (2, "C001", "lead"),
        (3, "C001", "lead"),
    ]
    assert DraftUnit.objects.count() == 0
    assert plan_dispatch(plan=draft, by=office) == 0  # a retried submit dispatches nothing twice
    assert TaskAssignment.objects.count() == 5
    events = AuditEvent.objects.filter(action="plans.plan.dispatched").order_by("id")
    assert [(e.summary["tasks"], e.summary["remaining"]) for e in events] == [([3], 2), ([1, 2], 0)]
    t = draft.tasks.get(number=3)
    with pytest.raises(DomainError, match="不能再按草稿编辑"):
        draft_task_save(
            task=t, by=office, title="x", text="", due_date=None, leads=[city["justice"]], expected_version=t.version
        )


def test_a_task_without_a_lead_unit_blocks_its_dispatch_and_nothing_goes_out(draft, city, persona):
    office = persona("office_head", "gov")
    t = draft.tasks.get(number=2)
    DraftUnit.objects.filter(task=t).delete()
    with pytest.raises(DomainError) as exc:
        plan_dispatch(plan=draft, by=office)
    assert exc.value.field == "lead_units"
    assert exc.value.message == "牵头单位：以下任务尚未指定牵头单位，请先编辑后再下达：第2项“推行合法性审查”。"
    assert TaskAssignment.objects.count() == 0 and draft.tasks.filter(dispatched_at__isnull=False).count() == 0


def test_add_and_delete_draft_tasks(draft, city, persona, today):
    office = persona("office_head", "gov")
    first = draft.sections.get(title="一、依法行政")
    t = draft_task_add(
        plan=draft, by=office, section=first, title="新增任务", due_date=dt.date(2026, 12, 1), leads=[city["justice"]]
    )
    assert (t.number, t.section_id, _units(t)) == (4, first.pk, [("lead", "C001")])
    draft_task_delete(task=draft.tasks.get(number=2), by=office)
    assert list(draft.tasks.order_by("number").values_list("number", flat=True)) == [1, 3, 4]
    liaison = persona("dept_liaison", "justice")
    with pytest.raises(DomainError, match="您无权编辑计划。"):
        draft_task_delete(task=t, by=liaison)


def test_import_page_saves_a_draft_then_edit_and_dispatch_pages(city, districts, persona, login_client, today):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login_client(persona("office_head", "gov"))
    from fazhi.jobs.services import jobs_run_pending

    resp = client.post(
        reverse("plans:import_upload"),
        {"file": SimpleUploadedFile("plan.txt", PLAN.encode()), "name": "", "kind": "annual", "year": ""},
    )
    jobs_run_pending()  # the worker parses the upload (#10 finding 5)
    assert client.get(resp["Location"]).status_code == 302
    resp = client.post(reverse("plans:import_preview"), {"name": "计划A", "kind": "annual"})
    from fazhi.plans.models import Plan

    plan = Plan.objects.get()
    assert resp["Location"] == reverse("plans:plan_draft", args=[plan.pk])
    assert TaskAssignment.objects.count() == 0
    html = client.get(resp["Location"]).content.decode()
    assert "待下达 <strong>3</strong> 项" in html and "全部下达（3项）" in html and "下达本章节（2项）" in html
    assert "草稿：3项待下达" in client.get(reverse("plans:plan_list")).content.decode()
    # a refused edit keeps what was typed and shows the error beside the field
    t = plan.tasks.get(number=3)
    url = reverse("plans:draft_task_edit", args=[t.pk])
    bad = {
        "title": "开展执法案卷评查",
        "text": "",
        "due_date": "2026-05-01",
        "lead_units": [f"u{city['justice'].pk}"],
        "version": t.version,
    }
    resp = client.post(url, bad)
    html = resp.content.decode()
    assert resp.status_code == 400 and 'value="开展执法案卷评查"' in html
    assert '<p class="field-error">完成时限：不能早于今天（2026-06-01）' in html
    assert PlanTask.objects.get(pk=t.pk).title == "开展案卷评查"
    resp = client.post(url, {**bad, "due_date": "2026-12-15", "co_units": [f"u{city['finance'].pk}"]})
    assert resp.status_code == 302
    section = plan.sections.get(title="二、执法监督")
    resp = client.post(reverse("plans:plan_dispatch", args=[plan.pk]), {"section": section.pk}, follow=True)
    assert "已下达“二、执法监督”任务 1 项" in resp.content.decode()
    assert [(s.unit.code, s.role, s.due_date) for s in TaskAssignment.objects.order_by("-role", "id")] == [
        ("C001", "lead", dt.date(2026, 12, 15)),
        ("C003", "co", dt.date(2026, 12, 15)),
    ]
    resp = client.post(reverse("plans:plan_dispatch", args=[plan.pk]))
    assert resp["Location"] == plan.get_absolute_url()
    assert TaskAssignment.objects.count() == 6  # task 1: 3 shares, task 2: 1, task 3: 2
