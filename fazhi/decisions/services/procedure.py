"""A decision from 决策启动 to 集体讨论决定, with the gates of 《重大行政决策程序暂行条例》 (国务院令第713号):
no completed 合法性审查, or an opinion of 不合法 → no 集体讨论 (Art. 28); a required procedure not done → no decision
(Art. 30); the 7-working-day minimum of the review (Art. 26) and the hearing notice (Art. 17); 程序回流 recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.db import transaction

from fazhi.core.errors import DomainError
from fazhi.deadlines.engine import compute_due
from fazhi.deadlines.rules import rule_get

from ..errors import DecisionErrorCode as E
from ..events import DecisionEvent
from ..models import CatalogueItem, Decision, Dissent, Meeting, ProcedureReturn, Step
from ..selectors import procedure_missing, step_current
from ..states import OPTIONAL_STEPS, STEP_BASIS, DecisionState, StepKind
from ._common import A, enter, event, move, need, who

S = DecisionState


@transaction.atomic
def decision_launch(
    *,
    by: Any,
    launched_on: dt.date,
    item: CatalogueItem | None = None,
    title: str = "",
    lead_unit: Any = None,
    government: Any = None,
    required: list[str] | None = None,
    submit_token: UUID | None = None,
) -> Decision:
    """决策启动 (Art. 10–13): from a catalogue item (its title, lead unit and procedures) or on its own."""
    if submit_token and (existing := Decision.objects.filter(submit_token=submit_token).first()):
        return existing
    if item is not None:
        title, lead_unit, government = title or item.title, lead_unit or item.lead_unit, item.catalogue.unit
        required = item.procedures if required is None else required
    if not title.strip() or lead_unit is None or government is None:
        raise DomainError(E.INVALID, "请填写决策事项和承办单位。", field="title")
    bad = [k for k in (required or []) if k not in OPTIONAL_STEPS]
    if bad:
        raise DomainError(E.INVALID, f"适用程序“{'、'.join(bad)}”无效。", field="required")
    d = Decision.objects.create(
        item=item,
        title=title.strip(),
        lead_unit=lead_unit,
        government=government,
        year=launched_on.year,
        required=[k for k in OPTIONAL_STEPS if k in (required or [])],
        launched_on=launched_on,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        submit_token=submit_token,
    )
    event(d, DecisionEvent.LAUNCHED, by, item=item.pk if item else None, required=d.required)
    return d


@transaction.atomic
def decision_start(*, decision: Decision, by: Any) -> Decision:
    d = enter(decision, "start", by, "manage")
    move(d, "start")
    event(d, DecisionEvent.STARTED, by)
    return d


def _hearing_check(materials_on: dt.date | None, participants_on: dt.date | None, held_on: dt.date) -> None:
    # Art. 17: 听证参加人名单提前向社会公布; 听证材料于召开听证会7日前送达 (counted by the clock engine)
    if materials_on is None or participants_on is None:
        raise DomainError(E.HEARING_NOTICE, "请填写听证材料送达日期和听证参加人公布日期。", field="materials_on")
    earliest = compute_due("decision.hearing_materials", materials_on).due
    if held_on < earliest:
        raise DomainError(
            E.HEARING_NOTICE,
            f"听证会最早可于{earliest:%Y-%m-%d}召开：听证材料应于召开听证会7日前送达（{A}第十七条）。",
            field="completed_on",
        )
    if participants_on >= held_on:
        raise DomainError(
            E.HEARING_NOTICE, f"听证参加人名单应在听证会前公布（{A}第十七条）。", field="participants_published_on"
        )


@transaction.atomic
def step_record(
    *,
    decision: Decision,
    kind: str,
    by: Any,
    started_on: dt.date,
    completed_on: dt.date,
    summary: str,
    assessor: str = "",
    people: list[str] | None = None,
    risk_level: str = "",
    materials_on: dt.date | None = None,
    participants_published_on: dt.date | None = None,
    consultation: Any = None,
) -> Step:
    """A completed 公众参与, 听证, 专家论证 or 风险评估 (合法性审查 has its own two services)."""
    d = enter(decision, "step_record", by, "manage")
    if kind not in OPTIONAL_STEPS:
        raise DomainError(E.INVALID, "请选择程序。", field="kind")
    if completed_on < started_on:
        raise DomainError(E.DATE, "完成日期不能早于开始日期。", field="completed_on")
    if completed_on < d.launched_on:
        raise DomainError(E.DATE, "完成日期不能早于决策启动日期。", field="completed_on")
    summary = need(summary, "summary", "程序情况")
    if kind == StepKind.HEARING:
        _hearing_check(materials_on, participants_published_on, completed_on)
    if kind == StepKind.EXPERT and not people:
        raise DomainError(E.INVALID, f"请填写参加论证的专家（{A}第二十一条：专家论证意见应当签字）。", field="people")
    if kind == StepKind.RISK and not risk_level:
        raise DomainError(E.INVALID, f"请选择风险等级（{A}第二十四条）。", field="risk_level")
    if (
        kind == StepKind.PARTICIPATION
        and consultation is not None
        and consultation.state not in ("closed", "published")
    ):
        raise DomainError(E.CONSULTATION_OPEN, "公开征求意见尚未截止。", field="consultation")
    step = Step.objects.create(
        decision=d,
        round=d.round,
        kind=kind,
        status=Step.Status.DONE,
        started_on=started_on,
        completed_on=completed_on,
        summary=summary,
        assessor=assessor.strip(),
        people=people or [],
        risk_level=risk_level,
        materials_on=materials_on,
        participants_published_on=participants_published_on,
        consultation_id=consultation.pk if consultation is not None else None,
    )
    d.save(update_fields=["updated_at"])
    event(d, DecisionEvent.STEP_RECORDED, by, kind=kind, step=step.pk, round=d.round)
    return step


@transaction.atomic
def legality_submit(*, decision: Decision, by: Any, on: dt.date, reviewer: str) -> Step:
    """送请合法性审查 (Art. 25–26): to the government's legal body (or legal adviser / 公职律师)."""
    d = enter(decision, "legality_submit", by, "manage")
    reviewer = need(reviewer, "reviewer", "审查机构")
    if on < d.launched_on:
        raise DomainError(E.DATE, "送审日期不能早于决策启动日期。", field="on")
    Step.objects.filter(decision=d, round=d.round, kind=StepKind.LEGALITY, status=Step.Status.OPEN).update(
        status=Step.Status.RETURNED
    )
    step = Step.objects.create(decision=d, round=d.round, kind=StepKind.LEGALITY, started_on=on, assessor=reviewer)
    move(d, "legality_submit")
    event(d, DecisionEvent.LEGALITY_SUBMITTED, by, on=on, reviewer=reviewer)
    return step


