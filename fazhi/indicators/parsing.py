"""Read an indicator set (指标体系) from a document into a tree. Pure: no database, no models, no services.

Two shapes are read (issue 23 §1; README.md "Import"):

- **headed text**: numbered headings nest by label style in the order the styles appear (一、 / （一） / (一) / 1. /
  1、 / 1 / 1.1 / (1) / ①; the top level may be 一、 or （一）). A label alone on its line takes the next line as its
  title. Unnumbered lines right after a heading (a 基本要求 paragraph, its label dropped) are that node's description;
  text before the first heading (the set's title, 总分 notes) and closing paragraphs (以上各项…, 注：…, and any
  unnumbered line after a node's children) are no nodes.
- **a table flattened to text** (cells separated by `|` or tabs; a .docx table gives the same): the header row names
  the columns (一级指标 / 二级指标 / 三级指标 / 指标 / 考核内容 → levels; 分值 / 权重 → points; 基本要求 / 指标说明 →
  description); the header and columns such as 序号 / 扣分标准 / 评分标准 / 责任单位 / 佐证材料 are no nodes. A 一级
  cell may share a line with its first child; a cell repeated from the row above (a merged cell) is the same node.
  Without a header row every cell is read as a line of headed text.

Points come from a note in the text — (5分), （分值：5分）, 占总分值的15% (→ 15), 權重15%, a trailing 3分 (not 扣3分) —
or from the points column; the note is not part of the title. Traditional characters read like simplified ones
(占總分值, 一級指標, 評分標準); the titles keep the characters as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "IndicatorParseError",
    "ParsedNode",
    "nodes_as_json",
    "parse_indicator_lines",
    "parse_indicator_text",
    "parse_indicators",
    "read_lines",
]


class IndicatorParseError(ValueError):
    """Nothing could be read; `message` is Chinese, `line` the 1-based line it concerns (0: none)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class ParsedNode:
    title: str
    points: float | None = None
    description: str = ""
    children: list[ParsedNode] = field(default_factory=list)
    line: int = 0  # where the node's title was read (1-based)

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "points": _number(self.points),
            "description": self.description,
            "children": [c.as_json() for c in self.children],
        }

    def walk(self) -> list[ParsedNode]:
        out = [self]
        for c in self.children:
            out.extend(c.walk())
        return out


def nodes_as_json(nodes: list[ParsedNode]) -> dict[str, Any]:
    return {"nodes": [n.as_json() for n in nodes]}


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


# ------------------------------------------------------------------------------------------------ normalising text

# One character for one, so that a match on the normalised copy slices the original at the same place.
_TRAD = str.maketrans(
    "總級標評權佔說內備註責單頭號數項準則細價測際務條類綫線紅",
    "总级标评权占说内备注责单头号数项准则细价测际务条类线线红",
)
_FULL = str.maketrans("０１２３４５６７８９．％：（）　", "0123456789.%:() ")


def _norm(text: str) -> str:
    """Same length as `text`: traditional → simplified for the words matched here, full-width digits and brackets →
    ASCII, the ideographic space → a space."""
    return text.translate(_TRAD).translate(_FULL)


# Pinyin glosses some web pages put after each character: 名稱(chēng), 報(bào).
_PINYIN = re.compile(r"\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\ufeff\u00a0]")


def _clean(line: str) -> str:
    return _PINYIN.sub("", _ZERO_WIDTH.sub(" ", line)).strip(" \r\n\u3000")  # tabs kept: empty cells


# ------------------------------------------------------------------------------------------------------ labels

_CN = "一二三四五六七八九十百零〇两"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_LABELS: list[tuple[str, re.Pattern[str]]] = [
    ("cn", re.compile(rf"^([{_CN}]+)\s*[、.，,]\s*")),
    ("pcn", re.compile(rf"^\(\s*([{_CN}]+)\s*\)\s*[、.]?\s*")),
    ("pnum", re.compile(r"^\(\s*(\d{1,3})\s*\)\s*[、.]?\s*")),
    ("circ", re.compile(rf"^([{_CIRCLED}])\s*[、.]?\s*")),
    # 1.1 / 1.1.1 (the style counts the parts, so 1.1 nests under 1.)
    ("dot", re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)(?:[、.]|\s+)?\s*(?![\d%分.万亿元个件项次])")),
    ("num", re.compile(r"^(\d{1,3})(?:\s*[.、](?!\d)|\s+|$)\s*(?![%分])")),
]


@dataclass
class _Label:
    style: str
    rest: str  # the text after the label (original characters)


def _label(line: str) -> _Label | None:
    norm = _norm(line)
    for style, pattern in _LABELS:
        m = pattern.match(norm)
        if not m:
            continue
        if style == "dot":
            style = f"dot{m.group(1).count('.') + 1}"
        rest = line[m.end() :].strip().lstrip(".．、").strip()  # 3、.坚持… (a doubled label mark)
        return _Label(style, rest)
    return None


