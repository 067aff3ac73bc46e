from enum import StrEnum


class PlansErrorCode(StrEnum):
    PARSE_FAILED = "plans.parse_failed"
    UNIT_UNRESOLVED = "plans.unit_unresolved"
    TRANSITION_NOT_ALLOWED = "plans.transition_not_allowed"
    NOT_LEAD = "plans.not_lead"
    EXTENSION_PENDING = "plans.extension_pending"
    EXTENSION_DATE = "plans.extension_date"
    EXTENSION_DECIDED = "plans.extension_decided"
    REASON_REQUIRED = "plans.reason_required"
    TEXT_REQUIRED = "plans.text_required"
    NO_LATE_TASKS = "plans.no_late_tasks"
    FORBIDDEN = "plans.forbidden"
