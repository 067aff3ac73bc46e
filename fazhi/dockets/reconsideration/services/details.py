"""Correcting an open case's basic details (the act under review, the request, the respondent), and timeline notes
that are not transitions. One audit event holds the before/after values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.cases.errors import CaseErrorCode
from fazhi.cases.models import Case, PartyRole
from fazhi.cases.registry import docket_get
from fazhi.cases.services import case_event_add, case_lock, case_update, party_update
from fazhi.core.errors import DomainError

from ..policies import ReconsiderationCasePolicy
from ._common import INVALID, _required

LABELS = {"act": "被申请复议的行政行为", "request": "行政复议请求", "respondent": "被申请人"}


def reconsideration_basics(case: Case) -> dict[str, Any]:
    """The editable details as the edit form shows them."""
    x = case.extra
    return {
        "act": x.get("act", ""),
        "request": x.get("request", ""),
        "respondent_unit": case.respondent_unit,
        "respondent_name": "" if case.respondent_unit_id else x.get("respondent_name", ""),
    }


def _audit_value(b: dict[str, Any], key: str) -> Any:
    if key == "respondent":
        unit = b["respondent_unit"]
        return {"unit_id": unit.pk if unit else None, "name": unit.name if unit else b["respondent_name"]}
    return b[key]


@transaction.atomic
def reconsideration_case_update(
    *,
    case: Case,
    by: Any,
    expected_version: int | None,
    act: str,
    request: str,
    respondent_unit: Any = None,
    respondent_name: str = "",
) -> Case:
    """Correct the basics while the case is open (a closed case's documents were issued on them). A stale
    `expected_version` → CaseChangedError; bad input → DomainError naming the field; nothing changed → no event."""
    if not ReconsiderationCasePolicy.can(by, "edit", case):
        raise DomainError(CaseErrorCode.FORBIDDEN, "您没有修改该案件基本信息的权限。")
    act = _required((act or "").strip(), "act", "被申请复议的行政行为")
    request = _required((request or "").strip(), "request", "行政复议请求")
    respondent_name = "" if respondent_unit else (respondent_name or "").strip()
    if not respondent_unit and not respondent_name:
        raise DomainError(INVALID, "请填写被申请人。", field="respondent_name")
    locked = case_lock(case, expected_version=expected_version)
    if docket_get(locked.docket).state(locked.state).closed:
        raise DomainError(CaseErrorCode.TRANSITION_NOT_ALLOWED, "案件已办结，不能修改基本信息。")
    before = reconsideration_basics(locked)
    after = {"act": act, "request": request, "respondent_unit": respondent_unit, "respondent_name": respondent_name}
    changed = [k for k in LABELS if _audit_value(before, k) != _audit_value(after, k)]
    if not changed:
        return locked
    respondent = respondent_unit.name if respondent_unit else respondent_name
    if "respondent" in changed:
        party = locked.parties.filter(role=PartyRole.RESPONDENT).order_by("id").first()
        if party is not None:
            party_update(party=party, by=by, changes={"name": respondent, "unit": respondent_unit})
    return case_update(
        case=locked,
        by=by,
        expected_version=locked.version,
        changes={
            "title": act[:300],
            "respondent_unit": respondent_unit,
            "extra": {"act": act, "request": request, "respondent_name": respondent_name},
        },
        event_label="修改基本信息：" + "、".join(LABELS[k] for k in changed),
        action="reconsideration.case.edit",
        summary={
            "changed": changed,
            "before": {k: _audit_value(before, k) for k in changed},
            "after": {k: _audit_value(after, k) for k in changed},
        },
    )


def case_note(*, case: Case, by: Any, on: dt.date, label: str, public: bool = False) -> None:
    """A timeline line that is not a transition (e.g. a phone call with the applicant)."""
    case_event_add(case=case, kind="note", label=label, on=on, by=by, public=public)
    record_event(actor=by, action="reconsideration.case.note", obj=case, unit=case.handling_unit)
