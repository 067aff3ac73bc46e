"""Who may see and act on the catalogue and decisions. A decision is in scope through its lead unit (承办单位) or the
government deciding it; the office's data scope covers the city. Anything not listed is denied."""

from __future__ import annotations

from typing import ClassVar

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action, in_scope

from .models import Catalogue, Decision

_SCOPE = in_scope("lead_unit") | in_scope("government")


class DecisionPolicy(Policy):
    model = Decision
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("decisions.view") & _SCOPE,
        "manage": has_action("decisions.manage") & _SCOPE,
        "legality": has_action("decisions.legality") & _SCOPE,
        "decide": has_action("decisions.decide") & in_scope("government"),
        "execute": has_action("decisions.execute") & _SCOPE,
        "evaluate": has_action("decisions.evaluate") & in_scope("government"),
        "stats": has_action("decisions.stats.view") & _SCOPE,
    }


class CataloguePolicy(Policy):
    model = Catalogue
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("decisions.catalogue.view"),
        "manage": has_action("decisions.catalogue.manage") & in_scope("unit"),
        "propose": has_action("decisions.catalogue.propose"),
    }
