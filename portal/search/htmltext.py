"""Searchable text of a built HTML page, split into sections (html.parser only).

Only the page content (`<article class="md-content__inner">`) is read. A page is
split into:

- the page itself (anchor ""): its h1 is the page title, text up to the first
  section below;
- heading sections: every h2–h6 with an id starts one (anchor = heading id);
- items: any block element with an id (`<section class="reg-art" id="art-3">`,
  `<li id="practice-1">`, a Q&A item …) is its own section; its title is its first
  heading, `<summary>` or its self link (`<a href="#art-3">第三条</a>`), its context
  the heading section it sits in.

Never read: `<script>`, `<style>`, `<template>`, forms and buttons (page controls),
`aria-hidden` decoration, heading permalinks, and anything marked
`data-search-exclude` (quiz answers and 解析). A page whose front matter says
`search: exclude: true` carries `data-search-page="exclude"` (see
overrides/partials/portal-search.html) and is reported as excluded; one whose front
matter says `search: title_only: true` (quiz pages) is read up to its h1 only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_WRAP = re.compile(f"(?<=[{HAN}\u3000-\u303f\uff00-\uffef])[ \t\r\f]*\n\\s*(?=[{HAN}\u3000-\u303f\uff00-\uffef])")
_SPACE = re.compile(r"[ \t\r\n\f]+")

SKIP_TAGS = {"script", "style", "template", "noscript", "svg", "form", "button", "select",
             "textarea", "input", "iframe", "object", "canvas", "audio", "video"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
             "source", "track", "wbr"}
ITEM_TAGS = {"section", "article", "li", "details", "div", "aside", "dd", "dt", "tr", "p",
             "blockquote", "figure"}
BLOCK_TAGS = ITEM_TAGS | {"ul", "ol", "dl", "table", "thead", "tbody", "td", "th", "br", "hr",
                          "h1", "h2", "h3", "h4", "h5", "h6", "summary", "pre", "figcaption",
                          "header", "footer", "nav", "main"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIP_CLASSES = {"headerlink", "md-content__button", "md-source-file"}


def unwrap(text: str) -> str:
    """A source line break between Chinese characters of one text node is no space."""
    return _WRAP.sub("", text)


def clean(text: str) -> str:
    """Collapse whitespace."""
    return _SPACE.sub(" ", text).strip()


@dataclass
class Section:
    anchor: str                  # "" for the page itself
    title: str = ""              # heading / item title ("" for the page itself)
    context: str = ""            # heading section an item sits in
    kind: str = "page"           # "page" | "heading" | "item"
    title_from_label: bool = False   # item title taken from its self link (e.g. 第三条)
    key: bool = False                # marked `data-search-key` (a regulation's key article)
    blocks: list[str] = field(default_factory=list)

    @property
    def text_blocks(self) -> list[str]:
        return [b for b in (clean(x) for x in self.blocks) if b]

    @property
    def text(self) -> str:
        return " ".join(self.text_blocks)


@dataclass
class PageText:
    title: str
    excluded: bool
    sections: list[Section]
    meta: dict = field(default_factory=dict)   # data-search-category / -status / -issuer of the content


class _Parser(HTMLParser):
    def __init__(self, titles_only: bool):
        super().__init__(convert_charrefs=True)
        self.titles_only = titles_only
        self.excluded = False
        self.title_only = False         # the page asks to be indexed by its title (h1) alone
        self.head_title: list[str] = []
        self.in_title = False
        self.article_depth = 0          # >0 inside the page content
        self.stack: list[tuple[str, dict]] = []
        self.skip = 0                   # >0 inside a skipped subtree
        self.page = Section("")
        self.sections = [self.page]
        self.heading_section = self.page
        self.items: list[Section] = []  # open item sections, innermost last
        self.capture: list[str] | None = None   # text of the heading being read
        self.capture_role = ""          # "page-title" | "heading" | "item-title" | "label" | "body-heading"
        self.page_title: list[str] = []
        self.inline_closed = False      # an inline element just ended, no text since
        self.meta: dict[str, str] = {}  # data-search-category, -status, -issuer (regulation pages)

    # -- helpers --------------------------------------------------------------
    def _target(self) -> Section:
        return self.items[-1] if self.items else self.heading_section

    def _block(self) -> None:
        target = self._target()
        if not target.blocks or target.blocks[-1]:
            target.blocks.append("")

    def _text(self, data: str) -> None:
        if self.titles_only:
            return
        target = self._target()
        if not target.blocks:
            target.blocks.append("")
        target.blocks[-1] += unwrap(data)

    # -- parser callbacks -----------------------------------------------------
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("data-search-page") == "exclude":
            self.excluded = True
        elif a.get("data-search-page") == "title":
            self.title_only = True
        if tag == "title" and not self.article_depth:
            self.in_title = True
        if self.article_depth == 0:
            if tag == "article" and "md-content__inner" in (a.get("class") or "").split():
                self.article_depth = 1
            return
        if tag in VOID_TAGS:
            if tag in BLOCK_TAGS and not self.skip:
                self._block()
            return
        for name in ("category", "status", "issuer"):
            if a.get("data-search-" + name) and name not in self.meta:
                self.meta[name] = a["data-search-" + name]
        classes = set((a.get("class") or "").split())
        flags = {}
        if self.skip or tag in SKIP_TAGS or "data-search-exclude" in a or classes & SKIP_CLASSES \
                or a.get("aria-hidden") == "true" or "hidden" in a:
            self.skip += 1
            flags["skip"] = True
        if tag == "article":
            self.article_depth += 1
        self.stack.append((tag, flags))
        if flags:
            return
        if tag in BLOCK_TAGS:
            self._block()
        elif self.inline_closed:
            self._text(" ")      # <a>标签一</a><a>标签二</a>: separate words, not one run
        self.inline_closed = False
        if tag in HEADINGS and self.capture is None:
            self._start_heading(tag, a.get("id"))
        elif tag in ITEM_TAGS and a.get("id") and not self.titles_only:
            self._start_item(a["id"], "data-search-key" in a)
        elif tag == "summary" and self.items and not self.items[-1].title and self.capture is None:
            self.capture, self.capture_role = [], "item-title"
            flags["capture"] = True
        elif tag == "a" and self.items and not self.items[-1].title and self.capture is None \
                and a.get("href") == "#" + self.items[-1].anchor:
            self.capture, self.capture_role = [], "label"
            flags["capture"] = True

    def _start_heading(self, tag: str, hid: str | None) -> None:
        if tag == "h1" and not self.page_title and not self.items:
            role = "page-title"
        elif self.items:
            role = "item-title" if not self.items[-1].title else "body-heading"
        elif hid:
            section = Section(hid, kind="heading")
            self.sections.append(section)
            self.heading_section = section
            role = "heading"
        else:
            role = "body-heading"
        self.capture, self.capture_role = [], role
        self.stack[-1][1]["capture"] = True

    def _start_item(self, item_id: str, key: bool = False) -> None:
        context = self.heading_section.title if self.heading_section is not self.page else ""
        if self.items and self.items[-1].context:
            context = self.items[-1].context
        section = Section(item_id, context=context, kind="item", key=key)
        self.sections.append(section)
        self.items.append(section)
        self.stack[-1][1]["item"] = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and self.article_depth:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if not self.article_depth or tag in VOID_TAGS:
            return
        if not any(t == tag for t, _ in self.stack):
            if tag == "article":
                self.article_depth = 0
            return
        while self.stack:
            t, flags = self.stack.pop()
            self._close(t, flags)
            if t == tag:
                break

    def _close(self, tag: str, flags: dict) -> None:
        if flags.get("skip"):
            self.skip -= 1
        if tag == "article":
            self.article_depth -= 1
        if flags.get("capture") and self.capture is not None:
            text = clean("".join(self.capture))
            role = self.capture_role
            self.capture, self.capture_role = None, ""
            if role == "page-title":
                self.page_title.append(text)
            elif role == "heading":
                self.heading_section.title = text
            elif role in ("item-title", "label") and self.items:
                self.items[-1].title = text
                self.items[-1].title_from_label = role == "label"
        if flags.get("item") and self.items:
            self.items.pop()
        if tag in BLOCK_TAGS and not self.skip:
            self._block()
        self.inline_closed = tag not in BLOCK_TAGS and not self.skip

    def handle_data(self, data):
        self.inline_closed = False
        if self.in_title:
            self.head_title.append(data)
        if not self.article_depth or self.skip:
            return
        if self.capture is not None:
            self.capture.append(unwrap(data))
            # a heading's or summary's text is a title, not body text; self links stay in the text
            if self.capture_role in ("label", "body-heading"):
                self._text(data)
            return
        self._text(data)


def page_text(html: str, *, titles_only: bool = False) -> PageText:
    """Sections of one built page; `titles_only` keeps titles and drops all body text."""
    parser = _Parser(titles_only)
    start = html.find('<article class="md-content__inner')
    if start > 0:        # parse the <title>, the header marker and the content only (not the sidebar)
        head_end = html.find("</header>", 0, start)
        parser.feed(html[:head_end if head_end > 0 else start])
        if parser.excluded:
            return PageText(clean("".join(parser.head_title)).split(" - ")[0], True, [])
        end = html.rfind("</article>")
        stop = end + len("</article>") if end > start else len(html)
        if parser.title_only:    # a quiz page is 100 KB of questions: read up to its h1 only
            h1_end = html.find("</h1>", start, stop)
            stop = h1_end + len("</h1>") if h1_end > 0 else stop
        parser.feed(html[start:stop])
    else:
        parser.feed(html)
    parser.close()
    title = parser.page_title[0] if parser.page_title else clean("".join(parser.head_title)).split(" - ")[0]
    sections = [s for s in parser.sections if s.kind == "page" or s.title or s.text]
    return PageText(title, parser.excluded, sections, parser.meta)


def content_text(content: str, *, title: str, excluded: bool = False, title_only: bool = False,
                 titles_only: bool = False) -> PageText:
    """What page_text() reads from a built page, from the page's content alone (the HTML
    inside `<article class="md-content__inner">`, as the generator renders it) and the
    page's front matter flags: lets the index read a page before its theme wraps it.
    Only for content with its own h1 (the theme adds one to a page without)."""
    if excluded:
        return PageText(title, True, [])
    parser = _Parser(titles_only)
    parser.article_depth = 1
    parser.title_only = title_only
    stop = len(content)
    if title_only:
        h1_end = content.find("</h1>")
        stop = h1_end + len("</h1>") if h1_end >= 0 else stop
    parser.feed(content[:stop])
    parser.close()
    sections = [s for s in parser.sections if s.kind == "page" or s.title or s.text]
    return PageText(parser.page_title[0] if parser.page_title else title, False, sections, parser.meta)
