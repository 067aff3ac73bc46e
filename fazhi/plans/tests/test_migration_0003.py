"""Migration 0003: existing shares become supervisable items and their reports, files, reviews, extension requests
and the ladder move to supervision, keeping dates and authors."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

MIGRATION = importlib.import_module("fazhi.plans.migrations.0003_shares_are_supervision_items")
OLD = ("TaskReport", "TaskAttachment", "TaskReview", "ExtensionRequest", "EscalationRung")


@pytest.fixture
def old_apps(transactional_db):
    """The app registry between 0003's AddField and its deletes, with the old plans tables created again."""
    loader = MigrationExecutor(connection).loader
    state = loader.project_state([("plans", "0002_ladder_days_overdue"), ("supervision", "0001_initial")])
    MIGRATION.Migration.operations[0].state_forwards("plans", state)
    apps = state.apps
    with connection.schema_editor() as editor:
        for name in OLD:
            editor.create_model(apps.get_model("plans", name))
    yield apps
    with connection.schema_editor() as editor:
        for name in reversed(OLD):
            editor.delete_model(apps.get_model("plans", name))


def test_shares_and_their_records_move_to_supervision(old_apps, city, persona):
    from fazhi.plans.models import TaskAssignment
    from fazhi.plans.parsing import parse_plan_text
    from fazhi.plans.services import plan_import
    from fazhi.supervision.models import Evidence, Extension, Item, LadderStep, Report, Review

    from .conftest import SMALL_PLAN

    office, market = persona("office_head", "gov"), persona("dept_liaison", "market")
    plan = plan_import(
        by=office,
        parsed=parse_plan_text(SMALL_PLAN.replace("、各区人民政府", "")),
        name="旧计划",
        kind="annual",
        year=2026,
    )
    # as before the upgrade: shares without items, their records in the old tables
    Item.objects.all().delete()
    lead = TaskAssignment.objects.get(task__plan=plan, task__number=1, role="lead")
    TaskAssignment.objects.filter(pk=lead.pk).update(state="submitted")
    old_lead = old_apps.get_model("plans", "TaskAssignment").objects.get(pk=lead.pk)
    when = timezone.make_aware(dt.datetime(2026, 10, 8, 9, 30))
    r = old_apps.get_model("plans", "TaskReport").objects.create(
        assignment=old_lead, kind="completion", text="已完成", percent=100, created_by_id=market.pk
    )
    old_apps.get_model("plans", "TaskReport").objects.filter(pk=r.pk).update(created_at=when)
    old_apps.get_model("plans", "TaskAttachment").objects.create(
        report=r, file="plans/2026/10/a.pdf", name="a.pdf", size=9
    )
    old_apps.get_model("plans", "TaskReview").objects.create(
        assignment=old_lead, decision="returned", reason="补材料", by_id=office.pk
    )
    old_apps.get_model("plans", "ExtensionRequest").objects.create(
        assignment=old_lead,
        reason="协调",
        old_date=dt.date(2026, 9, 30),
        new_date=dt.date(2026, 11, 30),
        requested_by_id=market.pk,
    )
    old_apps.get_model("plans", "EscalationRung").objects.create(
        level="red", light="overdue", min_days_overdue=7, to_office=False
    )
    # when the migration runs
    with connection.schema_editor() as editor:
        MIGRATION.forward(old_apps, editor)
    # then every share has its item, following its clock, and the lead's records moved with their dates
    shares = list(TaskAssignment.objects.filter(task__plan=plan).select_related("item").order_by("id"))
    assert all(s.item is not None and s.item.kind == "plans.share" for s in shares)
    item = Item.objects.get(plan_share=lead.pk)
    assert (item.state, item.unit_id, item.due_date, item.title) == (
        "submitted",
        lead.unit_id,
        dt.date(2026, 9, 30),
        "清理涉企收费",
    )
    assert item.clock is not None and item.clock.rule_id == "plan.task"
    assert list(item.co_units.values_list("code", flat=True)) == ["C003"]
    report = Report.objects.get(item=item)
    assert (report.kind, report.text, report.created_by_id, report.created_at) == (
        "completion",
        "已完成",
        market.pk,
        when,
    )
    assert list(Evidence.objects.filter(report=report).values_list("file", "name")) == [
        ("plans/2026/10/a.pdf", "a.pdf")
    ]
    assert list(Review.objects.filter(item=item).values_list("decision", "reason")) == [("returned", "补材料")]
    assert list(Extension.objects.filter(item=item).values_list("state", "new_date")) == [
        ("pending", dt.date(2026, 11, 30))
    ]
    assert list(LadderStep.objects.values_list("level", "min_days_overdue", "to_office")) == [("red", 7, False)]
