"""Only holders of the audit actions (the 审计管理员 by default) read and export logs. Nobody edits them."""

from __future__ import annotations

from typing import ClassVar

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action

from .models import AuditEvent, LoginLog


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
