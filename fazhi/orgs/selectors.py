"""Reads for units, groups and users, scoped by the policies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from fazhi.core.crypto import blind_index
from fazhi.core.policy import Policy

from .models import Role, Unit, UnitAlias, UnitGroup, User
from .policies import RolePolicy, UnitGroupPolicy, UnitPolicy, UserPolicy
from .scopes import scope_q


def units_visible_to(user: User) -> QuerySet[Unit]:
    return UnitPolicy.visible(user, "view")


def users_visible_to(user: User) -> QuerySet[User]:
    return UserPolicy.visible(user, "view").select_related("unit")


def _get_for(policy: type[Policy], user: Any, pk: Any, action: str, qs: QuerySet | None = None) -> Any:
    """The same 404 for a row that does not exist and one the user may not `action` (no URL reveals existence)."""
    try:
        obj: Model | None = policy.visible(user, action, qs).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        obj = None
    if obj is None:
        raise Http404
    return obj


def unit_get_for(user: Any, pk: Any, action: str = "view") -> Unit:
    return _get_for(UnitPolicy, user, pk, action, Unit.objects.select_related("parent"))


def unit_group_get_for(user: Any, pk: Any, action: str = "view") -> UnitGroup:
    return _get_for(UnitGroupPolicy, user, pk, action)


def user_get_for(user: Any, pk: Any, action: str = "view") -> User:
    return _get_for(UserPolicy, user, pk, action, User.objects.select_related("unit"))


def role_get_for(user: Any, pk: Any, action: str = "view") -> Role:
    return _get_for(RolePolicy, user, pk, action)


def units_search(user: Any, *, q: str = "", include_inactive: bool = True) -> list[Unit]:
    """The unit tree in path order (each with `.depth`), or the units whose name, short name, code or alias contains q."""
    qs = units_visible_to(user).select_related("parent").prefetch_related("aliases")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    q = normalize_unit_name(q)
    if q:
        qs = qs.filter(
            Q(name__contains=q) | Q(short_name__contains=q) | Q(code__icontains=q) | Q(aliases__name__contains=q)
        ).distinct()
    units = list(qs.order_by("path"))
    for u in units:
        u.depth = max(0, u.path.count("/") - 1)  # type: ignore[attr-defined]
    return units


def unit_groups_visible_to(user: Any) -> QuerySet[UnitGroup]:
    return UnitGroupPolicy.visible(user, "view").prefetch_related("members")


def units_in_scope_of(user: Any) -> QuerySet[Unit]:
    """Units inside the user's data scope: where they may place or find accounts."""
    q = scope_q(user, "pk")
    qs = Unit.objects.filter(is_active=True)
    return qs.order_by("path") if q is None else qs.filter(q).order_by("path")


def users_search(user: Any, *, q: str = "", unit_id: int | None = None) -> QuerySet[User]:
    qs = users_visible_to(user).prefetch_related("roles")
    q = (q or "").strip()
    if q:
        qs = qs.filter(
            Q(username__icontains=q)
            | Q(full_name__contains=q)
            | Q(unit__name__contains=q)
            | Q(unit__short_name__contains=q)
            | Q(mobile_index=blind_index(q, "user.mobile"))
        )
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs.order_by("unit__path", "username")


def roles_visible_to(user: Any) -> QuerySet[Role]:
    return RolePolicy.visible(user, "view").prefetch_related("custom_units")


def unit_descendant_ids(unit: Unit) -> list[int]:
    return list(Unit.objects.filter(path__startswith=unit.path).values_list("id", flat=True))


def normalize_unit_name(name: str) -> str:
    """Full-width brackets and spaces do not make a different name: 市(区)直各单位 == 市（区）直各单位."""
    table = str.maketrans({"（": "(", "）": ")", "　": "", " ": ""})
    return (name or "").strip().translate(table)


@dataclass(frozen=True)
class Resolution:
    """What a written name stands for: one unit, or a group of units, or nothing."""

    name: str
    unit: Unit | None = None
    group: UnitGroup | None = None

    @property
    def found(self) -> bool:
        return self.unit is not None or self.group is not None

    @property
    def units(self) -> list[Unit]:
        if self.unit is not None:
            return [self.unit]
        if self.group is not None:
            return list(self.group.members.filter(is_active=True).order_by("path"))
        return []


def units_resolve(name: str) -> Resolution:
    """Find the unit or unit group a document means by `name`: full name, short name, alias, or group name/alias."""
    key = normalize_unit_name(name)
    if not key:
        return Resolution(name)
    unit = Unit.objects.filter(Q(name=key) | Q(short_name=key), is_active=True).first()
    if unit is None:
        alias = UnitAlias.objects.select_related("unit").filter(name=key, unit__is_active=True).first()
        unit = alias.unit if alias else None
    if unit is not None:
        return Resolution(name, unit=unit)
    group = UnitGroup.objects.filter(name=key).first()
    if group is None:
        for g in UnitGroup.objects.exclude(aliases=[]):
            if key in {normalize_unit_name(a) for a in g.aliases}:
                group = g
                break
    return Resolution(name, group=group)
