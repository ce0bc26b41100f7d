"""Keep generated pages' HTML blocks away from the Markdown processor.

Generated pages are Markdown headings (for the table of contents) around large
pre-rendered, already escaped HTML blocks. Python-Markdown would re-parse every
block with its HTML parser only to pass it through unchanged, which was most of
the build time at scale; the blocks are swapped for placeholders before
conversion and put back after it.
"""
from __future__ import annotations

import re

_TOKEN = "PORTALRAWHTML{}X"
_RESTORE = re.compile(r"<p>PORTALRAWHTML(\d+)X</p>")


def protect(markdown: str) -> tuple[str, list[str]]:
    """Replace each blank-line separated chunk that starts with a tag by a token."""
    blocks: list[str] = []
    chunks = markdown.split("\n\n")
    for i, chunk in enumerate(chunks):
        if chunk.startswith("<") and not chunk.startswith("<!--") and "markdown=" not in chunk:
            chunks[i] = _TOKEN.format(len(blocks))
            blocks.append(chunk)
    return "\n\n".join(chunks), blocks


def restore(html: str, blocks: list[str]) -> str:
    if not blocks:
        return html
    return _RESTORE.sub(lambda m: blocks[int(m.group(1))], html)