# ------------------------------------------------------------------------------------------------------ points

_NUM = r"(\d+(?:\.\d+)?)"
_POINT_NOTES = [
    # (5分) (分值：5分) (满分5分) (共5分) (计5分)
    re.compile(rf"\(\s*(?:满分|分值|共|计|总分)?\s*:?\s*{_NUM}\s*分\s*\)"),
    # (占总分值的15%) 占总分值15% (权重15%) 权重：15%
    re.compile(rf"\(?\s*(?:占总分值的?|占总分的?|占总分比重的?|权重|分值占比)\s*:?\s*{_NUM}\s*%\s*\)?"),
    # (15%) alone in brackets
    re.compile(rf"\(\s*{_NUM}\s*%\s*\)"),
    # 分值：5分 / 分值5 at the end
    re.compile(rf"[，,;；\s]*(?:分值|满分)\s*:?\s*{_NUM}\s*分?\s*[。.]?\s*$"),
    # a trailing 3分 after a space or a punctuation mark (扣3分 / 得3分 are not points)
    re.compile(rf"(?:^|(?<=[\s，,；;:。]))\s*{_NUM}\s*分\s*[。.]?\s*$"),
]
_POINTS_ONLY = re.compile(rf"^(?:(?:分值|满分|权重|占总分值的?)\s*:?\s*)?{_NUM}\s*(?:分|%)?$")


def _take_points(text: str) -> tuple[str, float | None]:
    """`text` without its points note, and the points the note gives (None: no note)."""
    norm = _norm(text)
    for pattern in _POINT_NOTES:
        m = pattern.search(norm)
        if not m:
            continue
        value = float(m.group(1))
        title = (text[: m.start()] + text[m.end() :]).strip()
        title = re.sub(r"[\s，,；;:：]+$", "", title)
        title = re.sub(r"[\s，,；;:：]+(?=[。])", "", title)
        return title.strip(), value
    return text.strip(), None


def _points_only(text: str) -> float | None:
    m = _POINTS_ONLY.match(re.sub(r"\s+", "", _norm(text)).strip("()"))
    return float(m.group(1)) if m else None


def _is_bare_number(text: str) -> bool:
    return re.fullmatch(r"\d+", _norm(text).strip()) is not None


# ------------------------------------------------------------------------------------------------ closing lines

_CLOSING = re.compile(
    r"^(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$|以上|上述|综上|注\s*[:：0-9一二三]|注$|说明\s*[:：]|备注|附注|合计|总计|小计|共计)"
)
_REQUIREMENT = re.compile(r"^[【\[]?\s*(?:基本要求|工作要求|要求|指标说明|说明|释义)\s*[】\]]?\s*[:：]?\s*")


def _description_text(line: str) -> str:
    m = _REQUIREMENT.match(_norm(line))
    if m and (m.end() < len(line) or _norm(line).strip("【】[]:： ") in ("基本要求", "工作要求", "指标说明", "释义")):
        return line[m.end() :].strip()
    return line.strip()


# ---------------------------------------------------------------------------------------------------- reading


def read_lines(data: bytes, filename: str = "") -> list[tuple[int, str]]:
    """Bytes of a .txt (UTF-8 / GB 18030) or .docx → numbered lines (a .docx table's rows as `a | b | c`). The file
    reading is the kernel's (`fazhi.core.textfile`, as plan import and document registration use)."""
    from fazhi.core.textfile import UnreadableFileError, docx_lines

    if not data or not data.strip():
        raise IndicatorParseError("文件为空，没有可导入的指标。", line=1)
    name = filename.lower()
    if name.endswith(".docx") or data[:4] == b"PK\x03\x04":
        if data[:4] != b"PK\x03\x04":
            raise IndicatorParseError("文件不是有效的 Word (.docx) 文件，无法读取。", line=1)
        try:
            return list(enumerate(docx_lines(data), start=1))
        except UnreadableFileError as exc:
            raise IndicatorParseError("文件不是有效的 Word (.docx) 文件，无法读取。", line=1) from exc
    if name.endswith(".doc") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise IndicatorParseError("不支持旧版 Word (.doc) 文件，请另存为 .docx 后再导入。", line=1)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            raise IndicatorParseError(
                "文件含有二进制内容，不是文本文件。", line=text[: text.index("\x00")].count("\n") + 1
            )
        return list(enumerate(text.splitlines(), start=1))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IndicatorParseError(
            "无法识别文件编码（应为 UTF-8 或 GBK 文本）。", line=data[: exc.start].count(b"\n") + 1
        ) from exc
    raise IndicatorParseError("无法识别文件编码（应为 UTF-8 或 GBK 文本）。", line=1)  # pragma: no cover


