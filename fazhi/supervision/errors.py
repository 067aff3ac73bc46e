from enum import StrEnum


class SupervisionErrorCode(StrEnum):
    FORBIDDEN = "supervision.forbidden"
    INVALID = "supervision.invalid"
    UNKNOWN_SOURCE = "supervision.unknown_source"
    DUE_BEFORE_RAISED = "supervision.due_before_raised"
    ITEM_CLOSED = "supervision.item_closed"
    NOT_SUBMITTED = "supervision.not_submitted"
    EVIDENCE_REQUIRED = "supervision.evidence_required"
    CLOSED_BY_SOURCE = "supervision.closed_by_source"
    TEXT_REQUIRED = "supervision.text_required"
    REASON_REQUIRED = "supervision.reason_required"
    EXTENSION_NOT_ALLOWED = "supervision.extension_not_allowed"
    EXTENSION_PENDING = "supervision.extension_pending"
    EXTENSION_DATE = "supervision.extension_date"
    EXTENSION_LIMIT = "supervision.extension_limit"
    EXTENSION_DECIDED = "supervision.extension_decided"
    RULE_INVALID = "supervision.rule_invalid"
    NOTICE_INVALID = "supervision.notice_invalid"
