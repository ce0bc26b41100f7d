"""The 自测练习 section: pages for quizzes, mock exams, 错题本 and 学习记录, and bank.js.

URL scheme (directory URLs, see web/urls.py):

    quizzes/<id>/           practice quiz (or mock exam when the file has `draw:`)
    quizzes/<id>/?only=a,b  practise only these question ids (regulation pages, 错题本)
    quizzes/<id>/paper/     printable 试卷 (questions only)
    quizzes/<id>/answers/   答案 view (answers and 解析; not in site search)
    quizzes/cuotiben/       错题本
    quizzes/xuexi-jilu/     学习记录 (best scores, export and import)
    assets/portal/bank.js   window.PORTAL_BANK: the whole bank, for exams and the 错题本

All interaction lives in docs/assets/portal/quiz.js; these pages carry the data it
needs and a no-JavaScript fallback (answers folded in <details>).
"""
from __future__ import annotations

import posixpath
from functools import partial

from portal.content.models import Quiz
from portal.web.pagecache import NO_CACHE, NoCache, PageCache, now
from portal.quizzes.data import (MISTAKES_ID, RECORD_ID, TYPE_ORDER, article_data, bank_data,
                       digest, question_data, question_view, quiz_meta, totals)
from portal.web.generated import Generated
from portal.web.render import render
from portal.web.scriptdata import script_json
from portal.web.urls import Links, page_path, page_url

BANK_PATH = "assets/portal/bank.js"
# One concern per file, loaded in this order by plain <script> tags (file:// keeps working);
# quiz.js starts the page's app once the others have set up window.PortalQuiz.
QUIZ_JS = ("assets/portal/quiz-core.js", "assets/portal/quiz-view.js", "assets/portal/quiz-exam.js",
           "assets/portal/quiz-book.js", "assets/portal/quiz.js")
QUIZ_CSS = "assets/portal/quiz.css"
MISTAKES_URL = f"quizzes/{MISTAKES_ID}/"
RECORD_URL = f"quizzes/{RECORD_ID}/"


def base_href(here: str) -> str:
    """Relative URL of the site root from the page at `here` ("../../" from quizzes/x/)."""
    rel = posixpath.relpath("/", "/" + here.rstrip("/")) if here.strip("/") else "."
    return "./" if rel == "." else rel + "/"


def _sections(lib, quiz: Quiz, links: Links) -> list[tuple[str, list]]:
    """Question views in file order, numbered; grouped by type only for the printable views."""
    views = [question_view(lib, q, links) for q in quiz.questions]
    return [(t, [v for v in views if v.q.type == t]) for t in TYPE_ORDER if any(v.q.type == t for v in views)]


def practice_page(lib, quiz: Quiz) -> str:
    here = page_url("quiz", quiz.id)
    links = Links(here)
    views = [question_view(lib, q, links) for q in quiz.questions]
    count, total = totals(quiz)
    meta = quiz_meta(lib, quiz)
    data = {"kind": "practice", "id": quiz.id, "quiz": meta, "questions": [question_data(v) for v in views],
            "articles": article_data(views)}
    reg = lib.regulations.get(quiz.regulation) if quiz.regulation else None
    return render("quiz.md.j2", quiz=quiz, views=views, count=count, total=total, reg=reg, links=links,
                  data=script_json(data), base=base_href(here), assets=_assets(), urls=_urls(links))


def paper_page(lib, quiz: Quiz, *, answers: bool) -> str:
    here = page_url("quiz", quiz.id) + ("answers/" if answers else "paper/")
    links = Links(here)
    count, total = totals(quiz)
    reg = lib.regulations.get(quiz.regulation) if quiz.regulation else None
    return render("quiz-paper.md.j2", quiz=quiz, sections=_sections(lib, quiz, links), count=count, total=total,
                  reg=reg, links=links, answers=answers, assets=_assets())


def exam_page(lib, quiz: Quiz, bank_version: str) -> str:
    here = page_url("quiz", quiz.id)
    links = Links(here)
    count, total = totals(quiz)
    data = {"kind": "exam", "id": quiz.id, "quiz": quiz_meta(lib, quiz), "timeLimit": quiz.time_limit,
            "rules": [{"type": r.type, "count": r.count, "score": r.score, "tags": list(r.tags)} for r in quiz.draw]}
    return render("exam.md.j2", quiz=quiz, count=count, total=total, links=links, data=script_json(data),
                  base=base_href(here), assets=_assets(bank_version), urls=_urls(links))


