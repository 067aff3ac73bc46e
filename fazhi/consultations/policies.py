"""Who may see and act on consultations: the organising unit's data scope. Anything not listed is denied."""

from __future__ import annotations

from typing import ClassVar

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action, in_scope

from .models import Consultation


class ConsultationPolicy(Policy):
    model = Consultation
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("consultations.view") & in_scope("unit"),
        "manage": has_action("consultations.manage") & in_scope("unit"),
        "moderate": has_action("consultations.moderate") & in_scope("unit"),
        "answer": has_action("consultations.answer") & in_scope("unit"),
        "export": has_action("consultations.export") & in_scope("unit"),
    }
