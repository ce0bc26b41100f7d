"""Page rendering from template files (portal/templates); no MkDocs here."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .crossref import link_text
from .mdrender import render_inline, render_markdown
from .models import Article, Heading, PreambleParagraph, Regulation
from .urls import Links, page_url

TEMPLATES = Path(__file__).parent / "templates"
STATUS_CLASS = {"有效": "valid", "已修改": "amended", "已废止": "repealed", "尚未生效": "pending"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md_heading(text: str) -> Markup:
    """Escape text for a Markdown heading line (HTML and Markdown syntax)."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(text))))


def date_cn(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(md=render_markdown, md_inline=render_inline, mdh=md_heading, date_cn=date_cn)
    env.globals.update(STATUS_CLASS=STATUS_CLASS)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def heading_depths(reg: Regulation) -> dict[str, int]:
    """Markdown heading depth per structural level: the top one present is ##."""
    present = [lvl for lvl in ("bian", "zhang", "jie") if any(h.level == lvl for h in reg.parsed.headings)]
    depths = {lvl: 2 + i for i, lvl in enumerate(present)}
    depths.update(preamble=2, plain=2 + max(0, len(present) - 1) if present else 2)
    return depths


def _first_sentence(article: Article, limit: int = 40) -> str:
    text = article.paragraphs[0].text if article.paragraphs else ""
    return text if len(text) <= limit else text[:limit] + "……"


def regulation_page(lib, reg: Regulation, *, updated: date | None = None) -> str:
    """Markdown source (headings + HTML blocks) of one regulation's page."""
    links = Links(page_url("regulation", reg.id))
    titles = lib.titles
    depths = heading_depths(reg)

    def segments(text: str):
        return link_text(text, reg, titles, lib.regulations, links)

    cited = lib.citations.get(reg.id, {})
    blocks = []
    for b in reg.parsed.blocks:
        if isinstance(b, Heading):
            text = f"{b.label}\u3000{b.title}" if b.label else b.title
            blocks.append({"kind": "heading", "hashes": "#" * depths[b.level], "text": text.strip()})
        elif isinstance(b, PreambleParagraph):
            blocks.append({"kind": "preamble", "segments": segments(b.text)})
        else:
            blocks.append({"kind": "article", "art": b, "key": b.number in reg.key_articles,
                           "note": reg.notes.get(b.number), "practice": _practice(lib, cited.get(b.number), links),
                           "paragraphs": [{"item": p.is_item, "segments": segments(p.text)}
                                          for p in b.paragraphs]})
    newer = lib.regulations.get(reg.superseded_by) if reg.superseded_by else None
    older = [r for r in lib.regulations.values() if r.superseded_by == reg.id]
    key_articles = [a for a in (reg.article(n) for n in reg.key_articles) if a]
    quizzes = [q for q in lib.quizzes.values() if q.regulation == reg.id and not q.is_exam]
    return render("regulation.md.j2", reg=reg, blocks=blocks, links=links, updated=updated, quizzes=quizzes,
                  newer=newer, older=older, excerpt="节选" in (reg.source or ""),
                  key_articles=[(a, _first_sentence(a)) for a in key_articles])


def _practice(lib, questions, links: Links) -> list[dict]:
    """Links that practise exactly the questions citing one article, one per quiz."""
    by_quiz: dict[str, list[str]] = {}
    for q in questions or []:
        by_quiz.setdefault(q.quiz_id, []).append(q.id)
    return [{"href": links.quiz(quiz_id) + "?only=" + ",".join(ids), "count": len(ids),
             "title": lib.quizzes[quiz_id].title} for quiz_id, ids in by_quiz.items()]


def facet_counts(values: list[list[str]]) -> list[tuple[str, int]]:
    counts = Counter(v for vs in values for v in vs)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def regulation_index(lib, here: str) -> str:
    """HTML block listing every regulation with client-side filters (the {{ regulation_index() }} macro).

    A compact list in the HTML, the cards from a data file: see indexdata.py.
    """
    from .indexdata import regulation_index   # indexdata builds on this module: import late
    return regulation_index(lib, here)


def index_data_files(lib) -> list:
    """The data files of the section index pages (法规制度, 党建品牌): see indexdata.py."""
    from .indexdata import generated
    return generated(lib)
