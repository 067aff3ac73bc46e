"""The proposer's own rating on the portal: staff issue a one-time code for the reply awaiting a rating (shown once,
sent to the deputy with the 答复函 and the 征询意见表); only its digest is stored; the portal takes the code, the
rating and a note, once."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.cases.models import Case
from fazhi.cases.policies import CasePolicy
from fazhi.cases.services import case_event_add, today_local
from fazhi.core.crypto import blind_index
from fazhi.core.errors import DomainError

from ..guards import round_of
from ..models import FeedbackCode, FeedbackVia
from ..spec import SPEC

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud or typed from a letter


def _digest(code: str) -> str:
    return blind_index("".join(code.split()).upper(), "proposals.feedback_code")


@transaction.atomic
def feedback_code_issue(*, case: Case, by: Any) -> str:
    """A fresh code for the current round (an earlier unused code of the round stops working)."""
    if case.state != "replied":
        raise DomainError("invalid", "只有已答复、待评价的建议提案可以生成评价码。", field="state")
    if by is not None and not CasePolicy.can_transition(by, case, SPEC.transition("rate")):
        raise DomainError("forbidden", "您没有“登记代表/委员评价”的权限。")
    rnd = round_of(case)
    FeedbackCode.objects.filter(case=case, round=rnd, used_on=None).delete()
    code = "".join(secrets.choice(ALPHABET) for _ in range(10))
    FeedbackCode.objects.create(case=case, round=rnd, digest=_digest(code))
    case_event_add(case=case, kind="feedback_code", label="生成网上评价码", on=today_local(), by=by)
    record_event(actor=by, action="proposals.feedback_code.issue", obj=case, summary={"round": rnd})
    return code


BAD_CODE = "评价码不正确或已使用，请核对答复函所附的评价码。"


@transaction.atomic
def feedback_by_code(*, code: str, rating: str, note: str = "") -> Case:
    """The portal: the proposer rates the reply (by=None: the system door of the kernel; the code is the proof)."""
    from .steps import case_rate

    if not (code or "").strip():
        raise DomainError("invalid", "请填写评价码。", field="code")
    fc = FeedbackCode.objects.select_for_update().filter(digest=_digest(code), used_on=None).first()
    if fc is None:
        raise DomainError("bad_code", BAD_CODE, field="code")
    case = Case.objects.get(pk=fc.case_id)
    if case.state != "replied" or round_of(case) != fc.round:
        raise DomainError("bad_code", BAD_CODE, field="code")
    case = case_rate(case=case, by=None, on=today_local(), rating=rating, note=note, via=FeedbackVia.PORTAL)
    FeedbackCode.objects.filter(pk=fc.pk).update(used_on=today_local())
    return case
