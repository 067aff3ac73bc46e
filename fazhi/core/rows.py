"""Reads on the hot path (every case page) in plain SQL, built once per process from the models' own field lists.

Building an ORM query costs more CPU than running it (about 0.2–0.3 ms per query for these wide tables against
0.05–0.1 ms in the database). These helpers keep the SQL per shape and pass every value through the same database and
field converters the ORM applies (dates on SQLite, booleans, JSON, the encrypted personal-information fields), so the
objects and values are the ones the ORM would give (checked by tests on SQLite and PostgreSQL). Write paths, filters
built from user input and anything else stay on the ORM.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import connections, router
from django.db.models import Field, Model

M = TypeVar("M", bound=Model)
Converter = Callable[[Any, Any, Any], Any]


def converters_for(fields: Sequence[Field], alias: str, connection: Any) -> list[tuple[list[Converter], Any]]:
    """Per field: the converters the ORM applies to a value read from the database, and the expression they take."""
    out = []
    for f in fields:
        col = f.get_col(alias)
        out.append((connection.ops.get_db_converters(col) + f.get_db_converters(connection), col))
    return out


def convert_row(row: Sequence[Any], converters: list[tuple[list[Converter], Any]], connection: Any) -> list[Any]:
    values = []
    for value, (convs, col) in zip(row, converters, strict=True):
        for convert in convs:
            value = convert(value, col, connection)
        values.append(value)
    return values


@dataclass(frozen=True)
class _Shape:
    sql: str
    attnames: list[str]
    converters: list[tuple[list[Converter], Any]]


@functools.cache
def _model_shape(model: type[Model], alias: str, where: str, order_by: str, only: tuple[str, ...]) -> _Shape:
    connection = connections[alias]
    q = connection.ops.quote_name
    fields = [f for f in model._meta.concrete_fields if not only or f.primary_key or f.name in only]
    table = model._meta.db_table
    sql = f"SELECT {', '.join(q(f.column) for f in fields)} FROM {q(table)} WHERE {where}"  # noqa: S608
    if order_by:
        sql += f" ORDER BY {order_by}"
    return _Shape(sql, [f.attname for f in fields], converters_for(fields, table, connection))


def model_rows(
    model: type[M], where: str, params: Sequence[Any], *, order_by: str = "", only: Sequence[str] = ()
) -> list[M]:
    """Instances of `model` WHERE `where` (a constant SQL condition on its columns with %s placeholders — never built
    from input), in `order_by`; `only` names the fields to load (the rest are deferred, as with QuerySet.only)."""
    alias = router.db_for_read(model)
    connection = connections[alias]
    shape = _model_shape(model, alias, where, order_by, tuple(only))
    with connection.cursor() as cursor:
        cursor.execute(shape.sql, list(params))
        rows = cursor.fetchall()
    return [model.from_db(alias, shape.attnames, convert_row(r, shape.converters, connection)) for r in rows]


@functools.cache
def _value_converters(fields: tuple[Field, ...], alias: str) -> list[tuple[list[Converter], Any]]:
    connection = connections[alias]
    return [converters_for([f], f.model._meta.db_table, connection)[0] for f in fields]


def value_rows(model: type[Model], sql: str, params: Sequence[Any], fields: Sequence[Field]) -> list[list[Any]]:
    """Rows of a constant SELECT (with %s placeholders) whose columns hold the values of `fields`, converted as the
    ORM would; `model` chooses the database."""
    alias = router.db_for_read(model)
    connection = connections[alias]
    converters = _value_converters(tuple(fields), alias)
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        rows = cursor.fetchall()
    return [convert_row(r, converters, connection) for r in rows]
