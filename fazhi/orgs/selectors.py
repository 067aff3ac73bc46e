"""Reads for units, groups and users, scoped by the policies."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .models import Unit, UnitAlias, UnitGroup, User
from .policies import UnitPolicy, UserPolicy


def units_visible_to(user: User) -> QuerySet[Unit]:
    return UnitPolicy.visible(user, "view")


def users_visible_to(user: User) -> QuerySet[User]:
    return UserPolicy.visible(user, "view").select_related("unit")


def unit_descendant_ids(unit: Unit) -> list[int]:
    return list(Unit.objects.filter(path__startswith=unit.path).values_list("id", flat=True))


def normalize_unit_name(name: str) -> str:
    """Full-width brackets and spaces do not make a different name: 市(区)直各单位 == 市（区）直各单位."""
    table = str.maketrans({"（": "(", "）": ")", "　": "", " ": "", "\u3000": ""})
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
