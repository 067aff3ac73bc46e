"""Writes for units, groups, users and roles. Each runs in a transaction and leaves an audit row.

The package re-exports every public name:

- `units`: unit_create, unit_update, unit_deactivate, unit_reactivate, unit_alias_add, UNIT_FIELDS
- `groups`: unit_group_save
- `users`: user_create, user_roles_set, user_update, user_unlock, user_mobile_reveal, user_password_reset
- `roles`: role_save, check_separation_of_duties, AUDIT_ADMIN_FORBIDDEN (三员分立)
"""

from .groups import unit_group_save
from .roles import AUDIT_ADMIN_FORBIDDEN, check_separation_of_duties, role_save
from .units import UNIT_FIELDS, unit_alias_add, unit_create, unit_deactivate, unit_reactivate, unit_update
from .users import user_create, user_mobile_reveal, user_password_reset, user_roles_set, user_unlock, user_update

__all__ = [
    "AUDIT_ADMIN_FORBIDDEN",
    "UNIT_FIELDS",
    "check_separation_of_duties",
    "role_save",
    "unit_alias_add",
    "unit_create",
    "unit_deactivate",
    "unit_group_save",
    "unit_reactivate",
    "unit_update",
    "user_create",
    "user_mobile_reveal",
    "user_password_reset",
    "user_roles_set",
    "user_unlock",
    "user_update",
]
