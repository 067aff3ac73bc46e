"""Who may see and act on 执法主体, 执法人员, 执法事项 and enforcement cases: the body's unit inside the viewer's data
scope (the 行政执法监督机构's office sees the city). Anything not listed is denied."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Q, QuerySet

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action, in_scope

from .models import (
    Body,
    Case,
    Complaint,
    Inspection,
    Matter,
    Officer,
    ReviewCampaign,
    ReviewFile,
    SupervisionCheck,
    SupervisionDocument,
)

VIEW = "enforcement.view"


class BodyPolicy(Policy):
    model = Body
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(VIEW) & in_scope("unit"),
        "manage": has_action("enforcement.body.manage") & in_scope("unit"),
        "officers": has_action("enforcement.officer.manage") & in_scope("unit"),
        "matters": has_action("enforcement.matter.manage") & in_scope("unit"),
        # the body's line of the statistics (its figures and the records behind them): its own staff, the office
        "stats": has_action("enforcement.stats.view") & in_scope("unit"),
    }


class OfficerPolicy(Policy):
    model = Officer
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(VIEW) & in_scope("body__unit"),
        "manage": has_action("enforcement.officer.manage") & in_scope("body__unit"),
    }


class MatterPolicy(Policy):
    model = Matter
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(VIEW) & in_scope("body__unit"),
        "manage": has_action("enforcement.matter.manage") & in_scope("body__unit"),
    }


class CasePolicy(Policy):
    model = Case
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(VIEW) & in_scope("unit"),
        "record": has_action("enforcement.case.record") & in_scope("unit"),
        "pii": has_action("enforcement.case.pii") & in_scope("unit"),
        "stats": has_action("enforcement.stats.view") & in_scope("unit"),
    }


class InspectionPolicy(Policy):
    """涉企行政检查 records: the lead body's unit in scope (a partner's liaison reads the lead's record on the
    figures' record lists, not here)."""

    model = Inspection
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(VIEW) & in_scope("unit"),
        "record": has_action("enforcement.case.record") & in_scope("unit"),
    }


def _campaign_person(prefix: str, *, lead_only: bool = False) -> Rule:
    """The user is the campaign's lead (评查组长) or — unless lead_only — one of its reviewers."""

    def campaign(obj: Any) -> Any:
        return obj if not prefix else getattr(obj, prefix.rstrip("_"), None)

    def allows(user: Any, obj: Any) -> bool:
        c = campaign(obj) if obj is not None else None
        if c is None or c.pk is None:
            return False
        if c.lead_id == user.pk:
            return True
        return not lead_only and c.reviewers.filter(pk=user.pk).exists()

    def restrict(user: Any, qs: QuerySet) -> QuerySet:
        q = Q(**{f"{prefix}lead_id": user.pk})
        if not lead_only:
            q |= Q(**{f"{prefix}reviewers": user.pk})
        return qs.filter(pk__in=qs.model._default_manager.filter(q).values("pk"))

    return Rule(allows, restrict, f"campaign:{'lead' if lead_only else 'panel'}")


def _file_reviewer() -> Rule:
    """The user is one of the file's two reviewers."""

    def allows(user: Any, obj: Any) -> bool:
        return obj is not None and user.pk in (obj.reviewer_a_id, obj.reviewer_b_id)

    def restrict(user: Any, qs: QuerySet) -> QuerySet:
        return qs.filter(Q(reviewer_a_id=user.pk) | Q(reviewer_b_id=user.pk))

    return Rule(allows, restrict, "file:reviewer")


REVIEW_VIEW = "enforcement.review.view"
REVIEW_MANAGE = "enforcement.review.manage"
REVIEW_SCORE = "enforcement.review.score"


class ReviewCampaignPolicy(Policy):
    """案卷评查: the organizing office (its data scope) manages; the lead and the panel see their campaign."""

    model = ReviewCampaign
    rules: ClassVar[dict[str, Rule]] = {
        "view": (has_action(REVIEW_VIEW) & in_scope("organizer")) | (has_action(REVIEW_SCORE) & _campaign_person("")),
        "manage": has_action(REVIEW_MANAGE) & in_scope("organizer"),
        "results": has_action(REVIEW_VIEW) & in_scope("organizer"),
    }


class ReviewFilePolicy(Policy):
    """A sampled file: the office sees it; each of its two reviewers scores it; the campaign's lead reconciles and
    records its defects."""

    model = ReviewFile
    rules: ClassVar[dict[str, Rule]] = {
        "view": (has_action(REVIEW_VIEW) & in_scope("campaign__organizer"))
        | (has_action(REVIEW_SCORE) & _campaign_person("campaign__")),
        "score": has_action(REVIEW_SCORE) & _file_reviewer(),
        "reconcile": has_action(REVIEW_SCORE) & _campaign_person("campaign__", lead_only=True),
    }


SUPERVISE = "enforcement.supervise"


class SupervisionDocumentPolicy(Policy):
    """执法监督文书: the office (its data scope: the supervised body's unit) issues; the body's own liaison sees its
    documents and records the reply."""

    model = SupervisionDocument
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(VIEW) & in_scope("unit"),
        "issue": has_action(SUPERVISE) & in_scope("unit"),
        "reply": has_action("enforcement.case.record") & in_scope("unit"),
    }


class ComplaintPolicy(Policy):
    """执法投诉: only the 行政执法监督机构's office (action enforcement.supervise) sees and handles complaints, within
    its data scope (the complained-of body's unit); the body's own liaison does not see who complained."""

    model = Complaint
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(SUPERVISE) & in_scope("unit"),
        "handle": has_action(SUPERVISE) & in_scope("unit"),
    }


class SupervisionCheckPolicy(Policy):
    """监督检查: the office records checks and findings (its scope); the checked body's liaison reads its own checks."""

    model = SupervisionCheck
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(VIEW) & in_scope("unit"),
        "record": has_action(SUPERVISE) & in_scope("unit"),
    }
