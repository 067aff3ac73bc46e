import datetime as dt

import pytest

from fazhi.core.errors import DomainError
from fazhi.decisions.models import CatalogueVersion, ItemProposal
from fazhi.decisions.services import (
    catalogue_approve,
    catalogue_create,
    catalogue_item_save,
    catalogue_publish,
    decision_launch,
    proposal_decide,
    proposal_submit,
)

D = dt.date


@pytest.fixture
def staff(persona):
    return persona("office_staff")


@pytest.fixture
def catalogue(city, staff):
    c = catalogue_create(unit=city["gov"], year=2026, by=staff)
    catalogue_item_save(
        catalogue=c,
        by=staff,
        title="停车收费标准调整",
        lead_unit=city["market"],
        procedures=["participation", "risk"],
        planned_start=D(2026, 3, 1),
        planned_end=D(2026, 12, 31),
    )
    return c


def test_the_catalogue_is_published_only_with_the_party_committees_consent(catalogue, staff):
    with pytest.raises(DomainError) as exc:
        catalogue_publish(catalogue=catalogue, by=staff, on=D(2026, 3, 1))
    assert exc.value.message == "目录须经同级党委同意后向社会公布（《重大行政决策程序暂行条例》第三条）。"
    with pytest.raises(DomainError) as exc:
        catalogue_approve(catalogue=catalogue, by=staff, consent_on=D(2026, 2, 20), consent_ref=" ")
    assert exc.value.field == "consent_ref"
    catalogue_approve(catalogue=catalogue, by=staff, consent_on=D(2026, 2, 20), consent_ref="市委常委会2026年第3次会议")
    c = catalogue_publish(catalogue=catalogue, by=staff, on=D(2026, 2, 25))
    assert (c.state, c.edition, c.party_consent_ref) == ("published", 1, "市委常委会2026年第3次会议")


def test_adjustments_after_approval_need_a_reason_and_keep_every_version(catalogue, staff, city):
    catalogue_approve(catalogue=catalogue, by=staff, consent_on=D(2026, 2, 20), consent_ref="市委同意")
    with pytest.raises(DomainError) as exc:
        catalogue_item_save(catalogue=catalogue, by=staff, title="新增事项", lead_unit=city["finance"])
    assert exc.value.field == "reason"
    catalogue_item_save(catalogue=catalogue, by=staff, title="新增事项", lead_unit=city["finance"], reason="年中新增")
    item = catalogue.items.get(number=1)
    catalogue_item_save(
        catalogue=catalogue,
        by=staff,
        item=item,
        title=item.title,
        lead_unit=item.lead_unit,
        withdrawn=True,
        reason="国家政策调整，不再实施",
    )
    versions = list(CatalogueVersion.objects.order_by("edition").values_list("edition", "reason"))
    assert versions == [(1, "经党委同意的初始版本"), (2, "年中新增"), (3, "国家政策调整，不再实施")]
    last = CatalogueVersion.objects.get(edition=3).items
    assert [(i["title"], i["withdrawn"]) for i in last] == [("停车收费标准调整", True), ("新增事项", False)]


def test_unit_proposals_are_accepted_into_the_catalogue_or_declined(catalogue, staff, persona, city):
    liaison = persona("dept_liaison", unit="finance")
    a = proposal_submit(
        catalogue=catalogue, by=liaison, unit=city["finance"], title="政府债务管理办法", basis="依据预算法"
    )
    b = proposal_submit(catalogue=catalogue, by=liaison, unit=city["finance"], title="内部管理制度", basis="内部")
    proposal_decide(proposal=a, by=staff, accept=True, answer="纳入", procedures=["expert"])
    proposal_decide(proposal=b, by=staff, accept=False, answer="属于内部管理事项，不属于重大行政决策（第三条）")
    a.refresh_from_db()
    assert (a.state, a.item.title, a.item.procedures) == ("accepted", "政府债务管理办法", ["expert"])
    assert ItemProposal.objects.get(pk=b.pk).state == "declined"
    assert catalogue.items.count() == 2
    with pytest.raises(DomainError):
        proposal_decide(proposal=b, by=staff, accept=True, answer="再议")


def test_a_decision_launched_from_an_item_takes_its_procedures(catalogue, staff):
    item = catalogue.items.get()
    d = decision_launch(by=staff, launched_on=D(2026, 3, 2), item=item)
    assert (d.title, d.lead_unit_id, d.government_id, d.required) == (
        "停车收费标准调整",
        item.lead_unit_id,
        catalogue.unit_id,
        ["participation", "risk"],
    )
