"""Plan figures in the metric registry (fazhi/plans/metrics.py) on a known data set: the sample plan with its shares
put in known states. Every metric equals a plain recount, lists exactly the shares it counts, follows the role,
unit and viewer-scope limits, and the overview/ranking rows are the registry's breakdowns."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.metrics.selectors import metric_value
from fazhi.metrics.snapshots import metric_snapshot, snapshot_values
from fazhi.plans.models import TaskAssignment
from fazhi.plans.selectors import plan_overview_by_section, plan_overview_by_unit, units_ranking

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)
OPEN = ("assigned", "signed", "in_progress", "contributed", "submitted", "returned")


PLAN = """示范市2026年法治政府建设工作要点
一、重点任务
(一)依法行政
1.清理涉企收费。2026年9月底前完成。
牵头单位:市市场监管局;配合单位:市财政局、各区人民政府
2.推行合法性审查。
牵头单位:市司法局;配合单位:市市场监管局
3.规范行政执法。
牵头单位:市财政局;配合单位:市司法局
(二)监督制约
4.开展执法监督。
牵头单位:各区人民政府;配合单位:市司法局
5.公开权责清单。
牵头单位:市市场监管局
二、保障措施
6.加强法治培训。
牵头单位:市司法局;配合单位:市财政局、市市场监管局
7.落实述法制度。
牵头单位:市财政局
"""


@pytest.fixture
def plan(city, districts, persona):
    """Shares in turn (lead shares first): accepted on time, accepted late, open and overdue, open not yet due, open
    without a date."""
    from fazhi.plans.parsing import parse_plan_text
    from fazhi.plans.services import plan_import

    made = plan_import(
        by=persona("office_head", "gov"), parsed=parse_plan_text(PLAN), name="指标计划", kind="annual", year=2026
    )
    shares = TaskAssignment.objects.filter(task__plan=made)
    ordered = [*shares.filter(role="lead").order_by("id"), *shares.exclude(role="lead").order_by("id")]
    for i, a in enumerate(ordered):
        kind = i % 5
        fields = {
            0: {"state": "accepted", "closed_on_time": True},
            1: {"state": "accepted", "closed_on_time": False},
            2: {"state": "in_progress", "due_date": dt.date(2026, 6, 30)},
            3: {"state": "signed", "due_date": dt.date(2027, 3, 31)},
            4: {"state": "assigned", "due_date": None},
        }[kind]
        TaskAssignment.objects.filter(pk=a.pk).update(**fields)
    return made


def plain(plan, **flt):
    qs = TaskAssignment.objects.filter(task__plan=plan, **flt)
    return {
        "shares": set(qs.values_list("pk", flat=True)),
        "closed": set(qs.filter(state="accepted").values_list("pk", flat=True)),
        "on_time": set(qs.filter(state="accepted", closed_on_time=True).values_list("pk", flat=True)),
        "overdue": set(qs.filter(state__in=OPEN, due_date__lt=TODAY).values_list("pk", flat=True)),
    }


def rate(n, d):
    return round(100 * n / d, 2) if d else None


@pytest.mark.parametrize("role", ["", "lead"])
def test_every_plan_metric_equals_a_plain_recount_with_its_records(plan, role, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 1, 2, tzinfo=dt.UTC), tick=False)
    flt = {"role": role} if role else {}
    sets = plain(plan, **flt)
    assert all(sets.values()), "the data set has every kind of share"
    for name, ids in sets.items():
        got = metric_value(f"plans.{name}", period=2026, plan=plan, records=True, **flt)
        assert (got["value"], got["records"]) == (len(ids), sorted(ids)), name
    n = {k: len(v) for k, v in sets.items()}
    for key, num, den in (
        ("closed_rate", "closed", "shares"),
        ("on_time_rate", "on_time", "closed"),
        ("on_time_completion_rate", "on_time", "shares"),
    ):
        got = metric_value(f"plans.{key}", period=2026, plan=plan, records=True, **flt)
        assert (got["value"], got["numerator"], got["denominator"]) == (rate(n[num], n[den]), n[num], n[den])
        assert got["records"] == {"numerator": sorted(sets[num]), "denominator": sorted(sets[den])}


def test_without_a_plan_the_periods_year_and_a_unit_filter(plan, city):
    assert metric_value("plans.shares", period=2026)["value"] == TaskAssignment.objects.filter(task__plan=plan).count()
    assert metric_value("plans.shares", period=2025)["value"] == 0
    market = TaskAssignment.objects.filter(task__plan=plan, unit=city["market"]).count()
    assert metric_value("plans.shares", period=2026, unit="C002")["value"] == market > 0


def test_scope_limits_a_liaisons_figures(plan, persona, city):
    liaison = persona("dept_liaison", "market")
    got = metric_value("plans.shares", period=2026, plan=plan, viewer=liaison, records=True)
    mine = sorted(TaskAssignment.objects.filter(task__plan=plan, unit=city["market"]).values_list("pk", flat=True))
    assert got["records"] == mine and got["value"] == len(mine) < metric_value("plans.shares", period=2026)["value"]
    assert [b["code"] for b in got["breakdown"]] == [city["market"].pk]


def test_overview_and_ranking_rows_are_the_registry_breakdowns(plan, persona):
    office = persona("office_head", "gov")
    units = plan_overview_by_unit(office, plan)
    by_unit = {b["code"]: b["value"] for b in metric_value("plans.overdue", period=2026, plan=plan)["breakdown"]}
    assert {r.key: r.overdue for r in units} == by_unit
    lead = plain(plan, role="lead")
    sections = plan_overview_by_section(office, plan)
    assert sum(r.total for r in sections) == len(lead["shares"]) and sum(r.done for r in sections) == len(
        lead["closed"]
    )
    ranking = units_ranking(office, plan)
    keys = [(-(r.on_time / r.total), r.overdue, r.label) for r in ranking]
    assert keys == sorted(keys) and {r.key for r in ranking} == {r.key for r in units}
    assert all(r.on_time_completion == rate(r.on_time, r.total) for r in ranking)


def test_a_plan_snapshot_stays_as_taken(plan, persona):
    snap = metric_snapshot(
        ["plans.closed_rate", "plans.shares"], 2026, by=persona("office_head", "gov"), purpose="考核"
    )
    before = snapshot_values(snap)
    TaskAssignment.objects.filter(task__plan=plan, state="accepted").update(state="returned")
    assert snapshot_values(snap) == before
    assert metric_value("plans.closed_rate", period=2026)["value"] == 0.0 != before["plans.closed_rate"]["value"]
