"""The line-by-line parser: numbered items, their unit lines and due dates → a ParsedPlan; the entry points."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import find_dues, find_rhythm, find_targets
from .docx import read_document
from .model import ParsedPlan, ParsedTask, PlanParseError
from .text import (
    _DUE_LABEL_RE,
    _INLINE_UNITS_RE,
    _PAGE_NUMBER_RE,
    _TRAILING_UNITS_RE,
    _cn_number,
    _is_unit_line,
    _numbering,
    _split_glued,
    normalize,
)
from .units import _unit_line_complete, parse_units


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