def mistakes_page(lib, bank_version: str) -> str:
    links = Links(MISTAKES_URL)
    return render("record-mistakes.md.j2", links=links, base=base_href(MISTAKES_URL),
                  assets=_assets(bank_version), urls=_urls(links), data=script_json({"kind": "mistakes"}))


def record_page(lib) -> str:
    links = Links(RECORD_URL)
    data = {"kind": "record", "quizzes": {q.id: quiz_meta(lib, q) for q in lib.quizzes.values()}}
    return render("record-history.md.j2", links=links, base=base_href(RECORD_URL), assets=_assets(),
                  urls=_urls(links), data=script_json(data))


def quiz_index(lib, here: str) -> str:
    """Markdown for the hand-written section index (`{{ quiz_index() }}`): practice quizzes,
    mock exams and the 错题本/学习记录 links; quiz.js fills in the reader's best scores."""
    links = Links(here)
    practice, exams = [], []
    for quiz in lib.quizzes.values():
        count, total = totals(quiz)
        reg = lib.regulations.get(quiz.regulation) if quiz.regulation else None
        (exams if quiz.is_exam else practice).append({"quiz": quiz, "count": count, "total": total, "reg": reg})
    return render("quiz-index.md.j2", practice=practice, exams=exams, links=links, urls=_urls(links),
                  base=base_href(here))


def _assets(bank_version: str | None = None) -> dict:
    scripts = ([f"{BANK_PATH}?v={bank_version}"] if bank_version else []) + list(QUIZ_JS)
    return {"scripts": scripts, "stylesheets": [QUIZ_CSS]}


def _urls(links: Links) -> dict:
    return {"index": links.to("quizzes/"), "mistakes": links.to(MISTAKES_URL), "record": links.to(RECORD_URL)}


def bank_script(lib) -> str:
    return render("quiz-bank.js.j2", bank=script_json(bank_data(lib)))


def regulations_used(lib, quiz: Quiz) -> tuple:
    """The regulations a quiz's pages quote: the one it belongs to and every cited one."""
    ids = dict.fromkeys(([quiz.regulation] if quiz.regulation else []) + [q.cite[0] for q in quiz.questions if q.cite])
    return tuple(lib.regulations[i] for i in ids if i in lib.regulations)


def generated(lib, cache: PageCache | NoCache = NO_CACHE) -> list:
    """Every generated file of the section (site.generated_files() adds them to the site).

    `cache` (the preview's) makes a page again only when its quiz or a regulation it
    quotes changed; see web/pagecache.py."""
    used = {quiz.id: regulations_used(lib, quiz) for quiz in lib.quizzes.values()}
    everything = tuple(lib.quizzes.values()) + tuple({id(r): r for regs in used.values() for r in regs}.values())
    bank = now(cache.page(BANK_PATH, everything, None, partial(bank_script, lib)))
    version = digest(bank)
    out = [Generated(BANK_PATH, bank)]
    for quiz in lib.quizzes.values():
        inputs = (quiz, *used[quiz.id])
        if quiz.is_exam:
            path = page_path("quiz", quiz.id)
            out.append(Generated(path, cache.page(path, inputs, version, partial(exam_page, lib, quiz, version)),
                                 quiz.path))
            continue
        pages = [(page_path("quiz", quiz.id), partial(practice_page, lib, quiz)),
                 (f"quizzes/{quiz.id}/paper.md", partial(paper_page, lib, quiz, answers=False)),
                 (f"quizzes/{quiz.id}/answers.md", partial(paper_page, lib, quiz, answers=True))]
        for path, make in pages:
            out.append(Generated(path, cache.page(path, inputs, None, make), quiz.path))
    out.append(Generated(f"quizzes/{MISTAKES_ID}.md", mistakes_page(lib, version)))
    out.append(Generated(f"quizzes/{RECORD_ID}.md", record_page(lib)))
    return out
