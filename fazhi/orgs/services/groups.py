"""Unit groups (e.g. 各区人民政府): a named set of units a plan can assign to at once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError

from ..errors import OrgsErrorCode
from ..events import OrgsEvent
from ..models import Unit, UnitGroup
from ..selectors import normalize_unit_name


@transaction.atomic
def unit_group_save(
    *,
    by: Any,
    group: UnitGroup | None,
    code: str,
    name: str,
    aliases: list[str],
    members: Iterable[Unit],
    description: str = "",
) -> UnitGroup:
    group = group or UnitGroup()
    others = UnitGroup.objects.exclude(pk=group.pk) if group.pk else UnitGroup.objects.all()
    if others.filter(code=code).exists():
        raise DomainError(OrgsErrorCode.NAME_TAKEN, f"分组编码“{code}”已存在。", field="code")
    if others.filter(name=normalize_unit_name(name)).exists():
        raise DomainError(OrgsErrorCode.NAME_TAKEN, f"分组名称“{name}”已存在。", field="name")
    before = {"members": sorted(group.members.values_list("id", flat=True))} if group.pk else {}
    group.code, group.name = code, normalize_unit_name(name)
    group.aliases = [normalize_unit_name(a) for a in aliases if a.strip()]
    group.description = description
    group.save()
    group.members.set(list(members))
    record_event(
        actor=by,
        action=OrgsEvent.GROUP_SAVED,
        obj=group,
        summary={"before": before, "after": {"members": sorted(group.members.values_list("id", flat=True))}},
    )
    return group
