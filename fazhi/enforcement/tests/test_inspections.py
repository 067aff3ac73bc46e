"""涉企行政检查 (国办发〔2024〕54号): certified officers only, an 行政检查 item of the lead body, a valid 统一社会信用代码,
the per-enterprise per-body annual cap (warned before, flagged after) with a joint inspection counted once."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.errors import DomainError
from fazhi.enforcement.models import Inspection
from fazhi.enforcement.services import inspection_record, inspections_counted, matter_save
from fazhi.metrics.selectors import metric_value

from .factories import CREDIT, body_with_staff

D = dt.date
pytestmark = pytest.mark.django_db
OTHER = "91110000600037341L"


@pytest.fixture
def two(city):
    market = body_with_staff(city["market"])
    finance = body_with_staff(city["finance"], prefix="CZ")
    for s, code in ((market, "JC-001"), (finance, "JC-101")):
        matter_save(
            by="t", body=s["body"], code=code, name="检查", kind="inspection", basis="依据", published_on=D(2026, 1, 1)
        )
        s["body"].inspection_cap = 2
        s["body"].save()
    matter_save(by="t", body=market["body"], code="JC-002", name="未公布的检查", kind="inspection", basis="依据")
    return market["body"], finance["body"]


def _inspect(body, on, **kw):
    args = {
        "by": "t",
        "body": body,
        "on": on,
        "matter_code": "JC-001",
        "enterprise_code": CREDIT,
        "enterprise_name": "示范市某某商贸有限公司",
        "officer_numbers": ["SJ-A", "SJ-B"],
    }
    args.update(kw)
    return inspection_record(**args)


def test_an_expired_certificate_cannot_be_recorded_on_a_new_inspection(two):
    with pytest.raises(DomainError) as exc:
        _inspect(two[0], D(2026, 3, 2), officer_numbers=["SJ-A", "SJ-EXPIRED"])
    assert (exc.value.code, exc.value.field, exc.value.message) == (
        "enforcement.certificate",
        "officers",
        "执法人员王五（SJ-EXPIRED）的行政执法证有效期至2026-02-28，已过期，不能记录在新的行政检查中。",
    )
    assert Inspection.objects.count() == 0


def test_the_enterprise_code_and_the_item_are_checked(two):
    with pytest.raises(DomainError) as exc:
        _inspect(two[0], D(2026, 3, 2), enterprise_code="91350100M000100Y44")
    assert exc.value.field == "enterprise_code"
    with pytest.raises(DomainError) as exc:
        _inspect(two[0], D(2026, 3, 2), matter_code="CF-001")
    assert (exc.value.field, exc.value.message) == ("matter", "事项“CF-001”不是行政检查事项。")


def test_an_unpublished_item_is_flagged(two):
    assert _inspect(two[0], D(2026, 3, 2), matter_code="JC-002").unpublished_item is True
    assert _inspect(two[0], D(2026, 3, 3), enterprise_code=OTHER).unpublished_item is False


def test_going_over_the_cap_warns_before_and_is_flagged_after(two):
    market, _ = two
    _inspect(market, D(2026, 3, 2))
    _inspect(market, D(2026, 4, 2))
    with pytest.raises(DomainError) as exc:
        _inspect(market, D(2026, 5, 2))
    assert (exc.value.code, exc.value.field) == ("enforcement.over_cap", "confirm_over_cap")
    assert exc.value.message == (
        "该企业2026年度接受示范市市场监督管理局的检查将达3次，超过公布的年度上限2次（国办发〔2024〕54号）。确需检查的，请确认后提交。"
    )
    assert Inspection.objects.count() == 2
    third = _inspect(market, D(2026, 5, 2), confirm_over_cap=True)
    assert third.over_cap is True
    assert _inspect(market, D(2026, 5, 3), enterprise_code=OTHER).over_cap is False  # another enterprise
    assert metric_value("enforcement.inspections", period=2026)["value"] == 4
    assert metric_value("enforcement.inspections_over_cap", period=2026)["value"] == 1


def test_a_joint_inspection_counts_once_for_each_participant(two):
    market, finance = two
    joint = _inspect(market, D(2026, 3, 2), partners=[finance], officer_numbers=["SJ-A", "CZ-A"])
    assert sorted(o.certificate_number for o in joint.officers.all()) == ["CZ-A", "SJ-A"]
    assert (inspections_counted(market, CREDIT, 2026), inspections_counted(finance, CREDIT, 2026)) == (1, 1)
    _inspect(finance, D(2026, 4, 2), matter_code="JC-101", officer_numbers=["CZ-A"])
    with pytest.raises(DomainError) as exc:  # finance: the joint one + its own = 2; a third would exceed
        _inspect(finance, D(2026, 5, 2), matter_code="JC-101", officer_numbers=["CZ-A"])
    assert "示范市财政局的检查将达3次" in exc.value.message
    assert metric_value("enforcement.inspections", period=2026)["value"] == 2  # the joint one is one inspection


def test_with_lead_counting_a_joint_inspection_counts_only_for_the_lead(two, settings):
    settings.FAZHI_ENFORCEMENT = {**settings.FAZHI_ENFORCEMENT, "JOINT_COUNTS": "lead"}
    market, finance = two
    _inspect(market, D(2026, 3, 2), partners=[finance], officer_numbers=["SJ-A", "CZ-A"])
    assert (inspections_counted(market, CREDIT, 2026), inspections_counted(finance, CREDIT, 2026)) == (1, 0)
