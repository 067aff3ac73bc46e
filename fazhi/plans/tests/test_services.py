"""The supervision workflow, step by step, as the office and as the units."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.notifications.models import Notification
from fazhi.orgs.models import UnitAlias
from fazhi.plans.models import ExtensionState, Plan, TaskAssignment
from fazhi.plans.parsing import parse_plan_text
from fazhi.plans.services import (
    assignment_accept,
    assignment_complete,
    assignment_contribute,
    assignment_report,
    assignment_send_back,
    assignment_sign,
    extension_decide,
    extension_request,
    plan_import,
)
from fazhi.plans.states import AssignmentState as S

from .conftest import SMALL_PLAN


def _lead(plan):
    return TaskAssignment.objects.get(task__plan=plan, task__number=1, role="lead")


def test_import_expands_groups_and_assigns_lead_and_co(small_plan, city):
    # then task 1: market leads, finance and the district (from 各区人民政府) co-operate
    rows = {(a.unit.short_name, a.role) for a in TaskAssignment.objects.filter(task__plan=small_plan, task__number=1)}
    assert rows == {("市市场监管局", "lead"), ("市财政局", "co"), ("东城区政府", "co")}
    assert _lead(small_plan).due_date == dt.date(2026, 9, 30)
    assert AuditEvent.objects.filter(action="plans.plan.imported").count() == 1


def test_unresolved_unit_saves_nothing(city, persona):
    office = persona("office_head", "gov")
    parsed = parse_plan_text(SMALL_PLAN.replace("市财政局", "市财政厅"))
    with pytest.raises(DomainError) as exc:
        plan_import(by=office, parsed=parsed, name="X", kind="annual", year=2026)
    assert "市财政厅" in exc.value.message and exc.value.field == "units"
    assert Plan.objects.count() == 0


def test_mapping_is_remembered_as_an_alias(city, districts, persona):
    office = persona("office_head", "gov")
    parsed = parse_plan_text(SMALL_PLAN.replace("市财政局", "市财政厅"))
    plan_import(by=office, parsed=parsed, name="X", kind="annual", year=2026, mapping={"市财政厅": city["finance"]})
    assert UnitAlias.objects.get(name="市财政厅").unit == city["finance"]


def test_full_lifecycle_with_extension_send_back_and_close(small_plan, city, persona):
    office, head = persona("office_staff", "gov"), persona("office_head", "gov")
    market = persona("dept_liaison", "market")
    finance = persona("dept_liaison", "finance")
    lead = _lead(small_plan)
    co = TaskAssignment.objects.get(task=lead.task, unit=city["finance"])
    # the lead unit signs and reports with an attachment
    assignment_sign(assignment=lead, by=market)
    pdf = SimpleUploadedFile("进展.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    report = assignment_report(assignment=lead, by=market, text="已建立台账", percent=40, files=[pdf])
    assert report.evidence.count() == 1 and report.item == lead.item  # reports live on the share's item
    # the co-unit gives its input
    assignment_sign(assignment=co, by=finance)
    assignment_contribute(assignment=co, by=finance, text="财政局意见")
    # extension requested and approved
    ext = extension_request(assignment=lead, by=market, reason="需协调", new_date=dt.date(2026, 12, 31))
    extension_decide(extension=ext, by=head, approve=True, note="同意")
    lead.refresh_from_db()
    ext.refresh_from_db()
    assert ext.state == ExtensionState.APPROVED and lead.due_date == dt.date(2026, 12, 31)
    # completion, sent back, completion again, 销号
    assignment_complete(assignment=lead, by=market, text="已完成")
    assignment_send_back(assignment=lead, by=office, reason="缺少佐证材料")
    lead.refresh_from_db()
    assert lead.state == S.RETURNED
    assignment_complete(assignment=lead, by=market, text="补充材料后完成")
    assignment_accept(assignment=lead, by=office)
    lead.refresh_from_db()
    co.refresh_from_db()
    assert (lead.state, co.state) == (S.ACCEPTED, S.ACCEPTED)
    assert lead.task.__class__.objects.get(pk=lead.task_id).closed_at is not None
    actions = list(
        AuditEvent.objects.filter(object_type="plans.plantask", object_id=str(lead.task_id))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["plans.task.accepted", "plans.task.closed"]
    # and both shares' supervisable items ended by 销号
    lead.item.refresh_from_db()
    co.item.refresh_from_db()
    assert [(i.state, i.end_kind, i.light) for i in (lead.item, co.item)] == [("closed", "person", "done")] * 2


def test_other_unit_cannot_sign(small_plan, persona):
    justice = persona("dept_liaison", "justice")
    with pytest.raises(DomainError):
        assignment_sign(assignment=_lead(small_plan), by=justice)
    assert _lead(small_plan).state == S.ASSIGNED


def test_co_unit_cannot_complete(small_plan, city, persona):
    finance = persona("dept_liaison", "finance")
    co = TaskAssignment.objects.get(task__plan=small_plan, task__number=1, unit=city["finance"])
    assignment_sign(assignment=co, by=finance)
    with pytest.raises(DomainError, match="牵头"):
        assignment_complete(assignment=co, by=finance, text="x")


def test_send_back_requires_a_reason(small_plan, persona):
    market, office = persona("dept_liaison", "market"), persona("office_staff", "gov")
    lead = _lead(small_plan)
    assignment_sign(assignment=lead, by=market)
    assignment_complete(assignment=lead, by=market, text="完成")
    with pytest.raises(DomainError) as exc:
        assignment_send_back(assignment=lead, by=office, reason=" ")
    assert exc.value.field == "reason"


def test_office_staff_cannot_approve_extensions(small_plan, persona):
    market, office = persona("dept_liaison", "market"), persona("office_staff", "gov")
    ext = extension_request(assignment=_lead(small_plan), by=market, reason="r", new_date=dt.date(2026, 12, 1))
    with pytest.raises(DomainError):
        extension_decide(extension=ext, by=office, approve=True)


def test_assignment_notifies_the_liaison(city, districts, persona, django_capture_on_commit_callbacks):
    market = persona("dept_liaison", "market")
    market.is_liaison = True
    market.save()
    office = persona("office_head", "gov")
    with django_capture_on_commit_callbacks(execute=True):
        plan_import(by=office, parsed=parse_plan_text(SMALL_PLAN), name="X", kind="annual", year=2026)
    assert Notification.objects.filter(recipient=market, title__startswith="新任务待签收").exists()
