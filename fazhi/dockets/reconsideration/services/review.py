"""Acceptance review (Arts. 30, 31): 补正, 受理, 不予受理, 视为放弃 and deemed acceptance by the daily job."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.cases.models import Case
from fazhi.cases.services import (
    case_lock,
    case_transition_apply,
    today_local,
)
from fazhi.core.errors import DomainError

from ..codes import (
    SIMPLIFIED_BASE,
    SIMPLIFIED_KINDS,
)
from ._common import (
    DOCKET,
    INVALID,
    _doc,
    _past,
    _required,
)


@transaction.atomic
def case_request_correction(
    *, case: Case, by: Any, on: dt.date, defects: str, expected_version: int | None = None
) -> Case:
    _past(on)
    _required((defects or "").strip(), "defects", "需要补正的事项")
    case = case_transition_apply(
        case=case,
        code="request_correction",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"correction_defects": defects, "correction_notice_on": on.isoformat()},
        detail={"defects": defects},
    )
    _doc(case, "correction_notice", by, on, 补正事项=defects)
    return case


@transaction.atomic
def case_receive_correction(
    *, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None
) -> Case:
    """Art. 31: the review period counts again from receipt of the corrected materials."""
    _past(on)  # not before the correction notice: the kernel's date invariant (spec: follows)
    case = case_transition_apply(
        case=case,
        code="receive_correction",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"correction_received_on": on.isoformat(), "review_start": on.isoformat()},
        detail={"note": note},
    )
    return case


@transaction.atomic
def case_abandon(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    _past(on)
    case = case_transition_apply(
        case=case,
        code="abandon",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="abandoned",
        detail={"note": note},
    )
    return case


def _simplified_check(conditions: list[str]) -> None:
    base = {c for c, _ in SIMPLIFIED_BASE}
    kinds = {c for c, _ in SIMPLIFIED_KINDS}
    chosen = set(conditions or [])
    if "parties_agree" in chosen:
        return
    if not base <= chosen or not (chosen & kinds):
        raise DomainError(
            INVALID,
            "适用简易程序须同时满足事实清楚、权利义务关系明确、争议不大，并具备第五十三条所列情形之一"
            "（或当事人各方同意）。",
            field="simplified_conditions",
        )


@transaction.atomic
def case_accept(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    procedure: str = "ordinary",
    simplified_conditions: list[str] | None = None,
    expected_version: int | None = None,
) -> Case:
    _past(on)
    if procedure == "simplified":
        _simplified_check(simplified_conditions or [])
    case = case_transition_apply(
        case=case,
        code="accept",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={
            "accepted_on": on.isoformat(),
            "procedure": procedure,
            "simplified_conditions": simplified_conditions or [],
        },
        detail={"procedure": procedure},
    )
    _doc(case, "acceptance_notice", by, on)
    return case


@transaction.atomic
def case_deem_accept(*, case: Case, on: dt.date, by: Any = None, expected_version: int | None = None) -> Case:
    """Art. 30 ¶3: no decision within the review period → deemed accepted on the period's last day."""
    return case_transition_apply(
        case=case,
        code="deem_accept",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"accepted_on": on.isoformat(), "procedure": "ordinary", "deemed_accepted": True},
        event_label="审查期限届满未作决定，视为受理",
    )


def review_due(case: Case) -> dt.date | None:
    """The acceptance review's last day, from the clock engine (trigger: receipt or correction receipt)."""
    from fazhi.deadlines.engine import compute_due

    start = case.extra.get("review_start") or case.received_on.isoformat()
    return compute_due("reconsideration.acceptance", dt.date.fromisoformat(start)).due


def reconsideration_deem_accept_due(*, today: dt.date | None = None) -> list[Case]:
    """The daily job: every case still under review whose review period ended before today is deemed accepted."""
    today = today or today_local()
    done = []
    for case in Case.objects.filter(docket=DOCKET, state="received"):
        due = review_due(case)
        if due is not None and due < today:
            with transaction.atomic():
                locked = case_lock(case)
                if locked.state != "received":
                    continue
                done.append(case_deem_accept(case=locked, on=due))
    return done


@transaction.atomic
def case_reject(
    *, case: Case, by: Any, on: dt.date, reasons: str, competent_body: str = "", expected_version: int | None = None
) -> Case:
    _past(on)
    _required((reasons or "").strip(), "reasons", "不予受理理由")
    case = case_transition_apply(
        case=case,
        code="reject",
        by=by,
        on=on,
        expected_version=expected_version,
        outcome="not_accepted",
        extra={"rejection_reasons": reasons, "competent_body": competent_body},
        detail={"reasons": reasons, "competent_body": competent_body},
    )
    tell = f"本案属于{competent_body}管辖，你（单位）可以向其提出申请。" if competent_body else ""
    _doc(case, "rejection_decision", by, on, 不予受理理由=reasons, 告知=tell or "特此决定。")
    return case
