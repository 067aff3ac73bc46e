"""Writes for units, groups, users and roles. Each runs in a transaction and leaves an audit row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.hashers import identify_hasher
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from fazhi.audit.events import AuditAction
from fazhi.audit.services import record_event
from fazhi.core.actions import ACTIONS
from fazhi.core.errors import ConflictError, DomainError

from .errors import OrgsErrorCode
from .events import OrgsEvent
from .models import AdminKind, Role, Unit, UnitAlias, UnitGroup, User
from .selectors import normalize_unit_name

# 三员分立: whatever else the audit administrator's role is given, never these.
AUDIT_ADMIN_FORBIDDEN = {
    "orgs.user.manage",
    "orgs.user.unlock",
    "orgs.role.manage",
    "orgs.unit.manage",
    "orgs.unit.import",
}

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
    unit.is_active, unit.version = False, unit.version + 1
    record_event(actor=by, action=OrgsEvent.UNIT_DEACTIVATED, obj=unit)
    return unit


@transaction.atomic
def unit_reactivate(*, by: Any, unit: Unit) -> Unit:
    if unit.parent_id and unit.parent and not unit.parent.is_active:
        raise DomainError(OrgsErrorCode.PARENT_INACTIVE, "上级单位已停用，请先启用上级单位。", field="is_active")
    Unit.objects.filter(pk=unit.pk).update(is_active=True, version=unit.version + 1)
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


def check_separation_of_duties(roles: Iterable[Role]) -> None:
    kinds = {r.admin_kind for r in roles if r.admin_kind}
    if len(kinds) > 1:
        labels = "、".join(AdminKind(k).label for k in sorted(kinds))
        raise DomainError(
            OrgsErrorCode.SEPARATION_OF_DUTIES, f"三员分立：同一账号不能同时担任{labels}。", field="roles"
        )


@transaction.atomic
def user_create(
    *,
    by: Any,
    username: str,
    full_name: str,
    unit: Unit | None,
    roles: Iterable[Role],
    password: str,
    mobile: str = "",
    is_liaison: bool = False,
    must_change_password: bool = True,
    password_hash: str = "",
) -> User:
    """Create an account with an initial password. Production accounts keep must_change_password=True (the user sets
    their own password at first login); only `fazhi demo` passes False so the demo logins work at once.

    `password_hash` (demo only) is `make_password(password)` computed once by the caller (trusted, not re-checked), so ten demo accounts that
    share the published demo password cost one PBKDF2 run instead of ten; the password is still validated here."""
    roles = list(roles)
    check_separation_of_duties(roles)
    if User.objects.filter(username=username).exists():
        raise DomainError(OrgsErrorCode.NAME_TAKEN, f"账号“{username}”已存在。", field="username")
    user = User(
        username=username,
        full_name=full_name,
        unit=unit,
        mobile=mobile,
        is_liaison=is_liaison,
        must_change_password=must_change_password,
    )
    validate_password(password, user)
    if password_hash:
        identify_hasher(password_hash)  # raises ValueError for anything that is not a Django password hash
        user.password = password_hash
    else:
        user.set_password(password)
    user.password_changed_at = timezone.now()
    user.save()
    user.roles.set(roles)
    record_event(
        actor=by,
        action=OrgsEvent.USER_CREATED,
        obj=user,
        summary={"after": {"username": username, "unit": getattr(unit, "pk", None), "roles": [r.code for r in roles]}},
    )
    return user


@transaction.atomic
def user_roles_set(*, by: Any, user: User, roles: Iterable[Role]) -> User:
    roles = list(roles)
    check_separation_of_duties(roles)
    before = sorted(user.roles.values_list("code", flat=True))
    user.roles.set(roles)
    User.objects.filter(pk=user.pk).update(version=user.version + 1)
    user._grants_cache = None
    record_event(
        actor=by,
        action=OrgsEvent.USER_ROLES_SET,
        obj=user,
        summary={"before": before, "after": sorted(r.code for r in roles)},
    )
    return user


@transaction.atomic
def user_update(
    *,
    by: Any,
    user: User,
    expected_version: int,
    full_name: str,
    unit: Unit | None,
    mobile: str,
    is_liaison: bool,
    is_active: bool,
) -> User:
    before = {
        "full_name": user.full_name,
        "unit": user.unit_id,
        "is_active": user.is_active,
        "is_liaison": user.is_liaison,
    }
    if User.objects.filter(pk=user.pk, version=expected_version).update(version=expected_version + 1) != 1:
        raise ConflictError()
    user.full_name, user.unit, user.mobile, user.is_liaison, user.is_active = (
        full_name,
        unit,
        mobile,
        is_liaison,
        is_active,
    )
    user.version = expected_version + 1
    user.save(update_fields=["full_name", "unit", "mobile", "is_liaison", "is_active"])
    record_event(
        actor=by,
        action=OrgsEvent.USER_UPDATED,
        obj=user,
        summary={
            "before": before,
            "after": {
                "full_name": full_name,
                "unit": getattr(unit, "pk", None),
                "is_active": is_active,
                "is_liaison": is_liaison,
            },
        },
    )
    return user


@transaction.atomic
def user_unlock(*, by: Any, user: User) -> User:
    User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
    user.refresh_from_db()
    record_event(actor=by, action=OrgsEvent.USER_UNLOCKED, obj=user)
    return user


@transaction.atomic
def user_mobile_reveal(*, by: Any, user: User) -> str:
    """The full phone number, for a holder of `pii.unmask`; every reveal leaves an audit row (PIPL Art. 51)."""
    record_event(actor=by, action=AuditAction.PII_UNMASKED, obj=user, summary={"field": "mobile"})
    return user.mobile


@transaction.atomic
def user_password_reset(*, by: Any, user: User, password: str) -> User:
    """An administrator sets a new initial password; the user must change it at next login."""
    validate_password(password, user)
    user.set_password(password)
    user.must_change_password = True
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    record_event(actor=by, action=OrgsEvent.USER_PASSWORD_RESET, obj=user)
    return user


@transaction.atomic
def role_save(
    *,
    by: Any,
    role: Role | None,
    code: str,
    name: str,
    actions: list[str],
    data_scope: str,
    custom_units: Iterable[Unit] = (),
    requires_otp: bool = False,
    description: str = "",
    expected_version: int | None = None,
) -> Role:
    unknown = sorted(set(actions) - set(ACTIONS))
    if unknown:
        raise DomainError(OrgsErrorCode.UNKNOWN_ACTION, f"未知的权限编码：{'、'.join(unknown)}", field="actions")
    others = Role.objects.exclude(pk=role.pk) if role is not None else Role.objects.all()
    if others.filter(code=code).exists():
        raise DomainError(OrgsErrorCode.NAME_TAKEN, f"角色编码“{code}”已存在。", field="code")
    if others.filter(name=name).exists():
        raise DomainError(OrgsErrorCode.NAME_TAKEN, f"角色名称“{name}”已存在。", field="name")
    if role is not None and role.admin_kind == AdminKind.AUDIT:
        forbidden = sorted(c for c in actions if c in AUDIT_ADMIN_FORBIDDEN)
        if forbidden:
            raise DomainError(
                OrgsErrorCode.SEPARATION_OF_DUTIES,
                f"三员分立：审计管理员不能管理用户或角色（{'、'.join(forbidden)}）。",
                field="actions",
            )
    before = {"actions": sorted(role.actions), "data_scope": role.data_scope} if role else {}
    if role is not None and expected_version is not None:
        if Role.objects.filter(pk=role.pk, version=expected_version).update(version=expected_version + 1) != 1:
            raise ConflictError()
        role.version = expected_version + 1
    role = role or Role()
    role.code, role.name, role.actions, role.data_scope = code, name, sorted(set(actions)), data_scope
    role.requires_otp, role.description = requires_otp or bool(role.admin_kind), description
    role.save()
    role.custom_units.set(list(custom_units))
    record_event(
        actor=by,
        action=OrgsEvent.ROLE_SAVED,
        obj=role,
        summary={"before": before, "after": {"actions": role.actions, "data_scope": data_scope}},
    )
    return role
