from enum import StrEnum


class DecisionErrorCode(StrEnum):
    TRANSITION = "decisions.transition"
    NO_LEGALITY_REVIEW = "decisions.no_legality_review"
    UNLAWFUL = "decisions.unlawful"
    PROCEDURE_MISSING = "decisions.procedure_missing"
    CONSULTATION_OPEN = "decisions.consultation_open"
    REVIEW_TOO_SHORT = "decisions.review_too_short"
    DATE = "decisions.date"
    HEAD_LAST = "decisions.head_last"
    DEPARTURE_REASON = "decisions.departure_reason"
    REASON_REQUIRED = "decisions.reason_required"
    HEARING_NOTICE = "decisions.hearing_notice"
    SAME_ASSESSOR = "decisions.same_assessor"
    PARTY_REPORT = "decisions.party_report"
    NO_EXPLANATION = "decisions.no_explanation"
    CATALOGUE = "decisions.catalogue"
    FORBIDDEN = "decisions.forbidden"
    INVALID = "decisions.invalid"
