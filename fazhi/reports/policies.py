"""Who may see and write annual reports: the issuing unit's data scope (the government's report, with no unit, only
for users whose scope is 全部数据 — the office and leaders). Anything not listed is denied."""

from __future__ import annotations

from typing import ClassVar

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action, in_scope

from .models import Contribution, Report, ReportTemplate


class ReportPolicy(Policy):
    model = Report
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("reports.view") & in_scope("unit"),
        "edit": has_action("reports.edit") & in_scope("unit"),
        "freeze": has_action("reports.freeze") & in_scope("unit"),
        "contributions": has_action("reports.contributions.manage") & in_scope("unit"),
        "secrecy_review": has_action("reports.secrecy_review") & in_scope("unit"),
        "approve": has_action("reports.approve") & in_scope("unit"),
        "publish": has_action("reports.publish") & in_scope("unit"),
    }


class ContributionPolicy(Policy):
    """The contributing unit writes its own; whoever reads the report reads its contributions."""

    model = Contribution
    rules: ClassVar[dict[str, Rule]] = {
        "view": (has_action("reports.contribute") & in_scope("unit"))
        | (has_action("reports.view") & in_scope("report__unit")),
        "submit": has_action("reports.contribute") & in_scope("unit"),
    }


class ReportTemplatePolicy(Policy):
    """The year's template (parts and sub-headings) is the office's: one per year, for every report of that year."""

    model = ReportTemplate
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("reports.template.manage"),
        "manage": has_action("reports.template.manage"),
    }
