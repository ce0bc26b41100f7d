"""The plain text of a regulation from the file an editor received: .txt, .docx or .pdf.

A Word document gives its paragraphs as lines (headers and footers are not
part of the body). A PDF gives lines as the page layout broke them; they are
rebuilt into paragraphs here, before the usual parser sees them:

* page numbers (`- 3 -`, `第3页`, `3/12`) and running headers or footers (the same
  line, digits aside, at the top or bottom of several pages) are dropped, and
  every dropped line is reported;
* a line is joined to the one before unless that one ends a sentence (`。`
  `；` `：` `！` `？`, or a whole parenthesised line such as the 题注) or is a
  heading, or the line itself starts a 编/章/节, an article, an item `（一）` or 总纲.

A PDF without a text layer (a scan) is refused with a clear message: there is
no OCR here.
"""
from __future__ import annotations

import logging
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from portal.content.cjk import unify
from portal.content.numerals import NUMERAL_CHARS, cn_to_int

_NUM = f"[{NUMERAL_CHARS}]+"
_HEADING = re.compile(f"^第{_NUM}[编章节](?:[ \u3000]|$)|^第{_NUM}[编章节][^，。；：]{{0,30}}$")
_ARTICLE = re.compile(f"^第({_NUM})条([ \u3000]*)(.?)")
_REFERENCE = "规定的所中至、和或第款项"
_ITEM = re.compile(f"^[（(]{_NUM}[)）]")
_PREAMBLE = re.compile("^(?:总[ \u3000]*纲|序[ \u3000]*言|前[ \u3000]*言)$")
_PAGE_NO = re.compile(r"^[-—–－~\s]*(?:第\s*)?\d{1,4}\s*页?(?:\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?|\s*共\s*\d{1,4}\s*页)?[-—–－~\s]*$")
_TITLE_END = re.compile(r"(?:章程|准则|条例|规则|规定|办法|细则|决定|意见|通知)(?:[（(]试行[)）])?$")
_SENTENCE_END = "。；：！？…"
EDGE = 2          # lines at the top and at the bottom of a page that may be a header or footer


class SourceProblem(Exception):
    """The file cannot be read as a regulation text; the message is Chinese, for editors."""


@dataclass
class SourceText:
    text: str
    dropped: list[str] = field(default_factory=list)   # what was left out, for the editor
    notes: list[str] = field(default_factory=list)


