"""Units by id, kept per process under the grants stamp (orgs/scopes.py), which every change to a unit rewrites: a
page that shows a record's units needs no join for them. Callers get copies, so nothing they do reaches the kept
objects."""

from __future__ import annotations

import copy
import threading

from .models import Unit

_kept: dict[int, Unit] = {}
_kept_codes: dict[str, int] = {}
_kept_stamp: list[str] = [""]
_lock = threading.Lock()


def unit_kept(unit_id: int | None, stamp: str | None) -> Unit | None:
    """A copy of unit `unit_id` as of `stamp` (the grants stamp loaded with the signed-in user); None when there is
    no such unit or no stamp (the caller then loads it itself)."""
    if unit_id is None or not stamp:
        return None
    _refresh(stamp)
    unit = _kept.get(unit_id)
    return copy.copy(unit) if unit is not None else None


def unit_id_for_code(code: str, stamp: str | None) -> int | None:
    """The id of the unit with `code` as of `stamp`; without a stamp, asked of the database."""
    if not stamp:
        return Unit.objects.filter(code=code).values_list("pk", flat=True).first()
    _refresh(stamp)
    return _kept_codes.get(code)


def _refresh(stamp: str) -> None:
    if _kept_stamp[0] == stamp:
        return
    units = {u.pk: u for u in Unit.objects.all()}
    with _lock:
        _kept.clear()
        _kept.update(units)
        _kept_codes.clear()
        _kept_codes.update({u.code: u.pk for u in units.values()})
        _kept_stamp[0] = stamp
