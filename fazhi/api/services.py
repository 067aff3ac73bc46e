"""Integration accounts and keys: save an account, issue / rotate / revoke a key. Each write runs in a transaction,
is allowed to the security administrator only (IntegrationAccountPolicy) and leaves an audit row."""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record_event
from fazhi.core.errors import ConflictError, DomainError
from fazhi.orgs.models import Unit, User
from fazhi.orgs.scopes import grants_changed

from .catalogue import api_action_codes
from .errors import ApiErrorCode
from .events import ApiEvent
from .keys import key_digest, key_generate
from .models import AccountScope, ApiKey, IntegrationAccount
from .policies import IntegrationAccountPolicy

ROTATION_GRACE_CHOICES = (0, 1, 24, 168)  # hours the old key keeps working after a rotation


def _require_manager(by: Any) -> None:
    if not IntegrationAccountPolicy.can(by, "manage"):
        raise DomainError(ApiErrorCode.SEPARATION_OF_DUTIES, "只有安全管理员可以管理接口账号与密钥。")


def networks_parse(lines: Iterable[str]) -> list[str]:
    """Addresses or networks (CIDR), one per entry, normalised ("10.1.2.0/24"); a bad entry names itself."""
    out: list[str] = []
    for raw in lines:
        text = raw.strip()
        if not text:
            continue
        try:
            net = ipaddress.ip_network(text, strict=False)
        except ValueError:
            raise DomainError(
                ApiErrorCode.INVALID, f"“{text}”不是有效的 IP 地址或网段。", field="allowed_networks"
            ) from None
        if str(net) not in out:
            out.append(str(net))
    if not out:
        raise DomainError(
            ApiErrorCode.INVALID, "请至少填写一个允许的来源地址或网段（如 10.1.2.0/24）。", field="allowed_networks"
        )
    return out


@transaction.atomic
def account_save(
    *,
    by: Any,
    account: IntegrationAccount | None,
    name: str,
    unit: Unit,
    actions: Sequence[str],
    data_scope: str,
    allowed_networks: Iterable[str],
    custom_units: Iterable[Unit] = (),
    expires_on: dt.date | None = None,
    is_active: bool = True,
    description: str = "",
    expected_version: int | None = None,
) -> IntegrationAccount:
    """Create or change an account. Its actions come only from the API's catalogue (no 三员 or unmask codes)."""
    _require_manager(by)
    name = name.strip()
    if not name:
        raise DomainError(ApiErrorCode.INVALID, "请填写名称。", field="name")
    others = IntegrationAccount.objects.exclude(pk=account.pk) if account else IntegrationAccount.objects.all()
    if others.filter(name=name).exists():
        raise DomainError(ApiErrorCode.INVALID, f"接口账号“{name}”已存在。", field="name")
    offered = set(api_action_codes())
    refused = sorted(set(actions) - offered)
    if refused:
        raise DomainError(
            ApiErrorCode.SEPARATION_OF_DUTIES, f"接口账号不能被授予这些权限：{'、'.join(refused)}", field="actions"
        )
    if data_scope not in AccountScope.values:
        raise DomainError(ApiErrorCode.INVALID, "请选择数据范围。", field="data_scope")
    customs = list(custom_units)
    if data_scope == AccountScope.CUSTOM and not customs:
        raise DomainError(ApiErrorCode.INVALID, "自定义数据范围须至少选择一个单位。", field="custom_units")
    networks = networks_parse(allowed_networks)
    before = _snapshot(account) if account else {}
    if account is not None:
        if expected_version is not None:
            updated = IntegrationAccount.objects.filter(pk=account.pk, version=expected_version).update(
                version=expected_version + 1
            )
            if updated != 1:
                raise ConflictError()
            account.version = expected_version + 1
        else:
            account.version += 1
    else:
        actor = User(username=f"api:{name}"[:150], full_name=f"接口账号：{name}"[:50], unit=unit, is_active=False)
        actor.password = make_password(None)  # unusable: this row can never sign in
        actor.must_change_password = False
        actor.save()
        account = IntegrationAccount(actor=actor)
    account.name, account.unit, account.actions = name, unit, sorted(set(actions))
    account.data_scope, account.allowed_networks, account.expires_on = data_scope, networks, expires_on
    account.is_active, account.description = is_active, description
    account.save()
    account.custom_units.set(customs if data_scope == AccountScope.CUSTOM else [])
    User.objects.filter(pk=account.actor_id).update(unit=unit, full_name=f"接口账号：{name}"[:50])
    grants_changed()  # what the account's keys may see changed: nothing kept under the old stamp is used again
    record_event(
        actor=by,
        action=ApiEvent.ACCOUNT_SAVED,
        obj=account,
        summary={"before": before, "after": _snapshot(account)},
    )
    return account


