"""Units by id, kept per process under the grants stamp (orgs/scopes.py), which every change to a unit rewrites: a
page that shows a record's units needs no join for them. Callers get copies, so nothing they do reaches the kept
objects."""

from __future__ import annotations

import copy
import threading

from .models import Unit

_kept: dict[int, Unit] = {}
_kept_stamp: list[str] = [""]
_lock = threading.Lock()


def unit_kept(unit_id: int | None, stamp: str | None) -> Unit | None:
    """A copy of unit `unit_id` as of `stamp` (the grants stamp loaded with the signed-in user); None when there is
    no such unit or no stamp (the caller then loads it itself)."""
    if unit_id is None or not stamp:
        return None
    if _kept_stamp[0] != stamp:
        units = {u.pk: u for u in Unit.objects.all()}
        with _lock:
            _kept.clear()
            _kept.update(units)
            _kept_stamp[0] = stamp
    unit = _kept.get(unit_id)
    return copy.copy(unit) if unit is not None else None
