"""Who a request with a key acts as: the account's actor row, marked active for this request only, with grants computed
from the account — its actions (those still in the API catalogue) and its data scope. Nothing from roles: the actor
holds none, and a key can never do more than its account.

Grants are kept per process under (account id, account version, grants stamp), like people's grants (orgs/scopes.py):
an account save bumps its version and writes a new grants stamp (services.account_save), as does any unit-tree
change, so kept grants are never stale."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Any

from fazhi.orgs.models import Unit, User
from fazhi.orgs.scopes import Grants

from .catalogue import API_ACTIONS
from .models import AccountScope, IntegrationAccount

_kept: dict[tuple[int, int, str], Grants] = {}
_KEPT_MAX = 1000


def account_grants(account: IntegrationAccount, stamp: str = "") -> Grants:
    key = (account.pk, account.version, stamp)
    if stamp and (found := _kept.get(key)) is not None:
        return found
    scope = account.data_scope
    unit_ids: set[int] = set()
    if scope == AccountScope.UNIT:
        unit_ids = {account.unit_id}
    elif scope == AccountScope.UNIT_AND_BELOW:
        unit = Unit.objects.only("path").get(pk=account.unit_id)
        unit_ids = set(Unit.objects.filter(path__startswith=unit.path).values_list("id", flat=True))
    elif scope == AccountScope.CUSTOM:
        unit_ids = set(account.custom_units.values_list("id", flat=True))
    grants = Grants(
        actions=frozenset(a for a in account.actions if a in API_ACTIONS),
        all_units=scope == AccountScope.ALL,
        unit_ids=frozenset(unit_ids),
        self_only=False,
    )
    if stamp:
        if len(_kept) >= _KEPT_MAX:
            _kept.clear()
        _kept[key] = grants
    return grants


def principal_for(account: IntegrationAccount, stamp: str = "") -> User:
    user: Any = account.actor
    user.is_active = True  # in memory only: the row stays inactive, so it can never sign in on the pages
    user.unit = account.unit
    user._grants_cache = account_grants(account, stamp)
    user.grants_stamp = stamp or None  # as for a signed-in user: kept units and pages under the same stamp
    user.integration_account = account
    return user


@lru_cache(maxsize=256)
def _networks(entries: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(ipaddress.ip_network(e, strict=False) for e in entries)


def address_allowed(account: IntegrationAccount, ip: str) -> bool:
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(address in net for net in _networks(tuple(account.allowed_networks or ())))
