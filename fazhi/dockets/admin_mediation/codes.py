"""Code lists of 行政调解 (the competent department mediates a civil dispute tied to its administration): 不予受理
grounds, termination grounds, the other routes told, performance, 司法确认 results, outcomes (a contract: stored on cases
and in the statistics). No national statute governs 行政调解 as a whole and legal-rules.md has no section on it: the
lists follow 人民调解 (《人民调解法》, legal-rules.md §7) where the shape is the same and are marked ⚠ where they are
practice. The dispute types are the kernel's (fazhi/cases/disputes.py), so an intake hands its code over unchanged."""

from __future__ import annotations

from fazhi.cases.disputes import DISPUTE_TYPE_LABEL, DISPUTE_TYPES  # noqa: F401  (the kernel's list)

REJECT_GROUNDS = (
    ("not_competent", "不属于本机关职责范围内的纠纷"),
    ("not_civil", "不属于与本机关行政管理职能有关的民事纠纷"),
    ("party_refused", "一方当事人不同意调解（行政调解以自愿为原则 ⚠）"),
    ("pending_elsewhere", "已由人民法院、仲裁机构、行政复议机关或者其他机关受理或者处理"),
)
REJECT_GROUND_LABEL = dict(REJECT_GROUNDS)

TERMINATION_GROUNDS = (
    ("failed", "调解不成，终止调解"),
    ("party_ended", "当事人要求终止调解或者撤回申请"),
)
TERMINATION_LABEL = dict(TERMINATION_GROUNDS)

# The other routes told when the mediation ends without an agreement (or is refused): at least one is named.
OTHER_ROUTES = (
    ("admin_ruling", "依法申请行政裁决"),
    ("arbitration", "依法申请仲裁"),
    ("people_mediation", "申请人民调解"),
    ("litigation", "依法向人民法院提起诉讼"),
)
OTHER_ROUTE_LABEL = dict(OTHER_ROUTES)

from fazhi.cases.disputes import PERFORMANCE, PERFORMANCE_LABEL  # noqa: E402,F401  (回访: one list for both dockets)

CONFIRMATION_RESULTS = (("valid", "裁定确认调解协议有效"), ("invalid", "裁定驳回申请（不予确认）"))
CONFIRMATION_RESULT_LABEL = dict(CONFIRMATION_RESULTS)

OUTCOMES = (
    ("performed", "调解成功，协议已履行"),
    ("unperformed", "调解成功，协议未（全部）履行"),
    ("invalid", "调解成功，协议经司法确认不予确认"),
    ("failed", "调解不成，终止调解"),
    ("party_ended", "当事人要求终止调解"),
    ("rejected", "不予受理"),
)
SUCCESS_OUTCOMES = ("performed", "unperformed", "invalid")


def dispute_type_options(user: object) -> tuple[tuple[str, str], ...]:
    """The hand-over's `dispute_type` choices (spec `handover.choices`): the same for every user."""
    return DISPUTE_TYPES
