from enum import StrEnum


class InspectionEvent(StrEnum):
    PLAN_CREATED = "inspections.plan.created"
    PLAN_UPDATED = "inspections.plan.updated"
    PLAN_STARTED = "inspections.plan.started"
    PLAN_COMPLETED = "inspections.plan.completed"
    TARGET_ADDED = "inspections.target.added"
    MEMBER_ADDED = "inspections.member.added"
    CHECKLIST_SAVED = "inspections.checklist.saved"
    FIELDWORK_RECORDED = "inspections.fieldwork.recorded"
    FINDING_RAISED = "inspections.finding.raised"
    FINDING_PLANNED = "inspections.finding.planned"
    FINDING_REPORTED = "inspections.finding.reported"
    FINDING_COMPLETED = "inspections.finding.completed"
    FINDING_ACCEPTED = "inspections.finding.accepted"
    FINDING_RETURNED = "inspections.finding.returned"
    FINDING_RECHECKED = "inspections.finding.rechecked"
    ACCOUNTABILITY_RECORDED = "inspections.accountability.recorded"
    FEEDBACK_IMPORTED = "inspections.feedback.imported"