def _snapshot(account: IntegrationAccount) -> dict[str, Any]:
    return {
        "name": account.name,
        "unit": account.unit_id,
        "actions": sorted(account.actions),
        "data_scope": account.data_scope,
        "custom_units": sorted(account.custom_units.values_list("id", flat=True)) if account.pk else [],
        "allowed_networks": list(account.allowed_networks),
        "expires_on": account.expires_on.isoformat() if account.expires_on else None,
        "is_active": account.is_active,
    }


@transaction.atomic
def key_issue(
    *, by: Any, account: IntegrationAccount, label: str = "", expires_at: dt.datetime | None = None
) -> tuple[ApiKey, str]:
    """A new key for the account. Returns the row and the full key — the only time it exists outside the caller's
    hands: it is stored as a lookup prefix and a keyed digest, and cannot be shown again."""
    _require_manager(by)
    if expires_at is not None and expires_at <= timezone.now():
        raise DomainError(ApiErrorCode.INVALID, "失效时间应晚于现在。", field="expires_at")
    material = key_generate()
    key = ApiKey.objects.create(
        account=account,
        prefix=material.prefix,
        digest=key_digest(material.prefix, material.secret),
        label=label.strip()[:100],
        expires_at=expires_at,
        created_by=by,
    )
    grants_changed()  # keys are kept per process under the grants stamp (auth._key_for)
    record_event(
        actor=by,
        action=ApiEvent.KEY_ISSUED,
        obj=key,
        summary={"account": account.pk, "prefix": key.prefix, "expires_at": _iso(expires_at)},
        unit=account.unit,
    )
    return key, material.full


@transaction.atomic
def key_rotate(*, by: Any, key: ApiKey, grace_hours: int = 24) -> tuple[ApiKey, str]:
    """A new key replacing `key`; the old one keeps working for `grace_hours` (0: stops at once) so the system can
    switch over without an outage."""
    _require_manager(by)
    if grace_hours not in ROTATION_GRACE_CHOICES:
        raise DomainError(ApiErrorCode.INVALID, "请选择旧密钥的过渡期。", field="grace_hours")
    old = ApiKey.objects.select_for_update().get(pk=key.pk)
    if old.revoked_at is not None:
        raise DomainError(ApiErrorCode.INVALID, "该密钥已吊销，不能轮换。")
    now = timezone.now()
    new, full = key_issue(by=by, account=old.account, label=old.label, expires_at=old.expires_at)
    ApiKey.objects.filter(pk=new.pk).update(replaces=old)
    ends = now + dt.timedelta(hours=grace_hours)
    if grace_hours == 0:
        old.revoked_at = now
    elif old.expires_at is None or old.expires_at > ends:
        old.expires_at = ends
    old.save(update_fields=["revoked_at", "expires_at", "updated_at"])
    grants_changed()  # the old key's kept row is read fresh on its next use (auth._key_for)
    record_event(
        actor=by,
        action=ApiEvent.KEY_ROTATED,
        obj=old,
        summary={"account": old.account_id, "old": old.prefix, "new": new.prefix, "old_until": _iso(ends)},
        unit=old.account.unit,
    )
    new.replaces = old
    return new, full


@transaction.atomic
def key_revoke(*, by: Any, key: ApiKey) -> ApiKey:
    _require_manager(by)
    locked = ApiKey.objects.select_for_update().get(pk=key.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at", "updated_at"])
        grants_changed()  # refused on its next use in every process: its kept row goes with the stamp (auth._key_for)
        record_event(
            actor=by,
            action=ApiEvent.KEY_REVOKED,
            obj=locked,
            summary={"account": locked.account_id, "prefix": locked.prefix},
            unit=locked.account.unit,
        )
    return locked


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None
