"""Read a plan document (plain text or .docx) into numbered tasks. Pure: no database, no Django.

The layout rules are those of Chinese government documents (see README.md and the sample in
../shared/samples/plan_sample.txt):

- headings nest by numbering style: 一、 > (一) > 1. / 1、 > (1) > ①;
- a numbered item followed by a unit line (牵头单位/配合单位/责任单位/相关单位 …) is a task; a numbered item without one is
  a heading (or, like the achievements in a review section, nothing);
- the title is the text before the first 。; the full text is the item's body;
- with an explicit 牵头/配合 split the units are taken as labelled, otherwise the first unit listed leads;
- lines broken by page breaks are joined; a heading glued to the end of a line is split off;
- "X月底前" → last day of that month, "年底前" → 12-31 of the plan year; more than one stated date → no due date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

CN_DIGITS = "一二三四五六七八九十百零〇两"
# Full-width ASCII (！ … ～) and the ideographic space become half-width: （一） == (一), ：== :, １ == 1.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20, 0xFEFF: None}

UNIT_LABELS = {
    "牵头单位": "lead",
    "牵头部门": "lead",
    "主责单位": "lead",
    "主办单位": "lead",
    "配合单位": "co",
    "配合部门": "co",
    "协办单位": "co",
    "参与单位": "co",
    "责任单位": "any",
    "责任部门": "any",
    "相关单位": "any",
    "相关部门": "any",
    "实施单位": "any",
}
DUE_LABELS = ("完成时限", "完成时间", "时间要求", "时限要求", "完成期限")
_LABEL_RE = re.compile(r"(" + "|".join(UNIT_LABELS) + r")\s*[:]\s*")
_DUE_LABEL_RE = re.compile(r"^(" + "|".join(DUE_LABELS) + r")\s*[:]\s*(.*)$")
# A parenthesised unit clause at the end of an item: "……。(牵头单位:市司法局;配合单位:……)"
_TRAILING_UNITS_RE = re.compile(r"[(]\s*((?:" + "|".join(UNIT_LABELS) + r")\s*:[^()]*)[)]\s*[。;]?\s*$")
_INLINE_UNITS_RE = re.compile(r"(?<=。)\s*((?:" + "|".join(UNIT_LABELS) + r")\s*:[^()]*)$")

# Numbering styles, outermost first. Each yields (level, number-as-written, rest).
_NUMBERING = [
    (0, re.compile(rf"^(第[{CN_DIGITS}]+(?:部分|章|篇))\s*(.*)$")),
    (0, re.compile(rf"^([{CN_DIGITS}]+)\s*[、.]\s*(.*)$")),
    (1, re.compile(rf"^[(]([{CN_DIGITS}]+)[)]\s*[、.]?\s*(.*)$")),
    (2, re.compile(r"^(\d{1,3})\s*(?:[、]|\.(?!\d)|[)](?!\d))\s*(.*)$")),
    (3, re.compile(r"^[(](\d{1,3})[)]\s*[、.]?\s*(.*)$")),
    (4, re.compile(r"^([①-⑳])\s*(.*)$")),
]
# A heading glued after the end of a sentence or a unit name: "……各区人民政府(二)加强督促检查".
_GLUED_HEADING_RE = re.compile(rf"(?<=\S)(?=[(][{CN_DIGITS}]+[)]\S|[{CN_DIGITS}]{{1,3}}、\S)")
_GLUED_ITEM_RE = re.compile(r"(?<=[^\d.])(?=\d{1,3}(?:、|\.(?!\d))[^\d\s])")
_PAGE_NUMBER_RE = re.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?$")
_SENTENCE_END = tuple("。;:!?」』”)")
_UNIT_SUFFIXES = tuple("局委办院室府会位门部厅处所队站团社行司馆庭组署园区县镇街村校台") + (
    "中心",
    "公司",
    "集团",
    "法院",
    "检察院",
    "政府",
    "单位",
    "部门",
    "机关",
)
_UNIT_SPLIT_RE = re.compile(r"[、,;]+")

# Due dates stated in the text.
_DATE_PATTERNS = [
    ("ymd", re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:前|之前|以前)")),
    ("next_md", re.compile(r"次年(\d{1,2})月(\d{1,2})日(?:前|之前|以前)")),
    ("md", re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日(?:前|之前|以前)")),
    ("ym_end", re.compile(r"(\d{4})年(\d{1,2})月(?:底|末)(?:前|之前|以前)")),
    ("next_m_end", re.compile(r"次年(\d{1,2})月(?:底|末)(?:前|之前|以前)")),
    ("m_end", re.compile(r"(?<![\d年])(\d{1,2})月(?:底|末)(?:前|之前|以前)")),
    ("y_end", re.compile(r"(\d{4})年(?:年)?底(?:前|之前|以前)")),
    ("year_end", re.compile(r"(?<![\d次])年底(?:前|之前|以前)")),
    ("half", re.compile(r"(?<!下)上半年(?:底)?(?:前|内)")),
]
_RHYTHM = [
    ("monthly", re.compile(r"每月|按月")),
    ("quarterly", re.compile(r"每季度|每季|按季度?")),
    ("half_yearly", re.compile(r"每半年")),
    ("yearly", re.compile(r"每年(?!度)")),
]
_TARGET_RE = re.compile(
    r"(不少于|不低于|不超过|不高于|达到|保持在|提升至|提高到|压减|控制在|超过|高于|低于)\s*"
    r"(\d+(?:\.\d+)?)\s*(%|个工作日|万件|项|件|个|次|家|人|日|天|场)?(?:以上|以下|左右)?"
)
_TARGET_OPS = {
    "不少于": ">=",
    "不低于": ">=",
    "达到": ">=",
    "保持在": ">=",
    "提升至": ">=",
    "提高到": ">=",
    "压减": ">=",
    "超过": ">",
    "高于": ">",
    "不超过": "<=",
    "不高于": "<=",
    "控制在": "<=",
    "低于": "<",
}


class PlanParseError(Exception):
    """The document cannot be read as a plan. `line` is 1-based (None when the whole file is unreadable)."""

    def __init__(self, message: str, *, line: int | None = None, field: str = "file") -> None:
        self.message = message
        self.line = line
        self.field = field
        super().__init__(f"第{line}行：{message}" if line else message)


@dataclass
class ParsedTask:
    number: int
    title: str
    section: list[str]
    lead_units: list[str]
    co_units: list[str]
    units_as_written: list[str]
    due: dt.date | None = None
    due_ambiguous: bool = False
    text: str = ""
    rhythm: str = ""
    targets: list[dict[str, Any]] = field(default_factory=list)
    line: int = 0

    def as_json(self) -> dict[str, Any]:
        """The public shape (plan_sample.expected.json): `due` is absent when the text states several dates."""
        out: dict[str, Any] = {
            "number": self.number,
            "title": self.title,
            "section": list(self.section),
            "lead_units": list(self.lead_units),
            "co_units": list(self.co_units),
            "units_as_written": list(self.units_as_written),
        }
        if not self.due_ambiguous:
            out["due"] = self.due.isoformat() if self.due else None
        return out


@dataclass
class ParsedPlan:
    title: str
    plan_year: int | None
    tasks: list[ParsedTask]
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"plan_year": self.plan_year, "task_count": len(self.tasks), "tasks": [t.as_json() for t in self.tasks]}

    def unit_names(self) -> list[str]:
        seen: dict[str, None] = {}
        for t in self.tasks:
            for u in t.units_as_written:
                seen.setdefault(u, None)
        return list(seen)


# ---------------------------------------------------------------------------------------------------------- reading


def read_document(data: bytes, filename: str = "") -> list[tuple[int, str]]:
    """Bytes of a .txt or .docx file → numbered lines. Raises PlanParseError for empty or unreadable files."""
    if not data or not data.strip():
        raise PlanParseError("文件为空，没有可导入的内容。")
    is_docx = filename.lower().endswith(".docx")
    if is_docx or data[:4] == b"PK\x03\x04":
        if not is_docx and filename and not filename.lower().endswith(".docx"):
            raise PlanParseError("文件内容与扩展名不符：请上传 .txt 或 .docx 文件。")
        return list(enumerate(docx_lines(data), start=1))
    if filename.lower().endswith(".doc") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise PlanParseError("不支持旧版 Word (.doc) 文件，请另存为 .docx 后再导入。")
    return list(enumerate(decode_text(data).splitlines(), start=1))


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PlanParseError("无法识别文件编码（应为 UTF-8 或 GBK 文本）。", line=line) from exc
    raise PlanParseError("文件含有二进制内容，不是文本文件。", line=data[: data.index(b"\x00")].count(b"\n") + 1)


def docx_lines(data: bytes) -> list[str]:
    """Paragraphs and table rows in document order. A task table (序号/任务/牵头单位/配合单位/完成时限) becomes the
    same lines a typed document would have."""
    try:
        from docx import Document
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise PlanParseError("文件不是有效的 Word (.docx) 文件，无法读取。") from exc
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and friends
        raise PlanParseError("文件不是有效的 Word (.docx) 文件，无法读取。") from exc
    lines: list[str] = []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, doc).text)
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, doc)))
    return lines


def _table_lines(table: Any) -> list[str]:
    rows = [[c.text.strip() for c in row.cells] for row in table.rows]
    if not rows:
        return []
    header = rows[0]

    def col(*keys: str) -> int | None:
        for i, h in enumerate(header):
            if any(k in h for k in keys):
                return i
        return None

    lead, co, resp = col("牵头"), col("配合", "协办"), col("责任单位", "责任部门", "相关单位")
    if lead is None and resp is None:
        return [" ".join(c for c in r if c) for r in rows]
    num, due = col("序号", "编号"), col("时限", "完成时间")
    text_col = col("任务", "内容", "措施", "事项", "工作")
    out: list[str] = []
    for i, r in enumerate(rows[1:], start=1):
        text = r[text_col] if text_col is not None else ""
        if not text:
            continue
        number = r[num] if num is not None and r[num].strip().isdigit() else str(i)
        out.append(f"{number}.{text}")
        if due is not None and r[due]:
            out.append(f"完成时限:{r[due]}")
        if lead is not None:
            unit_line = f"牵头单位:{r[lead]}"
            if co is not None and r[co]:
                unit_line += f";配合单位:{r[co]}"
        else:
            unit_line = f"责任单位:{r[resp]}"  # type: ignore[index]
        out.append(unit_line)
    return out


# ---------------------------------------------------------------------------------------------------------- parsing


def normalize(text: str) -> str:
    return text.translate(_WIDTH)


def _numbering(line: str) -> tuple[int, str, str] | None:
    for level, rx in _NUMBERING:
        m = rx.match(line)
        if m and m.group(2):
            return level, m.group(1), m.group(2)
    return None


def _is_unit_line(line: str) -> bool:
    m = _LABEL_RE.match(line)
    return m is not None


def _cn_number(s: str) -> int:
    s = s.strip("第部分章篇()")
    if s.isdigit():
        return int(s)
    if len(s) == 1 and "①" <= s <= "⑳":
        return ord(s) - ord("①") + 1
    values = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    total, current = 0, 0
    for ch in s:
        if ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            current = values.get(ch, 0)
    return total + current


def _split_glued(lineno: int, line: str) -> list[tuple[int, str]]:
    """Split headings (and numbered items) glued to the end of a unit line or of a finished sentence."""
    parts: list[tuple[int, str]] = []
    rest = line
    while True:
        cut = None
        if _is_unit_line(rest):
            for rx in (_GLUED_HEADING_RE, _GLUED_ITEM_RE):
                for m in rx.finditer(rest):
                    if m.start() > 0 and not _LABEL_RE.match(rest[m.start() :]):
                        cut = m.start() if cut is None else min(cut, m.start())
                        break
        else:
            m = re.search(rf"(?<=。)(?=[(][{CN_DIGITS}]+[)]\S|[{CN_DIGITS}]{{1,3}}、\S)", rest)
            if m:
                cut = m.start()
        if cut is None or cut >= len(rest):
            parts.append((lineno, rest))
            return parts
        parts.append((lineno, rest[:cut]))
        rest = rest[cut:]


def _unit_line_complete(line: str) -> bool:
    """False when a unit line ends inside a name or on a separator: the next line continues it."""
    tail = line.rstrip()
    if not tail or tail.endswith(("、", ",", ";", ":")):
        return False
    last = _UNIT_SPLIT_RE.split(tail)[-1].rstrip("。)")
    return last.endswith(_UNIT_SUFFIXES) or last.endswith(")")


def parse_units(line: str) -> tuple[list[str], list[str], list[str]]:
    """ "牵头单位:A;配合单位:B、C" → (lead, co, as written)."""
    labelled: list[tuple[str, list[str]]] = []
    matches = list(_LABEL_RE.finditer(line))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        chunk = line[m.end() : end].strip().strip("。;,、)(")
        names = [n.strip().strip("。") for n in _UNIT_SPLIT_RE.split(chunk)]
        labelled.append((UNIT_LABELS[m.group(1)], [n for n in names if n]))
    written: list[str] = []
    for _, names in labelled:
        for n in names:
            if n not in written:
                written.append(n)
    if any(kind == "lead" for kind, _ in labelled):
        lead = _dedupe(n for kind, names in labelled if kind == "lead" for n in names)
        co = _dedupe(n for kind, names in labelled if kind != "lead" for n in names if n not in lead)
    else:
        lead, co = written[:1], written[1:]
    return lead, co, written


def _dedupe(names: Any) -> list[str]:
    out: list[str] = []
    for n in names:
        if n not in out:
            out.append(n)
    return out


def _last_day(year: int, month: int) -> dt.date | None:
    if not (1 <= month <= 12):
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def find_dues(text: str, year: int | None) -> list[dt.date]:
    """Every completion date stated in `text` ("X月底前", "年底前", "X月X日前" …), in order, without repeats."""
    found: list[tuple[int, dt.date]] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _DATE_PATTERNS:
        for m in rx.finditer(text):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
                continue
            g = m.groups()
            day: dt.date | None = None
            try:
                if kind == "ymd":
                    day = dt.date(int(g[0]), int(g[1]), int(g[2]))
                elif kind == "ym_end":
                    day = _last_day(int(g[0]), int(g[1]))
                elif kind == "y_end":
                    day = dt.date(int(g[0]), 12, 31)
                elif year is not None and kind == "md":
                    day = dt.date(year, int(g[0]), int(g[1]))
                elif year is not None and kind == "next_md":
                    day = dt.date(year + 1, int(g[0]), int(g[1]))
                elif year is not None and kind == "m_end":
                    day = _last_day(year, int(g[0]))
                elif year is not None and kind == "next_m_end":
                    day = _last_day(year + 1, int(g[0]))
                elif year is not None and kind == "year_end":
                    day = dt.date(year, 12, 31)
                elif year is not None and kind == "half":
                    day = dt.date(year, 6, 30)
            except ValueError:
                day = None
            taken.append((m.start(), m.end()))
            if day is not None:
                found.append((m.start(), day))
    return _dedupe(d for _, d in sorted(found, key=lambda x: x[0]))


def find_targets(text: str) -> list[dict[str, Any]]:
    """Structured target figures: "不少于10项" → {"op": ">=", "value": "10", "unit": "项", "text": "不少于10项"}."""
    out = []
    for m in _TARGET_RE.finditer(text):
        out.append(
            {
                "op": _TARGET_OPS[m.group(1)],
                "value": str(Decimal(m.group(2))),
                "unit": m.group(3) or "",
                "text": m.group(0),
            }
        )
    spans = [(m.start(), m.end()) for m in _TARGET_RE.finditer(text)]
    for m in re.finditer(r"(?<![\d.])(\d+(?:\.\d+)?)(%)以上", text):
        if not any(s <= m.start() < e for s, e in spans):
            out.append({"op": ">=", "value": str(Decimal(m.group(1))), "unit": "%", "text": m.group(0)})
    return out


def find_rhythm(text: str) -> str:
    for rhythm, rx in _RHYTHM:
        if rx.search(text):
            return rhythm
    return ""


def find_plan_title(lines: list[tuple[int, str]]) -> str:
    for _, line in lines[:15]:
        m = re.search(r"《([^》]+)》", line)
        if m:
            return m.group(1)
    for _, line in lines[:5]:
        if line.strip():
            return line.strip()[:100]
    return ""


def find_plan_year(title: str, lines: list[tuple[int, str]]) -> int | None:
    m = re.search(r"(20\d{2})(?:[-—~至](20\d{2}))?年", title)
    if m:
        return int(m.group(1))
    for _, line in lines[:15]:
        m = re.search(r"(20\d{2})年", line)
        if m:
            return int(m.group(1))
    return None


@dataclass
class _Item:
    level: int
    number: int
    head: str  # the line as written (used as a section heading when the item has no unit line)
    lineno: int
    body: list[str] = field(default_factory=list)
    unit_lines: list[str] = field(default_factory=list)
    due_text: str = ""


def parse_lines(raw: list[tuple[int, str]], *, year: int | None = None) -> ParsedPlan:
    lines: list[tuple[int, str]] = []
    for lineno, text in raw:
        text = normalize(text).strip()
        if not text or _PAGE_NUMBER_RE.match(text):
            continue
        lines.extend((n, t.strip()) for n, t in _split_glued(lineno, text) if t.strip())
    if not lines:
        raise PlanParseError("文件为空，没有可导入的内容。")
    title = find_plan_title(lines)
    plan_year = year or find_plan_year(title, lines)

    stack: list[tuple[int, str]] = []  # (level, heading as written)
    items: list[tuple[_Item, list[str]]] = []  # finished tasks with their section
    current: _Item | None = None
    current_section: list[str] = []
    in_units = False

    def close_current() -> None:
        nonlocal current
        if current is None:
            return
        if current.unit_lines:
            items.append((current, current_section))
        else:
            # A numbered item without a unit line is a heading for what follows.
            stack.append((current.level, current.head))
        current = None

    for lineno, line in lines:
        due_label = _DUE_LABEL_RE.match(line)
        if _is_unit_line(line):
            target = current if current is not None else (items[-1][0] if in_units and items else None)
            if target is None:
                raise PlanParseError(
                    f"单位行“{line[:30]}”前没有编号的任务条目，无法判断它属于哪项任务。", line=lineno, field="units"
                )
            if (
                in_units
                and target.unit_lines
                and not _unit_line_complete(target.unit_lines[-1])
                and not target.unit_lines[-1].rstrip().endswith((";",))
            ):
                target.unit_lines[-1] += line
            else:
                target.unit_lines.append(line)
            if current is not None:
                items.append((current, current_section))
                current = None
            in_units = True
            continue
        if due_label:
            target = current if current is not None else (items[-1][0] if items else None)
            if target is not None:
                target.due_text = due_label.group(2)
            continue
        numbered = _numbering(line)
        if numbered is not None:
            level, number, rest = numbered
            close_current()
            in_units = False
            while stack and stack[-1][0] >= level:
                stack.pop()
            current_section = [h for _, h in stack]
            current = _Item(level=level, number=_cn_number(number), head=line, lineno=lineno, body=[rest])
            inline = _TRAILING_UNITS_RE.search(rest) or _INLINE_UNITS_RE.search(rest)
            if inline:
                current.body = [rest[: inline.start()]]
                current.unit_lines.append(inline.group(1))
                items.append((current, current_section))
                current = None
                in_units = True
            continue
        if in_units and items:
            last = items[-1][0]
            if last.unit_lines and not _unit_line_complete(last.unit_lines[-1]):
                last.unit_lines[-1] += line  # a unit name broken by a page break
                continue
            in_units = False
            continue
        if current is not None:
            body_text = "".join(current.body)
            trailing = _TRAILING_UNITS_RE.search(body_text + line)
            current.body.append(line)
            if trailing:
                full = body_text + line
                current.body = [full[: trailing.start()]]
                current.unit_lines.append(trailing.group(1))
                items.append((current, current_section))
                current = None
                in_units = True
    if current is not None and current.unit_lines:
        items.append((current, current_section))

    tasks: list[ParsedTask] = []
    for item, section in items:
        text = "".join(item.body).strip()
        title_text = text.split("。", 1)[0].strip().rstrip(";,:") or text
        lead, co, written = parse_units(";".join(item.unit_lines))
        if not written:
            raise PlanParseError("单位行没有列出任何单位。", line=item.lineno, field="units")
        dues = find_dues(item.due_text, plan_year) if item.due_text else find_dues(text, plan_year)
        tasks.append(
            ParsedTask(
                number=item.number,
                title=title_text[:200],
                section=list(section),
                lead_units=lead,
                co_units=co,
                units_as_written=written,
                due=dues[0] if len(dues) == 1 else None,
                due_ambiguous=len(dues) > 1,
                text=text,
                rhythm=find_rhythm(text),
                targets=find_targets(text),
                line=item.lineno,
            )
        )
    if not tasks:
        raise PlanParseError(
            "未识别到任何任务：任务应为带编号的条目（如“1.”“(一)”），并附有“牵头单位/责任单位”行。", line=lines[-1][0]
        )
    return ParsedPlan(title=title, plan_year=plan_year, tasks=tasks)


def parse_plan(data: bytes, filename: str = "", *, year: int | None = None) -> ParsedPlan:
    """The one entry point: bytes of an uploaded or local file → ParsedPlan (or PlanParseError)."""
    return parse_lines(read_document(data, filename), year=year)


def parse_plan_text(text: str, *, year: int | None = None) -> ParsedPlan:
    return parse_lines(list(enumerate(text.splitlines(), start=1)), year=year)


def plan_to_state(plan: ParsedPlan) -> dict[str, Any]:
    """A JSON-safe copy of a parse (kept in the session between preview and confirmation)."""
    return {
        "title": plan.title,
        "plan_year": plan.plan_year,
        "warnings": plan.warnings,
        "tasks": [
            {**{k: v for k, v in t.__dict__.items() if k != "due"}, "due": t.due.isoformat() if t.due else None}
            for t in plan.tasks
        ],
    }


def plan_from_state(state: dict[str, Any]) -> ParsedPlan:
    tasks = [ParsedTask(**{**t, "due": dt.date.fromisoformat(t["due"]) if t["due"] else None}) for t in state["tasks"]]
    return ParsedPlan(title=state["title"], plan_year=state["plan_year"], tasks=tasks, warnings=state["warnings"])
