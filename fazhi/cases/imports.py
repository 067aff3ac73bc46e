"""Every docket's Excel import of past cases: the kernel reads the rows, lets the docket parse each (collecting
every error with its row and column), refuses duplicates of a unique column, then creates all or nothing. A docket
declares its columns, its row parser and its create function (`import_run`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
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