def read_source(path: Path, decode) -> SourceText:
    """The text of `path`; `decode` turns the bytes of a .txt file into str."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx(path)
    if suffix == ".pdf":
        return _pdf(path)
    if suffix in (".doc", ".wps"):
        raise SourceProblem("不支持旧版 .doc/.wps 格式：请在 Word 或 WPS 中另存为 .docx")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SourceProblem(f"无法读取文件 {path}：{e.strerror or e}") from None
    return SourceText(decode(data))


def _docx(path: Path) -> SourceText:
    import docx   # python-docx; heavy import, only needed here
    from docx.opc.exceptions import PackageNotFoundError
    try:
        document = docx.Document(str(path))
    except OSError as e:
        raise SourceProblem(f"无法读取文件 {path}：{e.strerror or e}") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise SourceProblem("不是有效的 .docx 文件（文件损坏，或是改了扩展名的其他格式）") from None
    lines = [line.strip() for p in document.paragraphs for line in unify(p.text).split("\n")]
    out = SourceText("\n".join(line for line in lines if line) + "\n")
    if document.tables:
        out.notes.append(f"文档中的 {len(document.tables)} 个表格没有导入（正文中的表格请在 YAML 中手工整理）")
    return out


# ---- PDF ---------------------------------------------------------------------------------

def _pdf(path: Path) -> SourceText:
    from pypdf import PdfReader   # heavy import, only needed here
    from pypdf.errors import PdfReadError
    logging.getLogger("pypdf").setLevel(logging.ERROR)   # its English warnings on untidy files mean nothing to editors
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not _open_without_password(reader):
            raise SourceProblem("PDF 文件有密码保护：请向发文单位索取未加密的文件")
        pages = []
        scanned = []
        for n, page in enumerate(reader.pages, 1):
            lines = _page_lines(page)
            if not lines and _has_images(page):
                scanned.append(n)
            pages.append(lines)
    except OSError as e:
        raise SourceProblem(f"无法读取文件 {path}：{e.strerror or e}") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError):
        raise SourceProblem("不是有效的 PDF 文件（文件损坏，或是改了扩展名的其他格式）") from None
    if not any(pages):
        raise SourceProblem("PDF 中没有文字层（可能是扫描件或图片）：本工具不做文字识别（OCR），"
                            "请向发文单位索取 Word 或文字版 PDF，或从官方网站复制正文存为 .txt")
    if scanned:
        raise SourceProblem(f"PDF 的第{'、'.join(map(str, scanned))}页只有图片、没有文字层（扫描页），"
                            "这些页的正文无法读取：请索取完整的文字版文件")
    lines, dropped = strip_page_furniture(pages)
    return SourceText(reflow(lines), dropped)


class Line(str):
    """A line of a PDF page; `x`, `y` are where it starts on the page and `size` its
    font size (None when unknown)."""
    x: float | None
    y: float | None
    size: float | None

    def __new__(cls, text: str, x: float | None = None, y: float | None = None, size: float | None = None):
        obj = str.__new__(cls, _tidy(text))
        obj.x, obj.y, obj.size = x, y, size
        return obj


# pypdf puts a space where the font changes, as between Chinese text and digits: 第 2 条
_CJK_DIGIT = re.compile(r"(?<=[　-〿一-鿿＀-￯]) +(?=[0-9])|(?<=[0-9]) +(?=[　-〿一-鿿＀-￯])")


def _tidy(text: str) -> str:
    return unify(text).strip()


def _page_lines(page) -> list[Line]:
    """The page's lines as pypdf extracts them, each with the x where it starts."""
    chunks: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, _font, size):
        chunks.append((text, tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5],
                       abs(size * tm[0] * cm[0]) or abs(size)))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(c[0] for c in chunks) != text:   # cannot tell where lines start: text only
        return [Line(ln) for ln in text.replace("\r", "\n").split("\n") if ln.strip()]
    lines: list[Line] = []
    current, start = "", None
    for chunk, x, y, size in chunks:
        pieces = chunk.replace("\r", "\n").split("\n")
        for k, piece in enumerate(pieces):
            if start is None and piece.strip():
                start = (x, y, size)
            current += piece
            if k < len(pieces) - 1:
                if current.strip():
                    lines.append(Line(current, *start))
                current, start = "", None
    if current.strip():
        lines.append(Line(current, *start))
    return lines


def _open_without_password(reader) -> bool:
    """Many official PDFs are "encrypted" only against editing, with an empty password."""
    try:
        return bool(reader.decrypt(""))
    except Exception:   # noqa: BLE001 - e.g. AES without the optional crypto package
        return False


def _has_images(page) -> bool:
    try:
        return bool(page.images)
    except Exception:   # noqa: BLE001 - a broken image still means "not text"
        return True


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s", "", line))


def _edges(lines: list[str]) -> tuple[list[int], list[int]]:
    """Indices of the lines at the top and at the bottom of a page (outermost first), by
    their place on the page where known: Chromium's header and footer come out last."""
    order = list(range(len(lines)))
    if lines and all(getattr(ln, "y", None) is not None for ln in lines):
        order.sort(key=lambda i: -lines[i].y)
    return order[:EDGE], order[::-1][:EDGE]


