"""Cited instruments in a text: the laws, regulations, 规章 and documents a 规范性文件 names (pure; no database).

`citations_extract(text)` returns one `Citation` per instrument, in order of first mention, each with the title as
written (《》 included, a title broken over a line joined) and the articles cited, in order, each once.

The rules (issue #19, the `fazhi documents citations` contract):
- Only instruments: a 《…》 title counts when, without a trailing （…） note, it ends in an instrument's kind
  (法, 条例, 规定, 办法, 决定, 通知, …, in simplified or traditional characters); 《营业执照》, 《…决定书》, 《…申请表》
  and periodicals are not instruments.
- A title nested in 〈〉, <> or 《》 inside a 《》 title is part of it.
- 以下简称《X》 (or “X”) declares a short name: a later 《X》 (or X第…条) is the same instrument.
- Articles are 第X条 with any 第X款 / 第X项 written after it (第X章 and 第X节 are skipped); 第X条 and 第X条第X款 are both
  listed when both appear; a bare 第X款 after an article continues that article (第三十二条第一款、第二款 → 第三十二条第二款).
- 本法 / 本条例 / 本条 are the citing text itself: articles after them are not attached to anything.
- A 发文字号 without a title (达市府发〔2000〕65号) is listed with no articles; a 文号 written in brackets right after a
  title belongs to that title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPEN = "《〈<"
CLOSE = "》〉>"
MAX_TITLE = 200  # characters; an unclosed 《 does not swallow the rest of the text

# The kinds of instrument, as a title ends (simplified and traditional). Longest first is not needed: endswith.
KINDS = (
    "法",
    "法典",
    "条例",
    "條例",
    "规定",
    "規定",
    "办法",
    "辦法",
    "细则",
    "細則",
    "规则",
    "規則",
    "决定",
    "決定",
    "决议",
    "決議",
    "意见",
    "意見",
    "通知",
    "纲要",
    "綱要",
    "解释",
    "解釋",
    "批复",
    "批復",
    "复函",
    "復函",
    "规划",
    "規劃",
    "方案",
    "命令",
    "公告",
    "通告",
    "准则",
    "準則",
    "规范",
    "規範",
    "规程",
    "規程",
    "标准",
    "標準",
    "章程",
    "制度",
    "指引",
    "指南",
    "公约",
    "公約",
    "协定",
    "協定",
)

BR = r"(?:[ \t\u3000]*\n[ \t\u3000]*)?"  # a line break inside a reference (第三十\n二条)
DIGITS = r"[0-9０-９一二三四五六七八九十百千零〇两兩]"
NUM = rf"{BR}{DIGITS}+(?:{BR}{DIGITS}+)*{BR}"
ARTICLE = re.compile(rf"第{NUM}[条條](?:之{NUM})?")
PARAGRAPH = re.compile(rf"第{NUM}款")
ITEM = re.compile(rf"第{BR}[（(]?{NUM}[）)]?{BR}[项項]")
SKIPPED = re.compile(rf"第{NUM}[章节節编編]")
SEPARATOR = re.compile(r"[、，,和及与與或至到]|以及")
GAP = re.compile(r"[ \t\u3000]*(?:\r?\n[ \t\u3000]*)?")
LINE_BREAK = re.compile(r"[ \t\u3000]*\r?\n[ \t\u3000]*")
# 发文字号: 机关代字〔年份〕序号号
DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,16})[〔\[［【(（]([0-9]{4})[〕\]］】)）]第?([0-9]+)[号號]")
# words a 文号's 机关代字 cannot begin with (they belong to the sentence before it)
LEADING_WORDS = (
    "根据",
    "依据",
    "依照",
    "按照",
    "参照",
    "遵照",
    "对照",
    "贯彻",
    "落实",
    "执行",
    "印发",
    "转发",
    "废止",
    "修改",
    "原",
    "经",
    "按",
    "依",
    "据",
    "和",
    "及",
    "与",
    "或",
    "以及",
    "的",
    "见",
    "即",
    "文件",
    "號",
    "号",
    # words that run into a bare 文号 in running text: 另见国办发〔2018〕37号, 并结合…, 详见…
    "另",
    "参见",
    "详见",
    "并",
    "结合",
    "同时",
    "遵循",
    "适用",
    "引用",
    "援引",
    "为",
    "对",
    "由",
    "在",
)
SHORT_NAME = re.compile(r"(?:以下|下文)?[简簡]?[称稱][：:]?\s*(?:《([^》]{1,40})》|[“\"「]([^”\"」]{1,40})[”\"」])")
NOTE_OPEN = "（("
NOTE_CLOSE = {"（": "）", "(": ")"}


@dataclass
class Citation:
    title: str
    articles: list[str] = field(default_factory=list)

    def add(self, article: str) -> None:
        article = LINE_BREAK.sub("", article)
        if article not in self.articles:
            self.articles.append(article)

    def as_dict(self) -> dict[str, object]:
        return {"title": self.title, "articles": list(self.articles)}


def is_instrument(title: str) -> bool:
    """《…》 names an instrument when its name, without trailing （…） notes, ends in an instrument's kind."""
    name = title[1:-1].strip()
    while name and name[-1] in "）)":
        opening = "（" if name[-1] == "）" else "("
        at = name.rfind(opening)
        if at <= 0:
            break
        name = name[:at].rstrip()
    if name.startswith(("本", "該", "该")) or len(name) < 2:
        return False
    return name.endswith(KINDS)


