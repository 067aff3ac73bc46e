"""Unit lines: "牵头单位:A;配合单位:B、C" → lead, co and the names as written; a unit line broken by a page break."""

from __future__ import annotations

import re

from .text import _LABEL_RE, UNIT_LABELS, _dedupe

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
