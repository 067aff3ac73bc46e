"""Excel helpers shared by imports and exports (openpyxl)."""

from __future__ import annotations

from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formula injection (R-18): text starting with = + - @ is stored as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def read_import_rows(
    file: Any, columns: list[str] | tuple[str, ...]
) -> tuple[list[tuple[int, dict[str, Any]]], list[tuple[int, str, str]]]:
    """Open an uploaded .xlsx (checked by content first) and return its non-empty data rows.

    Returns (rows, errors): rows are (Excel row number, {header: value}) from the first sheet; errors hold at most one
    (row, field, Chinese message) for an unreadable file (row 0) or a header row missing some of `columns` (row 1).
    """
    from django.core.exceptions import ValidationError
    from openpyxl import load_workbook

    from .uploads import check_import_workbook

    try:
        check_import_workbook(file)
        wb = load_workbook(file, read_only=True, data_only=True)
    except ValidationError as exc:
        return [], [(0, "文件", exc.messages[0])]
    except Exception:  # noqa: BLE001 (any unreadable workbook is one Chinese message, never a 500)
        return [], [(0, "文件", "无法读取该 Excel 文件。")]
    raw = list(wb.worksheets[0].iter_rows(values_only=True))
    header = [str(h or "").strip() for h in (raw[0] if raw else [])]
    missing = [c for c in columns if c not in header]
    if missing:
        return [], [(1, "表头", "缺少列：" + "、".join(missing))]
    rows = [
        (n, dict(zip(header, row, strict=False)))
        for n, row in enumerate(raw[1:], start=2)
        if any(v not in (None, "") for v in row)
    ]
    return rows, []
