"""Chinese forms of values as official documents and refusals write them."""

from __future__ import annotations

import datetime as dt


def cn_date(d: dt.date | str | None) -> str:
    """2026年12月2日 (no leading zeros, as GB/T 9704 documents date themselves); "" for none; an ISO string is read."""
    if not d:
        return ""
    if isinstance(d, str):
        d = dt.date.fromisoformat(d)
    return f"{d.year}年{d.month}月{d.day}日"
