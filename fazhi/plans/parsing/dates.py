"""Due dates ("X月底前", "年底前" …), reporting rhythm and target figures stated in a task's text."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal
from typing import Any

from .text import _dedupe

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
