"""The adoption ledger: one answer (采纳 / 部分采纳 / 不采纳 / 已有规定, with its reason) per comment or per cluster of
near-duplicates; publishing the 意见采纳情况说明 needs every visible comment answered and queues a reply notice for
each commenter who left a phone number (《重大行政决策程序暂行条例》第十八条: 归纳整理、研究论证，充分采纳合理意见)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import ConflictError, DomainError
from fazhi.deadlines.selectors import today_local
from fazhi.notifications.services import notify

from ..errors import ConsultationErrorCode as E
from ..events import ConsultationEvent
from ..models import AdoptionEntry, Comment, CommentCluster, Consultation, Outcome, ReplyNotice
from ..selectors import answers_by_comment, ledger_items
from ..states import ConsultationState, may_publish
from ._common import authorise, lock, who

S = ConsultationState


@transaction.atomic
def adoption_record(
    *,
    consultation: Consultation,
    by: Any,
    outcome: str,
    reason: str,
    revision: str = "",
    comment: Comment | None = None,
    cluster: CommentCluster | None = None,
    expected_version: int | None = None,
) -> AdoptionEntry:
    c = lock(consultation)
    authorise(by, "answer", c)
    if c.state not in (S.OPEN, S.CLOSED):
        raise DomainError(E.ALREADY_PUBLISHED, "采纳情况已公布，不能再修改。")
    if (comment is None) == (cluster is None):
        raise ValueError("one of comment or cluster")
    if outcome not in Outcome.values:
        raise DomainError(E.REASON_REQUIRED, "请选择采纳情况。", field="outcome")
    if not reason.strip():
        raise DomainError(E.REASON_REQUIRED, "请填写理由。", field="reason")
    target = comment or cluster
    if target.consultation_id != c.pk:  # type: ignore[union-attr]
        raise DomainError(E.FORBIDDEN, "该意见不属于此征求意见。")
    first = comment or cluster.comments.order_by("number").first()  # type: ignore[union-attr]
    lookup = {"comment": comment} if comment else {"cluster": cluster}
    entry = AdoptionEntry.objects.select_for_update().filter(**lookup).first()
    values = {
        "outcome": outcome,
        "reason": reason.strip(),
        "revision": revision.strip(),
        "decided_by": who(by),
        "article": getattr(first, "article", None),
    }
    if entry is None:
        entry = AdoptionEntry.objects.create(consultation=c, **lookup, **values)
    else:
        if expected_version is None or expected_version != entry.version:
            raise ConflictError()
        for k, v in values.items():
            setattr(entry, k, v)
        entry.save_versioned(expected_version=expected_version, update_fields=list(values))
    record_event(
        actor=by,
        action=ConsultationEvent.ADOPTION_RECORDED,
        obj=c,
        unit=c.unit,
        summary={
            "comment": comment.number if comment else None,
            "cluster": cluster.number if cluster else None,
            "outcome": outcome,
        },
    )
    return entry


@transaction.atomic
def explanation_publish(*, consultation: Consultation, by: Any, intro: str = "") -> Consultation:
    c = lock(consultation)
    authorise(by, "answer", c)
    if not may_publish(c.state):
        raise DomainError(E.NOT_CLOSED, "征求意见截止后才能公布意见采纳情况。")
    open_items = [i for i in ledger_items(c) if i.entry is None]
    if open_items:
        raise DomainError(E.UNANSWERED, f"还有{len(open_items)}项意见尚未处理，请在采纳台账中逐项处理。")
    c.state, c.published_on, c.explanation_intro = S.PUBLISHED, today_local(), intro.strip()
    c.save(update_fields=["state", "published_on", "explanation_intro", "updated_at"])
    answers = answers_by_comment(c)
    notices = [
        ReplyNotice(
            comment=cm,
            phone=cm.phone,
            text=f"您对《{c.title}》提出的第{cm.number}号意见处理结果：{answers[cm.pk].get_outcome_display()}。"
            f"{answers[cm.pk].reason}",
        )
        for cm in c.comments.filter(hidden=False).exclude(phone="")
        if cm.pk in answers and cm.phone
    ]
    ReplyNotice.objects.bulk_create(notices, ignore_conflicts=True)
    record_event(
        actor=by,
        action=ConsultationEvent.EXPLANATION_PUBLISHED,
        obj=c,
        unit=c.unit,
        summary={"published_on": c.published_on, "notices": len(notices)},
    )
    creator = c.created_by
    transaction.on_commit(
        lambda: notify(
            recipients=[creator],
            title=f"意见采纳情况说明已公布：{c.title}",
            dedupe_key=f"consultations.published.{c.pk}",
            link=c.get_absolute_url(),
        )
    )
    return c
