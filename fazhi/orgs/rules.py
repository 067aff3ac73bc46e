"""Policy rules built on roles: `has_action(code)`, `in_scope(unit_field)`, `admin_only(kind)`. See core/policy.py."""

from __future__ import annotations

import operator
from functools import reduce
from typing import Any

from django.db.models import QuerySet

from fazhi.core.policy import Rule

from .models import AdminKind
from .scopes import grants_for, scope_q, unit_in_scope


def has_action(code: str) -> Rule:
    def allows(user: Any, obj: Any) -> bool:
        return grants_for(user).has(code)

    def restrict(user: Any, qs: QuerySet) -> QuerySet:
        return qs if grants_for(user).has(code) else qs.none()

    return Rule(allows, restrict, f"action:{code}")


def _resolve(obj: Any, dotted: str) -> Any:
    value = obj
    for part in dotted.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def in_scope(unit_field: str, *, owner_field: str | None = None) -> Rule:
    """Row's unit (`unit_field`, a FK name or a to-many path) lies inside the user's data scope.

    For a to-many path (e.g. "assignments__unit") the object check asks whether any related unit is in scope.
    """

    def allows(user: Any, obj: Any) -> bool:
        if obj is None:
            return False
        owner = _resolve(obj, owner_field + "_id") if owner_field else None
        head, _, rest = unit_field.partition("__")
        if not rest:  # a plain FK: its id is on the row; never load the unit just to compare ids
            return unit_in_scope(user, getattr(obj, f"{unit_field}_id", None), owner)
        related = getattr(obj, head, None)
        if hasattr(related, "all"):
            ids = {getattr(_resolve(r, rest), "pk", None) for r in related.all()}
            return any(unit_in_scope(user, i, owner) for i in ids if i)
        return unit_in_scope(user, getattr(_resolve(obj, unit_field), "pk", None), owner)

    def restrict(user: Any, qs: QuerySet) -> QuerySet:
        q = scope_q(user, unit_field, owner_field)
        if q is None:
            return qs
        filtered = qs.filter(q)
        return filtered.distinct() if "__" in unit_field else filtered

    return Rule(allows, restrict, f"scope:{unit_field}")


def admin_only(*kinds: AdminKind) -> Rule:
    def allows(user: Any, obj: Any) -> bool:
        return bool(grants_for(user).admin_kinds & set(kinds))

    def restrict(user: Any, qs: QuerySet) -> QuerySet:
        return qs if allows(user, None) else qs.none()

    return Rule(allows, restrict, f"admin:{'|'.join(kinds)}")


def any_of(*rules: Rule) -> Rule:
    return reduce(operator.or_, rules)
