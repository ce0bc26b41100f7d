"""Turn citations inside article text into links.

`本条例第X条` links to the article on the same page; `《title》` (optionally
followed by `第X条`) links to a regulation in the library by title or short title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from portal.content.models import Regulation
from portal.content.numerals import cn_to_int
from portal.web.urls import Links

NUM = "[零〇一二三四五六七八九十百千两]+"
PATTERN = re.compile(
    rf"《(?P<title>[^《》\n]{{2,60}})》(?:第(?P<tnum>{NUM})条)?"
    rf"|本(?:条例|准则|规则|规定|办法|细则|章程|党章)第(?P<snum>{NUM})条")


@dataclass(frozen=True)
class Segment:
    text: str
    href: str | None = None


def link_text(text: str, reg: Regulation, titles: dict[str, str],
              regulations: dict[str, Regulation], links: Links) -> list[Segment]:
    segments: list[Segment] = []
    last = 0
    for m in PATTERN.finditer(text):
        href = _target(m, reg, titles, regulations, links)
        if href is None:
            continue
        if m.start() > last:
            segments.append(Segment(text[last:m.start()]))
        segments.append(Segment(m.group(0), href))
        last = m.end()
    if last < len(text):
        segments.append(Segment(text[last:]))
    return segments


def _target(m: re.Match, reg: Regulation, titles, regulations, links: Links) -> str | None:
    if m.group("snum"):
        n = cn_to_int(m.group("snum"))
        return f"#art-{n}" if n and reg.article(n) else None
    target_id = titles.get(m.group("title"))
    if target_id is None or target_id == reg.id and not m.group("tnum"):
        return None
    target = regulations[target_id]
    n = cn_to_int(m.group("tnum")) if m.group("tnum") else None
    if n and target.article(n):
        return f"#art-{n}" if target_id == reg.id else links.regulation(target_id, n)
    return links.regulation(target_id)
