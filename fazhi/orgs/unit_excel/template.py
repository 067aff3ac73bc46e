"""The empty template: the Chinese header row, drop-down lists and a sheet explaining each column."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from ._common import HEADERS, KIND_BY_LABEL, LEVEL_BY_LABEL, MAX_ROWS

# ---------------------------------------------------------------------------------------------------- template / export


def _sheet_header(ws: Any) -> None:
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col, width in zip("ABCDEFGHIJK", (14, 32, 18, 28, 14, 18, 14, 22, 14, 18, 8), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"


def _add_choices(ws: Any) -> None:
    kinds = DataValidation(type="list", formula1='"' + ",".join(KIND_BY_LABEL) + '"', allow_blank=False)
    levels = DataValidation(type="list", formula1='"' + ",".join(LEVEL_BY_LABEL) + '"', allow_blank=False)
    yes_no = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    for dv, col in ((kinds, "F"), (levels, "G"), (yes_no, "J")):
        ws.add_data_validation(dv)
        dv.add(f"{col}2:{col}{MAX_ROWS + 1}")


def _save(wb: Workbook) -> bytes:
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def units_template() -> bytes:
    """An empty workbook with the Chinese header row, drop-down lists and a sheet explaining each column."""
    wb = Workbook()
    ws = wb.active
    ws.title = "单位"
    _sheet_header(ws)
    _add_choices(ws)
    help_ws = wb.create_sheet("填写说明")
    help_ws.append(["列名", "说明"])
    notes = [
        ("单位编码", "必填，唯一；已存在的编码将更新该单位，新编码将新建单位"),
        ("单位全称", "必填，唯一，如：示范市发展和改革委员会"),
        ("简称", "选填，如：市发展改革委"),
        ("别名(顿号分隔)", "选填，文件中常见的其他写法，如：市发改委、发改委"),
        ("上级单位编码", "选填；须为系统中已有单位的编码，或本文件中位于其上方的行的编码"),
        ("单位类型", "必填：" + "、".join(KIND_BY_LABEL)),
        ("层级", "必填：" + "、".join(LEVEL_BY_LABEL)),
        ("统一社会信用代码", "选填，18位，按 GB 32100-2015 校验"),
        ("行政区划代码", "选填，6位、9位或12位数字（GB/T 2260）"),
        ("行政执法部门(是/否)", "选填，默认“否”"),
        ("排序", "选填，整数，越小越靠前"),
        ("注意", "任何一行有错误时整个文件都不会导入，请按提示修改后重新上传"),
    ]
    for row in notes:
        help_ws.append(list(row))
    help_ws.column_dimensions["A"].width = 22
    help_ws.column_dimensions["B"].width = 80
    return _save(wb)
