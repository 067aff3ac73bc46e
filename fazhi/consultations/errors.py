from enum import StrEnum


class ConsultationErrorCode(StrEnum):
    UNKNOWN_OWNER = "consultations.unknown_owner"
    DATES = "consultations.dates"
    PERIOD_TOO_SHORT = "consultations.period_too_short"
    NOT_DRAFT = "consultations.not_draft"
    NOT_OPEN = "consultations.not_open"
    NOT_CLOSED = "consultations.not_closed"
    NO_ARTICLES = "consultations.no_articles"
    EMPTY_DRAFT = "consultations.empty_draft"
    TOO_LONG = "consultations.too_long"
    IDENTITY = "consultations.identity"
    CODE = "consultations.code"
    CHANNEL = "consultations.channel"
    ARTICLE = "consultations.article"
    REASON_REQUIRED = "consultations.reason_required"
    UNANSWERED = "consultations.unanswered"
    ALREADY_PUBLISHED = "consultations.already_published"
    FORBIDDEN = "consultations.forbidden"
