"""What a user may do and see: the union of their roles' action codes and data scopes.

Computed once per request, and kept between requests in each web process under the grants stamp that was loaded with
the user (orgs/backends.py, orgs/signals.py): any change to roles, role holders, custom units or the unit tree writes a
new stamp in the same transaction, so kept grants are never used after it commits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db.models import Q

from .models import AdminKind, DataScope, GrantsStamp, Role, Unit, User

_KEPT_MAX = 5000
# (stamp, grants by (user id, unit id, active)) — a new stamp swaps in a new map with one assignment
_kept: tuple[str, dict[tuple[object, ...], Grants]] = ("", {})


@dataclass(frozen=True)
class Grants:
    actions: frozenset[str]
    all_units: bool
    unit_ids: frozenset[int]
    self_only: bool
    admin_kinds: frozenset[str] = field(default_factory=frozenset)
    requires_otp: bool = False

    def has(self, action: str) -> bool:
        return action in self.actions


def _unit_and_below_ids(unit: Unit) -> set[int]:
    return set(Unit.objects.filter(path__startswith=unit.path).values_list("id", flat=True))


def grants_changed() -> None:
    """Write a new grants stamp (inside the caller's transaction). Called by orgs/signals.py on every change grants
    are computed from, and by the few queryset updates that bypass signals (unit paths, built-in role grants)."""
    GrantsStamp.objects.bulk_create(  # one upsert, safe under concurrency (as cases.listing.docket_changed)
        [GrantsStamp(pk=1, token=uuid.uuid4().hex)],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["token"],
    )


def grants_for(user: User) -> Grants:
    """Union over roles. Cached on the user object for the request, and per process under the user's grants stamp."""
    cached = getattr(user, "_grants_cache", None)
    if cached is not None:
        return cached
    global _kept
    stamp = getattr(user, "grants_stamp", None)  # set only when loaded by FazhiBackend.get_user
    key = (user.pk, user.unit_id, user.is_active)
    kept_stamp, kept = _kept
    if stamp and kept_stamp == stamp:
        found = kept.get(key)
        if found is not None:
            user._grants_cache = found
            return found
    grants = _compute(user)
    user._grants_cache = grants
    if stamp:
        if kept_stamp != stamp or len(kept) >= _KEPT_MAX:
            kept = {}
            _kept = (stamp, kept)
        kept[key] = grants
    return grants


def _compute(user: User) -> Grants:
    actions: set[str] = set()
    unit_ids: set[int] = set()
    all_units = False
    self_only = False
    admin_kinds: set[str] = set()
    requires_otp = False
    if user.is_active and user.pk:
        roles = list(user.roles.only("id", "actions", "admin_kind", "requires_otp", "data_scope"))
        custom = {r.pk for r in roles if r.data_scope == DataScope.CUSTOM}
        # One query for the roles; custom units only when a role has 自定义 scope (rare), not on every page view.
        custom_units: dict[int, set[int]] = {}
        if custom:
            through = Role.custom_units.through
            for role_id, unit_id in through.objects.filter(role_id__in=custom).values_list("role_id", "unit_id"):
                custom_units.setdefault(role_id, set()).add(unit_id)
        for role in roles:
            actions.update(role.actions or [])
            if role.admin_kind:
                admin_kinds.add(role.admin_kind)
            requires_otp = requires_otp or role.requires_otp
            scope = role.data_scope
            if scope == DataScope.ALL:
                all_units = True
            elif scope == DataScope.UNIT and user.unit_id:
                unit_ids.add(user.unit_id)
            elif scope == DataScope.UNIT_AND_BELOW and user.unit is not None:
                unit_ids |= _unit_and_below_ids(user.unit)
            elif scope == DataScope.CUSTOM:
                unit_ids |= custom_units.get(role.pk, set())
            elif scope == DataScope.SELF:
                self_only = True
    return Grants(
        actions=frozenset(actions),
        all_units=all_units,
        unit_ids=frozenset(unit_ids),
        # "仅本人" only narrows when no wider scope is granted by another role.
        self_only=self_only and not all_units and not unit_ids,
        admin_kinds=frozenset(admin_kinds),
        requires_otp=requires_otp,
    )


def scope_q(user: User, unit_field: str, owner_field: str | None = None) -> Q | None:
    """A Q limiting rows to the user's data scope; None means no limit (全部数据); Q(pk__in=[]) means nothing.

    `unit_field` names the row's unit (e.g. "handling_unit", or "assignments__unit" through a relation);
    `owner_field` the row's owner for the 仅本人 scope (rows without an owner are then invisible).
    """
    g = grants_for(user)
    if g.all_units:
        return None
    if g.self_only:
        return Q(**{owner_field: user.pk}) if owner_field else Q(pk__in=[])
    if not g.unit_ids:
        return Q(pk__in=[])
    return Q(**{f"{unit_field}__in": sorted(g.unit_ids)})


def unit_in_scope(user: User, unit_id: int | None, owner_id: int | None = None) -> bool:
    g = grants_for(user)
    if g.all_units:
        return True
    if g.self_only:
        return owner_id is not None and owner_id == user.pk
    return unit_id is not None and unit_id in g.unit_ids


def is_admin_kind(user: User, kind: AdminKind) -> bool:
    return kind in grants_for(user).admin_kinds
