"""The sheet's layout (headers, required columns, labels of the choices, limits) and the types shared by the
template, the export and the import."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fazhi.core.errors import DomainError

from ..errors import OrgsErrorCode
from ..models import UnitKind, UnitLevel

HEADERS = [
    "单位编码",
    "单位全称",
    "简称",
    "别名(顿号分隔)",
    "上级单位编码",
    "单位类型",
    "层级",
    "统一社会信用代码",
    "行政区划代码",
    "行政执法部门(是/否)",
    "排序",
]
REQUIRED = {"单位编码", "单位全称", "单位类型", "层级"}
MAX_ROWS = 5000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

KIND_BY_LABEL = {label: value for value, label in UnitKind.choices}
LEVEL_BY_LABEL = {label: value for value, label in UnitLevel.choices}
YES, NO = {"是", "Y", "YES", "TRUE", "1"}, {"否", "N", "NO", "FALSE", "0", ""}


class UnitImportError(DomainError):
    """The file has invalid rows; `errors` lists each as '第N行 列名：说明'. Nothing was saved."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(OrgsErrorCode.IMPORT_INVALID, f"导入失败：{len(errors)}处错误，未保存任何数据。", field="file")
        self.errors = errors


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


@dataclass
class _Row:
    line: int
    code: str
    parent_code: str
    aliases: list[str]
    fields: dict[str, Any]
