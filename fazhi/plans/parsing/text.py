"""Normalisation and line handling: full-width to half-width, numbering styles, unit-line labels, headings glued to
the end of a line."""

from __future__ import annotations

import re
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


def _dedupe(names: Any) -> list[str]:
    out: list[str] = []
    for n in names:
        if n not in out:
            out.append(n)
    return out
