"""Plan shares become supervisable items (issue #13, ADR 0009).

Each TaskAssignment gets a supervision.Item (kind plans.share) that follows the share's clock; its reports and files,
its 销号/退回 reviews and its extension requests move to supervision's Report, Evidence, Review and Extension (dates,
authors and submit tokens kept; files stay where they are), and the 三色 ladder's rungs become supervision's
LadderStep. The old tables are then dropped. Not reversible: the moved rows live on in supervision.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

LIGHT_RANK = {"overdue": 0, "due_soon": 1, "running": 2, "paused": 3, "none": 4, "done": 5}


def forward(apps, schema_editor):
    from fazhi.deadlines.selectors import clock_days_overdue, clock_light, today_local

    ContentType = apps.get_model("contenttypes", "ContentType")
    Clock = apps.get_model("deadlines", "Clock")
    TaskAssignment = apps.get_model("plans", "TaskAssignment")
    TaskReport = apps.get_model("plans", "TaskReport")
    TaskAttachment = apps.get_model("plans", "TaskAttachment")
    TaskReview = apps.get_model("plans", "TaskReview")
    ExtensionRequest = apps.get_model("plans", "ExtensionRequest")
    EscalationRung = apps.get_model("plans", "EscalationRung")
    Item = apps.get_model("supervision", "Item")
    Report = apps.get_model("supervision", "Report")
    Evidence = apps.get_model("supervision", "Evidence")
    Review = apps.get_model("supervision", "Review")
    Extension = apps.get_model("supervision", "Extension")
    LadderStep = apps.get_model("supervision", "LadderStep")

    for r in EscalationRung.objects.order_by("id"):
        LadderStep.objects.get_or_create(
            level=r.level,
            defaults={
                "light": r.light,
                "to_liaison": r.to_liaison,
                "to_office": r.to_office,
                "min_days_overdue": r.min_days_overdue,
                "enabled": r.enabled,
            },
        )

    ct, _ = ContentType.objects.get_or_create(app_label="plans", model="taskassignment")
    clocks = {c.object_id: c for c in Clock.objects.filter(content_type=ct, key="plan.task")}
    today = today_local()
    co_by_task = {}
    for a in TaskAssignment.objects.filter(role="co").values("task_id", "unit_id"):
        co_by_task.setdefault(a["task_id"], []).append(a["unit_id"])
    for a in TaskAssignment.objects.select_related("task").order_by("id").iterator(chunk_size=500):
        clock = clocks.get(str(a.pk))
        closed = a.state == "accepted"
        if closed:
            light, days = "done", 0
        elif clock is not None:
            light = clock_light(clock, today=today)
            days = clock_days_overdue(clock, today=today) if light == "overdue" else 0
        else:
            light, days = ("none", 0) if a.due_date is None else ("running", 0)
        item = Item.objects.create(
            kind="plans.share",
            source_label="规划任务",
            source_type=ct,
            source_id=str(a.pk),
            source_url=f"/plans/tasks/{a.task_id}/#a{a.pk}",
            title=a.task.title[:300],
            text=a.task.text,
            unit_id=a.unit_id,
            due_date=a.due_date,
            clock=clock,
            state="closed" if closed else ("submitted" if a.state == "submitted" else "open"),
            light=light,
            light_rank=LIGHT_RANK[light],
            days_overdue=days,
            raised_on=timezone.localdate(a.created_at),
            dedupe_key=f"plans.share.{a.pk}",
            ended_at=a.closed_at if closed else None,
            end_kind="person" if closed else "",
            end_note="销号" if closed else "",
        )
        Item.objects.filter(pk=item.pk).update(created_at=a.created_at)
        if a.role == "lead" and co_by_task.get(a.task_id):
            item.co_units.set(co_by_task[a.task_id])
        TaskAssignment.objects.filter(pk=a.pk).update(item=item)
        for r in TaskReport.objects.filter(assignment=a).order_by("id"):
            rep = Report.objects.create(
                item=item,
                kind=r.kind,
                text=r.text,
                percent=r.percent,
                unit_id=a.unit_id,
                created_by_id=r.created_by_id,
                submit_token=r.submit_token,
            )
            Report.objects.filter(pk=rep.pk).update(created_at=r.created_at, updated_at=r.updated_at)
            for f in TaskAttachment.objects.filter(report=r).order_by("id"):
                Evidence.objects.create(report=rep, file=f.file.name, name=f.name, size=f.size)
        for rv in TaskReview.objects.filter(assignment=a).order_by("id"):
            new = Review.objects.create(item=item, decision=rv.decision, reason=rv.reason, by_id=rv.by_id)
            Review.objects.filter(pk=new.pk).update(created_at=rv.created_at, updated_at=rv.updated_at)
        for e in ExtensionRequest.objects.filter(assignment=a).order_by("id"):
            new = Extension.objects.create(
                item=item,
                reason=e.reason,
                old_date=e.old_date,
                new_date=e.new_date,
                state=e.state,
                unit_id=a.unit_id,
                requested_by_id=e.requested_by_id,
                decided_by_id=e.decided_by_id,
                decided_at=e.decided_at,
                decision_note=e.decision_note,
            )
            Extension.objects.filter(pk=new.pk).update(created_at=e.created_at, updated_at=e.updated_at)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0002_ladder_days_overdue"),
        ("supervision", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="taskassignment",
            name="item",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="plan_share",
                to="supervision.item",
                verbose_name="督办事项",
            ),
        ),
        migrations.RunPython(forward),  # irreversible: the rows live on in supervision
        migrations.DeleteModel(name="EscalationRung"),
        migrations.RemoveField(model_name="taskattachment", name="report"),
        migrations.RemoveField(model_name="taskreport", name="assignment"),
        migrations.RemoveField(model_name="taskreport", name="created_by"),
        migrations.RemoveField(model_name="taskreview", name="assignment"),
        migrations.RemoveField(model_name="taskreview", name="by"),
        migrations.DeleteModel(name="ExtensionRequest"),
        migrations.DeleteModel(name="TaskAttachment"),
        migrations.DeleteModel(name="TaskReport"),
        migrations.DeleteModel(name="TaskReview"),
    ]
