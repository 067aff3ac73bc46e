"""After the decision: report to the Party committee (Art. 31), publication with the comment-adoption explanation
(Art. 32), execution reports (Art. 34), 暂停执行 (Art. 35), 调整 — a major change re-runs the procedure (Art. 37) —
and 后评估 by someone other than the main pre-decision assessor (Art. 36)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.db import transaction

from fazhi.consultations.selectors import consultations_for_owner
from fazhi.core.errors import DomainError

from ..errors import DecisionErrorCode as E
from ..events import DecisionEvent
from ..models import Decision, DecisionChange, ExecutionReport, PostEvaluation, Step
from ..states import DecisionState, StepKind
from ._common import A, enter, event, move, need, who
from .execution import execution_clock_start, execution_ended, execution_paused, execution_reported, execution_resumed

S = DecisionState


def _not_before(on: dt.date, earlier: dt.date | None, field: str, what: str) -> None:
    if earlier is not None and on < earlier:
        raise DomainError(E.DATE, f"日期不能早于{what}（{earlier:%Y-%m-%d}）。", field=field)


@transaction.atomic
def decision_party_report(*, decision: Decision, by: Any, on: dt.date) -> Decision:
    d = enter(decision, "party_report", by, "manage")
    _not_before(on, d.decided_on, "on", "决定日期")
    d.party_reported_on = on
    d.save()
    event(d, DecisionEvent.PARTY_REPORTED, by, on=on)
    return d


@transaction.atomic
def decision_publish(*, decision: Decision, by: Any, on: dt.date, publication: str) -> Decision:
    d = enter(decision, "publish", by, "manage")
    if d.party_reported_on is None:
        raise DomainError(E.PARTY_REPORT, f"决策出台前应当向同级党委请示报告（{A}第三十一条）。", field="state")
    _not_before(on, d.decided_on, "on", "决定日期")
    pending = [c for c in consultations_for_owner(d) if c.state != "published"]
    if pending:
        raise DomainError(
            E.NO_EXPLANATION,
            f"请先公布公开征求意见的采纳情况说明（{A}第三十二条）：{pending[0].title}。",
            field="state",
        )
    d.published_on, d.publication = on, need(publication, "publication", "公布载体")
    move(d, "publish")
    event(d, DecisionEvent.PUBLISHED, by, on=on, publication=d.publication)
    execution_clock_start(d, on=on, by=by)  # the first execution-report period (Art. 34)
    return d


@transaction.atomic
def execution_report(
    *, decision: Decision, by: Any, unit: Any, reported_on: dt.date, text: str, submit_token: UUID | None = None
) -> ExecutionReport:
    if submit_token and (existing := ExecutionReport.objects.filter(submit_token=submit_token).first()):
        return existing
    d = enter(decision, "execution_report", by, "execute")
    _not_before(reported_on, d.published_on, "reported_on", "公布日期")
    r = ExecutionReport.objects.create(
        decision=d,
        unit=unit,
        reported_on=reported_on,
        text=need(text, "text", "执行情况"),
        by=who(by),
        submit_token=submit_token,
    )
    event(d, DecisionEvent.EXECUTION_REPORTED, by, report=r.pk, on=reported_on)
    execution_reported(d, on=reported_on, by=by)  # the period's clock completes (its item closes), the next starts
    return r


@transaction.atomic
def decision_suspend(*, decision: Decision, by: Any, on: dt.date, reason: str) -> Decision:
    d = enter(decision, "suspend", by, "evaluate")
    _not_before(on, d.published_on, "on", "公布日期")
    DecisionChange.objects.create(
        decision=d, kind=DecisionChange.Kind.SUSPEND, on=on, reason=need(reason, "reason", "暂停理由"), by=who(by)
    )
    move(d, "suspend")
    event(d, DecisionEvent.SUSPENDED, by, on=on, reason=reason)
    execution_paused(d, on=on, reason=f"决策暂停执行：{reason}", by=by)
    return d


@transaction.atomic
def decision_resume(*, decision: Decision, by: Any, on: dt.date, reason: str) -> Decision:
    d = enter(decision, "resume", by, "evaluate")
    DecisionChange.objects.create(
        decision=d, kind=DecisionChange.Kind.RESUME, on=on, reason=need(reason, "reason", "恢复理由"), by=who(by)
    )
    move(d, "resume")
    event(d, DecisionEvent.RESUMED, by, on=on)
    execution_resumed(d, on=on, by=by)
    return d


@transaction.atomic
def decision_adjust(*, decision: Decision, by: Any, on: dt.date, reason: str, major: bool) -> Decision:
    """调整: recorded; a major change (Art. 37: 需要作出重大调整的，应当依照本条例履行相关法定程序) starts a new round
    of the procedure — every required step, the legality review and the meeting again."""
    d = enter(decision, "adjust", by, "evaluate")
    kind = DecisionChange.Kind.MAJOR_ADJUST if major else DecisionChange.Kind.ADJUST
    DecisionChange.objects.create(decision=d, kind=kind, on=on, reason=need(reason, "reason", "调整理由"), by=who(by))
    if major:
        d.round += 1
        d.state, d.decided_on, d.party_reported_on, d.published_on = S.PROCEDURES, None, None, None
        execution_ended(d, on=on, by=by, note="决策重大调整，重新履行决策程序，执行情况报告督办事项关闭")
    d.save()
    event(d, DecisionEvent.ADJUSTED, by, on=on, major=major, round=d.round)
    return d


def _norm(name: str) -> str:
    return "".join(name.split())


@transaction.atomic
def decision_evaluate(
    *, decision: Decision, by: Any, trigger: str, assessor: str, completed_on: dt.date, conclusion: str
) -> PostEvaluation:
    """决策后评估 (Art. 36) on one of its triggers; not by a unit that did the main 专家论证 or 风险评估 work before
    the decision (决策作出前承担主要论证评估工作的单位除外)."""
    d = enter(decision, "evaluate", by, "evaluate")
    if trigger not in PostEvaluation.Trigger.values:
        raise DomainError(E.INVALID, "请选择评估原因。", field="trigger")
    assessor = need(assessor, "assessor", "评估单位")
    before = {
        _norm(s.assessor)
        for s in Step.objects.filter(decision=d, kind__in=[StepKind.EXPERT, StepKind.RISK], status=Step.Status.DONE)
        if s.assessor
    }
    if _norm(assessor) in before:
        raise DomainError(
            E.SAME_ASSESSOR,
            f"决策作出前承担主要论证评估工作的单位不得承担决策后评估（{A}第三十六条）。",
            field="assessor",
        )
    _not_before(completed_on, d.published_on, "completed_on", "公布日期")
    ev = PostEvaluation.objects.create(
        decision=d,
        trigger=trigger,
        assessor=assessor,
        completed_on=completed_on,
        conclusion=need(conclusion, "conclusion", "评估结论"),
        by=who(by),
    )
    d.save(update_fields=["updated_at"])
    event(d, DecisionEvent.EVALUATED, by, evaluation=ev.pk, trigger=trigger)
    return ev
