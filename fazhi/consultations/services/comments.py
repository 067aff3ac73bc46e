"""Comments: from the public on the portal, or entered by staff from letters, e-mails and forums; near-duplicates
join a cluster as they arrive (similarity.py); moderation hides a comment with a reason and never deletes it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Max

from fazhi.audit.services import record_event
from fazhi.core.crypto import blind_index
from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import today_local

from .. import similarity
from ..errors import ConsultationErrorCode as E
from ..events import ConsultationEvent
from ..models import Channel, Comment, CommentCluster, Consultation, DraftArticle, Identity
from ..states import ConsultationState
from ._common import authorise, conf, lock, who

S = ConsultationState
MOBILE = re.compile(r"^1[3-9]\d{9}$")


def _article(c: Consultation, article_id: int | None) -> DraftArticle | None:
    if not article_id:
        return None
    article = c.articles.filter(pk=article_id).first()
    if article is None:
        raise DomainError(E.ARTICLE, "所选条款不属于该征求意见稿。", field="article")
    return article


def _sender(name: str, phone: str) -> str:
    phone = phone.strip()
    if phone:
        return blind_index(phone, "consultations.phone")
    return blind_index(name.strip(), "consultations.name") if name.strip() else ""


def _create(c: Consultation, **fields: Any) -> Comment:
    number = (c.comments.aggregate(n=Max("number"))["n"] or 0) + 1
    sig = similarity.signature(similarity.shingles(fields["text"]))
    comment = Comment.objects.create(consultation=c, number=number, signature=sig, **fields)
    cluster_attach(comment)
    return comment


def cluster_attach(comment: Comment) -> CommentCluster | None:
    """Put a new comment in the cluster of its near-duplicates (every candidate confirmed on exact shingle sets).
    Matching unclustered comments form a new cluster with it; two clusters it bridges become one unless both are
    already answered in the ledger (then it joins the first)."""
    threshold = float(conf("CLUSTER_THRESHOLD"))
    mine = similarity.shingles(comment.text)
    others = (
        Comment.objects.filter(consultation_id=comment.consultation_id, hidden=False)
        .exclude(pk=comment.pk)
        .values_list("pk", "text", "signature", "cluster_id")
        .order_by("number")
    )
    matches = [
        (pk, cluster_id)
        for pk, text, sig, cluster_id in others
        if similarity.estimate(comment.signature, sig) >= threshold - 0.2
        and similarity.jaccard(mine, similarity.shingles(text)) >= threshold
    ]
    if not matches:
        return None
    cluster_ids = sorted({cid for _, cid in matches if cid})
    if cluster_ids:
        clusters = list(CommentCluster.objects.filter(pk__in=cluster_ids).select_related("adoption").order_by("number"))
        answered = [cl for cl in clusters if hasattr(cl, "adoption")]
        target = answered[0] if answered else clusters[0]
        for cl in clusters:
            if cl.pk != target.pk and not hasattr(cl, "adoption"):
                Comment.objects.filter(cluster=cl).update(cluster=target)
                cl.delete()
    else:
        number = (
            CommentCluster.objects.filter(consultation_id=comment.consultation_id).aggregate(n=Max("number"))["n"] or 0
        ) + 1
        target = CommentCluster.objects.create(consultation_id=comment.consultation_id, number=number)
    Comment.objects.filter(pk__in=[pk for pk, cid in matches if not cid] + [comment.pk]).update(cluster=target)
    comment.cluster = target
    return target


def _check_text(c: Consultation, text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(E.TOO_LONG, "请填写意见内容。", field="text")
    if len(text) > c.comment_max_length:
        raise DomainError(E.TOO_LONG, f"意见内容不能超过{c.comment_max_length}字（现为{len(text)}字）。", field="text")
    return text


@transaction.atomic
def comment_submit(
    *,
    consultation: Consultation,
    text: str,
    article_id: int | None = None,
    name: str = "",
    phone: str = "",
    verified: bool = False,
    today: dt.date | None = None,
    submit_token: UUID | None = None,
) -> Comment:
    """A comment from the public on the portal. Named consultations need a name and a mobile number confirmed by
    the code shown on the page (`verified`, checked by the view); anonymous ones take them when given."""
    if submit_token and (existing := Comment.objects.filter(submit_token=submit_token).first()):
        return existing
    c = lock(consultation)
    today = today or today_local()
    start = c.opened_on or c.opens_on
    if c.state != S.OPEN or not (start <= today <= c.closes_on):
        raise DomainError(E.NOT_OPEN, "该征求意见不在征求意见期内。")
    text = _check_text(c, text)
    name, phone = name.strip(), phone.strip()
    if phone and not MOBILE.match(phone):
        raise DomainError(E.IDENTITY, "请填写11位手机号码。", field="phone")
    if c.identity == Identity.NAMED:
        if not name:
            raise DomainError(E.IDENTITY, "请填写姓名。", field="name")
        if not phone:
            raise DomainError(E.IDENTITY, "请填写手机号码。", field="phone")
        if not verified:
            raise DomainError(E.CODE, "验证码不正确。", field="code")
    comment = _create(
        c,
        article=_article(c, article_id),
        text=text,
        channel=Channel.PORTAL,
        received_on=today,
        name=name,
        phone=phone,
        sender_key=_sender(name, phone),
        verified=bool(verified and phone),
        submit_token=submit_token,
    )
    record_event(
        actor="portal",
        action=ConsultationEvent.COMMENT_RECEIVED,
        obj=c,
        unit=c.unit,
        summary={"comment": comment.number, "article": comment.article_id, "cluster": comment.cluster_id},
    )
    return comment


@transaction.atomic
def comment_enter(
    *,
    consultation: Consultation,
    by: Any,
    text: str,
    channel: str,
    received_on: dt.date,
    article_id: int | None = None,
    name: str = "",
    phone: str = "",
    organisation: str = "",
    submit_token: UUID | None = None,
) -> Comment:
    """A letter, e-mail, fax or forum remark entered by staff with its channel and the day it was received."""
    if submit_token and (existing := Comment.objects.filter(submit_token=submit_token).first()):
        return existing
    c = lock(consultation)
    authorise(by, "manage", c)
    if c.state not in (S.OPEN, S.CLOSED):
        raise DomainError(E.NOT_OPEN, "只有征求意见期间或截止后、公布采纳情况前可以录入意见。")
    if channel not in Channel.values or channel == Channel.PORTAL:
        raise DomainError(E.CHANNEL, "请选择意见来源渠道。", field="channel")
    last = c.closed_on or c.closes_on
    if received_on < (c.opened_on or c.opens_on) or received_on > min(last, today_local()):
        raise DomainError(E.DATES, "收到日期应在征求意见期内，且不晚于今天。", field="received_on")
    text = (text or "").strip()
    if not text:
        raise DomainError(E.TOO_LONG, "请填写意见内容。", field="text")
    if phone.strip() and not MOBILE.match(phone.strip()):
        raise DomainError(E.IDENTITY, "请填写11位手机号码。", field="phone")
    comment = _create(
        c,
        article=_article(c, article_id),
        text=text,
        channel=channel,
        received_on=received_on,
        name=name.strip(),
        phone=phone.strip(),
        organisation=organisation.strip(),
        sender_key=_sender(organisation or name, phone),
        entered_by=who(by),
        submit_token=submit_token,
    )
    record_event(
        actor=by,
        action=ConsultationEvent.COMMENT_ENTERED,
        obj=c,
        unit=c.unit,
        summary={"comment": comment.number, "channel": channel, "cluster": comment.cluster_id},
    )
    return comment


@transaction.atomic
def comment_hide(*, comment: Comment, reason: str, by: Any) -> Comment:
    c = lock(comment.consultation)
    authorise(by, "moderate", c)
    if not reason.strip():
        raise DomainError(E.REASON_REQUIRED, "请填写屏蔽理由。", field="reason")
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    comment.hidden, comment.hidden_reason, comment.hidden_by = True, reason.strip()[:300], who(by)
    comment.save(update_fields=["hidden", "hidden_reason", "hidden_by", "updated_at"])
    record_event(
        actor=by,
        action=ConsultationEvent.COMMENT_HIDDEN,
        obj=c,
        unit=c.unit,
        summary={"comment": comment.number, "reason": comment.hidden_reason},
    )
    return comment


@transaction.atomic
def comment_show(*, comment: Comment, by: Any) -> Comment:
    c = lock(comment.consultation)
    authorise(by, "moderate", c)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    comment.hidden = False
    comment.save(update_fields=["hidden", "updated_at"])
    record_event(
        actor=by, action=ConsultationEvent.COMMENT_SHOWN, obj=c, unit=c.unit, summary={"comment": comment.number}
    )
    return comment


@transaction.atomic
def comments_export(*, consultation: Consultation, by: Any) -> bytes:
    """Every comment (hidden ones marked) as .xlsx, names and phones masked; audited."""
    from ..documents import comments_xlsx

    authorise(by, "export", consultation)
    data = comments_xlsx(consultation)
    record_event(
        actor=by,
        action=ConsultationEvent.COMMENTS_EXPORTED,
        obj=consultation,
        unit=consultation.unit,
        summary={"comments": consultation.comments.count()},
    )
    return data
