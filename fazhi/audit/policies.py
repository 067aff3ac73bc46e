"""Only holders of the audit actions (the 审计管理员 by default) read and export logs. Nobody edits them."""

from __future__ import annotations

from typing import ClassVar

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action

from .models import AuditEvent, KeyUse, LoginLog


class AuditPolicy(Policy):
    model = AuditEvent
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("audit.log.view"),
        "export": has_action("audit.log.export"),
    }


class LoginLogPolicy(Policy):
    model = LoginLog
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("audit.login.view"),
        "export": has_action("audit.log.export"),
    }


class KeyUsePolicy(Policy):
    """API key uses are audit rows kept apart for speed (ADR 0012): read by whoever reads the audit log."""

    model = KeyUse
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("audit.log.view"),
    }
