from enum import StrEnum


class OrgsErrorCode(StrEnum):
    SEPARATION_OF_DUTIES = "separation_of_duties"
    NAME_TAKEN = "name_taken"
    PARENT_CYCLE = "parent_cycle"
    UNKNOWN_ACTION = "unknown_action"