def parse_indicators(data: bytes, filename: str = "") -> list[ParsedNode]:
    """A file's bytes → the indicator tree. Raises IndicatorParseError (with the line) when nothing can be read."""
    return parse_indicator_lines(read_lines(data, filename))


def parse_indicator_text(text: str) -> list[ParsedNode]:
    return parse_indicator_lines(list(enumerate(text.splitlines(), start=1)))


def parse_indicator_lines(lines: list[tuple[int, str]]) -> list[ParsedNode]:
    cleaned = [(n, _clean(t)) for n, t in lines]
    table = _find_table_header(cleaned)
    if table is not None:
        nodes = _parse_table(cleaned, table)
    else:
        nodes = _parse_headed(_explode_cells(cleaned))
    if not nodes:
        first = next((n for n, t in cleaned if t), cleaned[0][0] if cleaned else 1)
        if not any(t for _, t in cleaned):
            raise IndicatorParseError("文件为空，没有可导入的指标。", line=1)
        if table is not None:
            raise IndicatorParseError("表格只有表头，没有指标行。", line=table.line)
        raise IndicatorParseError(
            "没有识别到编号的指标（应为“一、”“（一）”“1.”等编号开头的行，或带“一级指标/二级指标”表头的表格）。",
            line=first,
        )
    return nodes


# ---------------------------------------------------------------------------------------------- headed text


class _Tree:
    """The open path of headings, by label style."""

    def __init__(self) -> None:
        self.roots: list[ParsedNode] = []
        self.stack: list[tuple[str, ParsedNode]] = []

    def add(self, style: str, node: ParsedNode) -> None:
        styles = [s for s, _ in self.stack]
        if style in styles:
            del self.stack[styles.index(style) :]
        elif style.startswith("dot"):
            # 1.1 under 1. / 1、; 1.1.1 under 1.1 — dotted depth decides, not the order of appearance
            depth = int(style[3:])
            while self.stack and self.stack[-1][0].startswith("dot") and int(self.stack[-1][0][3:]) >= depth:
                self.stack.pop()
        if self.stack:
            self.stack[-1][1].children.append(node)
        else:
            self.roots.append(node)
        self.stack.append((style, node))

    @property
    def current(self) -> ParsedNode | None:
        return self.stack[-1][1] if self.stack else None


