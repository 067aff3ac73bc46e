from enum import StrEnum


class ApiEvent(StrEnum):
    ACCOUNT_SAVED = "api.account.saved"
    KEY_ISSUED = "api.key.issued"
    KEY_ROTATED = "api.key.rotated"
    KEY_REVOKED = "api.key.revoked"
    KEY_USED = "api.key.used"
    KEY_REFUSED = "api.key.refused"
    IDEMPOTENCY_PURGED = "api.idempotency.purged"
