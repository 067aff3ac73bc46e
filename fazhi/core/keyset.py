"""Keyset paging (a "next page" that costs what the first does, where an OFFSET would read every row before it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q


def rows_after(order: Sequence[str], values: Sequence[Any]) -> Q:
    """Rows strictly after `values` in `order` (each "-name" or "name", the last a unique column): (a > x) | (a = x &
    b > y) | …, plus a range on the first column so the database walks its index from the cursor instead of from the
    top."""
    q = Q(pk__in=[])
    equal = Q()
    for name, value in zip(order, values, strict=True):
        field = name.lstrip("-")
        op = "lt" if name.startswith("-") else "gt"
        q |= equal & Q(**{f"{field}__{op}": value})
        equal &= Q(**{field: value})
    first = order[0].lstrip("-")
    return q & Q(**{f"{first}__{'lte' if order[0].startswith('-') else 'gte'}": values[0]})
