"""Editor-written Markdown (导读、笔记、解析) rendered without raw HTML or unsafe links."""
from __future__ import annotations

import re
from functools import lru_cache
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_URL = re.compile(r"^(https?:|mailto:|#|/|\.|[^:/?#]+(?:[/?#]|$))", re.I)


class _SafeLinks(Treeprocessor):
    """Drop href/src values with schemes such as javascript: or data:."""

    def run(self, root: Element) -> None:
        for el in root.iter():
            for attr in ("href", "src"):
                value = el.get(attr)
                if value is not None and not SAFE_URL.match(value.strip()):
                    del el.attrib[attr]


def _make() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")
    # Raw HTML in content is shown as text, never passed through.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)
    return md


_MD = _make()


# Text that Markdown would only wrap in <p>: no markup characters, no line-start
# syntax. Most stems, options and notes are such plain sentences.
_PLAIN = re.compile(r"^(?![ \t]|\d+\.\s|[-+]\s)[^\n\\`*_\[\]<>&#|~!]*$")


@lru_cache(maxsize=20000)
def render_markdown(text: str | None) -> Markup:
    if not text:
        return Markup("")
    plain = text.rstrip("\n")
    if _PLAIN.match(plain):
        return Markup(f"<p>{plain}</p>")
    _MD.reset()
    return Markup(_MD.convert(text))


@lru_cache(maxsize=20000)
def render_inline(text: str | None) -> Markup:
    """One paragraph of Markdown without the surrounding <p>."""
    html = str(render_markdown(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)
