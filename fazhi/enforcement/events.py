from enum import StrEnum


class EnforcementEvent(StrEnum):
    BODY_SAVED = "enforcement.body.saved"
    OFFICER_SAVED = "enforcement.officer.saved"
    TRAINING_RECORDED = "enforcement.training.recorded"
    MATTER_SAVED = "enforcement.matter.saved"
    LIST_ITEM_SAVED = "enforcement.list_item.saved"
    TIER_SAVED = "enforcement.tier.saved"
    CASE_RECORDED = "enforcement.case.recorded"
    CASE_UPDATED = "enforcement.case.updated"
    CASE_UNMASKED = "enforcement.case.unmasked"
    CASE_IMPORTED = "enforcement.case.imported"
    INSPECTION_RECORDED = "enforcement.inspection.recorded"
    INSPECTION_CONFIRMED = "enforcement.inspection.confirmed"
    CAMPAIGN_CREATED = "enforcement.campaign.created"
    CAMPAIGN_SAMPLED = "enforcement.campaign.sampled"
    FILE_SCORED = "enforcement.review_file.scored"
    FILE_GRADED = "enforcement.review_file.graded"
    DEFECT_RECORDED = "enforcement.review_defect.recorded"
    SUPERVISION_ISSUED = "enforcement.supervision.issued"
    SUPERVISION_REPLIED = "enforcement.supervision.replied"