@transaction.atomic
def legality_complete(
    *,
    decision: Decision,
    by: Any,
    on: dt.date,
    opinion: str,
    summary: str,
    people: list[str] | None = None,
    short_reason: str = "",
) -> Step:
    """The legality opinion. Art. 26: 合法性审查的时间一般不少于7个工作日 (rule decision.legality_review_min) — a
    shorter review needs a recorded reason."""
    d = enter(decision, "legality_complete", by, "legality")
    step = step_current(d, StepKind.LEGALITY, status=Step.Status.OPEN)
    if step is None:
        raise DomainError(E.NO_LEGALITY_REVIEW, "尚未送请合法性审查。")
    if opinion not in Step.Opinion.values:
        raise DomainError(E.INVALID, "请选择审查意见。", field="opinion")
    if on < step.started_on:
        raise DomainError(E.DATE, "审查意见日期不能早于送审日期。", field="on")
    minimum = compute_due("decision.legality_review_min", step.started_on).due
    if on < minimum and not short_reason.strip():
        raise DomainError(
            E.REVIEW_TOO_SHORT,
            f"合法性审查时间不足7个工作日（最早{minimum:%Y-%m-%d}），须说明理由（{rule_get('decision.legality_review_min').basis}）。",
            field="short_reason",
        )
    step.status, step.completed_on, step.opinion = Step.Status.DONE, on, opinion
    step.summary, step.people, step.short_reason = need(summary, "summary", "审查意见"), people or [], short_reason
    step.save()
    move(d, "legality_complete")
    event(d, DecisionEvent.LEGALITY_COMPLETED, by, on=on, opinion=opinion)
    return step


