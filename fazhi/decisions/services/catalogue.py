"""The yearly catalogue (Art. 3 ¶3: 决策机关应当根据本条例规定，结合职责权限和本地实际，确定决策事项目录、标准，经同级
党委同意后向社会公布，并根据实际情况调整): drafted by the office, approved with the Party committee's consent
recorded, published; every change after approval is a new edition with its reason (versions kept). Units propose
items; the office accepts (the item is added) or declines them, with its answer."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Max

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError

from ..errors import DecisionErrorCode as E
from ..events import DecisionEvent
from ..models import Catalogue, CatalogueItem, CatalogueVersion, ItemProposal
from ..policies import CataloguePolicy
from ..states import OPTIONAL_STEPS, CatalogueState
from ._common import A, need, who

S = CatalogueState


def _lock(c: Catalogue, by: Any, action: str = "manage") -> Catalogue:
    c = Catalogue.objects.select_for_update(of=("self",)).select_related("unit").get(pk=c.pk)
    if by is not None and not isinstance(by, str) and not CataloguePolicy.can(by, action, c):
        raise DomainError(E.FORBIDDEN, "您无权编制或调整该目录。")
    return c


def _snapshot(c: Catalogue) -> list[dict[str, Any]]:
    return [
        {
            "number": i.number,
            "title": i.title,
            "lead_unit": i.lead_unit.name,
            "procedures": i.procedures,
            "planned_start": str(i.planned_start or ""),
            "planned_end": str(i.planned_end or ""),
            "withdrawn": i.withdrawn,
        }
        for i in c.items.select_related("lead_unit").order_by("number")
    ]


def _event(c: Catalogue, action: str, by: Any, **summary: Any) -> None:
    record_event(actor=by, action=action, obj=c, unit=c.unit, summary=summary)


@transaction.atomic
def catalogue_create(*, unit: Any, year: int, by: Any, submit_token: UUID | None = None) -> Catalogue:
    existing = Catalogue.objects.filter(unit=unit, year=year).first()
    if existing is not None:
        return existing
    c = Catalogue.objects.create(unit=unit, year=year, submit_token=submit_token)
    _event(c, DecisionEvent.CATALOGUE_CREATED, by, year=year)
    return c


@transaction.atomic
def catalogue_item_save(
    *,
    catalogue: Catalogue,
    by: Any,
    title: str,
    lead_unit: Any,
    basis: str = "",
    planned_start: dt.date | None = None,
    planned_end: dt.date | None = None,
    procedures: list[str] | None = None,
    item: CatalogueItem | None = None,
    withdrawn: bool = False,
    reason: str = "",
    expected_version: int | None = None,
) -> CatalogueItem:
    """Add or change an item. Once approved, every change needs its reason and makes a new edition."""
    c = _lock(catalogue, by)
    if c.state != S.DRAFTING:
        reason = need(reason, "reason", "调整理由")
    if planned_start and planned_end and planned_end < planned_start:
        raise DomainError(E.DATE, "计划完成时间不能早于计划启动时间。", field="planned_end")
    if any(p not in OPTIONAL_STEPS for p in procedures or []):
        raise DomainError(E.INVALID, "适用程序无效。", field="procedures")
    values = {
        "title": need(title, "title", "决策事项"),
        "lead_unit": lead_unit,
        "basis": basis.strip(),
        "planned_start": planned_start,
        "planned_end": planned_end,
        "procedures": [p for p in OPTIONAL_STEPS if p in (procedures or [])],
        "withdrawn": withdrawn,
        "withdrawn_reason": reason.strip() if withdrawn else "",
    }
    if item is None:
        number = (c.items.aggregate(n=Max("number"))["n"] or 0) + 1
        item = CatalogueItem.objects.create(catalogue=c, number=number, **values)
    else:
        for k, v in values.items():
            setattr(item, k, v)
        item.save_versioned(expected_version=expected_version or item.version, update_fields=list(values))
    if c.state != S.DRAFTING:
        c.edition += 1
        c.save(update_fields=["edition", "updated_at"])
        CatalogueVersion.objects.create(catalogue=c, edition=c.edition, reason=reason, items=_snapshot(c), by=who(by))
        _event(c, DecisionEvent.CATALOGUE_ADJUSTED, by, edition=c.edition, item=item.number, reason=reason)
    else:
        _event(c, DecisionEvent.ITEM_SAVED, by, item=item.number)
    return item


@transaction.atomic
def catalogue_approve(*, catalogue: Catalogue, by: Any, consent_on: dt.date, consent_ref: str) -> Catalogue:
    c = _lock(catalogue, by)
    if c.state != S.DRAFTING:
        raise DomainError(E.CATALOGUE, "目录已经党委同意。")
    if not c.items.filter(withdrawn=False).exists():
        raise DomainError(E.CATALOGUE, "目录中没有事项。")
    c.state, c.party_consent_on = S.APPROVED, consent_on
    c.party_consent_ref = need(consent_ref, "consent_ref", f"党委同意的文件或会议（{A}第三条）")
    c.save()
    CatalogueVersion.objects.create(
        catalogue=c, edition=c.edition, reason="经党委同意的初始版本", items=_snapshot(c), by=who(by)
    )
    _event(c, DecisionEvent.CATALOGUE_APPROVED, by, consent_on=consent_on, consent_ref=c.party_consent_ref)
    return c


@transaction.atomic
def catalogue_publish(*, catalogue: Catalogue, by: Any, on: dt.date) -> Catalogue:
    c = _lock(catalogue, by)
    if c.state != S.APPROVED:
        raise DomainError(E.CATALOGUE, f"目录须经同级党委同意后向社会公布（{A}第三条）。", field="state")
    if on < c.party_consent_on:  # type: ignore[operator]
        raise DomainError(E.DATE, "公布日期不能早于党委同意日期。", field="on")
    c.state, c.published_on = S.PUBLISHED, on
    c.save()
    _event(c, DecisionEvent.CATALOGUE_PUBLISHED, by, on=on)
    return c


@transaction.atomic
def proposal_submit(
    *, catalogue: Catalogue, by: Any, unit: Any, title: str, basis: str, submit_token: UUID | None = None
) -> ItemProposal:
    if submit_token and (existing := ItemProposal.objects.filter(submit_token=submit_token).first()):
        return existing
    c = _lock(catalogue, by, "propose")
    p = ItemProposal.objects.create(
        catalogue=c,
        unit=unit,
        title=need(title, "title", "建议事项"),
        basis=need(basis, "basis", "依据和理由"),
        by=who(by),
        submit_token=submit_token,
    )
    _event(c, DecisionEvent.PROPOSAL_SUBMITTED, by, proposal=p.pk, unit=unit.name)
    return p


@transaction.atomic
def proposal_decide(
    *, proposal: ItemProposal, by: Any, accept: bool, answer: str, procedures: list[str] | None = None
) -> ItemProposal:
    p = ItemProposal.objects.select_for_update().get(pk=proposal.pk)
    if p.state != ItemProposal.State.PENDING:
        raise DomainError(E.CATALOGUE, "该建议已处理。")
    answer = need(answer, "answer", "处理意见")
    if accept:
        p.item = catalogue_item_save(
            catalogue=p.catalogue,
            by=by,
            title=p.title,
            lead_unit=p.unit,
            basis=p.basis,
            procedures=procedures,
            reason=f"采纳{p.unit.name}的建议：{answer}",
        )
    else:
        _lock(p.catalogue, by)
    p.state, p.answer = (ItemProposal.State.ACCEPTED if accept else ItemProposal.State.DECLINED), answer
    p.save()
    _event(p.catalogue, DecisionEvent.PROPOSAL_DECIDED, by, proposal=p.pk, accepted=accept)
    return p