def _title_end(text: str, start: int) -> int | None:
    """Index after the 》 closing the 《 at `start`, counting nested 《》〈〉<>; None if unclosed."""
    depth = 0
    for i in range(start, min(len(text), start + MAX_TITLE)):
        ch = text[i]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth -= 1
            if depth == 0:
                return i + 1 if ch == "》" else None
        elif ch in "。；;":
            return None
    return None


def _note_end(text: str, start: int) -> int | None:
    """Index after a （…） note opening at `start` (nested 《》 allowed), or None."""
    close = NOTE_CLOSE[text[start]]
    end = text.find(close, start + 1, start + 120)
    if end < 0 or "。" in text[start:end]:
        return None
    return end + 1


def _articles_at(text: str, pos: int) -> tuple[list[str], int]:
    """Article references written from `pos` on (第X条[第X款][第X项], 、-separated); returns them and the end."""
    found: list[str] = []
    current = ""  # the last 第X条 (with its 款), the base a bare 第X款 / 第X项 continues
    article = ""
    i = pos
    while True:
        gap = GAP.match(text, i)
        j = gap.end() if gap else i
        if gap and "\n" in gap.group() and found:
            # a new line starting "第X条 " is the citing text's own article heading, not a citation
            heading = ARTICLE.match(text, j)
            if heading and heading.end() < len(text) and text[heading.end()] in " \t\u3000":
                break
        m = ARTICLE.match(text, j)
        if m:
            article = current = m.group()
            k = m.end()
            p = PARAGRAPH.match(text, k)
            if p:
                current = article + p.group()
                k = p.end()
            it = ITEM.match(text, k)
            found.append(current + (it.group() if it else ""))
            i = it.end() if it else k
        elif (p := PARAGRAPH.match(text, j)) and article:
            current = article + p.group()
            it = ITEM.match(text, p.end())
            found.append(current + (it.group() if it else ""))
            i = it.end() if it else p.end()
        elif (it := ITEM.match(text, j)) and current:
            found.append(current + it.group())
            i = it.end()
        elif s := SKIPPED.match(text, j):
            i = s.end()
            continue
        else:
            break
        sep = SEPARATOR.match(text, i)
        if sep:
            after = GAP.match(text, sep.end())
            nxt = after.end() if after else sep.end()
            if (
                ARTICLE.match(text, nxt)
                or PARAGRAPH.match(text, nxt)
                or ITEM.match(text, nxt)
                or SKIPPED.match(text, nxt)
            ):
                i = sep.end()
                continue
        break
    return found, i


