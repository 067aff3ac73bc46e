from enum import StrEnum


class OrgsEvent(StrEnum):
    UNIT_CREATED = "unit.created"
    UNIT_UPDATED = "unit.updated"
    UNIT_ALIAS_ADDED = "unit.alias_added"
    UNIT_DEACTIVATED = "unit.deactivated"
    UNIT_REACTIVATED = "unit.reactivated"
    UNITS_IMPORTED = "unit.imported"
    UNITS_EXPORTED = "unit.exported"
    GROUP_SAVED = "unit_group.saved"
    USER_CREATED = "user.created"
    USER_UPDATED = "user.updated"
    USER_ROLES_SET = "user.roles_set"
    USER_UNLOCKED = "user.unlocked"
    USER_PASSWORD_RESET = "user.password_reset"
    ROLE_SAVED = "role.saved"
