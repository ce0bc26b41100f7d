"""The 法规制度 section: one page per regulation, article by article.

URL scheme (directory URLs, see web/urls.py): regulations/<id>/, an article at
regulations/<id>/#art-<n>. Citations inside the text become links (crossref.py).
"""
from __future__ import annotations

from datetime import date
from functools import partial

from portal.content.models import Article, Heading, PreambleParagraph, Regulation
from portal.regulations.crossref import link_text
from portal.web.generated import Generated
from portal.web.pagecache import NO_CACHE, NoCache, PageCache
from portal.web.render import render
from portal.web.urls import Links, page_path, page_url


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
    listed = lib.checklist_citations.get(reg.id, {})
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
                           "checklist_items": _checklist_items(listed.get(b.number), links),
                           "paragraphs": [{"item": p.is_item, "segments": segments(p.text)}
                                          for p in b.paragraphs]})
    newer = lib.regulations.get(reg.superseded_by) if reg.superseded_by else None
    older = [r for r in lib.regulations.values() if r.superseded_by == reg.id]
    key_articles = [a for a in (reg.article(n) for n in reg.key_articles) if a]
    quizzes = [q for q in lib.quizzes.values() if q.regulation == reg.id and not q.is_exam]
    return render("regulation.md.j2", reg=reg, blocks=blocks, links=links, updated=updated, quizzes=quizzes,
                  newer=newer, older=older, excerpt=reg.excerpt, held=held_articles(reg),
                  key_articles=[(a, _first_sentence(a)) for a in key_articles])


def held_articles(reg: Regulation) -> str:
    """The articles the page holds: 第一条至第三条, 共 3 条."""
    arts = reg.parsed.articles
    if not arts:
        return "没有条文"
    span = arts[0].label if len(arts) == 1 else f"{arts[0].label}至{arts[-1].label}"
    return f"{span}，共 {len(arts)} 条"


def _practice(lib, questions, links: Links) -> list[dict]:
    """Links that practise exactly the questions citing one article, one per quiz."""
    by_quiz: dict[str, list[str]] = {}
    for q in questions or []:
        by_quiz.setdefault(q.quiz_id, []).append(q.id)
    return [{"href": links.quiz(quiz_id) + "?only=" + ",".join(ids), "count": len(ids),
             "title": lib.quizzes[quiz_id].title} for quiz_id, ids in by_quiz.items()]


def _checklist_items(found, links: Links) -> list[dict]:
    """Links to the checklist items whose 依据 is one article (Library.checklist_citations)."""
    return [{"href": links.checklist(cl.id, item.id), "list": cl.title, "text": item.text}
            for cl, item in found or ()]


def generated(lib, cache: PageCache | NoCache = NO_CACHE, dates: dict | None = None) -> list[Generated]:
    """Every regulation page; `dates` gives each source file's last commit date (last updated).

    With the preview's `cache`, a page is made again only when its regulation, the quizzes
    it links to, or what it shows of the other regulations changed."""
    dates = dates or {}
    outline = regulations_outline(lib)
    quizzes_of = _quizzes_by_regulation(lib)
    lists_of = _checklists_by_regulation(lib)
    out = []
    for reg in lib.regulations.values():
        path, updated = page_path("regulation", reg.id), dates.get(reg.path)
        content = cache.page(path, (reg, *quizzes_of.get(reg.id, ()), *lists_of.get(reg.id, ())), (outline, updated),
                             partial(regulation_page, lib, reg, updated=updated))
        out.append(Generated(path, content, reg.path))
    return out


def regulations_outline(lib) -> int:
    """What one regulation's page shows of the others: titles, status, versions, article numbers
    (《title》第N条 links). A change here makes every regulation page again in the preview."""
    return hash(tuple((r.id, r.title, r.display_title, r.short_title, r.category, r.status, r.superseded_by,
                       tuple(a.number for a in r.parsed.articles)) for r in lib.regulations.values()))


def _quizzes_by_regulation(lib) -> dict[str, tuple]:
    """Quizzes a regulation page links to: those citing its articles and those belonging to it."""
    found: dict[str, dict] = {}
    for quiz in lib.quizzes.values():
        for reg_id in ([quiz.regulation] if quiz.regulation else []) + [q.cite[0] for q in quiz.questions if q.cite]:
            found.setdefault(reg_id, {})[quiz.id] = quiz
    return {reg_id: tuple(qs.values()) for reg_id, qs in found.items()}


def _checklists_by_regulation(lib) -> dict[str, tuple]:
    """Checklists a regulation page links to: those with items citing its articles."""
    found: dict[str, dict] = {}
    for reg_id, by_article in lib.checklist_citations.items():
        for pairs in by_article.values():
            for cl, _item in pairs:
                found.setdefault(reg_id, {})[cl.id] = cl
    return {reg_id: tuple(cls.values()) for reg_id, cls in found.items()}
