"""Writes of who may enforce: 执法主体, 执法人员 (with the 行政执法证), training records and the 执法事项清单."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from fazhi.core.errors import DomainError

from ..errors import EnforcementErrorCode as E
from ..events import EnforcementEvent as Ev
from ..models import Body, DiscretionTier, ListItem, Matter, Officer, Training
from ..policies import BodyPolicy
from ..states import BodyKind, CertificateKind, CertificateStatus, ListKind, MatterKind, Tier
from ._common import event, is_user, need


def _may(by: Any, action: str, body: Body) -> None:
    if is_user(by) and not BodyPolicy.can(by, action, body):
        raise DomainError(E.FORBIDDEN, "您无权管理该执法主体。")


@transaction.atomic
def body_save(
    *,
    by: Any,
    unit: Any,
    legal_basis: str,
    scope: str,
    kind: str = BodyKind.AGENCY,
    entrusted_by: Body | None = None,
    entrustment_ref: str = "",
    entrusted_until: dt.date | None = None,
    body: Body | None = None,
    version: int | None = None,
) -> Body:
    """Create a 执法主体 over `unit` (or update `body`, checking `version`). A 受委托组织 names the body that entrusted
    it and the 委托书 (《行政处罚法》（2021年修订）第二十条)."""
    if unit is None:
        raise DomainError(E.INVALID, "请选择单位。", field="unit")
    if kind not in BodyKind.values:
        raise DomainError(E.INVALID, "请选择主体类型。", field="kind")
    legal_basis, scope = need(legal_basis, "legal_basis", "执法依据"), need(scope, "scope", "执法范围")
    if kind == BodyKind.ENTRUSTED:
        if entrusted_by is None:
            raise DomainError(E.INVALID, "受委托组织须填写委托机关（《行政处罚法》第二十条）。", field="entrusted_by")
        entrustment_ref = need(entrustment_ref, "entrustment_ref", "委托书或委托文件")
        if entrusted_by.kind == BodyKind.ENTRUSTED or (body is not None and entrusted_by.pk == body.pk):
            raise DomainError(
                E.INVALID, "受委托组织不得再委托其他组织（《行政处罚法》第二十条）。", field="entrusted_by"
            )
    else:
        entrusted_by, entrustment_ref, entrusted_until = None, "", None
    values = {
        "unit": unit,
        "kind": kind,
        "legal_basis": legal_basis,
        "scope": scope,
        "entrusted_by": entrusted_by,
        "entrustment_ref": entrustment_ref.strip(),
        "entrusted_until": entrusted_until,
    }
    if body is None:
        if Body.objects.filter(unit=unit).exists():
            raise DomainError(E.DUPLICATE, f"{unit.name}已登记为执法主体。", field="unit")
        body = Body(**values)
        _may(by, "manage", body)
        body.save()
    else:
        _may(by, "manage", body)
        for k, v in values.items():
            setattr(body, k, v)
        body.save_versioned(expected_version=version or body.version, update_fields=list(values))
    event(body, Ev.BODY_SAVED, by, kind=kind, unit=unit.code)
    return body


@transaction.atomic
def officer_save(
    *,
    by: Any,
    body: Body,
    name: str,
    certificate_number: str,
    area: str,
    valid_from: dt.date,
    valid_until: dt.date,
    certificate_kind: str = CertificateKind.ENFORCEMENT,
    status: str = CertificateStatus.VALID,
    legal_qualified: bool = False,
    officer: Officer | None = None,
    version: int | None = None,
) -> Officer:
    """Register (or update) a 执法人员 with their 行政执法证 (number, type, area, validity, status)."""
    _may(by, "officers", body)
    name = need(name, "name", "姓名")
    number = need(certificate_number, "certificate_number", "执法证号").upper()
    area = need(area, "area", "执法区域")
    if certificate_kind not in CertificateKind.values:
        raise DomainError(E.INVALID, "请选择证件类型。", field="certificate_kind")
    if status not in CertificateStatus.values:
        raise DomainError(E.INVALID, "请选择证件状态。", field="status")
    if valid_until < valid_from:
        raise DomainError(E.DATE, "有效期至不能早于有效期起。", field="valid_until")
    clash = Officer.objects.filter(certificate_number=number)
    if officer is not None:
        clash = clash.exclude(pk=officer.pk)
    if clash.exists():
        raise DomainError(E.DUPLICATE, f"执法证号{number}已登记。", field="certificate_number")
    values = {
        "body": body,
        "name": name,
        "certificate_number": number,
        "certificate_kind": certificate_kind,
        "area": area,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "status": status,
        "legal_qualified": legal_qualified,
    }
    if officer is None:
        officer = Officer.objects.create(**values)
    else:
        for k, v in values.items():
            setattr(officer, k, v)
        officer.save_versioned(expected_version=version or officer.version, update_fields=list(values))
    event(officer, Ev.OFFICER_SAVED, by, certificate=number, status=status, valid_until=valid_until.isoformat())
    return officer


@transaction.atomic
def training_record(
    *,
    by: Any,
    officer: Officer,
    on: dt.date,
    course: str,
    hours: Decimal | str | float,
    exam_score: Decimal | None = None,
    exam_passed: bool | None = None,
) -> Training:
    _may(by, "officers", officer.body)
    course = need(course, "course", "培训内容")
    try:
        h = Decimal(str(hours))
    except InvalidOperation:
        raise DomainError(E.INVALID, "学时应为数字。", field="hours") from None
    if h <= 0 or h > 1000:
        raise DomainError(E.INVALID, "学时应大于0且不超过1000。", field="hours")
    t = Training.objects.create(
        officer=officer, on=on, course=course, hours=h, exam_score=exam_score, exam_passed=exam_passed
    )
    event(officer, Ev.TRAINING_RECORDED, by, on=on.isoformat(), hours=str(h), course=course)
    return t


@transaction.atomic
def matter_save(
    *,
    by: Any,
    body: Body,
    code: str,
    name: str,
    kind: str,
    basis: str,
    review_required: bool = False,
    published_on: dt.date | None = None,
    matter: Matter | None = None,
    version: int | None = None,
) -> Matter:
    """An item of the body's 执法事项清单 (matter, basis, kind); `review_required`: in the 法制审核目录."""
    _may(by, "matters", body)
    code = need(code, "code", "事项编码")
    name = need(name, "name", "事项名称")
    basis = need(basis, "basis", "设定和实施依据")
    if kind not in MatterKind.values:
        raise DomainError(E.INVALID, "请选择事项类型。", field="kind")
    clash = Matter.objects.filter(body=body, code=code)
    if matter is not None:
        clash = clash.exclude(pk=matter.pk)
    if clash.exists():
        raise DomainError(E.DUPLICATE, f"事项编码{code}在本主体的清单中已存在。", field="code")
    values = {
        "body": body,
        "code": code,
        "name": name,
        "kind": kind,
        "basis": basis,
        "review_required": review_required,
        "published_on": published_on,
    }
    if matter is None:
        matter = Matter.objects.create(**values)
    else:
        for k, v in values.items():
            setattr(matter, k, v)
        matter.save_versioned(expected_version=version or matter.version, update_fields=list(values))
    event(matter, Ev.MATTER_SAVED, by, code=code, kind=kind)
    return matter


