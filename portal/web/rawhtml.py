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
    """Replace each run of blank-line separated chunks that start with a tag by one token
    (one token per run, not per chunk: each token is a paragraph Python-Markdown runs
    all its inline patterns over)."""
    blocks: list[str] = []
    out: list[str] = []
    joined = False                 # the previous chunk went into the last block
    for chunk in markdown.split("\n\n"):
        if chunk.startswith("<") and not chunk.startswith("<!--") and "markdown=" not in chunk:
            if joined:
                blocks[-1] += "\n\n" + chunk
                continue
            out.append(_TOKEN.format(len(blocks)))
            blocks.append(chunk)
            joined = True
        else:
            out.append(chunk)
            joined = False
    return "\n\n".join(out), blocks


def restore(html: str, blocks: list[str]) -> str:
    if not blocks:
        return html
    return _RESTORE.sub(lambda m: blocks[int(m.group(1))], html)