def strip_page_furniture(pages: list[list[str]]) -> tuple[list[str], list[str]]:
    """All lines of all pages without page numbers and running headers/footers;
    plus a description of what was dropped."""
    top, bottom = Counter(), Counter()
    for lines in pages:
        head, foot = _edges(lines)
        top.update({_key(lines[i]) for i in head})
        bottom.update({_key(lines[i]) for i in foot})
    need = max(2, -(-len(pages) // 3))   # a third of the pages: odd and even pages may differ
    running_top = {k for k, c in top.items() if c >= need}
    running_bottom = {k for k, c in bottom.items() if c >= need}
    kept: list[str] = []
    dropped: dict[str, list[int]] = {}
    for n, lines in enumerate(pages, 1):
        drop: set[int] = set()
        head, foot = _edges(lines)
        for edge, running, name in ((head, running_top, "页眉"), (foot, running_bottom, "页脚")):
            used: set[str] = set()
            for i in edge:
                if i in drop:   # a short page: its top and bottom lines overlap
                    continue
                line, key = lines[i], _key(lines[i])
                if _PAGE_NO.match(line):
                    drop.add(i)
                    dropped.setdefault("页码", []).append(n)
                elif key in running and key not in used and not _title_on_first_page(n, i, head, lines):
                    used.add(key)
                    drop.add(i)
                    dropped.setdefault(f"{name}“{line}”", []).append(n)
        kept += [ln for i, ln in enumerate(lines) if i not in drop]
    report = [f"{what}（{_pages(ns)}，共 {len(ns)} 处）" for what, ns in dropped.items()]
    return kept, report


def _title_on_first_page(n: int, i: int, head: list[int], lines: list[str]) -> bool:
    """The title at the top of page 1 often repeats as the running header of later pages."""
    if n != 1 or i != head[0]:
        return False
    key = _key(lines[i])
    return sum(_key(ln) == key for ln in lines) == 1 and bool(_TITLE_END.search(lines[i]))


def _pages(numbers: list[int]) -> str:
    ranges: list[list[int]] = []
    for n in sorted(set(numbers)):
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    return "、".join(f"第{a}页" if a == b else f"第{a}–{b}页" for a, b in ranges)


def reflow(lines: list[str]) -> str:
    """Paragraphs from lines broken by the page width; the first line (title) stays alone.

    Where the PDF shows that paragraphs start indented (official texts indent the
    first line by two characters), a line at the left margin continues the one
    before even after a 。; otherwise only the punctuation decides."""
    if not lines:
        return ""
    margin = _margin(lines)
    out = [str(lines[0])]
    last_article = 0
    in_note = False
    in_body = False   # before the body, a whole parenthesised line is the 题注
    for line in lines[1:]:
        starts, number = _starts_block(line, last_article)
        if number:
            last_article = number
        in_body = in_body or starts
        prev = out[-1]
        note = not in_body and prev[0] in "（(" and prev[-1] in "）)"
        x = getattr(line, "x", None)
        if margin is not None and x is not None:
            new = x > margin + 1 or _ends_heading(prev) or note
        else:
            new = _ends_paragraph(prev) or note
        if len(out) > 1 and not starts and not new:
            out[-1] = prev + _glue(prev, line, in_note) + line
        else:
            out.append(str(line))
            in_note = len(out) == 2 and line[0] in "（("
        if in_note and out[-1][-1] in "）)":
            in_note = False
    return "\n".join(out) + "\n"


def _margin(lines: list[str]) -> float | None:
    """The left margin of body lines when paragraphs visibly start indented, else None."""
    xs = [round(x) for x in (getattr(ln, "x", None) for ln in lines) if x is not None]
    if len(xs) < len(lines) * 0.9 or len(xs) < 6:
        return None
    counts = Counter(xs)
    common = [x for x, c in counts.items() if c >= max(2, len(xs) * 0.1)]
    if not common:
        return None
    margin = min(common)
    # a first-line indent is a few characters; centred headings and titles sit much further in
    sizes = [ln.size for ln in lines if getattr(ln, "size", None)]
    em = sorted(sizes)[len(sizes) // 2] if sizes else 12.0
    indented = sum(1 for x in xs if margin + 1 < x <= margin + 4 * em)
    # both kinds common: wrapped lines at the margin, first lines indented
    return float(margin) if indented >= len(xs) * 0.1 else None


def _glue(prev: str, line: str, in_note: bool) -> str:
    if in_note and re.search("(?:批准|发布|印发|通过|修订|修改)$", prev) and line[0].isdigit():
        return " "   # one event per line in a 题注, as the official text prints it
    if prev[-1].isascii() and prev[-1].isalpha() and line[0].isascii() and line[0].isalpha():
        return " "
    return ""


def _starts_block(line: str, last_article: int) -> tuple[bool, int | None]:
    if m := _ARTICLE.match(line):
        n = cn_to_int(m[1])
        # 第三十二条规定的…… at the start of a wrapped line is a reference, not an article
        if m[2] or n == last_article + 1 or (m[3] and m[3] not in _REFERENCE):
            return True, n
        return False, None
    return bool(_HEADING.match(line) or _ITEM.match(line) or _PREAMBLE.match(line)), None


def _ends_paragraph(line: str) -> bool:
    if line[-1] in _SENTENCE_END:
        return True
    if line[-1] in "”’」" and len(line) > 1 and line[-2] in _SENTENCE_END:
        return True
    return _ends_heading(line)


def _ends_heading(line: str) -> bool:
    return bool(_HEADING.match(line) or _PREAMBLE.match(line))
