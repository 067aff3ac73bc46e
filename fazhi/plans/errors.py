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
    NOTHING_SELECTED = "plans.nothing_selected"
    NOT_DRAFT = "plans.not_draft"
    NO_LEAD_UNIT = "plans.no_lead_unit"
    DUE_DATE_INVALID = "plans.due_date_invalid"
    TITLE_REQUIRED = "plans.title_required"