def _explode_cells(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A table without a header row: each cell is read as a line."""
    out: list[tuple[int, str]] = []
    for n, text in lines:
        cells = _cells(text)
        if cells is None:
            out.append((n, text.strip()))
        elif not _is_rule(cells):
            for i, c in enumerate(cells):
                if c:  # a bare number after the first cell is the points column, not a label
                    out.append((n, f"{c}分" if i and _is_bare_number(c) else c))
    return out


def _parse_headed(lines: list[tuple[int, str]]) -> list[ParsedNode]:
    tree = _Tree()
    pending: ParsedNode | None = None  # a label alone on its line: the next line is its title
    describing = False  # unnumbered lines now go to the current node's description
    for n, text in lines:
        if not text:
            continue
        if pending is not None:
            title, points = _take_points(text)
            pending.title = title
            if points is not None:
                pending.points = points
            pending.line = n
            pending = None
            describing = True
            continue
        node_now = tree.current
        only = None if _is_bare_number(text) else _points_only(text)
        if only is not None:
            if node_now is not None and describing and node_now.points is None and not node_now.description:
                node_now.points = only  # a points note on the line below its indicator
            continue
        label = _label(text)
        if label is not None:
            title, points = _take_points(label.rest)
            node = ParsedNode(title=title, points=points, line=n)
            tree.add(label.style, node)
            if not title:
                pending = node
            describing = True
            continue
        if node_now is None:
            continue  # text before the first heading: the set's title, 总分 notes
        if _CLOSING.match(_norm(text)) or not describing or node_now.children:
            describing = False
            continue
        body = _description_text(text)
        if body:
            node_now.description = f"{node_now.description}\n{body}" if node_now.description else body
    if pending is not None and not pending.title:
        raise IndicatorParseError("编号后缺少指标名称。", line=pending.line)
    return tree.roots


# ---------------------------------------------------------------------------------------------------- tables

_SEP = re.compile(r"\s*\|\s*|\t")


def _cells(text: str, markdown: bool = True) -> list[str] | None:
    """The cells of a table row (None: not a row). `| a | b |` and `a\tb` alike; a leading `|` opens the row in a
    markdown table (`markdown`) and is an empty first cell otherwise."""
    if "|" not in text and "\t" not in text.strip():
        return None
    body = text.strip(" ")
    if markdown and body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [c.strip() for c in _SEP.split(body)]


def _is_rule(cells: list[str]) -> bool:
    """A markdown separator row: ---|---|:---:."""
    return all(re.fullmatch(r":?-{2,}:?", c) or not c for c in cells)


_LEVEL_HEAD = re.compile(r"^([一二三四五六])级(?:指标|项目|内容)?")
_CONTENT_HEAD = re.compile(
    r"^(?:指标名称|指标内容|指标|考核指标|考核项目|考核内容|考核要点|评价指标|评价内容|测评内容|测评项目|评估内容|项目|内容)"
)
_POINTS_HEAD = re.compile(r"^(?:分值|分数|标准分|满分|权重|赋分|计分)")
_DESC_HEAD = re.compile(r"^(?:基本要求|指标说明|指标解释|要求|说明|释义)")
_CN_LEVEL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}


@dataclass
class _Header:
    line: int
    width: int
    levels: list[int]  # column index of each level, top first
    points: int | None
    description: int | None
    markdown: bool = True


def _header_of(n: int, cells: list[str]) -> _Header | None:
    explicit: list[tuple[int, int]] = []
    content: list[int] = []
    points = description = None
    for i, cell in enumerate(cells):
        c = re.sub(r"\s+", "", _norm(cell))
        if not c or len(c) > 12:
            continue
        if m := _LEVEL_HEAD.match(c):
            explicit.append((_CN_LEVEL[m.group(1)], i))
        elif _POINTS_HEAD.match(c) and points is None:
            points = i
        elif _DESC_HEAD.match(c) and description is None:
            description = i
        elif _CONTENT_HEAD.match(c):
            content.append(i)
    levels = [i for _, i in sorted(explicit)] + [i for i in content if all(i > j for j in (x for _, x in explicit))]
    if not levels:
        return None
    if not explicit and points is None and len(content) < 2:
        return None  # one 指标 cell alone is not enough to call a row a header
    return _Header(line=n, width=len(cells), levels=levels, points=points, description=description)


def _find_table_header(lines: list[tuple[int, str]]) -> _Header | None:
    for n, text in lines:
        cells = _cells(text)
        if cells and len([c for c in cells if c]) >= 2 and not any(_label(c) for c in cells if c):
            header = _header_of(n, cells)
            if header is not None:
                header.markdown = text.strip().startswith("|")
                return header
    return None


def _align(cells: list[str], header: _Header, styles: dict[int, str]) -> list[str]:
    """A row with fewer cells than the header (a flattener dropped the empty ones): the placement where a bare number
    lands in the points column and labels in the columns that used their style; ties → from the left edge."""
    if len(cells) >= header.width:
        return cells[: header.width]
    best: tuple[int, int] = (-1, 0)
    for offset in range(header.width - len(cells) + 1):
        score = 0
        for j, cell in enumerate(cells):
            col = offset + j
            if not cell:
                continue
            if col == header.points and _points_only(cell) is not None:
                score += 2
            label = _label(cell)
            if label is not None and styles.get(col) == label.style:
                score += 2
            if col in header.levels and label is None and _points_only(cell) is not None:
                score -= 1
        if score > best[0]:
            best = (score, offset)
    offset = best[1]
    return [""] * offset + cells + [""] * (header.width - len(cells) - offset)


def _parse_table(lines: list[tuple[int, str]], header: _Header) -> list[ParsedNode]:
    roots: list[ParsedNode] = []
    open_at: dict[int, tuple[str, ParsedNode]] = {}  # level index → (cell as written, node)
    styles: dict[int, str] = {}
    for n, text in lines:
        if n <= header.line or not text:
            continue
        raw = _cells(text, header.markdown)
        if raw is None or _is_rule(raw):
            continue
        if _header_of(n, raw) is not None and not any(_label(c) for c in raw if c):
            continue  # the header repeated on a new page
        cells = _align(raw, header, styles)
        deepest: ParsedNode | None = None
        for depth, col in enumerate(header.levels):
            cell = cells[col] if col < len(cells) else ""
            if not cell:
                continue
            held = open_at.get(depth)
            if held is not None and held[0] == cell:
                deepest = held[1]
                continue  # a merged cell repeated on the next row
            label = _label(cell)
            if label is not None:
                styles[col] = label.style
            title, points = _take_points(label.rest if label is not None else cell)
            if not title:
                continue
            node = ParsedNode(title=title, points=points, line=n)
            parent = next((open_at[d][1] for d in range(depth - 1, -1, -1) if d in open_at), None)
            (parent.children if parent is not None else roots).append(node)
            open_at[depth] = (cell, node)
            for d in [d for d in open_at if d > depth]:
                del open_at[d]
            deepest = node
        if deepest is None:
            continue
        if header.points is not None and header.points < len(cells) and deepest.line == n:
            value = _points_only(cells[header.points])
            if value is not None:
                deepest.points = value
        if header.description is not None and header.description < len(cells) and deepest.line == n:
            body = _description_text(cells[header.description])
            if body:
                deepest.description = body
    return roots
