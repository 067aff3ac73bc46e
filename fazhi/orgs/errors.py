from enum import StrEnum


class OrgsErrorCode(StrEnum):
    SEPARATION_OF_DUTIES = "separation_of_duties"
    NAME_TAKEN = "name_taken"
    PARENT_CYCLE = "parent_cycle"
    UNKNOWN_ACTION = "unknown_action"
    HAS_ACTIVE_CHILDREN = "has_active_children"
    HAS_ACTIVE_USERS = "has_active_users"
    PARENT_INACTIVE = "parent_inactive"
    IMPORT_INVALID = "import_invalid"
