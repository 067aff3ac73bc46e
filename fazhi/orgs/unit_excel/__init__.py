"""Excel import and export of the unit tree (openpyxl).

An import is all or nothing: every row is checked first and every bad row and field is reported in Chinese
("第5行 统一社会信用代码：校验位错误…"); only a file without errors is written, in one transaction, through the unit
services (one audit event per created or updated unit) plus one summary event. Rows whose values already match the
database are left alone, so re-importing an export changes nothing.

The package re-exports every public name:

- `template`: units_template
- `export`: units_export
- `validation`: reading and checking the rows (MAX_BYTES)
- `importing`: units_import
- `_common`: HEADERS, REQUIRED, MAX_ROWS, XLSX_TYPE, the choice labels, UnitImportError, ImportResult
"""

from ._common import (
    HEADERS,
    KIND_BY_LABEL,
    LEVEL_BY_LABEL,
    MAX_ROWS,
    NO,
    REQUIRED,
    XLSX_TYPE,
    YES,
    ImportResult,
    UnitImportError,
)
from .export import units_export
from .importing import units_import
from .template import units_template
from .validation import MAX_BYTES

__all__ = [
    "HEADERS",
    "KIND_BY_LABEL",
    "LEVEL_BY_LABEL",
    "MAX_BYTES",
    "MAX_ROWS",
    "NO",
    "REQUIRED",
    "XLSX_TYPE",
    "YES",
    "ImportResult",
    "UnitImportError",
    "units_export",
    "units_import",
    "units_template",
]
