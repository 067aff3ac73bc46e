"""Units: create, update (with aliases), deactivate and reactivate; aliases; the materialised tree path."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError

from ..errors import OrgsErrorCode
from ..events import OrgsEvent
from ..models import Unit, UnitAlias
from ..scopes import grants_changed
from ..selectors import normalize_unit_name

UNIT_FIELDS = [
    "code",
    "name",
    "short_name",
    "kind",
    "level",
    "credit_code",
    "division_code",
    "is_enforcement_agency",
    "sort_order",
    "is_active",
]


def _refresh_paths(unit: Unit) -> None:
    parent_path = unit.parent.path if unit.parent_id and unit.parent else ""
    new_path = f"{parent_path}{unit.pk:06d}/"
    if unit.path != new_path:
        old = unit.path
        Unit.objects.filter(pk=unit.pk).update(path=new_path)
        grants_changed()  # "本单位及下级" scopes follow the tree; a queryset update sends no signal
        unit.path = new_path
        if old:
            for child in Unit.objects.filter(path__startswith=old).exclude(pk=unit.pk).order_by("path"):
                child.parent = Unit.objects.get(pk=child.parent_id)
                _refresh_paths(child)


def _check_name_free(name: str, *, unit: Unit | None = None) -> None:
    own = getattr(unit, "pk", None)
    clash = (
        Unit.objects.filter(name=name).exclude(pk=own).exists()
        or UnitAlias.objects.filter(name=name).exclude(unit_id=own).exists()
    )
    if clash:
        raise DomainError(OrgsErrorCode.NAME_TAKEN, f"名称“{name}”已被其他单位使用。", field="name")


@transaction.atomic
def unit_create(*, by: Any, parent: Unit | None, aliases: Iterable[str] = (), **fields: Any) -> Unit:
    fields["name"] = normalize_unit_name(fields["name"])
    _check_name_free(fields["name"])
    unit = Unit(parent=parent, **{k: v for k, v in fields.items() if k in UNIT_FIELDS})
    unit.full_clean(exclude=["path", "parent"])
    unit.save()
    _refresh_paths(unit)
    for alias in aliases:
        _alias_add(unit, alias, source="manual")
    record_event(actor=by, action=OrgsEvent.UNIT_CREATED, obj=unit, summary={"after": _unit_summary(unit)})
    return unit


@transaction.atomic
def unit_update(
    *,
    by: Any,
    unit: Unit,
    expected_version: int,
    parent: Unit | None,
    aliases: Iterable[str] | None = None,
    **fields: Any,
) -> Unit:
    """Change a unit's fields (and, when `aliases` is given, replace its aliases) if nobody changed it since
    `expected_version`."""
    before = _unit_summary(unit)
    if parent is not None and parent.path.startswith(unit.path):
        raise DomainError(OrgsErrorCode.PARENT_CYCLE, "上级单位不能是本单位或其下级单位。", field="parent")
    if "name" in fields:
        fields["name"] = normalize_unit_name(fields["name"])
        _check_name_free(fields["name"], unit=unit)
    for k, v in fields.items():
        if k in UNIT_FIELDS:
            setattr(unit, k, v)
    unit.parent = parent
    unit.full_clean(exclude=["path", "parent", "version"])
    unit.save_versioned(
        expected_version=expected_version, update_fields=[*[k for k in fields if k in UNIT_FIELDS], "parent"]
    )
    _refresh_paths(unit)
    grants_changed()  # names and the tree are read through the stamp too (lists kept per process); no signal here
    after = _unit_summary(unit)
    if aliases is not None:
        before["aliases"] = sorted(unit.aliases.values_list("name", flat=True))
        _aliases_replace(unit, aliases)
        after["aliases"] = sorted(unit.aliases.values_list("name", flat=True))
    record_event(actor=by, action=OrgsEvent.UNIT_UPDATED, obj=unit, summary={"before": before, "after": after})
    return unit


def _aliases_replace(unit: Unit, aliases: Iterable[str]) -> None:
    wanted = {normalize_unit_name(a) for a in aliases} - {"", unit.name, unit.short_name}
    unit.aliases.exclude(name__in=wanted).delete()
    for alias in sorted(wanted):
        _alias_add(unit, alias, source="manual")


@transaction.atomic
def unit_deactivate(*, by: Any, unit: Unit) -> Unit:
    """停用: the unit stays in the tree and in history but no longer resolves by name or appears in pickers."""
    if unit.children.filter(is_active=True).exists():
        raise DomainError(
            OrgsErrorCode.HAS_ACTIVE_CHILDREN, "该单位还有启用的下级单位，请先停用下级单位。", field="is_active"
        )
    if unit.users.filter(is_active=True).exists():
        raise DomainError(
            OrgsErrorCode.HAS_ACTIVE_USERS, "该单位还有启用的用户账号，请先调整或停用这些账号。", field="is_active"
        )
    Unit.objects.filter(pk=unit.pk).update(is_active=False, version=unit.version + 1)
    grants_changed()
    unit.is_active, unit.version = False, unit.version + 1
    record_event(actor=by, action=OrgsEvent.UNIT_DEACTIVATED, obj=unit)
    return unit


@transaction.atomic
def unit_reactivate(*, by: Any, unit: Unit) -> Unit:
    if unit.parent_id and unit.parent and not unit.parent.is_active:
        raise DomainError(OrgsErrorCode.PARENT_INACTIVE, "上级单位已停用，请先启用上级单位。", field="is_active")
    Unit.objects.filter(pk=unit.pk).update(is_active=True, version=unit.version + 1)
    grants_changed()
    unit.is_active, unit.version = True, unit.version + 1
    record_event(actor=by, action=OrgsEvent.UNIT_REACTIVATED, obj=unit)
    return unit


def _unit_summary(unit: Unit) -> dict[str, Any]:
    return {f: getattr(unit, f) for f in UNIT_FIELDS} | {"parent": unit.parent_id}


def _alias_add(unit: Unit, alias: str, *, source: str) -> UnitAlias | None:
    name = normalize_unit_name(alias)
    if not name or name == unit.name or name == unit.short_name:
        return None
    existing = UnitAlias.objects.filter(name=name).first()
    if existing:
        if existing.unit_id != unit.pk:
            raise DomainError(OrgsErrorCode.NAME_TAKEN, f"别名“{name}”已属于{existing.unit}。", field="aliases")
        return existing
    if Unit.objects.filter(name=name).exclude(pk=unit.pk).exists():
        raise DomainError(OrgsErrorCode.NAME_TAKEN, f"别名“{name}”是另一个单位的全称。", field="aliases")
    return UnitAlias.objects.create(unit=unit, name=name, source=source)


@transaction.atomic
def unit_alias_add(*, by: Any, unit: Unit, alias: str, source: str = "manual") -> UnitAlias | None:
    """Remember another name for a unit (e.g. a mapping confirmed in a plan-import preview)."""
    created = _alias_add(unit, alias, source=source)
    if created:
        record_event(
            actor=by, action=OrgsEvent.UNIT_ALIAS_ADDED, obj=unit, summary={"alias": created.name, "source": source}
        )
    return created
