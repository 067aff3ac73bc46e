"""Every docket's Excel import of past cases: the kernel reads the rows, lets the docket parse each (collecting
every error with its row and column), refuses duplicates of a unique column, then creates all or nothing. A docket
declares its columns, its row parser and its create function (`import_run`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from fazhi.core.bounded import run_bounded
from fazhi.core.errors import DomainError
from fazhi.core.excel import read_import_rows

from .models import Case

Errors = list[tuple[int, str, str]]


@dataclass
class ImportResult:
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, Chinese message)
    cases: list[Case] = field(default_factory=list)
    # unit names the file used that match no unit (`import_unit`): the import page offers to map each to a unit
    # once, remembered as its alias, so the next upload of the same file resolves them
    unknown_units: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def import_date(value: Any) -> dt.date | None:
    """A cell as a date: Excel dates, datetimes or YYYY-MM-DD text; ValueError for anything else."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


_UNKNOWN_UNITS: ContextVar[list[str] | None] = ContextVar("import_unknown_units", default=None)


def import_unit(name: str, errors: Errors, n: int, col: str) -> Any:
    """The unit a cell names (full name, short name or a remembered alias, `orgs.selectors.units_resolve`), or None
    with the row's error — and the name kept for the import page's mapping (ImportResult.unknown_units)."""
    from fazhi.orgs.selectors import units_resolve

    unit = units_resolve(name).unit
    if unit is None:
        errors.append((n, col, f"未找到单位“{name}”（可在下方对应到已有单位，记住后重新导入）"))
        unknown = _UNKNOWN_UNITS.get()
        if unknown is not None and name not in unknown:
            unknown.append(name)
    return unit


def import_text(values: Mapping[str, Any], col: str) -> str:
    v = values.get(col)
    return "" if v is None else str(v).strip()


def import_run(
    *,
    file: Any,
    columns: Sequence[str],
    parse: Callable[[dict[str, Any], Errors, int], dict[str, Any] | None],
    create: Callable[[dict[str, Any]], Case],
    unique: tuple[str, str] | None = None,
    field_columns: Mapping[str, str] | None = None,
) -> ImportResult:
    """Read, parse every row (all errors reported at once), then create every case in one transaction: one refused
    row creates none. `unique` = (key of the parsed row, its column) that may not repeat within the file;
    `field_columns` names the column of a service error's field. The workbook is read in a child process under the
    memory ceiling (fazhi.core.bounded); the rows it returns are parsed and created here."""
    result = ImportResult()
    token = _UNKNOWN_UNITS.set(result.unknown_units)
    try:
        return _import_run(result, file, columns, parse, create, unique, field_columns)
    finally:
        _UNKNOWN_UNITS.reset(token)


def _import_run(
    result: ImportResult,
    file: Any,
    columns: Sequence[str],
    parse: Callable[[dict[str, Any], Errors, int], dict[str, Any] | None],
    create: Callable[[dict[str, Any]], Case],
    unique: tuple[str, str] | None,
    field_columns: Mapping[str, str] | None,
) -> ImportResult:
    try:
        rows, read_errors = run_bounded(read_import_rows, file, list(columns))
    except DomainError as exc:  # the memory ceiling or the time limit
        result.errors.append((0, "文件", exc.message))
        return result
    if read_errors:
        result.errors.extend(read_errors)
        return result
    parsed = []
    seen: dict[Any, int] = {}
    for n, values in rows:
        p = parse(values, result.errors, n)
        if not p:
            continue
        if unique is not None:
            key = p[unique[0]]
            if key in seen:
                result.errors.append((n, unique[1], f"与第{seen[key]}行重复"))
                continue
            seen[key] = n
        parsed.append((n, p))
    if result.errors:
        return result
    cols = {"case_number": "案号", **(field_columns or {})}
    try:
        with transaction.atomic():
            for n, p in parsed:
                try:
                    result.cases.append(create(p))
                except DomainError as exc:
                    result.errors.append((n, cols.get(exc.field or "", exc.field or ""), exc.message))
                    raise
    except DomainError:
        result.cases = []
    return result
