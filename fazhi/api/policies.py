"""Who manages integration accounts and keys: the security administrator only (三员分立: the system administrator
runs accounts of people, the audit administrator reads what keys did)."""

from __future__ import annotations

from typing import ClassVar

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.models import AdminKind
from fazhi.orgs.rules import admin_only, has_action

from .models import IntegrationAccount


class IntegrationAccountPolicy(Policy):
    model = IntegrationAccount
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("api.account.manage") & admin_only(AdminKind.SECURITY),
        "manage": has_action("api.account.manage") & admin_only(AdminKind.SECURITY),
    }
