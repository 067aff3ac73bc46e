"""Units by id, kept per process under the grants stamp (orgs/scopes.py), which every change to a unit rewrites: a
page that shows a record's units needs no join for them. Callers get copies, so nothing they do reaches the kept
objects. A new stamp builds new maps and swaps them in with one assignment: a reader never sees a half-filled map."""

from __future__ import annotations

import copy

from .models import Unit

# (stamp, units by id, unit ids by code) — replaced whole, never changed in place
_state: tuple[str, dict[int, Unit], dict[str, int]] = ("", {}, {})


def _current(stamp: str) -> tuple[str, dict[int, Unit], dict[str, int]]:
    global _state
    state = _state
    if state[0] != stamp:
        units = {u.pk: u for u in Unit.objects.all()}
        state = (stamp, units, {u.code: u.pk for u in units.values()})
        _state = state
    return state


def unit_kept(unit_id: int | None, stamp: str | None) -> Unit | None:
    """A copy of unit `unit_id` as of `stamp` (the grants stamp loaded with the signed-in user); None when there is
    no such unit or no stamp (the caller then loads it itself)."""
    if unit_id is None or not stamp:
        return None
    unit = _current(stamp)[1].get(unit_id)
    return copy.copy(unit) if unit is not None else None


def unit_id_for_code(code: str, stamp: str | None) -> int | None:
    """The id of the unit with `code` as of `stamp`; without a stamp, asked of the database."""
    if not stamp:
        return Unit.objects.filter(code=code).values_list("pk", flat=True).first()
    return _current(stamp)[2].get(code)
