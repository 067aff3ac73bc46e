"""The import itself: all or nothing, through the unit services, leaving unchanged rows alone."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.bounded import ParseLimitError, run_bounded
from fazhi.core.errors import DomainError

from ..events import OrgsEvent
from ..models import Unit
from ..services import unit_create, unit_update
from ._common import ImportResult, UnitImportError, _Row
from .validation import _check_consistency, _parse, _read_rows


def _changed(unit: Unit, r: _Row, parent: Unit | None) -> bool:
    current_aliases = sorted(unit.aliases.values_list("name", flat=True))
    return (
        any(getattr(unit, k) != v for k, v in r.fields.items())
        or unit.parent_id != getattr(parent, "pk", None)
        or current_aliases != r.aliases
    )


@transaction.atomic
def units_import(*, by: Any, file: UploadedFile) -> ImportResult:
    """Create or update units from the template. Raises UnitImportError (nothing saved) on any invalid row."""
    try:  # the workbook is read in a child under the memory ceiling (issue #10 finding 5); the rest runs here
        header, body = run_bounded(_read_rows, file)
    except ParseLimitError as exc:
        raise UnitImportError([exc.message]) from exc
    rows, errors = _parse(header, body)
    if not errors:
        errors = _check_consistency(rows)
    if errors:
        raise UnitImportError(errors)
    result = ImportResult()
    placed: dict[str, Unit] = {}
    for r in rows:
        parent = placed.get(r.parent_code) or Unit.objects.filter(code=r.parent_code).first() if r.parent_code else None
        unit = Unit.objects.select_for_update().filter(code=r.code).first()
        try:
            if unit is None:
                unit = unit_create(by=by, parent=parent, aliases=r.aliases, **r.fields)
                result.created.append(unit.name)
            elif _changed(unit, r, parent):
                unit = unit_update(
                    by=by, unit=unit, expected_version=unit.version, parent=parent, aliases=r.aliases, **r.fields
                )
                result.updated.append(unit.name)
            else:
                result.unchanged += 1
        except DomainError as exc:  # a clash the checks above did not foresee: report it, the transaction rolls back
            raise UnitImportError([f"第{r.line}行：{exc.message}"]) from exc
        except ValidationError as exc:
            raise UnitImportError([f"第{r.line}行：{'；'.join(exc.messages)}"]) from exc
        placed[r.code] = unit
    record_event(
        actor=by,
        action=OrgsEvent.UNITS_IMPORTED,
        summary={
            "file": (file.name or "")[:200],
            "created": len(result.created),
            "updated": len(result.updated),
            "unchanged": result.unchanged,
        },
    )
    return result
