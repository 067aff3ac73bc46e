"""Integration accounts and keys for tests: made through the real services, by a real security administrator."""

from __future__ import annotations

from typing import Any

from fazhi.api.models import ApiKey, IntegrationAccount
from fazhi.api.services import account_save, key_issue


def sec_admin_user() -> Any:
    from fazhi.orgs.builtin import roles_seed_builtin
    from fazhi.orgs.models import Role, Unit
    from fazhi.orgs.tests.factories import UserFactory

    if not Role.objects.filter(code="sec_admin").exists():
        roles_seed_builtin()
    existing = Role.objects.get(code="sec_admin").users.first()
    return existing or UserFactory(
        username="sec_admin_for_keys",
        unit=Unit.objects.order_by("path").first(),
        roles=[Role.objects.get(code="sec_admin")],
    )


def account_with(
    actions: list[str],
    *,
    unit: Any,
    scope: str = "unit_and_below",
    networks: tuple[str, ...] = ("127.0.0.0/8",),
    name: str = "",
    custom_units: tuple[Any, ...] = (),
    **kwargs: Any,
) -> IntegrationAccount:
    return account_save(
        by=sec_admin_user(),
        account=None,
        name=name or f"测试系统{IntegrationAccount.objects.count() + 1}",
        unit=unit,
        actions=actions,
        data_scope=scope,
        custom_units=custom_units,
        allowed_networks=networks,
        **kwargs,
    )


def key_for(account: IntegrationAccount, **kwargs: Any) -> tuple[ApiKey, str]:
    return key_issue(by=sec_admin_user(), account=account, **kwargs)


def bearer(full_key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {full_key}"}