@transaction.atomic
def list_item_save(
    *,
    by: Any,
    body: Body,
    year: int,
    kind: str,
    matter: Matter,
    conditions: str,
    basis: str = "",
    published_on: dt.date | None = None,
) -> ListItem:
    """An item of the body's 四张清单 for a year: the matter, the conditions and the legal basis (default the article
    the list rests on: 《行政处罚法》第三十二条、第三十三条, 《行政强制法》第十六条)."""
    from ..states import LIST_BASIS

    _may(by, "matters", body)
    if kind not in ListKind.values:
        raise DomainError(E.INVALID, "请选择清单。", field="kind")
    if matter.body_id != body.pk:
        raise DomainError(E.UNKNOWN_MATTER, "该执法事项不在本主体的执法事项清单中。", field="matter")
    if not 2000 <= year <= 2100:
        raise DomainError(E.INVALID, "年度应为四位年份。", field="year")
    conditions = need(conditions, "conditions", "适用条件")
    item = ListItem.objects.create(
        body=body,
        year=year,
        kind=kind,
        matter=matter,
        conditions=conditions,
        basis=(basis or "").strip() or LIST_BASIS[ListKind(kind)],
        published_on=published_on,
    )
    event(item, Ev.LIST_ITEM_SAVED, by, kind=kind, year=year, matter=matter.code)
    return item


@transaction.atomic
def tier_save(
    *,
    by: Any,
    matter: Matter,
    tier: str,
    conditions: str,
    amount_min: Decimal,
    amount_max: Decimal,
    published_on: dt.date | None = None,
) -> DiscretionTier:
    """A tier of the matter's 裁量基准 (从轻 / 一般 / 从重) with its conditions and range (《行政处罚法》第三十四条);
    saving a tier the matter already has replaces its conditions and range."""
    _may(by, "matters", matter.body)
    if tier not in Tier.values:
        raise DomainError(E.INVALID, "请选择裁量阶次。", field="tier")
    conditions = need(conditions, "conditions", "适用情形")
    if amount_min < 0:
        raise DomainError(E.INVALID, "罚款下限不能为负数。", field="amount_min")
    if amount_max < amount_min:
        raise DomainError(E.INVALID, "罚款上限不能低于下限。", field="amount_max")
    t, _ = DiscretionTier.objects.update_or_create(
        matter=matter,
        tier=tier,
        defaults={
            "conditions": conditions,
            "amount_min": amount_min,
            "amount_max": amount_max,
            "published_on": published_on,
        },
    )
    event(t, Ev.TIER_SAVED, by, matter=matter.code, tier=tier, min=str(amount_min), max=str(amount_max))
    return t
