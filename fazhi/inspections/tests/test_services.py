"""法治督察 services: the plan's make-up, fieldwork, findings as supervisable items on the responsible unit's board,
and each finding's 整改 lifecycle on the shared item (方案 → progress with evidence → completion → 退回 → 销号 →
回头看). Bad input is refused naming the field, and nothing changes."""

from __future__ import annotations

import pytest
from django.test import override_settings

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.inspections import services as s
from fazhi.inspections.models import Fieldwork, Finding, InspectionPlan, RecheckResult
from fazhi.inspections.selectors import finding_status
from fazhi.supervision.models import Item, Report, Review
from fazhi.supervision.selectors import unit_board
from fazhi.supervision.states import ItemState

from .factories import BASIS, days, finding, pdf, plan_underway

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(persona):
    return persona("office_staff")


@pytest.fixture
def member(persona):
    return persona("office_head")


@pytest.fixture
def liaison(persona):
    return persona("dept_liaison", unit="market")


def counts() -> tuple[int, int, int, int]:
    return Finding.objects.count(), Item.objects.count(), Report.objects.count(), AuditEvent.objects.count()


def refused(field: str, fn, **kw) -> str:
    before = counts()
    with pytest.raises(DomainError) as e:
        fn(**kw)
    assert e.value.field == field
    assert counts() == before
    return e.value.message


def test_a_plan_starts_only_with_targets_a_leader_and_a_checklist(city, leader):
    p = s.plan_create(
        by=leader,
        organizer=city["justice"],
        year=2026,
        kind="comprehensive",
        title="综合督察",
        start_on=days(0),
        end_on=days(20),
    )
    assert refused("targets", s.plan_start, plan=p, by=leader) == "请先确定被督察单位。"
    s.target_add(plan=p, by=leader, unit=city["market"], visit_start=days(1), visit_end=days(2))
    assert refused("team", s.plan_start, plan=p, by=leader) == "请先确定督察组组长。"
    s.member_add(plan=p, by=leader, user=leader, role="leader")
    assert refused("checklist", s.plan_start, plan=p, by=leader) == "请先制定督察清单。"
    assert (
        refused("basis", s.checklist_item_add, plan=p, by=leader, theme="执法", text="公示", basis=" ")
        == "请填写依据。"
    )
    s.checklist_item_add(plan=p, by=leader, theme="执法", text="公示", basis=BASIS)
    assert s.plan_start(plan=p, by=leader).state == "underway"


def test_plan_input_is_checked(city, leader):
    kw = dict(by=leader, organizer=city["justice"], year=2026, title="回头看", start_on=days(0), end_on=days(5))
    before = InspectionPlan.objects.count()
    with pytest.raises(DomainError) as e:
        s.plan_create(kind="revisit", **kw)
    assert (e.value.field, e.value.message) == ("revisit_of", "督察回头看须选择所回头看的督察。")
    with pytest.raises(DomainError) as e:
        s.plan_create(kind="special", **{**kw, "end_on": days(-1)})
    assert e.value.field == "end_on"
    assert InspectionPlan.objects.count() == before


def test_a_second_leader_and_a_schedule_outside_the_period_are_refused(city, leader, member):
    p = plan_underway(city, leader)
    assert refused("role", s.member_add, plan=p, by=leader, user=member, role="leader") == "督察组已有组长。"
    msg = refused("visit_start", s.target_add, plan=p, by=leader, unit=city["finance"], visit_start=days(40))
    assert msg.startswith("日程应在督察期间")


def test_fieldwork_per_checklist_item_with_a_method_and_a_finding_or_none(city, leader):
    p = plan_underway(city, leader)
    target = p.targets.get(unit=city["market"])
    item = p.checklist.get(number=1)
    w = s.fieldwork_record(
        plan=p, by=leader, target=target, checklist_item=item, method="documents", on=days(-1), has_finding=False
    )
    assert (w.method, w.has_finding) == ("documents", False)
    before = Fieldwork.objects.count()
    with pytest.raises(DomainError) as e:
        s.fieldwork_record(
            plan=p, by=leader, target=target, checklist_item=item, method="telepathy", on=days(-1), has_finding=False
        )
    assert e.value.field == "method"
    with pytest.raises(DomainError) as e:
        s.fieldwork_record(
            plan=p, by=leader, target=target, checklist_item=item, method="site", on=days(-1), has_finding=True
        )
    assert (e.value.field, e.value.message) == ("note", "请填写发现的问题（督察情况）。")
    assert Fieldwork.objects.count() == before


def test_only_the_team_records(city, leader, member):
    p = plan_underway(city, leader)  # member not on the team
    with pytest.raises(DomainError) as e:
        s.finding_raise(
            plan=p,
            by=member,
            responsible_unit=city["market"],
            text="问题",
            basis=BASIS,
            severity="minor",
            found_on=days(0),
            due_on=days(5),
        )
    assert e.value.code == "inspections.forbidden"


def test_a_finding_is_an_item_on_the_responsible_units_board(city, leader, liaison):
    p = plan_underway(city, leader)
    f = finding(p, leader, city["market"])
    item = f.item
    assert (item.kind, item.unit_id, item.due_date, item.state) == (
        "inspections.finding",
        city["market"].pk,
        days(20),
        ItemState.OPEN,
    )
    assert item.title == "法治督察整改：行政执法专项督察问题1"
    assert [i.pk for i in unit_board(liaison, kind="", light="", unit_id=None)] == [item.pk]
    assert finding_status(f) == "open"


