"""Who may see and manage units, users and roles. 三员分立: the audit administrator never manages users or roles."""

from __future__ import annotations

from typing import ClassVar

from fazhi.core.policy import Policy, Rule

from .models import Role, Unit, UnitGroup, User
from .rules import has_action, in_scope


class UnitPolicy(Policy):
    model = Unit
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("orgs.unit.view"),
        "manage": has_action("orgs.unit.manage"),
        "import": has_action("orgs.unit.import"),
    }


class UserPolicy(Policy):
    model = User
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("orgs.user.view") & in_scope("unit"),
        "manage": has_action("orgs.user.manage") & in_scope("unit"),
        # page-level: may open the list / the create form at all (rows are then limited by "view" / "manage")
        "list": has_action("orgs.user.view"),
        "create": has_action("orgs.user.manage"),
        "grant": has_action("orgs.role.manage"),
        "unmask": has_action("pii.unmask") & in_scope("unit"),
        "unlock": has_action("orgs.user.unlock") & in_scope("unit"),
        # 三员分立: the security administrator grants roles; the system administrator manages accounts.
        "set_roles": has_action("orgs.role.manage") & in_scope("unit"),
    }


class UnitGroupPolicy(Policy):
    model = UnitGroup
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("orgs.unit.view"),
        "manage": has_action("orgs.unit.manage"),
    }


class RolePolicy(Policy):
    model = Role
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("orgs.role.view"),
        "manage": has_action("orgs.role.manage"),
    }
