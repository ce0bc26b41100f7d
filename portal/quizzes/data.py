"""Question view models and the data handed to quiz.js (page JSON and bank.js).

Everything the browser needs to check an answer (answers, 解析, article text) is
built here. It reaches pages only as JSON inside `<script type="application/json">`
(escaped for the script context by `script_json`), inside `bank.js`, or inside
elements excluded from site search: never as searchable page text.
"""
from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup

from portal.web.mdrender import render_inline, render_markdown
from portal.content.models import Question, Quiz, Regulation
from portal.content.answers import BLANK, LETTERS, is_catch_all
from portal.web.render import render
from portal.web.urls import Links, page_url

TYPE_ORDER = ("单选", "多选", "判断", "填空")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Blanks are swapped for these markers before Markdown runs (which could read `____`
# as emphasis) and for blank markup after it; private-use characters survive Markdown.
_MARK = re.compile("\ue000(\\d+)\ue001")

# Pages the quiz section owns besides one page per quiz; a quiz file with one of
# these names would take the same URL.
MISTAKES_ID = "cuotiben"
RECORD_ID = "xuexi-jilu"


@dataclass
class Cite:
    key: str            # regulation-id#N
    title: str          # 《机关基层组织工作条例》第五条
    url: str            # site-root-relative: regulations/<id>/#art-5
    href: str           # relative to the page being rendered
    text: list[str]     # the article's paragraphs (plain text)


@dataclass
class QuestionView:
    q: Question
    stem: Markup                    # blanks shown as （ ① ）
    stem_filled: Markup             # blanks filled with the answer (answers view)
    options: list[tuple[str, str, bool]] = field(default_factory=list)   # letter, text, is correct
    answer: str = ""                # readable answer: "A、C", "对", "① 甲（或：乙）　② 丙"
    explanation: Markup = Markup("")
    cite: Cite | None = None
    score: int = 1
    note: str | None = None         # shown with the question; keeps it out of mock exams (条文已修订)


def _blank_mark(n: int, many: bool) -> str:
    return CIRCLED[n - 1] if many and n <= len(CIRCLED) else (str(n) if many else "\u3000\u3000")


def alternatives(answer: str) -> list[str]:
    return [a.strip() for a in answer.split("|") if a.strip()]


def blank_answer_text(answer: str) -> str:
    alts = alternatives(answer)
    return alts[0] + (f"（或：{'、'.join(alts[1:])}）" if len(alts) > 1 else "")


def stem_html(q: Question, fill: bool = False) -> Markup:
    """The stem as inline HTML; 填空 blanks become numbered (or answer-filled) spans."""
    if q.type != "填空":
        return render_inline(q.stem)
    counter = iter(range(1, 1000))
    marked = BLANK.sub(lambda m: f"\ue000{next(counter)}\ue001", q.stem)
    html = str(render_inline(marked))
    many = len(q.answer) > 1

    def blank(m: re.Match) -> str:
        n = int(m.group(1))
        answer = blank_answer_text(q.answer[n - 1]) if fill and n <= len(q.answer) else None
        return _blank_html(n, _blank_mark(n, many), answer)
    return Markup(_MARK.sub(blank, html))


@lru_cache(maxsize=4096)
def _blank_html(n: int, mark: str, fill: str | None) -> str:
    # the same few blanks recur in thousands of questions: render each once
    return render("quiz-blank.html", n=n, mark=mark, fill=fill).strip()


def paper_order(q: Question) -> list[int]:
    """The one seeded order of a 单选/多选 question's options on the printed 试卷, its 答案
    and the no-JavaScript page (quiz.js shuffles anew for each attempt): seeded by the
    question id, so the 试卷 and its 答案 agree and stay the same from build to build;
    options such as "以上都是" keep their place."""
    n = len(q.options)
    if q.type not in ("单选", "多选"):
        return list(range(n))
    fixed = {i for i, option in enumerate(q.options) if is_catch_all(option)}
    free = [i for i in range(n) if i not in fixed]
    random.Random(f"portal-paper:{q.id}").shuffle(free)
    it = iter(free)
    return [i if i in fixed else next(it) for i in range(n)]


def answer_text(q: Question) -> str:
    if q.type in ("单选", "多选"):
        order = paper_order(q)
        return "、".join(sorted(LETTERS[order.index(LETTERS.index(key))] for key in q.answer))
    if q.type == "判断":
        return q.answer[0]
    many = len(q.answer) > 1
    return "\u3000".join((f"{_blank_mark(i, True)} " if many else "") + blank_answer_text(a)
                         for i, a in enumerate(q.answer, 1))


def cite_title(reg: Regulation, number: int) -> str:
    art = reg.article(number)
    return f"《{reg.short_title or reg.title}》{art.label if art else f'第{number}条'}"


def _as_cite(found: tuple | None, links: Links) -> Cite | None:
    if found is None:
        return None
    reg_id, number, key, title, url, text = found
    return Cite(key=key, title=title, url=url, href=links.regulation(reg_id, number), text=text)


def _cited(lib, q: Question) -> tuple | None:
    if not q.cite:
        return None
    reg_id, number = q.cite
    reg = lib.regulations.get(reg_id)
    art = reg.article(number) if reg else None
    if art is None:
        return None
    url = page_url("regulation", reg_id) + f"#{art.anchor}"
    return reg_id, number, q.source, cite_title(reg, number), url, [p.text for p in art.paragraphs]


def question_view(lib, q: Question, links: Links) -> QuestionView:
    # one question appears in its practice page, 试卷, 答案 and bank.js: render its text once per load
    # (the preview hands this memo to the next load: an entry is good while the question and
    # the regulation it cites are the same objects, i.e. their files did not change)
    memo = lib.memo.setdefault("question_parts", {})
    reg = lib.regulations.get(q.cite[0]) if q.cite else None
    entry = memo.get((q.quiz_id, q.index))
    if entry is None or entry[0] is not q or entry[1] is not reg:
        entry = memo[(q.quiz_id, q.index)] = (q, reg, (stem_html(q), stem_html(q, fill=True), answer_text(q),
                                                        render_markdown(q.explanation), _cited(lib, q)))
    stem, filled, answer, explanation, found = entry[2]
    return QuestionView(
        q=q, stem=stem, stem_filled=filled,
        options=[(LETTERS[pos], q.options[i], LETTERS[i] in q.answer) for pos, i in enumerate(paper_order(q))],
        answer=answer, explanation=explanation, cite=_as_cite(found, links), score=q.score,
        note=lib.review_notes.get(q.id))


def question_data(view: QuestionView) -> dict:
    """One question for quiz.js (same shape in page JSON and bank.js).

    `fixed`: options that keep their place when quiz.js shuffles the others ("以上都是");
    `note`: shown with the question, which mock exams then leave out (条文已修订)."""
    q = view.q
    data = {"id": q.id, "quiz": q.quiz_id, "type": q.type, "stem": str(view.stem), "options": list(q.options),
            "answer": list(q.answer), "explanation": str(view.explanation), "score": q.score,
            "source": view.cite.key if view.cite else None}
    fixed = [i for i, option in enumerate(q.options) if is_catch_all(option)]
    if fixed:
        data["fixed"] = fixed
    if view.note:
        data["note"] = view.note
    return data


def article_data(views: list[QuestionView]) -> dict:
    """Cited articles, once each: {"reg#N": {title, url, text}} (url site-root-relative)."""
    return {v.cite.key: {"title": v.cite.title, "url": v.cite.url, "text": v.cite.text}
            for v in views if v.cite}


def totals(quiz: Quiz) -> tuple[int, int]:
    """(question count, full marks) of a practice quiz or a mock exam."""
    if quiz.is_exam:
        return sum(r.count for r in quiz.draw), sum(r.count * r.score for r in quiz.draw)
    return len(quiz.questions), sum(q.score for q in quiz.questions)


def quiz_meta(lib, quiz: Quiz) -> dict:
    reg = lib.regulations.get(quiz.regulation) if quiz.regulation else None
    count, total = totals(quiz)
    return {"title": quiz.title, "url": page_url("quiz", quiz.id), "exam": quiz.is_exam, "pass": quiz.pass_mark,
            "tags": list(quiz.tags), "count": count, "total": total,
            "regulation": ({"title": f"《{reg.display_title}》", "url": page_url("regulation", reg.id)}
                           if reg else None)}


def bank_data(lib) -> dict:
    """The whole bank for the mock exam and the 错题本 (links are site-root-relative)."""
    links = Links("")
    views = [question_view(lib, q, links) for quiz in lib.quizzes.values() for q in quiz.questions]
    return {"quizzes": {quiz.id: quiz_meta(lib, quiz) for quiz in lib.quizzes.values()},
            "questions": [question_data(v) for v in views],
            "articles": article_data(views)}


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
