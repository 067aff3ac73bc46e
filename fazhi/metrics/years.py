"""The statistics year check shared by every figure's command and page: a four-digit year from 1990 to this year."""

from __future__ import annotations

from typing import Any

from fazhi.core.errors import DomainError

MIN_YEAR = 1990


def this_year() -> int:
    from fazhi.deadlines.selectors import today_local

    return today_local().year


def year_check(value: Any) -> int:
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        raise DomainError("bad_year", f"年度“{value}”不是有效的四位年份。", field="year") from None
    latest = this_year()
    if not MIN_YEAR <= year <= latest:
        raise DomainError("bad_year", f"年度应在{MIN_YEAR}年至{latest}年之间。", field="year")
    return year
