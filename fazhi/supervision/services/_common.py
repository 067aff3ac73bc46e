"""Helpers shared by the supervision services: locking, whom to tell, the audit row, the light of an item."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.orgs.models import Role, User

from .. import clocks
from ..errors import SupervisionErrorCode
from ..models import BoardStamp, Item
from ..policies import ItemPolicy
from ..states import LIGHT_RANK, ItemState


def item_lock(item: Item | int) -> Item:
    pk = item if isinstance(item, int) else item.pk
    return Item.objects.select_for_update(of=("self",)).select_related("unit", "clock").get(pk=pk)


def check(by: Any, action: str, item: Item, message: str = "您无权对该督办事项执行此操作。") -> None:
    if not ItemPolicy.can(by, action, item):
        raise DomainError(SupervisionErrorCode.FORBIDDEN, message)


def refuse_if_closed(item: Item) -> None:
    if item.state == ItemState.CLOSED:
        raise DomainError(SupervisionErrorCode.ITEM_CLOSED, "该督办事项已办结。", field="state")


def event(item: Item, action: str, by: Any, **summary: Any) -> None:
    record_event(
        actor=by if by is not None else "system",
        action=action,
        obj=item,
        unit=item.unit,
        summary={"unit": item.unit.display_name, "kind": item.kind, "state": item.state, **summary},
    )


def liaisons(*, unit_ids: Iterable[int], action: str = "supervision.item.view") -> list[User]:
    """A unit's liaisons (User.is_liaison); a unit without one: its active users who hold `action` (the permission
    the message's link needs) instead of nobody — not the 三员 or a case handler, whom the link would answer 404."""
    from fazhi.orgs.scopes import grants_for

    ids = list(set(unit_ids))
    users = list(User.objects.filter(unit_id__in=ids, is_active=True, is_liaison=True))
    covered = {u.unit_id for u in users}
    missing = [i for i in ids if i not in covered]
    if missing:
        users += [u for u in User.objects.filter(unit_id__in=missing, is_active=True) if grants_for(u).has(action)]
    return users


def office_users(action: str = "supervision.urge") -> list[User]:
    """Active users holding a role that grants `action` (the rule-of-law office by default)."""
    role_ids = [r.pk for r in Role.objects.all() if action in (r.actions or [])]
    return list(User.objects.filter(roles__in=role_ids, is_active=True).distinct())


def light_set(item: Item, *, on: dt.date | None = None) -> list[str]:
    """Recompute the stored light, its rank and days overdue from the engine; returns the changed fields."""
    if item.state == ItemState.CLOSED:
        light, days = "done", 0
    else:
        light, days = clocks.status(item.clock, item.due_date, on=on or clocks.today())
    changed = []
    for name, value in (("light", light), ("light_rank", LIGHT_RANK.get(light, 4)), ("days_overdue", days)):
        if getattr(item, name) != value:
            setattr(item, name, value)
            changed.append(name)
    return changed


def board_changed() -> None:
    """A new board stamp inside the caller's transaction (one upsert, safe under concurrency)."""
    BoardStamp.objects.bulk_create(
        [BoardStamp(key="board", token=uuid.uuid4().hex)],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["token"],
    )
