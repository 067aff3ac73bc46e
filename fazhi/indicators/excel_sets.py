"""Excel import of an indicator set (issue 23 §1 "and from Excel"): one row per indicator, the levels in columns.

Columns (first sheet, header row 1; 一级 / 一级指标 … spelled either way, traditional characters read as simplified):

| column | meaning |
|---|---|
| 一级 / 二级 / 三级 / 四级 (required: 一级 and at least one more) | the indicator's title at that level; an empty cell (a merged cell reads empty below its first row) or a cell equal to the one above means the same node as the row above |
| 分值 | points of the row's deepest indicator (a number ≥ 0); a note in a title — （15分）, 占总分值的15% — also gives points |
| 评分方法 | 达标/不达标 · 分档计分 · 按比率计分 · 按问题扣分 (or 达标 · 分档 · 比率 · 扣分); empty: 分档计分 |
| 牵头单位 / 配合单位 | unit codes, full or short names, several separated by 、，; or a new line |
| 目标值 · 每处扣分 · 佐证材料 · 基本要求 (optional) | the leaf's target, deduction per defect, evidence requirements, description |

Method, units, target and deduction belong to a leaf: on a row whose indicator gets children below, they are refused.
Every error is (row, column, Chinese message); with any error nothing is imported. The workbook is read by the
kernel (`core.excel.read_import_rows`, checked by content) inside `core.bounded.run_bounded` (ADR 0010).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any

from fazhi.core.bounded import run_bounded
from fazhi.core.errors import DomainError
from fazhi.core.excel import read_import_rows, safe_cell

from . import scoring
from .parsing import ParsedNode, _norm, _take_points

LEVELS = ("一级", "二级", "三级", "四级")
COLUMNS = (
    "一级",
    "二级",
    "三级",
    "分值",
    "评分方法",
    "牵头单位",
    "配合单位",
    "目标值",
    "每处扣分",
    "佐证材料",
    "基本要求",
)
_ALIASES = {
    "一级指标": "一级",
    "二级指标": "二级",
    "三级指标": "三级",
    "四级指标": "四级",
    "分数": "分值",
    "权重": "分值",
    "计分方法": "评分方法",
    "牵头": "牵头单位",
    "责任单位": "牵头单位",
    "配合": "配合单位",
    "目标": "目标值",
    "佐证材料要求": "佐证材料",
    "指标说明": "基本要求",
}
METHOD_WORDS = {
    "达标/不达标": scoring.PASS_FAIL,
    "达标": scoring.PASS_FAIL,
    "是否达标": scoring.PASS_FAIL,
    "分档计分": scoring.GRADED,
    "分档": scoring.GRADED,
    "按比率计分": scoring.RATE,
    "比率": scoring.RATE,
    "按比率": scoring.RATE,
    "按问题扣分": scoring.DEDUCTION,
    "扣分": scoring.DEDUCTION,
    **{m: m for m in scoring.METHODS},
}
_SPLIT = re.compile(r"[、，,;；/\n]+")
POINTS_MAX = Decimal(1000)


@dataclass
class SheetNode(ParsedNode):
    """A ParsedNode with what a sheet row also gives its leaf."""

    method: str = ""
    target: Decimal | None = None
    deduction: Decimal | None = None
    evidence: str = ""
    lead: list[Any] = field(default_factory=list)  # orgs.Unit
    co: list[Any] = field(default_factory=list)
    leaf_columns: list[str] = field(default_factory=list)  # which leaf-only cells the row filled

    def as_preview(self) -> dict[str, Any]:
        return {
            **{k: v for k, v in self.as_json().items() if k != "children"},
            "method": self.method,
            "method_label": _method_label(self.method),
            "target": str(self.target) if self.target is not None else None,
            "deduction": str(self.deduction) if self.deduction is not None else None,
            "evidence": self.evidence,
            "lead": [u.code for u in self.lead],
            "co": [u.code for u in self.co],
            "lead_names": [u.name for u in self.lead],
            "co_names": [u.name for u in self.co],
            "children": [c.as_preview() for c in self.children if isinstance(c, SheetNode)],
        }


def _method_label(method: str) -> str:
    from .models import ScoringMethod

    return dict(ScoringMethod.choices).get(method, "") if method else ""


@dataclass
class SheetImport:
    nodes: list[SheetNode] = field(default_factory=list)
    errors: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self) -> int:
        return sum(len(n.walk()) for n in self.nodes)


def _header(name: Any) -> str:
    text = re.sub(r"\s+", "", _norm(str(name or "")))
    return _ALIASES.get(text, text)


def _text(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return "" if v is None else str(v).strip()


def _number(raw: str, n: int, col: str, errors: list[tuple[int, str, str]]) -> Decimal | None:
    if not raw:
        return None
    try:
        d = Decimal(_norm(raw).replace("分", "").replace("%", "").strip())
    except InvalidOperation:
        errors.append((n, col, "应为数字"))
        return None
    if not d.is_finite() or d < 0 or d > POINTS_MAX:
        errors.append((n, col, "应为0至1000之间的数字"))
        return None
    return d


def _unit_index() -> dict[str, Any]:
    from fazhi.orgs.models import Unit

    index: dict[str, Any] = {}
    for u in Unit.objects.filter(is_active=True).order_by("code"):
        for key in (u.code, u.name, u.short_name):
            if key:
                index.setdefault(key, u)
    return index


def _units(raw: str, n: int, col: str, index: dict[str, Any], errors: list[tuple[int, str, str]]) -> list[Any]:
    found: list[Any] = []
    for name in (p.strip() for p in _SPLIT.split(raw or "")):
        if not name:
            continue
        unit = index.get(name)
        if unit is None:
            errors.append((n, col, f"未找到单位“{name}”（填单位编码、全称或简称）"))
        elif unit not in found:
            found.append(unit)
    return found


def parse_sheet_rows(rows: list[tuple[int, dict[str, Any]]], header: list[str]) -> SheetImport:
    """Rows of the sheet (Excel row number, {normalised header: value}) → the tree, or every error."""
    out = SheetImport()
    errors = out.errors
    levels = [c for c in LEVELS if c in header]
    if "一级" not in levels or len(levels) < 2:
        errors.append((1, "表头", "缺少列：一级、二级（至少两级指标列，如 一级 / 二级 / 三级）"))
        return out
    index = _unit_index() if ("牵头单位" in header or "配合单位" in header) else {}
    path: list[SheetNode] = []  # the current node at each level
    for n, values in rows:
        cells = [_text(values.get(col)) for col in levels]
        if not any(cells):
            if any(_text(values.get(c)) for c in ("分值", "评分方法", "牵头单位", "配合单位")):
                errors.append((n, levels[0], "该行没有指标名称"))
            continue
        deepest: SheetNode | None = None
        started = broken = False
        for i, cell in enumerate(cells):
            if not cell:
                continue
            title, noted = _take_points(cell)
            if not started and i < len(path) and path[i].title == title:
                deepest = path[i]  # a merged or repeated cell: the node of the row above
                continue
            if i > len(path):
                errors.append((n, levels[i], f"缺少上级指标（{levels[i - 1]}为空）"))
                broken = True
                break
            node = SheetNode(title=title, points=noted, line=n)
            if i:
                parent = path[i - 1]
                if parent.leaf_columns:
                    errors.append(
                        (
                            parent.line,
                            parent.leaf_columns[0],
                            f"“{parent.title}”下还有下级指标，此项只能填在末级指标所在行",
                        )
                    )
                    parent.leaf_columns = []
                parent.children.append(node)
            else:
                out.nodes.append(node)
            del path[i:]
            path.append(node)
            deepest = node
            started = True
        if broken or deepest is None:
            continue
        if not started:
            if any(_text(values.get(c)) for c in ("分值", "评分方法", "牵头单位", "配合单位", "目标值", "每处扣分")):
                errors.append((n, levels[0], f"与第{deepest.line}行指标重复"))
            continue
        _fill(deepest, n, values, index, errors)
    if not out.nodes and not errors:
        errors.append((2, levels[0], "没有可导入的指标"))
    if not errors:
        found = scoring.overfull_branch(out.nodes)
        if found is not None:
            node, total, own = found
            errors.append(
                (
                    node.line,  # type: ignore[attr-defined]
                    "分值",
                    f"“{node.title}”的下级指标分值合计{_fmt(total)}分，超过其分值{_fmt(own)}分",  # type: ignore[attr-defined]
                )
            )
    if errors:
        out.nodes = []
    return out


def _fmt(d: Decimal) -> str:
    return str(int(d)) if d == d.to_integral_value() else str(d.normalize())


def _fill(node: SheetNode, n: int, values: dict[str, Any], index: dict[str, Any], errors: list) -> None:
    raw_points = _text(values.get("分值"))
    if raw_points:
        points = _number(raw_points, n, "分值", errors)
        if points is not None:
            node.points = float(points)
    method = _text(values.get("评分方法"))
    if method:
        code = METHOD_WORDS.get(re.sub(r"\s+", "", _norm(method)))
        if code is None:
            errors.append((n, "评分方法", f"无法识别“{method}”（填 达标/不达标、分档计分、按比率计分 或 按问题扣分）"))
        else:
            node.method = code
            node.leaf_columns.append("评分方法")
    for col, attr in (("目标值", "target"), ("每处扣分", "deduction")):
        raw = _text(values.get(col))
        if raw:
            setattr(node, attr, _number(raw, n, col, errors))
            node.leaf_columns.append(col)
    for col, attr in (("牵头单位", "lead"), ("配合单位", "co")):
        raw = _text(values.get(col))
        if raw:
            setattr(node, attr, _units(raw, n, col, index, errors))
            node.leaf_columns.append(col)
    both = {u.pk for u in node.lead} & {u.pk for u in node.co}
    if both:
        errors.append((n, "配合单位", "同一单位不能既是牵头单位又是配合单位"))
    node.evidence = _text(values.get("佐证材料"))[:1000]
    description = _text(values.get("基本要求"))
    if description:
        node.description = description


def _read(file: Any) -> tuple[list[tuple[int, dict[str, Any]]], list[tuple[int, str, str]]]:
    rows, errors = read_import_rows(file, [])
    return [(n, {_header(k): v for k, v in values.items()}) for n, values in rows], errors


def read_set_workbook(file: Any) -> SheetImport:
    """An uploaded .xlsx → SheetImport (the tree, or every error as (row, column, message))."""
    try:
        rows, errors = run_bounded(_read, file)
    except DomainError as exc:  # the memory ceiling or the time limit
        return SheetImport(errors=[(0, "文件", exc.message)])
    if errors:
        return SheetImport(errors=errors)
    if not rows:
        return SheetImport(errors=[(2, "一级", "没有可导入的指标")])
    header: list[str] = []
    for _n, values in rows:
        header.extend(k for k in values if k not in header)
    return parse_sheet_rows(rows, header)


def tree_from_preview(data: list[dict[str, Any]]) -> list[SheetNode]:
    """The signed preview back into nodes (units looked up again by code; a unit gone since is dropped by the
    service's check)."""
    from fazhi.orgs.models import Unit

    codes = set()

    def collect(items: list[dict[str, Any]]) -> None:
        for d in items:
            codes.update(d.get("lead", []))
            codes.update(d.get("co", []))
            collect(d.get("children", []))

    collect(data)
    units = {u.code: u for u in Unit.objects.filter(code__in=codes, is_active=True)}

    def build(items: list[dict[str, Any]]) -> list[SheetNode]:
        return [
            SheetNode(
                title=str(d["title"]),
                points=d.get("points"),
                description=str(d.get("description", "")),
                method=str(d.get("method", "")),
                target=Decimal(d["target"]) if d.get("target") is not None else None,
                deduction=Decimal(d["deduction"]) if d.get("deduction") is not None else None,
                evidence=str(d.get("evidence", "")),
                lead=[units[c] for c in d.get("lead", []) if c in units],
                co=[units[c] for c in d.get("co", []) if c in units],
                children=build(d.get("children", [])),  # type: ignore[arg-type]
            )
            for d in items
        ]

    return build(data)


def set_template() -> bytes:
    """A blank workbook with the columns and two example rows."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "指标体系"
    ws.append(list(COLUMNS))
    for row in (
        (
            "依法全面履行政府职能（10分）",
            "权责清单",
            "权责清单动态调整",
            4,
            "达标/不达标",
            "C001",
            "",
            "",
            "",
            "调整文件",
            "",
        ),
        ("", "", "行政复议纠错率", 6, "按比率计分", "C001", "", 15, "", "", ""),
    ):
        ws.append([safe_cell(v) for v in row])
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
