"""Every change that grants are computed from writes a new grants stamp in the same transaction (orgs/scopes.py):
a role saved or deleted, a user's roles changed, a role's custom units changed, a unit added, moved or deleted, a unit's alias added or removed.
Signals, not service calls, so that no code path that saves through the ORM can forget it; the two queryset updates
that bypass signals (unit paths, built-in role grants) call grants_changed() themselves."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Role, Unit, UnitAlias, User
from .scopes import grants_changed


def _changed(sender: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata: the fixture's own rows, the stamp comes with them
        return
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return
    grants_changed()


def connect() -> None:
    for model in (Role, Unit, UnitAlias):  # aliases: the unit pickers' search terms are kept under the stamp
        post_save.connect(_changed, sender=model, dispatch_uid=f"grants-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"grants-{model.__name__}-delete")
    m2m_changed.connect(_changed, sender=User.roles.through, dispatch_uid="grants-user-roles")
    m2m_changed.connect(_changed, sender=Role.custom_units.through, dispatch_uid="grants-role-units")