# words after which a 机关代字 starts, wherever they stand in the run of characters before 〔: 具体要求另见国办发〔…〕
CUT_WORDS = (
    "见",
    "根据",
    "依据",
    "依照",
    "按照",
    "参照",
    "遵照",
    "贯彻",
    "落实",
    "执行",
    "印发",
    "转发",
    "结合",
    "要求",
)


def _doc_number(m: re.Match[str]) -> str:
    prefix = m.group(1)
    for word in CUT_WORDS:
        at = prefix.rfind(word)
        if at >= 0 and len(prefix) - (at + len(word)) >= 2:
            prefix = prefix[at + len(word) :]
    changed = True
    while changed:
        changed = False
        for word in LEADING_WORDS:
            if prefix.startswith(word) and len(prefix) > len(word):
                prefix = prefix[len(word) :]
                changed = True
    return f"{prefix}〔{m.group(2)}〕{m.group(3)}号"


def citations_extract(text: str) -> list[Citation]:
    """The instruments `text` cites, once each, in order of first mention (see the module docstring)."""
    text = text.replace("\r\n", "\n")
    by_title: dict[str, Citation] = {}
    first: dict[str, int] = {}  # title → position of its first mention
    aliases: dict[str, Citation] = {}  # short name (without 《》) → instrument
    numbers: dict[str, Citation] = {}  # 发文字号 → the titled instrument it belongs to
    covered: list[tuple[int, int]] = []  # spans of titles and their notes (文号 inside are not bare)

    def cite(title: str, at: int) -> Citation:
        c = by_title.get(title)
        if c is None:
            c = by_title[title] = Citation(title)
            first[title] = at
        return c

    i = 0
    while True:
        start = text.find("《", i)
        if start < 0:
            break
        end = _title_end(text, start)
        if end is None:
            i = start + 1
            continue
        title = LINE_BREAK.sub("", text[start:end])
        name = title[1:-1]
        target = aliases.get(name) or by_title.get(title)
        if target is None and is_instrument(title):
            target = cite(title, start)
        pos = end
        # notes right after the title: （以下简称《X》）, （国办发〔2018〕37号）, （2021年修订）
        while True:
            gap = GAP.match(text, pos)
            k = gap.end() if gap else pos
            if k < len(text) and text[k] in NOTE_OPEN and (note_end := _note_end(text, k)) is not None:
                note = text[k:note_end]
                covered.append((k, note_end))
                short = SHORT_NAME.search(note)
                if short and target is not None:
                    aliases[short.group(1) or short.group(2)] = target
                for number in DOC_NUMBER.finditer(note):
                    if target is not None:
                        numbers.setdefault(_doc_number(number), target)
                pos = note_end
                continue
            break
        covered.append((start, end))
        articles, after = _articles_at(text, pos)
        if target is not None:
            for a in articles:
                target.add(a)
        i = max(after, end)

    # a short name declared in quotes may be used bare: 处罚法第三十二条
    for short, target in aliases.items():
        for m in re.finditer(re.escape(short), text):
            if any(a <= m.start() < b for a, b in covered) or text[m.start() - 1 : m.start()] in '《“"「':
                continue
            articles, _ = _articles_at(text, m.end())
            for a in articles:
                target.add(a)

    # bare 发文字号, outside titles and their notes
    for m in DOC_NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in covered):
            continue
        number = _doc_number(m)
        if number not in numbers:
            cite(number, m.start())
    return sorted(by_title.values(), key=lambda c: first[c.title])


def citations_as_json(text: str) -> list[dict[str, object]]:
    return [c.as_dict() for c in citations_extract(text)]
