"""User accounts: create, roles, update, unlock, password reset, and the audited reveal of a phone number."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.hashers import identify_hasher
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from fazhi.audit.events import AuditAction
from fazhi.audit.services import record_event
from fazhi.core.errors import ConflictError, DomainError

from ..errors import OrgsErrorCode
from ..events import OrgsEvent
from ..models import Role, Unit, User
from .roles import check_separation_of_duties


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
