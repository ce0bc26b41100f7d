"""The audit as a content check (`portal check` and every build run it).

Errors: a 填空 answer not in its article, a citation of a superseded or repealed
regulation (引用已失效), a Q&A quotation not in the articles it cites, and a review
record that is malformed, edited by hand or names unknown questions. Warnings:
questions 待确认 or 条文已修订; `require_confirmed: true` in the review record makes
them errors too.
"""
from __future__ import annotations

from portal.audit import confirmations
from portal.audit.grounding import article_name, quotes
from portal.audit.normalise import article_text, normalise
from portal.audit.states import PENDING, REVISED, STALE, assess
from portal.content.problems import Problem

REVISED_NOTE = "所引条文已修订，本题待复核"


def check_audit(lib) -> None:
    record = confirmations.read(lib.root)
    lib.problems.extend(record.problems)
    known = {q.id for q in lib.questions.values()}
    for c in record.entries.values():
        if c.id not in known:
            lib.problems.append(Problem(confirmations.PATH, c.line, 5, f"复核记录中的题目“{c.id}”在题库中不存在："
                                        "题目已删除或改了编号时，请删除这一行（改编号的题目需要重新确认）"))
    strict = record.require_confirmed
    for e in assess(lib, record):
        q, path, at = e.q, e.quiz.path, ("questions", e.q.index)
        for where, message in e.errors:
            lib.at(path, at + where, message)
        if e.state == STALE and e.q.cite and e.q.cite[0] in lib.regulations and \
                lib.regulations[e.q.cite[0]].article(e.q.cite[1]):   # a missing article is reported by check_citations
            lib.at(path, at + ("source",), f"第{q.index + 1}题引用已失效：{e.reasons[0]}，请改为引用现行条文")
        elif e.state == PENDING and not e.errors:
            lib.at(path, at + ("id",), f"第{q.index + 1}题（{q.id}）待确认：{e.reasons[0]}；"
                                       f"对照条文核对后运行 python -m portal audit --confirm {q.id}", warning=not strict)
        elif e.state == REVISED:
            lib.review_notes[q.id] = REVISED_NOTE
            lib.at(path, at + ("id",), f"第{q.index + 1}题（{q.id}）条文已修订：{e.reasons[0]}，本题暂不进入模拟考试；"
                                       f"重新核对后运行 python -m portal audit --confirm {q.id}", warning=not strict)
    check_qa_quotes(lib)


def check_qa_quotes(lib) -> None:
    """A Q&A answer quoting (“…”) in a sentence that names an article it cites (refs: 第三条)
    must quote that article's text."""
    for coll in lib.qa.values():
        src = lib.sources.get(coll.path)
        for item in coll.items:
            cited = []
            for ref in item.refs:
                reg_id, _, num = ref.partition("#")
                reg = lib.regulations.get(reg_id)
                art = reg.article(int(num)) if reg else None
                if art:
                    cited.append((art.number, article_name(reg, art), article_text(art)))
            if not cited or src is None:
                continue
            for line, col, quoted, numbers in quotes(item.a):
                named = [(name, text) for n, name, text in cited if n in numbers]
                norm = normalise(quoted)
                if named and len(norm) >= 2 and not any(norm in text for _, text in named):
                    pos = src.line_in(("items", item.index, "a"), line, col)
                    names = "、".join(name for name, _ in named)
                    lib.problems.append(Problem(coll.path, pos[0] + 1 if pos else None, pos[1] + 1 if pos else None,
                                                f"问答“{item.id}”引用的“{quoted}”不在所引的{names}中"))
