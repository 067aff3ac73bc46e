"""Correcting a registered lawsuit's basic details: court, court case number, cause, instance, defendant, and the
plaintiff's contact (phone, address). One audit event holds the before/after values (the phone masked)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.cases.errors import CaseErrorCode
from fazhi.cases.models import Case, PartyRole
from fazhi.cases.services import case_lock, case_update, party_update
from fazhi.core.errors import DomainError
from fazhi.core.pii import mask_phone
from fazhi.core.validators import validate_phone

from ..policies import LitigationCasePolicy
from ._common import DOCKET, INSTANCE_LABEL, INVALID, _required
from .registration import court_number_check

LABELS = {
    "court": "受理法院",
    "court_case_number": "法院案号",
    "cause": "案由",
    "instance": "审级",
    "defendant": "被告",
    "plaintiff_phone": "原告联系电话",
    "plaintiff_address": "原告通讯地址",
}


def _plaintiff(case: Case) -> Any:
    return case.parties.filter(role=PartyRole.APPLICANT, represents__isnull=True).order_by("id").first()


def litigation_basics(case: Case) -> dict[str, Any]:
    """The editable details (the edit form leaves out the plaintiff's phone and address; the audit masks the phone)."""
    x = case.extra
    plaintiff = _plaintiff(case)
    return {
        "court": x.get("court", ""),
        "court_case_number": x.get("court_case_number", ""),
        "cause": case.title or x.get("cause", ""),
        "instance": x.get("instance", ""),
        "defendant_unit": case.respondent_unit,
        "defendant_name": "" if case.respondent_unit_id else x.get("defendant_name", ""),
        "plaintiff_phone": plaintiff.phone if plaintiff else "",
        "plaintiff_address": plaintiff.address if plaintiff else "",
    }


def _audit_value(b: dict[str, Any], key: str) -> Any:
    """A value as the audit trail keeps it: the defendant as unit id + name, the phone masked."""
    if key == "defendant":
        unit = b["defendant_unit"]
        return {"unit_id": unit.pk if unit else None, "name": unit.name if unit else b["defendant_name"]}
    if key == "plaintiff_phone":
        return mask_phone(b[key]) if b[key] else ""
    return b[key]


def _changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    def differs(key: str) -> bool:
        if key == "defendant":
            return _audit_value(before, key) != _audit_value(after, key)
        return bool(before[key] != after[key])

    return [k for k in LABELS if differs(k)]


@transaction.atomic
def litigation_case_update(
    *,
    case: Case,
    by: Any,
    expected_version: int | None,
    court: str,
    court_case_number: str,
    cause: str,
    instance: str,
    defendant_unit: Any = None,
    defendant_name: str = "",
    plaintiff_phone: str | None = None,
    plaintiff_address: str | None = None,
) -> Case:
    """Correct the basics of a registered lawsuit (any state: they are facts of the court's record). A stale
    `expected_version` → CaseChangedError; bad input → DomainError naming the field; nothing changed → no event.
    The plaintiff's phone and address are personal information: None or blank keeps the current value, so the edit
    page never has to show them unmasked."""
    if not LitigationCasePolicy.can(by, "edit", case):
        raise DomainError(CaseErrorCode.FORBIDDEN, "您没有修改该案件基本信息的权限。")
    court = _required(court, "court", "受理法院")
    court_case_number = court_number_check(_required(court_case_number, "court_case_number", "法院案号"))
    cause = _required(cause, "cause", "案由")
    if instance not in INSTANCE_LABEL:
        raise DomainError(INVALID, "审级应为一审、二审或再审。", field="instance")
    defendant_name = "" if defendant_unit else (defendant_name or "").strip()
    if not defendant_unit and not defendant_name:
        raise DomainError(INVALID, "请填写被告（本市单位或其他名称）。", field="defendant_name")
    plaintiff_phone = (plaintiff_phone or "").strip() or None
    plaintiff_address = (plaintiff_address or "").strip() or None
    if plaintiff_phone:
        try:
            plaintiff_phone = validate_phone(plaintiff_phone)
        except ValidationError as exc:
            raise DomainError(INVALID, f"联系电话：{exc.messages[0]}", field="plaintiff_phone") from exc
    locked = case_lock(case, expected_version=expected_version)
    taken = Case.objects.filter(docket=DOCKET, extra__court_case_number=court_case_number).exclude(pk=locked.pk)
    if taken.exists():
        raise DomainError(INVALID, f"法院案号“{court_case_number}”已登记。", field="court_case_number")
    before = litigation_basics(locked)
    after = {
        "court": court,
        "court_case_number": court_case_number,
        "cause": cause,
        "instance": instance,
        "defendant_unit": defendant_unit,
        "defendant_name": defendant_name,
        "plaintiff_phone": before["plaintiff_phone"] if plaintiff_phone is None else plaintiff_phone,
        "plaintiff_address": before["plaintiff_address"] if plaintiff_address is None else plaintiff_address,
    }
    changed = _changed(before, after)
    if not changed:
        return locked
    plaintiff = _plaintiff(locked)
    if plaintiff is not None and ({"plaintiff_phone", "plaintiff_address"} & set(changed)):
        party_update(
            party=plaintiff,
            by=by,
            changes={"phone": after["plaintiff_phone"], "address": after["plaintiff_address"]},
            prefix="plaintiff_",
        )
    defendant = defendant_unit.name if defendant_unit else defendant_name
    if "defendant" in changed:
        respondent = locked.parties.filter(role=PartyRole.RESPONDENT).order_by("id").first()
        if respondent is not None:
            party_update(party=respondent, by=by, changes={"name": defendant, "unit": defendant_unit})
    return case_update(
        case=locked,
        by=by,
        expected_version=locked.version,
        changes={
            "title": cause[:300],
            "respondent_unit": defendant_unit,
            "extra": {
                "court": court,
                "court_case_number": court_case_number,
                "cause": cause,
                "instance": instance,
                "defendant_name": defendant,
            },
        },
        event_label="修改基本信息：" + "、".join(LABELS[k] for k in changed),
        action="litigation.case.edit",
        summary={  # the address is personal information: named as changed, its values left out
            "changed": changed,
            "before": {k: _audit_value(before, k) for k in changed if k != "plaintiff_address"},
            "after": {k: _audit_value(after, k) for k in changed if k != "plaintiff_address"},
        },
    )
