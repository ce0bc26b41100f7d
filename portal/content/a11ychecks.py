"""Content that would break the site's accessibility guarantees, one rule per function.

Readers use phones 320–360 px wide, often with 大字模式 on, and screen readers:
- a long run of characters with no place to break (a code, a URL, letters without
  spaces) in a brand's name or text cannot wrap and is cut apart at odd places;
- an image without alt text says nothing to a screen reader (WCAG 1.1.1);
- a table with many columns, or a long unbreakable cell, is wider than a phone and has to
  be scrolled sideways inside its box.
checks.py imports the `check_*` functions, so `portal check` and every build run them.
"""
from __future__ import annotations

import re
from pathlib import Path

from portal.content.library import Library
from portal.content.problems import Problem

# Characters a line can break after or before without help: spaces, Han text and CJK
# punctuation (a line may break between any two Han characters).
_NO_BREAK_RUN = re.compile(r"[^\s\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+")

# A brand's name is its page's heading (32 px on phones, 42 px in 大字模式): about 12
# letters or digits fit across 288 px. Body text (16–21 px) fits about 24.
NAME_RUN = 12
TEXT_RUN = 24
# Columns of a Markdown table that still fit a 320 px phone (Material gives each header
# cell at least 5rem, 100 px).
TABLE_COLUMNS = 3

_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_HTML_ALT = re.compile(r"\balt\s*=", re.IGNORECASE)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def long_run(text: str, limit: int) -> str | None:
    """The first run of at least `limit` characters a line cannot break inside, if any."""
    for match in _NO_BREAK_RUN.finditer(text or ""):
        if len(match.group()) >= limit:
            return match.group()
    return None


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:20] + "…"


def _brand_texts(brand):
    """(YAML path, text, limit) of every brand field shown on its page or card."""
    yield ("name",), brand.name, NAME_RUN
    for key in ("unit", "branch", "slogan", "summary", "connotation", "results"):
        value = getattr(brand, key)
        if value:
            yield (key,), value, TEXT_RUN
    for i, value in enumerate(brand.tags):
        yield ("tags", i), value, TEXT_RUN
    for i, value in enumerate(brand.honors):
        yield ("honors", i), value, TEXT_RUN
    for i, practice in enumerate(brand.practices):
        yield ("practices", i, "title"), practice.title, TEXT_RUN
        yield ("practices", i, "text"), practice.text, TEXT_RUN


def check_brand_unbreakable_text(lib: Library) -> None:
    for brand in lib.brands.values():
        for where, text, limit in _brand_texts(brand):
            run = long_run(text, limit)
            if run:
                lib.at(brand.path, where, f"“{_short(run)}”是 {len(run)} 个连在一起、中间不能换行的字符，"
                       "在手机上会被从中间强行断开：请在适当位置加空格，或改用中文表述", warning=True)


def _markdown_images(text: str, html: bool = True):
    """(line offset, column, description) of each image in Markdown text without alt text.
    `html`: whether raw HTML is passed through (pages in docs/; never in YAML content)."""
    for n, line in enumerate(text.splitlines()):
        for match in _MD_IMAGE.finditer(line):
            if not match.group(1).strip():
                yield n, match.start() + 1, "图片没有替代文字（写成 ![图片内容的说明](文件)）"
        for match in _HTML_IMG.finditer(line) if html else ():
            if not _HTML_ALT.search(match.group()):
                yield n, match.start() + 1, "<img> 没有 alt 属性（写上图片内容的说明；纯装饰的图片写 alt=\"\"）"


def _docs_pages(lib: Library) -> list[Path]:
    docs = lib.root / "docs"
    return sorted(docs.rglob("*.md")) if docs.is_dir() else []


def _rel(lib: Library, path: Path) -> str:
    return path.relative_to(lib.root).as_posix()


def check_markdown_image_alt(lib: Library) -> None:
    for page in _docs_pages(lib):
        for n, col, message in _markdown_images(page.read_text(encoding="utf-8", errors="replace")):
            lib.problems.append(Problem(_rel(lib, page), n + 1, col, message + "：读屏软件无法说明这张图片"))


# Brand fields rendered as Markdown (portal/templates/brand.md.j2 `|md`); raw HTML in
# them is shown as text, so only Markdown images count.
_BRAND_MARKDOWN = {("connotation",), ("results",)}


def check_brand_image_alt(lib: Library) -> None:
    for brand in lib.brands.values():
        for where, text, _ in _brand_texts(brand):
            if where not in _BRAND_MARKDOWN and where[-1:] != ("text",):
                continue
            for n, _col, message in _markdown_images(text, html=False):
                lib.at(brand.path, where, message + "：读屏软件无法说明这张图片"
                       + (f"（本项第 {n + 1} 行）" if n else ""))


def _tables(text: str):
    """(line index, header cells, body rows) of each Markdown pipe table."""
    lines = text.splitlines()
    i = 0
    while i + 1 < len(lines):
        if "|" in lines[i] and _TABLE_RULE.match(lines[i + 1]) and "|" in lines[i + 1]:
            start, rows = i, []
            i += 2
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                rows.append(_cells(lines[i]))
                i += 1
            yield start, _cells(lines[start]), rows
        else:
            i += 1


def _cells(line: str) -> list[str]:
    line = line.strip()
    line = line.removeprefix("|")
    line = line.removesuffix("|")
    return [c.strip() for c in line.split("|")]


def check_study_wide_tables(lib: Library) -> None:
    study = lib.root / "docs" / "study"
    pages = sorted(study.rglob("*.md")) if study.is_dir() else []
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        for start, header, rows in _tables(text):
            rel = _rel(lib, page)
            if len(header) > TABLE_COLUMNS:
                lib.problems.append(Problem(rel, start + 1, 1, f"表格有 {len(header)} 列，在手机上（宽 320 像素）"
                                            f"放不下，读者要在表格里左右滑动：最好不超过 {TABLE_COLUMNS} 列，"
                                            "可拆成几个表格或改为列表", warning=True))
            for offset, row in enumerate([header] + rows):
                run = next((r for r in (long_run(c, TEXT_RUN) for c in row) if r), None)
                if run:
                    line = start + 2 + offset if offset else start + 1   # 1-based; the rule line sits between
                    lib.problems.append(Problem(rel, line, 1, f"表格中的“{_short(run)}”是 {len(run)} 个连在一起、"
                                                "不能换行的字符，表格会比手机屏幕宽：请加空格或缩短", warning=True))