@transaction.atomic
def meeting_record(
    *,
    decision: Decision,
    by: Any,
    held_on: dt.date,
    attendees: list[str],
    speakers: list[str],
    head: str,
    majority: str,
    result: str,
    dissents: list[tuple[str, str]] | None = None,
    departure_reason: str = "",
    decision_text: str = "",
    minutes: str = "",
    kind: str = "政府常务会议",
) -> Meeting:
    """集体讨论决定 (Art. 29–30), after the gates: a completed, not unlawful legality review (Art. 28) and every
    required procedure done (Art. 30); the head speaks last; a decision against the majority is explained."""
    d = enter(decision, "meeting", by, "decide")
    review = step_current(d, StepKind.LEGALITY, status=Step.Status.DONE)
    if review is None:
        raise DomainError(
            E.NO_LEGALITY_REVIEW, f"未经合法性审查的决策草案不得提交集体讨论（{A}第二十八条）。", field="state"
        )
    if review.opinion == Step.Opinion.UNLAWFUL:
        raise DomainError(E.UNLAWFUL, f"经审查不合法的决策草案不得提交集体讨论（{A}第二十八条）。", field="state")
    missing = procedure_missing(d)
    if missing:
        names = "、".join(f"{StepKind(k).label}（{STEP_BASIS[k]}）" for k in missing)
        raise DomainError(E.PROCEDURE_MISSING, f"尚未履行以下程序，不能作出决策：{names}。", field="state")
    if held_on < review.completed_on:  # type: ignore[operator]
        raise DomainError(
            E.DATE, f"会议日期不能早于合法性审查意见日期（{review.completed_on:%Y-%m-%d}）。", field="held_on"
        )
    attendees = [a.strip() for a in attendees if a.strip()]
    speakers = [s.strip() for s in speakers if s.strip()]
    head = need(head, "head", "行政首长")
    if head not in attendees:
        raise DomainError(E.HEAD_LAST, "行政首长应在出席人员中。", field="attendees")
    if not speakers or speakers[-1] != head:
        raise DomainError(E.HEAD_LAST, f"行政首长应当最后发表意见（{A}第三十条）。", field="speakers")
    if result not in Meeting.Result.values or majority not in Meeting.Result.values:
        raise DomainError(E.INVALID, "请选择会议决定。", field="result")
    if result != majority and not departure_reason.strip():
        raise DomainError(
            E.DEPARTURE_REASON,
            f"行政首长的决定与多数人意见不一致的，应当说明理由（{A}第三十条）。",
            field="departure_reason",
        )
    meeting = Meeting.objects.create(
        decision=d,
        round=d.round,
        kind=kind,
        held_on=held_on,
        attendees=attendees,
        speakers=speakers,
        head=head,
        majority=majority,
        result=result,
        departure_reason=departure_reason.strip(),
        minutes=minutes.strip(),
    )
    for person, opinion in dissents or []:
        if person.strip() and opinion.strip():
            dissent = Dissent.objects.create(
                meeting=meeting, decision=d, person=person.strip(), opinion=opinion.strip()
            )
            event(d, DecisionEvent.DISSENT_RECORDED, by, dissent=dissent.pk, person=dissent.person)
    if result in (Meeting.Result.ADOPTED, Meeting.Result.REVISED):
        d.decided_on, d.decision_text = held_on, decision_text.strip()
        move(d, "meeting")
    else:
        d.save()
    event(d, DecisionEvent.MEETING_RECORDED, by, meeting=meeting.pk, held_on=held_on, result=result)
    return meeting


@transaction.atomic
def decision_send_back(*, decision: Decision, to_step: str, reason: str, by: Any) -> ProcedureReturn:
    """程序回流: the step found wanting is marked returned in this round and must be done again; the decision goes
    back to its procedures (a decided one loses its decision date, kept in the meeting record)."""
    d = enter(decision, "send_back", by, "manage")
    if to_step not in StepKind.values:
        raise DomainError(E.INVALID, "请选择回流至哪个程序。", field="to_step")
    reason = need(reason, "reason", "回流理由")
    back = ProcedureReturn.objects.create(decision=d, from_state=d.state, to_step=to_step, reason=reason, by=who(by))
    Step.objects.filter(decision=d, round=d.round, kind=to_step).update(status=Step.Status.RETURNED)
    if to_step != StepKind.LEGALITY:  # a new draft after the step is redone needs a new legality review
        Step.objects.filter(decision=d, round=d.round, kind=StepKind.LEGALITY).update(status=Step.Status.RETURNED)
    d.state, d.decided_on = S.PROCEDURES, None
    d.save()
    event(d, DecisionEvent.SENT_BACK, by, to_step=to_step, reason=reason, from_state=back.from_state)
    return back
