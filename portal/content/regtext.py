"""Structure of a regulation's official text: 编/章/节 headings, 条, 款, 项.

Never raises: anything that does not fit becomes a TextProblem, and every
non-blank line ends up in some block so no text is lost.
"""
from __future__ import annotations

import re
import unicodedata

from portal.content.models import Article, Heading, Paragraph, ParsedText, PreambleParagraph, TextProblem
from portal.content.numerals import NUMERAL_CHARS, cn_to_int, int_to_cn

_NUM = f"[{NUMERAL_CHARS}]+"
_SEP = "[ \u3000]*"
_ARTICLE = re.compile(f"第({_NUM})条({_SEP})(.*)")
_HEADING = re.compile(f"第({_NUM})([编章节])({_SEP})(.*)")
_ITEM = re.compile(f"[（(]{_NUM}[）)]")
# A 款 may open with a cross-reference (第三十二条规定的……); these words right
# after the label, with no separator, mark such a reference.
_REFERENCE_WORDS = ("规定", "的", "所", "中", "至", "、", "和", "或", "第", "款", "项")
_PREAMBLE_TITLES = {"总纲", "序言", "导语", "前言"}
_LEVELS = {"编": "bian", "章": "zhang", "节": "jie"}
_ORDER = ["编", "章", "节"]
MAX_HEADING = 40
MAX_PLAIN_HEADING = 20


def _cn(n: int) -> str:
    return int_to_cn(n) if 1 <= n <= 9999 else str(n)


def _is_reference(sep: str, rest: str) -> bool:
    return not sep and rest.startswith(_REFERENCE_WORDS)


def _match_heading(s: str) -> re.Match | None:
    m = _HEADING.match(s)
    if not m or len(s) > MAX_HEADING or "。" in s or "；" in s or _is_reference(m[3], m[4]):
        return None
    return m


def _match_article(s: str, expected: int) -> re.Match | None:
    m = _ARTICLE.match(s)
    if not m or (cn_to_int(m[1]) != expected and _is_reference(m[2], m[3])):
        return None
    return m


def _is_preamble_title(s: str) -> bool:
    return re.sub("[ \u3000]", "", s) in _PREAMBLE_TITLES


def _plain_shape(s: str) -> bool:
    """Short and without any punctuation: a candidate unnumbered heading."""
    return len(s) <= MAX_PLAIN_HEADING and not any(
        unicodedata.category(c).startswith("P") for c in s)


def starts_body(line: str) -> bool:
    """True for a line that can only belong to the body (heading, article, 总纲)."""
    s = line.strip()
    return bool(_match_heading(s) or _ARTICLE.match(s) or _is_preamble_title(s))


class _Numbering:
    """Gap/repeat checks for 编/章/节: a level may restart at 一 under a new
    parent (刑法 style) or run on across parents (纪律处分条例 style)."""

    def __init__(self) -> None:
        self.prev: dict[str, int | None] = {k: None for k in _ORDER}
        self.seen: dict[str, set[int]] = {k: set() for k in _ORDER}
        self.first: dict[str, bool] = {k: True for k in _ORDER}

    def check(self, kind: str, numeral: str) -> str | None:
        label = f"第{numeral}{kind}"
        n = cn_to_int(numeral)
        for child in _ORDER[_ORDER.index(kind) + 1:]:
            self.seen[child], self.first[child] = set(), True
        if n is None:
            return f"无法识别的章节编号“{label}”"
        prev, first = self.prev[kind], self.first[kind]
        repeated = n in self.seen[kind]
        self.prev[kind], self.first[kind] = n, False
        self.seen[kind].add(n)
        if n == (prev or 0) + 1 or (first and n == 1):
            return None
        if repeated:
            return f"章节编号重复：前面已有{label}"
        if prev is None:
            return f"章节编号应从第一{kind}开始，这里是{label}"
        if first:
            return f"章节编号不连续：应为第一{kind}或第{_cn(prev + 1)}{kind}，这里是{label}"
        return f"章节编号不连续：第{_cn(prev)}{kind}之后应为第{_cn(prev + 1)}{kind}，这里是{label}"


def parse_text(text: str) -> ParsedText:
    out = ParsedText()
    lines = text.split("\n")
    rows = [(i, ln.strip()) for i, ln in enumerate(lines) if ln.strip()]
    if not rows:
        out.problems.append(TextProblem(0, 0, "正文为空"))
        return out

    def problem(i: int, msg: str) -> None:
        # col points at the label, i.e. past any indentation
        out.problems.append(TextProblem(i, len(lines[i]) - len(lines[i].lstrip()), msg))

    numbering = _Numbering()
    article: Article | None = None   # the article that text lines belong to
    last = 0                          # number of the latest article
    in_preamble = True
    seen_articles: set[int] = set()
    skip: set[int] = set()
    for k, (i, s) in enumerate(rows):
        if k in skip:
            continue
        nxt = rows[k + 1][1] if k + 1 < len(rows) else None
        expected = last + 1
        next_is_structure = nxt is not None and bool(
            _match_heading(nxt) or _match_article(nxt, expected))

        if m := _match_heading(s):
            title = m[4]
            # label and title split over two lines: 第一章 / 总则
            if not title and nxt and _plain_shape(nxt) and not (
                    _match_heading(nxt) or _match_article(nxt, expected)):
                title = nxt
                skip.add(k + 1)
            out.blocks.append(Heading(_LEVELS[m[2]], f"第{m[1]}{m[2]}", title, i))
            if msg := numbering.check(m[2], m[1]):
                problem(i, msg)
            article, in_preamble = None, False
        elif m := _match_article(s, expected):
            label = f"第{m[1]}条"
            n = cn_to_int(m[1])
            if n is None:
                problem(i, f"无法识别的条文编号“{label}”")
                n = expected          # keep counting so one typo gives one error
            elif n in seen_articles:
                problem(i, f"条文编号重复：前面已有{label}")
            elif n != expected:
                if not seen_articles:
                    problem(i, f"条文编号应从第一条开始，这里是{label}")
                else:
                    problem(i, f"条文编号不连续：第{_cn(expected - 1)}条之后应为"
                               f"第{_cn(expected)}条，这里是{label}")
            seen_articles.add(n)
            last = n
            paras = [Paragraph(m[3], i)] if m[3] else []
            article = Article(n, label, paras, i)
            out.blocks.append(article)
            in_preamble = False
        elif in_preamble and _is_preamble_title(s):
            out.blocks.append(Heading("preamble", "", s, i))
        elif next_is_structure and _plain_shape(s):
            out.blocks.append(Heading("plain", "", s, i))
        elif article is not None:
            article.paragraphs.append(Paragraph(s, i, is_item=bool(_ITEM.match(s))))
        else:
            out.blocks.append(PreambleParagraph(s, i))
            if not in_preamble:
                problem(i, "这段文字位于标题之后、条文之前，不属于任何条文")
    return out
