from enum import StrEnum


class PlansEvent(StrEnum):
    PLAN_IMPORTED = "plans.plan.imported"
    TASK_ASSIGNED = "plans.task.assigned"
    TASK_SIGNED = "plans.task.signed"
    TASK_REPORTED = "plans.task.reported"
    TASK_CONTRIBUTED = "plans.task.contributed"
    TASK_COMPLETED = "plans.task.completed"
    TASK_ACCEPTED = "plans.task.accepted"
    TASK_RETURNED = "plans.task.returned"
    TASK_CLOSED = "plans.task.closed"
    EXTENSION_REQUESTED = "plans.extension.requested"
    EXTENSION_APPROVED = "plans.extension.approved"
    EXTENSION_REFUSED = "plans.extension.refused"
    TASK_URGED = "plans.task.urged"
    NOTICE_GENERATED = "plans.notice.generated"
    TASKS_EXPORTED = "plans.tasks.exported"
    LADDER_SAVED = "plans.ladder.saved"
