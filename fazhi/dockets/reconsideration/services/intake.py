"""行政复议 intake: staff counter and portal applications (Arts. 17, 20–22, 30)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from fazhi.cases import clocks
from fazhi.cases.matters import matter_check
from fazhi.cases.models import Case, PartyRole
from fazhi.cases.services import (
    PartyInput,
    attachment_add,
    attachment_check,
    case_create,
    party_add,
    party_validate,
)
from fazhi.core.errors import DomainError

from ._common import (
    DOCKET,
    INVALID,
    _past,
    _required,
)


@transaction.atomic
def reconsideration_intake(
    *,
    by: Any,
    handling_unit: Any,
    received_on: dt.date,
    channel: str,
    applicant: PartyInput,
    act: str,
    request: str,
    facts: str = "",
    respondent_unit: Any = None,
    respondent_name: str = "",
    matter: str = "",
    submit_token: Any = None,
    files: Iterable[UploadedFile] = (),
    with_receipt: bool = False,
    agent: PartyInput | None = None,
    agents: Iterable[PartyInput] = (),
    handler: Any = None,
    co_handlers: Iterable[Any] = (),
) -> Case:
    """Register an application (staff intake or the portal). Starts the 5-working-day acceptance review clock.

    Agents (代理人) represent the applicant; the handler (承办人) and co-handlers (协办人) must belong to the
    handling unit. A repeated `submit_token` returns the first case and adds nothing."""
    _required(act, "act", "被申请复议的行政行为")
    matter = matter_check(matter)
    _required(request, "request", "行政复议请求")
    if not respondent_unit and not respondent_name:
        raise DomainError(INVALID, "请填写被申请人。", field="respondent_name")
    files = list(files)
    for i, f in enumerate(files):
        attachment_check(f, field="files" if i == 0 else f"files-{i}")
    parties = [applicant]
    if respondent_unit or respondent_name:
        parties.append(
            PartyInput(
                role=PartyRole.RESPONDENT,
                kind="organisation",
                name=respondent_unit.name if respondent_unit else respondent_name,
                unit=respondent_unit,
            )
        )
    agent_inputs = [*([agent] if agent is not None else []), *agents]
    for i, a in enumerate(agent_inputs):
        a.role = PartyRole.AGENT
        party_validate(a, prefix=f"agents-{i}-")
    co = list(co_handlers)
    for user in [handler, *co]:
        if user is not None and user.unit_id != getattr(handling_unit, "pk", None):
            field = "handler" if user is handler else "co_handlers"
            raise DomainError(INVALID, f"{user}不属于承办单位，不能承办或协办本案。", field=field)
    if handler is not None and handler in co:
        raise DomainError(INVALID, "承办人不能同时作为协办人。", field="co_handlers")
    received = _past(received_on, "received_on", "收到日期")
    case = case_create(
        docket=DOCKET,
        handling_unit=handling_unit,
        received_on=received,
        by=by,
        channel=channel,
        title=act[:300],
        respondent_unit=respondent_unit,
        handler=handler,
        co_handlers=co,
        submit_token=submit_token,
        parties=parties,
        with_receipt=with_receipt,
        event_label="收到行政复议申请",
        extra={
            "act": act,
            "request": request,
            "facts": facts,
            "respondent_name": respondent_name,
            "review_start": received.isoformat(),
            **({"matter": matter} if matter else {}),
        },
    )
    if not getattr(case, "just_created", False):
        return case  # a repeated submit: the first record, unchanged
    applicant_party = case.parties.filter(role=PartyRole.APPLICANT).first()
    for a in agent_inputs:
        party_add(case=case, by=by, party=a, represents=applicant_party)
    for f in files:
        attachment_add(case=case, by=by, file=f, label=f"申请材料：{f.name}", from_public=with_receipt)
    clocks.case_clock_start(case=case, key="acceptance", trigger_date=received, by=by)
    clocks.case_clock_start(case=case, key="correction_notice", trigger_date=received, by=by)
    return case


def reconsideration_handover_create(
    *, by: Any, values: dict[str, Any], parties: list[PartyInput], received_on: dt.date, submit_token: Any
) -> Case:
    """The hand-over's registration (spec `handover`, e.g. 诉访分离 from 信访, an intake routed to 行政复议): an
    application registered with the chosen 复议机构 as if typed in (reconsideration_intake's checks; the acceptance
    clock starts on the carried received date). The source's respondent party, when it has one, is the 被申请人."""
    from fazhi.cases.handover import handover_unit, parties_split

    applicants, respondents = parties_split(parties)
    if not applicants:
        raise DomainError(INVALID, "来源记录没有可作为申请人的当事人，请先补充当事人。", field="parties-0-name")
    respondent_unit = values.get("respondent_unit")
    if respondent_unit not in (None, ""):
        respondent_unit = handover_unit(respondent_unit, field="respondent_unit", label="被申请人")
    elif respondents and respondents[0].unit is not None:
        respondent_unit = respondents[0].unit
    else:
        respondent_unit = None
    respondent_name = values.get("respondent_name") or (respondents[0].name if respondents else "")
    return reconsideration_intake(
        by=by,
        handling_unit=handover_unit(values.get("handling_unit"), field="handling_unit", label="行政复议机构"),
        received_on=received_on,
        channel="transfer",
        applicant=applicants[0],
        act=values.get("act", ""),
        request=values.get("request", ""),
        facts=values.get("facts", ""),
        respondent_unit=respondent_unit,
        respondent_name="" if respondent_unit else respondent_name,
        matter=values.get("matter", ""),
        submit_token=submit_token,
    )
