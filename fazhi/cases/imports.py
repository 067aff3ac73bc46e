"""Every docket's Excel import of past cases: the kernel reads the rows, lets the docket parse each (collecting
every error with its row and column), refuses duplicates of a unique column, then creates all or nothing. A docket
declares its columns, its row parser and its create function (`import_run`).

The creation runs as one bulk write (`case_batch`, issue 15: 100,000 requests in under 2 minutes): the docket's own
create function and services run per row exactly as for one case, but inside the batch the rows nobody reads back at
once — parties, timeline lines, clocks — are written with one `bulk_create` per model (fazhi.core.writebehind: any
statement that names their table writes them first), each docket + year's number counter is locked once and
written once, the metric counts move once per key (metrics.tallies_deferred), each docket's stamp is written once,
and the audit trail gets ONE row for the import (`cases.case.import`: the file, the count, the first and last case
numbers and how many of each audited action the rows stood for) instead of a row per case and per clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from fazhi.audit.services import audit_collected, record_event
from fazhi.core.bounded import run_bounded
from fazhi.core.errors import DomainError
from fazhi.core.excel import read_import_rows
from fazhi.core.writebehind import write_behind
from fazhi.metrics.tallies import tallies_deferred

from .listing import dockets_changed_once
from .models import Case
from .services.numbering import case_numbers_batch

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


@contextmanager
def case_batch(*, file_name: str, result: ImportResult) -> Iterator[None]:
    """Create many cases as one bulk write (see the module's docstring); ends with the import's one audit row."""
    with audit_collected() as collected:
        with ExitStack() as stack:
            stack.enter_context(dockets_changed_once())
            stack.enter_context(case_numbers_batch())
            stack.enter_context(tallies_deferred())
            stack.enter_context(write_behind())
            yield
    if not result.cases:
        return
    first, last = result.cases[0], result.cases[-1]
    # a docket's case, or another module's record imported through the kernel (enforcement's case records)
    kinds = sorted({str(getattr(c, "docket", "") or c._meta.label_lower) for c in result.cases})
    record_event(
        actor=collected.actor if collected.actor is not None else "system",
        action="cases.case.import",
        object_type=first._meta.label_lower,
        object_id=f"{first.pk}-{last.pk}",
        object_repr=f"导入{len(result.cases)}件：{file_name}"[:300],
        summary={
            "file": file_name,
            "docket": kinds[0] if len(kinds) == 1 else kinds,
            "imported": len(result.cases),
            "first": {"id": first.pk, "number": str(getattr(first, "case_number", "") or first)},
            "last": {"id": last.pk, "number": str(getattr(last, "case_number", "") or last)},
            "records": dict(sorted(collected.actions.items())),  # the audited actions the rows stood for
        },
    )


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
    name = str(getattr(file, "name", "") or "")
    try:
        with transaction.atomic(), case_batch(file_name=name.rsplit("/", 1)[-1], result=result):
            for n, p in parsed:
                try:
                    result.cases.append(create(p))
                except DomainError as exc:
                    result.errors.append((n, cols.get(exc.field or "", exc.field or ""), exc.message))
                    raise
    except DomainError:
        result.cases = []
    return result
