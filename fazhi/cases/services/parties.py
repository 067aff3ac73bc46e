"""当事人: validation of identifiers, adding parties, audited unmasking of personal information."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core import writebehind
from fazhi.core.errors import DomainError
from fazhi.core.validators import validate_credit_code, validate_id_number, validate_phone

from ..errors import CaseErrorCode
from ..models import (
    Case,
    Party,
    PartyKind,
    PartyRole,
)
from ..policies import CasePolicy
from ._common import _actor


@dataclass
class PartyInput:
    role: str
    name: str
    kind: str = PartyKind.PERSON
    id_number: str = ""
    phone: str = ""
    address: str = ""
    credit_code: str = ""
    unit: Any = None


def party_input_from(data: Mapping[str, Any], *, prefix: str, role: str) -> PartyInput:
    """A PartyInput from a form's cleaned data whose fields are named `<prefix>_kind`, `_name`, `_id_number`,
    `_credit_code`, `_phone` and (optionally) `_address`: a person keeps the ID number, an organisation the credit code."""
    person = data[f"{prefix}_kind"] == PartyKind.PERSON
    return PartyInput(
        role=role,
        kind=data[f"{prefix}_kind"],
        name=data[f"{prefix}_name"],
        id_number=data.get(f"{prefix}_id_number", "") if person else "",
        credit_code="" if person else data.get(f"{prefix}_credit_code", ""),
        phone=data.get(f"{prefix}_phone", ""),
        address=data.get(f"{prefix}_address", ""),
    )


ORGANISATION_NAME = re.compile(
    r".{2,}(公司|集团|厂|商店|商行|中心|合作社|委员会|协会|学会|商会|研究院|研究所|学校|学院|大学|医院|事务所|银行|政府|局)$"
)


def party_validate(p: PartyInput, *, prefix: str = "") -> PartyInput:
    """Normalise identifiers in place; DomainError naming the field on bad input. A "person" with no ID number, a
    credit code or a name ending like an organisation's (…有限公司, …合作社) is an organisation: its name is never
    masked as a person's."""
    if not (p.name or "").strip():
        raise DomainError(CaseErrorCode.INVALID, "请填写当事人姓名或名称。", field=f"{prefix}name")
    if p.kind == PartyKind.PERSON and not p.id_number and (p.credit_code or ORGANISATION_NAME.search(p.name.strip())):
        p.kind = PartyKind.ORGANISATION
    if p.role not in PartyRole.values:
        raise DomainError(CaseErrorCode.INVALID, "当事人身份不正确。", field=f"{prefix}role")
    try:
        if p.kind == PartyKind.PERSON and p.id_number:
            p.id_number = validate_id_number(p.id_number)
        if p.kind == PartyKind.ORGANISATION and p.credit_code:
            p.credit_code = validate_credit_code(p.credit_code)
    except ValidationError as exc:
        field = "id_number" if p.kind == PartyKind.PERSON else "credit_code"
        label = "身份证号码" if field == "id_number" else "统一社会信用代码"
        raise DomainError(CaseErrorCode.INVALID, f"{label}：{exc.messages[0]}", field=f"{prefix}{field}") from exc
    if p.phone:
        try:
            p.phone = validate_phone(p.phone)
        except ValidationError as exc:
            raise DomainError(CaseErrorCode.INVALID, f"联系电话：{exc.messages[0]}", field=f"{prefix}phone") from exc
    p.name = p.name.strip()
    return p


def _party_save(case: Case, p: PartyInput, represents: Party | None = None) -> Party:
    party = Party(
        case=case,
        role=p.role,
        kind=p.kind,
        name=p.name,
        id_number=p.id_number,
        phone=p.phone,
        address=p.address,
        credit_code=p.credit_code,
        unit=p.unit,
        represents=represents,
    )
    batch = writebehind.active()
    if batch is not None:  # a bulk import: written with the batch (fazhi.core.writebehind)
        if represents is not None and represents.pk is None:
            batch.flush()  # the party it represents is still pending: written first
        party.indexes_set()
        batch.add(party)
        return party
    party.save(force_insert=True)
    return party


@transaction.atomic
def party_add(*, case: Case, by: Any, party: PartyInput, represents: Party | None = None) -> Party:
    party_validate(party)
    saved = _party_save(case, party, represents)
    record_event(
        actor=_actor(by),
        action="cases.party.add",
        obj=case,
        summary={"role": party.role, "kind": party.kind},
        unit=case.handling_unit,
    )
    return saved


PARTY_EDITABLE = ("name", "id_number", "phone", "address", "credit_code", "unit")


@transaction.atomic
def party_update(*, party: Party, by: Any, changes: dict[str, Any], prefix: str = "") -> Party:
    """Change a party's name, identifiers, contact or unit; validated like a new party. The audit event names the
    changed fields, never their values (personal information stays out of the audit trail)."""
    unknown = set(changes) - set(PARTY_EDITABLE)
    if unknown:
        raise DomainError(CaseErrorCode.INVALID, f"不能修改：{'、'.join(sorted(unknown))}")
    p = PartyInput(**{f: getattr(party, f) for f in PARTY_EDITABLE}, role=party.role, kind=party.kind)
    for key, value in changes.items():
        setattr(p, key, value.strip() if isinstance(value, str) else value)
    party_validate(p, prefix=prefix)
    changed = sorted(k for k in changes if getattr(p, k) != getattr(party, k))
    if not changed:
        return party
    for key in changed:
        setattr(party, key, getattr(p, key))
    party.save()
    record_event(
        actor=_actor(by),
        action="cases.party.update",
        obj=party.case,
        summary={"party_id": party.pk, "role": party.role, "fields": changed},
        unit=party.case.handling_unit,
    )
    return party


@transaction.atomic
def party_unmask(*, party: Party, by: Any) -> dict[str, str]:
    """Full personal information, only with `cases.pii.view` on a case in scope (CasePolicy "pii"); every unmask is audited."""
    if not CasePolicy.can(by, "unmask", party.case):
        raise DomainError(CaseErrorCode.FORBIDDEN, "您没有查看完整个人信息的权限。")
    record_event(
        actor=by,
        action="pii.unmask",
        obj=party.case,
        summary={"party_id": party.pk, "fields": ["name", "id_number", "phone", "address"]},
        unit=party.case.handling_unit,
    )
    return {"name": party.name, "id_number": party.id_number, "phone": party.phone, "address": party.address}
