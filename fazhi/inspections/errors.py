from enum import StrEnum


class InspectionErrorCode(StrEnum):
    FORBIDDEN = "inspections.forbidden"
    REQUIRED = "inspections.required"
    INVALID = "inspections.invalid"
    DATE = "inspections.date"
    STATE = "inspections.state"
    EVIDENCE_REQUIRED = "inspections.evidence_required"
    DUPLICATE = "inspections.duplicate"
