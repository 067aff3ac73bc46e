from enum import StrEnum


class EnforcementErrorCode(StrEnum):
    INVALID = "enforcement.invalid"
    DATE = "enforcement.date"
    UNKNOWN_MATTER = "enforcement.unknown_matter"
    UNKNOWN_OFFICER = "enforcement.unknown_officer"
    CERTIFICATE = "enforcement.certificate"
    TRAINING = "enforcement.training"
    CREDIT_CODE = "enforcement.credit_code"
    DUPLICATE = "enforcement.duplicate"
    FORBIDDEN = "enforcement.forbidden"
    OVER_CAP = "enforcement.over_cap"
    STATE = "enforcement.state"
    NOT_ENFORCEMENT = "enforcement.not_enforcement"
    QUIET = "enforcement.quiet_period"
