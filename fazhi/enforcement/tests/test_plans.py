"""涉企行政检查 plans and 无事不扰 (国办发〔2024〕54号 ⚠ local practice as data): an inspection outside the plan in
effect (approved and filed on or before its day) is flagged; a quiet period refuses an inspection without a cause."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.errors import ConflictError, DomainError
from fazhi.enforcement.models import Inspection, QuietPeriod
from fazhi.enforcement.services import (
    inspection_record,
    matter_save,
    plan_approve,
    plan_item_add,
    plan_save,
    quiet_period_save,
)

from .factories import body_with_staff

D = dt.date
CODE = "91350100M000100Y43"
pytestmark = pytest.mark.django_db


@pytest.fixture
def body(city):
    b = body_with_staff(city["market"])["body"]
    for code, name in (("JC-001", "食品经营检查"), ("JC-002", "特种设备检查")):
        matter_save(by="t", body=b, code=code, name=name, kind="inspection", basis="x", published_on=D(2026, 1, 1))
    return b


def inspect(body, **kw):
    values = {
        "by": "t",
        "body": body,
        "on": D(2026, 6, 1),
        "matter_code": "JC-001",
        "enterprise_code": CODE,
        "enterprise_name": "示范市某某商贸有限公司",
        "officer_numbers": ["SJ-A", "SJ-B"],
    }
    values.update(kw)
    return inspection_record(**values)


def test_an_inspection_outside_the_plan_in_effect_is_flagged(body):
    assert inspect(body).outside_plan is True  # no plan at all
    plan = plan_save(by="t", body=body, year=2026, special_quota=2)
    plan_item_add(by="t", plan=plan, matter_code="JC-001", subjects="食品经营者", frequency=1)
    plan = plan_approve(
        by="t",
        plan=plan,
        approved_on=D(2026, 2, 1),
        approved_by="示范市人民政府",
        filed_on=D(2026, 2, 10),
        expected_version=1,
    )
    assert inspect(body, on=D(2026, 2, 9)).outside_plan is True  # approved, not yet filed
    assert inspect(body, on=D(2026, 2, 10)).outside_plan is False
    assert inspect(body, on=D(2026, 6, 2), matter_code="JC-002").outside_plan is True
    assert Inspection.objects.filter(outside_plan=True).count() == 3


def test_plan_refusals(body):
    plan = plan_save(by="t", body=body, year=2026)
    with pytest.raises(DomainError) as e:
        plan_approve(
            by="t",
            plan=plan,
            approved_on=D(2026, 2, 1),
            approved_by="市政府",
            filed_on=D(2026, 2, 1),
            expected_version=1,
        )
    assert e.value.field == "items"
    for kw, field in (
        ({"matter_code": "CF-001"}, "matter"),
        ({"matter_code": "NOPE"}, "matter"),
        ({"frequency": 0}, "frequency"),
    ):
        with pytest.raises(DomainError) as e:
            plan_item_add(by="t", plan=plan, **{"matter_code": "JC-001", "subjects": "x", "frequency": 1, **kw})
        assert e.value.field == field
    plan_item_add(by="t", plan=plan, matter_code="JC-001", subjects="x", frequency=1)
    with pytest.raises(DomainError) as e:
        plan_approve(
            by="t",
            plan=plan,
            approved_on=D(2026, 2, 5),
            approved_by="市政府",
            filed_on=D(2026, 2, 1),
            expected_version=1,
        )
    assert (e.value.field, e.value.message) == ("filed_on", "备案日期2026-02-01不能早于批准日期2026-02-05。")
    with pytest.raises(ConflictError):
        plan_approve(
            by="t",
            plan=plan,
            approved_on=D(2026, 2, 1),
            approved_by="市政府",
            filed_on=D(2026, 2, 1),
            expected_version=5,
        )


def test_a_quiet_period_refuses_an_inspection_without_a_cause(body, city):
    quiet_period_save(
        by="t",
        body=None,
        starts_on=D(2026, 5, 1),
        ends_on=D(2026, 5, 31),
        reason="新开办企业无事不扰期",
        enterprise_codes=[CODE],
    )
    with pytest.raises(DomainError) as e:
        inspect(body, on=D(2026, 5, 31))
    assert e.value.field == "cause"
    assert e.value.message.startswith("2026-05-31处于无事不扰期“新开办企业无事不扰期”（2026-05-01至2026-05-31）")
    assert Inspection.objects.count() == 0
    i = inspect(body, on=D(2026, 5, 31), cause="群众投诉举报线索")
    assert (i.cause, i.in_quiet_period) == ("群众投诉举报线索", True)
    assert inspect(body, on=D(2026, 6, 1)).in_quiet_period is False


def test_quiet_period_refusals(body):
    with pytest.raises(DomainError) as e:
        quiet_period_save(by="t", body=body, starts_on=D(2026, 5, 2), ends_on=D(2026, 5, 1), reason="x")
    assert e.value.field == "ends_on"
    with pytest.raises(DomainError) as e:
        quiet_period_save(
            by="t", body=body, starts_on=D(2026, 5, 1), ends_on=D(2026, 5, 2), reason="x", enterprise_codes=["913501"]
        )
    assert e.value.field == "enterprise_codes" and e.value.message.startswith("913501：")
    assert QuietPeriod.objects.count() == 0


def test_special_inspections_past_the_plans_quota_are_flagged(body):
    plan = plan_save(by="t", body=body, year=2026, special_quota=1)
    plan_item_add(by="t", plan=plan, matter_code="JC-001", subjects="食品经营者", frequency=2)
    plan_approve(
        by="t",
        plan=plan,
        approved_on=D(2026, 1, 5),
        approved_by="示范市人民政府",
        filed_on=D(2026, 1, 6),
        expected_version=1,
    )
    first = inspect(body, on=D(2026, 3, 1), special=True)
    second = inspect(body, on=D(2026, 3, 2), special=True, enterprise_code="91350100M000100Y43")
    routine = inspect(body, on=D(2026, 3, 3))
    assert [(i.special, i.over_quota, i.outside_plan) for i in (first, second, routine)] == [
        (True, False, False),
        (True, True, False),
        (False, False, False),
    ]
