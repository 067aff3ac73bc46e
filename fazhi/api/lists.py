"""Lists: keyset (cursor) pagination, ordering from a fixed menu, and `fields` selection.

A cursor is the last row's ordering values (base64 of JSON, tagged with the ordering) — the next page is "rows after
these values", one indexed range scan however deep the caller pages, and a row written meanwhile never shifts a page.
Every ordering ends with the primary key, so it is total. A cursor from another ordering or a damaged one is a 400
naming `cursor`."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Annotated, Any

from django.db.models import QuerySet
from pydantic import Field

from fazhi.core.keyset import rows_after

from .errors import ApiError, ApiErrorCode

LIMIT_DEFAULT = 50
LIMIT_MAX = 200


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _decode(value: Any, sample_type: str) -> Any:
    if sample_type == "date":
        return dt.date.fromisoformat(value)
    if sample_type == "datetime":
        return dt.datetime.fromisoformat(value)
    return value


def cursor_make(ordering: str, values: Sequence[Any]) -> str:
    raw = json.dumps({"o": ordering, "v": [_encode(v) for v in values]}, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def cursor_read(cursor: str, ordering: str, types: Sequence[str]) -> list[Any]:
    bad = ApiError(400, ApiErrorCode.INVALID, "cursor：游标无效，请使用上一页返回的 next_cursor。", field="cursor")
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode())
        if not isinstance(data, dict) or data.get("o") != ordering or len(data.get("v", ())) != len(types):
            raise bad
        values = [_decode(v, t) for v, t in zip(data["v"], types, strict=True)]
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, AttributeError):
        raise bad from None
    for value, kind in zip(values, types, strict=True):
        if kind == "int" and (not isinstance(value, int) or isinstance(value, bool)):
            raise bad
        if kind == "str" and not isinstance(value, str):
            raise bad
    return values


def keyset_page(
    qs: QuerySet,
    *,
    orderings: Mapping[str, tuple[tuple[str, str], ...]],
    ordering: str,
    cursor: str | None,
    limit: int,
    row: Callable[[Any], dict[str, Any]],
    fields: set[str] | None = None,
    values: Sequence[str] | None = None,
) -> dict[str, Any]:
    """One page of `qs`. `orderings`: name → ((field, type), …) with type "int" | "str" | "date" | "datetime" and a
    leading "-" on descending fields, the last being the primary key. `values`: read plain rows with these names
    (qs.values) instead of model instances. Returns {"items": [...], "next_cursor": str | None}."""
    if ordering not in orderings:
        raise ApiError(
            400,
            ApiErrorCode.INVALID,
            f"ordering：取值应为 {'、'.join(orderings)} 之一。",
            field="ordering",
        )
    spec = orderings[ordering]
    order = [name for name, _ in spec]
    if cursor:
        qs = qs.filter(rows_after(order, cursor_read(cursor, ordering, [t for _, t in spec])))
    qs = qs.order_by(*order)
    source = qs.values(*values) if values is not None else qs
    rows = list(source[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    items = [select_fields(row(r), fields) for r in rows]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        get = (lambda k: last[k]) if values is not None else (lambda k: getattr(last, k))
        next_cursor = cursor_make(ordering, [get(n.lstrip("-")) for n in order])
    return {"items": items, "next_cursor": next_cursor}


def fields_parse(raw: str | None, allowed: Iterable[str]) -> set[str] | None:
    """`fields=a,b,c` → {"a", "b", "c", "id"}; an unknown name is a 400 naming `fields`."""
    if not raw:
        return None
    allowed = list(allowed)
    wanted = {f.strip() for f in raw.split(",") if f.strip()}
    unknown = sorted(wanted - set(allowed))
    if unknown:
        raise ApiError(
            400,
            ApiErrorCode.INVALID,
            f"fields：不认识的字段 {'、'.join(unknown)}；可选：{'、'.join(allowed)}。",
            field="fields",
        )
    return wanted | {"id"}


def select_fields(item: dict[str, Any], fields: set[str] | None) -> dict[str, Any]:
    return item if fields is None else {k: v for k, v in item.items() if k in fields}


MAX_ID = 2**63 - 1  # a database id is a signed 64-bit integer: anything larger is refused as input, never queried
RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]
