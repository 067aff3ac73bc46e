"""Roles and 三员分立 (separation of the system, security and audit administrators)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.actions import ACTIONS
from fazhi.core.errors import ConflictError, DomainError

from ..errors import OrgsErrorCode
from ..events import OrgsEvent
from ..models import AdminKind, Role, Unit

# 三员分立: whatever else the audit administrator's role is given, never these.
AUDIT_ADMIN_FORBIDDEN = {
    "orgs.user.manage",
    "orgs.user.unlock",
    "orgs.role.manage",
    "orgs.unit.manage",
    "orgs.unit.import",
}


def check_separation_of_duties(roles: Iterable[Role]) -> None:
    kinds = {r.admin_kind for r in roles if r.admin_kind}
    if len(kinds) > 1:
        labels = "、".join(AdminKind(k).label for k in sorted(kinds))
        raise DomainError(
            OrgsErrorCode.SEPARATION_OF_DUTIES, f"三员分立：同一账号不能同时担任{labels}。", field="roles"
        )


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
