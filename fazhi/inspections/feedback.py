"""Read the upper level's 督察反馈意见 (plain text or .docx) into numbered findings. Pure: no database, no Django.

It reuses the plan import's reading and line rules (`fazhi.plans.parsing`): .txt in UTF-8 or GBK and .docx
paragraphs (`read_document`), full-width → half-width (`normalize`), the numbering styles of Chinese documents
一、 > (一) > 1. / 1、 > (1) > ① (`_numbering`), page-number lines dropped (`_PAGE_NUMBER_RE`); a form feed is a line
break (str.splitlines), so an item split across a page joins up again: every line that is neither numbered nor
labelled continues the item above it.

- A numbered item with a unit label (责任单位 / 整改单位 / 牵头单位 …, inline "(责任单位:X)" or on its own line) is a
  finding; so is a numbered item with no deeper item under it inside a section whose heading speaks of 问题.
  Other numbered items are headings: the nearest one is the finding's theme.
- "整改时限: / 整改期限: / 完成时限:" gives the due text (resolved by the caller), "依据:" the basis.
- Several units named for one finding (A、B) → the caller raises one finding per unit.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from fazhi.plans.parsing import PlanParseError, normalize, read_document
from fazhi.plans.parsing.text import _PAGE_NUMBER_RE, _numbering

UNIT_LABELS = ("责任单位", "责任部门", "整改单位", "整改责任单位", "牵头单位", "牵头部门", "相关单位", "涉及单位")
DUE_LABELS = ("整改时限", "整改期限", "完成时限", "整改时间", "完成时间")
BASIS_LABELS = ("依据", "问题依据")
_LABEL = r"(" + "|".join(sorted(UNIT_LABELS + DUE_LABELS + BASIS_LABELS, key=len, reverse=True)) + r")\s*:\s*"
_LABEL_LINE_RE = re.compile(r"^" + _LABEL + r"(.*)$")
_INLINE_RE = re.compile(r"[(]\s*" + _LABEL + r"([^()]*)[)]")
_UNIT_SPLIT_RE = re.compile(r"[、,;，；]+|及(?=\S)")


class FeedbackParseError(PlanParseError):
    pass


@dataclass
class ParsedFinding:
    number: int  # 1, 2, … in document order
    numbering: str  # as written: "1." / "(二)" / "3、"
    theme: str  # the nearest heading above it
    text: str
    units: list[str] = field(default_factory=list)  # names as written
    due_text: str = ""
    basis: str = ""
    line: int = 0

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Open:
    level: int
    numbering: str
    text: str
    line: int
    units: list[str] = field(default_factory=list)
    due_text: str = ""
    basis: str = ""
    has_children: bool = False
    theme: str = ""
    in_problems: bool = False


def _names(text: str) -> list[str]:
    return [n.strip().strip("。.") for n in _UNIT_SPLIT_RE.split(text.strip().strip("。;")) if n.strip().strip("。.")]


def _take_label(item: _Open, label: str, value: str) -> None:
    value = value.strip()
    if label in UNIT_LABELS:
        item.units.extend(n for n in _names(value) if n not in item.units)
    elif label in DUE_LABELS:
        item.due_text = value.strip("。")
    else:
        item.basis = value.strip("。")


def _inline(item: _Open, text: str) -> str:
    """Take "(责任单位:X)" clauses out of the item's text."""

    def cut(m: re.Match[str]) -> str:
        _take_label(item, m.group(1), m.group(2))
        return ""

    return _INLINE_RE.sub(cut, text).strip()


def parse_feedback_lines(raw: list[tuple[int, str]]) -> list[ParsedFinding]:
    lines = []
    for lineno, text in raw:
        text = normalize(text).strip()
        if text and not _PAGE_NUMBER_RE.match(text):
            lines.append((lineno, text))
    if not lines:
        raise FeedbackParseError("文件为空，没有可导入的内容。")
    stack: list[_Open] = []  # open numbered items, outermost first
    done: list[_Open] = []
    current: _Open | None = None

    def close_to(level: int) -> None:
        while stack and stack[-1].level >= level:
            done.append(stack.pop())

    for lineno, line in lines:
        n = _numbering(line)
        if n is not None and n[1].startswith("第") and current is not None and not _ended(current.text):
            n = None  # "……第" / "第三章" after a line that stopped mid-sentence: the sentence goes on
        if n is not None:
            level, numbering, rest = n
            close_to(level)
            if stack:
                stack[-1].has_children = True
            parent = stack[-1] if stack else None
            current = _Open(
                level=level,
                numbering=numbering,
                text="",
                line=lineno,
                theme=_head(parent.text) if parent else "",
                in_problems=bool(parent and (parent.in_problems or "问题" in _head(parent.text))),
            )
            current.text = _inline(current, rest)
            stack.append(current)
            continue
        m = _LABEL_LINE_RE.match(line)
        if m and current is not None:
            _take_label(current, m.group(1), m.group(2))
            continue
        if current is not None:  # a continuation: the line broke (a page break, a form feed) inside the item
            current.text += _inline(current, line)
    close_to(-1)
    done.sort(key=lambda o: o.line)
    found = [o for o in done if o.units or (o.in_problems and not o.has_children)]
    if not found:
        raise FeedbackParseError("没有识别出问题条目：问题应逐条编号，并写明责任单位。")
    return [
        ParsedFinding(
            number=i,
            numbering=o.numbering,
            theme=_display(o.theme),
            text=_display(o.text),
            units=o.units,
            due_text=o.due_text,
            basis=_display(o.basis),
            line=o.line,
        )
        for i, o in enumerate(found, start=1)
    ]


def _ended(text: str) -> bool:
    return text.rstrip().endswith(("。", ";", ":", "!", "?", ")"))


_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})


def _display(text: str) -> str:
    """Chinese punctuation back to full width for the finding's text (normalize made it half-width to match)."""
    return text.strip().translate(_FULL)


def _head(text: str) -> str:
    """A heading's words: up to its first full stop."""
    return re.split(r"[。]", text, maxsplit=1)[0].strip()


def parse_feedback(data: bytes, filename: str = "") -> list[ParsedFinding]:
    try:
        raw = read_document(data, filename)
    except PlanParseError as exc:
        raise FeedbackParseError(exc.message, line=exc.line) from exc
    return parse_feedback_lines(raw)


def parse_feedback_text(text: str) -> list[ParsedFinding]:
    return parse_feedback_lines(list(enumerate(text.splitlines(), start=1)))
