from enum import StrEnum

from fazhi.core.action_labels import register_audit_labels


class ConsultationEvent(StrEnum):
    CREATED = "consultations.consultation.created"
    UPDATED = "consultations.consultation.updated"
    DRAFT_IMPORTED = "consultations.draft.imported"
    OPENED = "consultations.consultation.opened"
    CLOSED = "consultations.consultation.closed"
    COMMENT_RECEIVED = "consultations.comment.received"
    COMMENT_ENTERED = "consultations.comment.entered"
    COMMENT_HIDDEN = "consultations.comment.hidden"
    COMMENT_SHOWN = "consultations.comment.shown"
    ADOPTION_RECORDED = "consultations.adoption.recorded"
    EXPLANATION_PUBLISHED = "consultations.explanation.published"
    COMMENTS_EXPORTED = "consultations.comments.exported"
    NOTICES_SENT = "consultations.notices.sent"


register_audit_labels({ConsultationEvent.NOTICES_SENT.value: "发送意见处理结果短信"})
