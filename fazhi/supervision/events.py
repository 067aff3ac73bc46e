from enum import StrEnum


class SupervisionEvent(StrEnum):
    ITEM_RAISED = "supervision.item.raised"
    ITEM_REPORTED = "supervision.item.reported"
    ITEM_SUBMITTED = "supervision.item.submitted"
    ITEM_ACCEPTED = "supervision.item.accepted"
    ITEM_RETURNED = "supervision.item.returned"
    ITEM_CLOSED_BY_SOURCE = "supervision.item.closed_by_source"
    ITEM_DUE_CHANGED = "supervision.item.due_changed"
    ITEM_URGED = "supervision.item.urged"
    ITEM_LADDER = "supervision.item.ladder"
    EXTENSION_REQUESTED = "supervision.extension.requested"
    EXTENSION_APPROVED = "supervision.extension.approved"
    EXTENSION_REFUSED = "supervision.extension.refused"
    EXTENSION_SETTLED = "supervision.extension.settled"
    LADDER_SAVED = "supervision.ladder.saved"
    RULE_SAVED = "supervision.rule.saved"
    RULES_RUN = "supervision.rules.run"
    BOARD_EXPORTED = "supervision.board.exported"
    NOTICE_ISSUED = "supervision.notice.issued"
