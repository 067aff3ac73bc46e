from enum import StrEnum


class IndicatorError(StrEnum):
    DUPLICATE_SET = "indicator_set_duplicate"
    OVERFULL_BRANCH = "indicator_branch_overfull"
    UNKNOWN_METRIC = "indicator_unknown_metric"
    NOT_A_LEAF = "indicator_not_a_leaf"
    BAD_VALUE = "indicator_bad_value"
    NOTHING_TO_IMPORT = "indicator_nothing_to_import"
    SURVEY = "indicator_survey_refused"
