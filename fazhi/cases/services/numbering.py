"""案号 and 申请编号: numbers taken in the caller's transaction, with no gaps and no duplicates."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import IntegrityError, transaction

from fazhi.core.errors import DomainError

from ..errors import CaseErrorCode
from ..models import (
    Case,
    CaseNumberCounter,
    CaseNumberPattern,
)
from ..registry import docket_get

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


# A bulk write's counters (`case_numbers_batch`): (docket, year) -> (the counter row locked at its first number, its
# stored `last`);
# ("pattern", docket) -> the docket's pattern, read once.
_BATCH: ContextVar[dict[Any, Any] | None] = ContextVar("case_numbers_batch", default=None)


@contextmanager
def case_numbers_batch() -> Iterator[None]:
    """Numbers for many cases in one transaction (the Excel import): each docket + year's counter row is locked at
    its first number exactly as `case_number_take` locks it, held to the commit, counted on in memory and written
    ONCE at the end of the block — the same numbers, gap-free, as one `case_number_take` per case."""
    batch: dict[Any, Any] = {}
    token = _BATCH.set(batch)
    try:
        yield
    finally:
        _BATCH.reset(token)
    for key, value in batch.items():
        if key[0] != "pattern" and value[0].last != value[1]:
            value[0].save(update_fields=["last"])


def case_number_pattern(docket: str) -> str:
    batch = _BATCH.get()
    if batch is not None and ("pattern", docket) in batch:
        return batch[("pattern", docket)]
    row = CaseNumberPattern.objects.filter(docket=docket).first()
    pattern = row.pattern if row else docket_get(docket).number_pattern
    if batch is not None:
        batch[("pattern", docket)] = pattern
    return pattern


def _batch_counter(docket: str, year: int, lock: Any) -> CaseNumberCounter:
    """The counter row of docket + year: locked by `lock()` once per batch (every time outside one)."""
    batch = _BATCH.get()
    if batch is None:
        return lock()
    if (docket, year) not in batch:
        counter = lock()
        batch[(docket, year)] = (counter, counter.last)  # the row and its stored value
    return batch[(docket, year)][0]


def _save_last(counter: CaseNumberCounter) -> None:
    if _BATCH.get() is None:
        counter.save(update_fields=["last"])


def case_number_format(pattern: str, *, year: int, seq: int) -> str:
    return pattern.format(year=year, seq=seq)


def case_number_take(*, docket: str, year: int) -> tuple[int, str]:
    """Take the next number for docket + year. Must run inside the caller's transaction: a rollback returns it, so
    numbers have no gaps; the locked counter row and the unique constraint mean no duplicates."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("case_number_take must run inside a transaction")

    def lock() -> CaseNumberCounter:
        counter = CaseNumberCounter.objects.select_for_update().filter(docket=docket, year=year).first()
        if counter is None:
            try:
                with transaction.atomic():
                    CaseNumberCounter.objects.create(docket=docket, year=year, last=0)
            except IntegrityError:
                pass  # another transaction created it first; lock theirs
            counter = CaseNumberCounter.objects.select_for_update().get(docket=docket, year=year)
        return counter

    counter = _batch_counter(docket, year, lock)
    counter.last += 1
    _save_last(counter)
    return counter.last, case_number_format(case_number_pattern(docket), year=year, seq=counter.last)


def case_number_parse(docket: str, number: str) -> tuple[int, int] | None:
    """(year, seq) if `number` fits the docket's pattern, else None."""
    import re

    pattern = re.escape(case_number_pattern(docket))
    pattern = re.sub(r"\\\{year\\\}", r"(?P<year>\\d{4})", pattern)
    pattern = re.sub(r"\\\{seq[^}]*\\\}", r"(?P<seq>\\d+)", pattern)
    m = re.fullmatch(pattern, number.strip())
    return (int(m.group("year")), int(m.group("seq"))) if m else None


def case_number_reserve(*, docket: str, number: str) -> tuple[int, str]:
    """Keep an imported (historical) number; later numbers of that year continue after the highest one."""
    parsed = case_number_parse(docket, number)
    if parsed is None:
        raise DomainError(
            CaseErrorCode.INVALID, f"案号“{number}”不符合格式 {case_number_pattern(docket)}。", field="case_number"
        )
    year, seq = parsed
    if Case.objects.filter(docket=docket, case_number=number.strip()).exists():
        raise DomainError(CaseErrorCode.INVALID, f"案号“{number}”已存在。", field="case_number")
    counter = _batch_counter(
        docket, year, lambda: CaseNumberCounter.objects.select_for_update().get_or_create(docket=docket, year=year)[0]
    )
    if seq > counter.last:
        counter.last = seq
        _save_last(counter)
    return seq, number.strip()


def receipt_number_new() -> str:
    """An unguessable receipt number for public applicants (lookup also needs their phone)."""
    return "FY" + "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))
