"""Who may do what with 规范性文件 (deny by default). The issuer's staff act on their own unit's documents (and its
subordinates' within their data scope); the 司法局's reviewers act on documents filed to their unit."""

from __future__ import annotations

from typing import ClassVar

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action, in_scope

from .models import CleanupCampaign, Instrument, NormativeDocument, ReviewSuggestion

A = "normative_documents"


def _through(rule: Rule, label: str) -> Rule:
    """A scope rule over a to-many path, restricting by id (so it combines with | like the plain rules)."""
    return Rule(
        rule.allows,
        lambda user, qs: qs.filter(pk__in=rule.restrict(user, NormativeDocument.objects.all()).values("pk")),
        label,
    )


class NormativeDocumentPolicy(Policy):
    model = NormativeDocument
    _own = in_scope("lead_unit")
    _filed_to_me = in_scope("filed_to")
    _reviewing = _through(in_scope("legality_reviews__reviewing_unit"), "reviewing_unit")  # 合法性审核 sent to it
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(f"{A}.document.view") & (_own | _filed_to_me | _reviewing),
        "draft": has_action(f"{A}.document.draft") & _own,
        "legality_review": has_action(f"{A}.legality.review") & _reviewing,
        "publish": has_action(f"{A}.document.publish") & _own,
        "file": has_action(f"{A}.document.draft") & _own,
        "filing_review": has_action(f"{A}.filing.review") & _filed_to_me,
        "correct": has_action(f"{A}.document.draft") & _own,
    }


class InstrumentPolicy(Policy):
    model = Instrument
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(f"{A}.document.view"),
        "manage": has_action(f"{A}.instrument.manage"),
    }


class ReviewSuggestionPolicy(Policy):
    model = ReviewSuggestion
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(f"{A}.filing.review") & in_scope("document__filed_to"),
        "answer": has_action(f"{A}.filing.review") & in_scope("document__filed_to"),
    }


class CleanupPolicy(Policy):
    model = CleanupCampaign
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action(f"{A}.cleanup.manage") & in_scope("organiser"),
        "manage": has_action(f"{A}.cleanup.manage") & in_scope("organiser"),
    }
