"""Split a draft into articles and paragraphs (pure; no database). A new item starts at a line beginning with
第X条 (an article), 一、 (a part), （一） (an item) or 1. / 1、 (a numbered paragraph); other lines belong to the
item before them. A title line and lines before the first item become the preamble (label "")."""

from __future__ import annotations

import re
from dataclasses import dataclass

CN = "零〇一二三四五六七八九十百千两"
MARKERS = [
    (re.compile(rf"^(第[{CN}\d]+条)[\s　]*"), 1),
    (re.compile(rf"^(第[{CN}\d]+章)[\s　]*"), 0),
    (re.compile(rf"^([{CN}]+、)"), 0),
    (re.compile(rf"^([（(][{CN}]+[）)])"), 1),
    (re.compile(r"^(\d{1,3}[.．、](?!\d))"), 2),
]


@dataclass(frozen=True)
class DraftItem:
    label: str
    text: str
    level: int


def _marker(line: str) -> tuple[str, int, str] | None:
    for pattern, level in MARKERS:
        m = pattern.match(line)
        if m:
            return m.group(1), level, line[m.end() :].strip()
    return None


def draft_split(text: str) -> list[DraftItem]:
    items: list[list[object]] = []  # [label, [lines], level]
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip().replace("\u3000", " ").strip()
        if not line:
            continue
        found = _marker(line)
        if found:
            label, level, rest = found
            items.append([label, [rest] if rest else [], level])
        elif items:
            items[-1][1].append(line)  # type: ignore[union-attr]
        else:
            items.append(["", [line], 0])
    out = []
    for label, lines, level in items:
        body = "\n".join(lines)  # type: ignore[arg-type]
        if label or body:
            out.append(DraftItem(str(label), body, int(level)))  # type: ignore[call-overload]
    return out
