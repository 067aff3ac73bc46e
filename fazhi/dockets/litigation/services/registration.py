"""Registering a lawsuit (行政诉讼法 Art. 67: the complaint copy starts the 15-day defence clock)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.cases import clocks
from fazhi.cases.matters import matter_check
from fazhi.cases.models import Case, PartyKind, PartyRole
from fazhi.cases.services import PartyInput, case_create
from fazhi.core.errors import DomainError

from ..codes import COURT_NUMBER_EXAMPLE, court_number_normal
from ._common import DOCKET, INSTANCE_LABEL, INVALID, _past, _required


def court_number_check(value: str, field: str = "court_case_number") -> str:
    normal = court_number_normal(value)
    if normal is None:
        raise DomainError(
            INVALID,
            f"法院案号“{value}”格式不正确，应如 {COURT_NUMBER_EXAMPLE}（年度、法院代字、类型代字、序号）。",
            field=field,
        )
    return normal


def reconsideration_case_find(*, number: str, by: Any) -> Case | None:
    """The 行政复议 case a lawsuit followed (read through the kernel; dockets do not import each other)."""
    from fazhi.cases.selectors import cases_visible_to

    qs = (
        cases_visible_to(by, docket="reconsideration")
        if by is not None
        else Case.objects.filter(docket="reconsideration")
    )
    return qs.filter(case_number=number.strip()).first()


@transaction.atomic
def litigation_register(
    *,
    by: Any,
    handling_unit: Any,
    court: str,
    court_case_number: str,
    plaintiff: PartyInput,
    cause: str,
    instance: str,
    served_on: dt.date,
    defendant_unit: Any = None,
    defendant_name: str = "",
    matter: str = "",
    after_reconsideration: bool = False,
    reconsideration_number: str = "",
    appeal_of: Case | None = None,
    submit_token: Any = None,
    imported: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> Case:
    """Register a lawsuit against a unit. The complaint copy's service date starts the 15-day defence clock
    (行政诉讼法 Art. 67: 答辩状, evidence and the normative basis within 15 days of receiving the copy)."""
    court = _required(court, "court", "受理法院")
    court_case_number = court_number_check(_required(court_case_number, "court_case_number", "法院案号"))
    cause = _required(cause, "cause", "案由")
    matter = matter_check(matter)
    if instance not in INSTANCE_LABEL:
        raise DomainError(INVALID, "审级应为一审、二审或再审。", field="instance")
    if not defendant_unit and not (defendant_name or "").strip():
        raise DomainError(INVALID, "请填写被告（本市单位或其他名称）。", field="defendant_name")
    served = _past(served_on, "served_on", "收到起诉状副本日期")
    if submit_token:
        existing = Case.objects.filter(submit_token=submit_token).first()
        if existing is not None:
            return existing
    if Case.objects.filter(docket=DOCKET, extra__court_case_number=court_case_number).exists():
        raise DomainError(INVALID, f"法院案号“{court_case_number}”已登记。", field="court_case_number")
    link: dict[str, Any] = {}
    if (reconsideration_number or "").strip():
        recon = reconsideration_case_find(number=reconsideration_number, by=by)
        if recon is None:
            raise DomainError(
                INVALID, f"未找到行政复议案件“{reconsideration_number.strip()}”。", field="reconsideration_number"
            )
        link = {"reconsideration_case_id": recon.pk, "reconsideration_case_number": recon.case_number}
        after_reconsideration = True
    if appeal_of is not None:
        link.update({"appeal_of_id": appeal_of.pk, "appeal_of_number": appeal_of.case_number})
    defendant = defendant_unit.name if defendant_unit else defendant_name.strip()
    case = case_create(
        docket=DOCKET,
        handling_unit=handling_unit,
        received_on=served,
        by=by,
        channel="transfer",
        title=cause[:300],
        respondent_unit=defendant_unit,
        submit_token=submit_token,
        parties=[
            plaintiff,
            PartyInput(role=PartyRole.RESPONDENT, kind=PartyKind.ORGANISATION, name=defendant, unit=defendant_unit),
        ],
        event_label=f"收到起诉状副本（{INSTANCE_LABEL[instance]}，{court}{court_case_number}）",
        imported=imported,
        extra={
            "court": court,
            "court_case_number": court_case_number,
            "cause": cause,
            "instance": instance,
            "after_reconsideration": bool(after_reconsideration),
            "defendant_name": defendant,
            "served_on": served.isoformat(),
            "hearings": [],
            **({"matter": matter} if matter else {}),
            **link,
            **(extra or {}),
        },
    )
    if not getattr(case, "just_created", False):
        return case  # a repeated submit (the same token, e.g. concurrent API retries): the first case, unchanged
    if imported:
        return case  # a historical case: no live clock
    clock = clocks.case_clock_start(case=case, key="defense", trigger_date=served, by=by)
    if clock is not None:
        case.extra["defence_due"] = clock.due_date.isoformat()
        # a save, not a queryset update: the signals keep the list stamp and the metric registry's counts in step
        case.save(update_fields=["extra", "updated_at"])
    return case
