"""人民调解委员会 and 人民调解员: registration and edits, atomic and audited; bad input names the field."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.core.validators import validate_phone

from ..codes import COMMITTEE_KIND_LABEL, MEDIATOR_KIND_LABEL, SECTOR_LABEL
from ..models import Committee, Mediator
from ._common import INVALID, choice, required


@transaction.atomic
def committee_create(*, by: Any, unit: Any, name: str, kind: str, sector: str = "") -> Committee:
    if unit is None:
        raise DomainError(INVALID, "请选择调解委员会所在单位。", field="unit")
    name = required(name, "name", "调解委员会名称")
    choice(kind, COMMITTEE_KIND_LABEL, "kind", "调解委员会类型")
    if sector and sector not in SECTOR_LABEL:
        raise DomainError(INVALID, "行业领域不在可选范围内。", field="sector")
    if kind == "sector" and not sector:
        raise DomainError(INVALID, "行业性、专业性人民调解委员会须选择行业领域。", field="sector")
    if Committee.objects.filter(name=name).exists():
        raise DomainError("duplicate", f"已有名为“{name}”的人民调解委员会。", field="name")
    committee = Committee.objects.create(unit=unit, name=name, kind=kind, sector=sector)
    record_event(
        actor=by,
        action="mediation.committee.create",
        obj=committee,
        summary={"unit": unit.code, "kind": kind},
        unit=unit,
    )
    return committee


@transaction.atomic
def mediator_add(
    *,
    by: Any,
    committee: Committee | None,
    name: str,
    kind: str,
    phone: str = "",
    specialities: str = "",
    training: str = "",
) -> Mediator:
    """A mediator of one committee (《人民调解法》第十三条、第十四条: 人民调解员 of the committee, trained by the 司法行政部门).
    The phone is personal data (stored encrypted, shown masked)."""
    if committee is None:
        raise DomainError(INVALID, "未找到该人民调解委员会，请从列表中选择。", field="committee")
    name = required(name, "name", "调解员姓名")
    choice(kind, MEDIATOR_KIND_LABEL, "kind", "专职或兼职")
    phone = (phone or "").strip()
    if phone:
        try:
            validate_phone(phone)
        except Exception:
            raise DomainError(INVALID, "联系电话格式不正确（手机号码或带区号的固定电话）。", field="phone") from None
    if Mediator.objects.filter(committee=committee, name=name).exists():
        raise DomainError("duplicate", f"{committee.name}已有调解员“{name}”。", field="name")
    mediator = Mediator.objects.create(
        committee=committee,
        name=name,
        kind=kind,
        phone=phone,
        specialities=(specialities or "").strip()[:200],
        training=(training or "").strip(),
    )
    record_event(
        actor=by,
        action="mediation.mediator.create",
        obj=mediator,
        summary={"committee": committee.pk, "kind": kind},  # never the phone
        unit=committee.unit,
    )
    return mediator
