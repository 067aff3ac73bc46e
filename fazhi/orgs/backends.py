"""The authentication backend: Django's ModelBackend, except that the signed-in user is loaded once per request in
ONE plain SQL statement together with their unit (shown on every page), the grants stamp (orgs/scopes.py) and whatever
other modules registered with `user_annotation` (e.g. the unread-message count) — four ORM queries become one.

The statement is built once per process from the models' own field lists, and each value goes through the same
database and field converters the ORM applies (core/rows.py) (dates on SQLite, booleans, the encrypted mobile number), so the
objects are the ones `User.objects.select_related("unit").get(pk=…)` would give.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import connections, router

from fazhi.core.rows import convert_row, converters_for

from .models import GrantsStamp, Unit, User

# name → a function returning a scalar SQL query with one `%s`, the user's id.
_ANNOTATIONS: dict[str, Callable[[str], str]] = {}


def user_annotation(name: str, sql: Callable[[str], str]) -> None:
    """Load `name` with the signed-in user on every request. `sql(vendor)` returns a scalar SQL query (for the
    connection's vendor, "postgresql" or "sqlite") that may use `%s` for the user's id (e.g. a count); registered by a
    module's AppConfig.ready() before the first request. Read it with getattr(user, name, None), which is None for a
    user loaded any other way."""
    _ANNOTATIONS[name] = sql
    _plan.cache_clear()


@dataclass(frozen=True)
class _Plan:
    sql: str
    user_fields: list[str]
    unit_fields: list[str]
    user_converters: list[Any]
    unit_converters: list[Any]
    extras: list[str]
    extra_params: int


@functools.cache
def _plan(alias: str) -> _Plan:
    connection = connections[alias]
    q = connection.ops.quote_name
    user_fields, unit_fields = list(User._meta.concrete_fields), list(Unit._meta.concrete_fields)
    user_t, unit_t = q(User._meta.db_table), q(Unit._meta.db_table)
    extras = {"grants_stamp": f"SELECT token FROM {q(GrantsStamp._meta.db_table)} WHERE id = 1"}  # noqa: S608
    extras.update({name: make(connection.vendor) for name, make in _ANNOTATIONS.items()})
    columns = [f"u.{q(f.column)}" for f in user_fields] + [f"n.{q(f.column)}" for f in unit_fields]
    columns += [f"({sql})" for sql in extras.values()]
    sql = (
        f"SELECT {', '.join(columns)} FROM {user_t} u LEFT OUTER JOIN {unit_t} n ON n.{q('id')} = u.{q('unit_id')} "  # noqa: S608
        f"WHERE u.{q('id')} = %s"
    )
    return _Plan(
        sql=sql,
        user_fields=[f.attname for f in user_fields],
        unit_fields=[f.attname for f in unit_fields],
        user_converters=converters_for(user_fields, User._meta.db_table, connection),
        unit_converters=converters_for(unit_fields, Unit._meta.db_table, connection),
        extras=list(extras),
        extra_params=sum(s.count("%s") for s in extras.values()),
    )


def user_load(user_id: int) -> User | None:
    """The user with unit, grants stamp and registered annotations, in one statement; None if there is none."""
    alias = router.db_for_read(User)
    connection = connections[alias]
    plan = _plan(alias)
    with connection.cursor() as cursor:
        cursor.execute(plan.sql, [*([user_id] * plan.extra_params), user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    n_user, n_unit = len(plan.user_fields), len(plan.unit_fields)
    user = User.from_db(alias, plan.user_fields, convert_row(row[:n_user], plan.user_converters, connection))
    unit_values = row[n_user : n_user + n_unit]
    unit = None
    if unit_values[plan.unit_fields.index("id")] is not None:
        unit = Unit.from_db(alias, plan.unit_fields, convert_row(unit_values, plan.unit_converters, connection))
    User._meta.get_field("unit").set_cached_value(user, unit)  # type: ignore[union-attr]
    for name, value in zip(plan.extras, row[n_user + n_unit :], strict=True):
        setattr(user, name, value)
    return user


class FazhiBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:  # type: ignore[override]
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        user = user_load(pk)
        return user if user is not None and self.user_can_authenticate(user) else None