def test_bad_findings_are_refused_naming_the_field_and_nothing_changes(city, leader):
    p = plan_underway(city, leader)
    kw = dict(plan=p, by=leader, text="问题", basis=BASIS, severity="minor", found_on=days(-2), due_on=days(5))
    assert refused("responsible_unit", s.finding_raise, **{**kw, "responsible_unit": None}) == "请选择问题的责任单位。"
    msg = refused("due_on", s.finding_raise, **{**kw, "responsible_unit": city["market"], "due_on": days(-3)})
    assert msg == f"整改期限（{days(-3):%Y-%m-%d}）不能早于发现日期（{days(-2):%Y-%m-%d}）。"
    assert refused("basis", s.finding_raise, **{**kw, "responsible_unit": city["market"], "basis": ""}) == (
        "请填写问题的依据。"
    )
    assert refused("found_on", s.finding_raise, **{**kw, "responsible_unit": city["market"], "found_on": days(1)})


def test_the_rectification_lifecycle_return_then_close(city, leader, member, liaison):
    p = plan_underway(city, leader, member)
    f = finding(p, leader, city["market"])
    # completion before a plan: refused
    assert (
        refused("text", s.finding_report, finding=f, by=liaison, text="已整改", complete=True) == "请先报送整改方案。"
    )
    f = s.finding_measures(finding=f, by=liaison, text="每周更新公示栏")
    assert finding_status(f) == "planned"
    s.finding_report(finding=f, by=liaison, text="已更新一半", files=[pdf()])
    s.finding_report(finding=f, by=liaison, text="全部更新", complete=True)
    f.refresh_from_db()
    assert (f.item.state, finding_status(f)) == (ItemState.SUBMITTED, "submitted")
    # the unit may not close its own finding; the team may
    with pytest.raises(DomainError):
        s.finding_accept(finding=f, by=liaison)
    s.finding_return(finding=f, by=member, reason="公示栏照片未附")
    f.refresh_from_db()
    assert (f.item.state, finding_status(f)) == (ItemState.OPEN, "planned")
    s.finding_report(finding=f, by=liaison, text="补充照片", files=[pdf("照片.pdf")], complete=True)
    s.finding_accept(finding=f, by=leader, note="整改到位")
    f.refresh_from_db()
    assert (f.item.state, f.closed_on, finding_status(f)) == (ItemState.CLOSED, days(0), "closed")
    assert list(Review.objects.filter(item=f.item).order_by("id").values_list("decision", "reason")) == [
        ("returned", "公示栏照片未附"),
        ("accepted", "整改到位"),
    ]
    assert list(Report.objects.filter(item=f.item).order_by("id").values_list("kind", flat=True)) == [
        "progress",
        "progress",
        "completion",
        "completion",
    ]
    assert list(
        AuditEvent.objects.filter(object_type="inspections.finding", object_id=str(f.pk))
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        "inspections.finding.raised",
        "inspections.finding.planned",
        "inspections.finding.reported",
        "inspections.finding.completed",
        "inspections.finding.returned",
        "inspections.finding.completed",
        "inspections.finding.accepted",
    ]


def test_a_close_without_evidence_is_refused_where_the_setting_requires_it(city, leader, liaison):
    p = plan_underway(city, leader)
    f = finding(p, leader, city["market"])
    s.finding_measures(finding=f, by=liaison, text="方案")
    s.finding_report(finding=f, by=liaison, text="已完成", complete=True)
    f.refresh_from_db()
    msg = refused("evidence", s.finding_accept, finding=f, by=leader)
    assert msg == "销号须有佐证材料：责任单位报送的整改情况中没有佐证材料，请退回补充。"
    f.refresh_from_db()
    assert f.item.state == ItemState.SUBMITTED and f.closed_on is None
    with override_settings(FAZHI_INSPECTIONS={"EVIDENCE_FOR_CLOSE": False}):
        s.finding_accept(finding=f, by=leader)
    f.refresh_from_db()
    assert f.item.state == ItemState.CLOSED


def test_recheck_a_relapse_raises_a_new_finding(city, leader, liaison):
    p = plan_underway(city, leader)
    f = finding(p, leader, city["market"])
    assert refused("state", s.finding_recheck, finding=f, by=leader, on=days(0), result="consolidated")
    s.finding_measures(finding=f, by=liaison, text="方案")
    s.finding_report(finding=f, by=liaison, text="完成", files=[pdf()], complete=True)
    s.finding_accept(finding=f, by=leader)
    f.refresh_from_db()
    r = s.finding_recheck(
        finding=f, by=leader, on=days(0), result=RecheckResult.RELAPSED, note="公示栏又未更新", due_on=days(10)
    )
    new = r.new_finding
    assert (new.number, new.source, new.recheck_of_id, new.responsible_unit_id, new.due_on) == (
        2,
        "recheck",
        f.pk,
        city["market"].pk,
        days(10),
    )
    assert new.text == "（回头看发现反弹）公示栏又未更新"
    assert new.item.state == ItemState.OPEN


def test_an_approved_extension_moves_the_findings_due_date(city, leader, liaison, persona):
    from fazhi.supervision.services import extension_decide, extension_request

    p = plan_underway(city, leader)
    f = finding(p, leader, city["market"], due=5)
    ext = extension_request(item=f.item, by=liaison, reason="需要采购设备", new_date=days(25))
    extension_decide(extension=ext, by=persona("office_head"), approve=True)
    f.refresh_from_db()
    assert f.due_on == days(25)


def test_a_retried_submit_makes_one_finding(city, leader):
    import uuid

    p = plan_underway(city, leader)
    token = uuid.uuid4()
    kw = dict(
        plan=p,
        by=leader,
        responsible_unit=city["market"],
        text="问题",
        basis=BASIS,
        severity="minor",
        found_on=days(0),
        due_on=days(5),
        submit_token=token,
    )
    a, b = s.finding_raise(**kw), s.finding_raise(**kw)
    assert a.pk == b.pk and Finding.objects.count() == 1 and Item.objects.count() == 1
