"""The one loader: reads every content file, validates it, builds the models.

Problems from every file are collected; nothing stops at the first one.
Cross-file checks live in checks.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from portal.content import schema
from portal.content.answers import count_blanks, normalise_answer
from portal.content.checks import run_checks
from portal.content.library import RESERVED_IDS, Library, content_files
from portal.content.models import (DEFAULT_TERMS, Brand, Checklist, ChecklistItem, ChecklistSection, DrawRule,
                                   Organization, OrgRegister, Practice, QACollection, QAItem, Question, Quiz,
                                   Regulation, StudyPlan, StudyWeek)
from portal.content.problems import Collector
from portal.content.regtext import parse_text
from portal.content.synonyms import load_synonyms
from portal.content.validate import Validator
from portal.content.yamlsrc import Source, decode, parse
from portal.web.urls import page_url


@dataclass
class FileResult:
    """What one content file contributed to a load, kept to reuse while the file is unchanged."""
    stamp: tuple                    # (mtime_ns, size)
    part: Library                   # holds only this file's models, source and problems


def load(root: Path | str, cache: dict[str, FileResult] | None = None, checks=()) -> Library:
    """Read, validate and check every content file.

    With `cache` (the preview keeps one between rebuilds) a file whose modification time
    and size are unchanged is not read again; the cross-file checks always run on all.
    `checks` are further rules from packages above the core (the audit), run after them.
    """
    lib = Library(Path(root).resolve())
    seen = set()
    for kind, path in content_files(lib.root):
        if cache is None:
            _load_file(lib, kind, path)
            continue
        rel = path.relative_to(lib.root).as_posix()
        seen.add(rel)
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
        hit = cache.get(rel)
        if hit is None or hit.stamp != stamp:
            hit = cache[rel] = FileResult(stamp, Library(lib.root))
            _load_file(hit.part, kind, path)
        _merge(lib, hit.part)
    for rel in set(cache or ()) - seen:
        del cache[rel]
    lib.synonyms = load_synonyms(lib.root, lib.problems)     # search.yml: site search's synonym list
    run_checks(lib)
    for check in checks:
        check(lib)
    return lib


def _merge(lib: Library, part: Library) -> None:
    lib.problems.extend(part.problems)
    lib.sources.update(part.sources)
    lib.regulations.update(part.regulations)
    lib.quizzes.update(part.quizzes)
    lib.brands.update(part.brands)
    lib.qa.update(part.qa)
    lib.plan = part.plan or lib.plan
    lib.checklists.update(part.checklists)
    lib.registers.update(part.registers)


def _load_file(lib: Library, kind: str, path: Path) -> None:
    rel = path.relative_to(lib.root).as_posix()
    out = Collector(rel, lib.problems)
    if path.suffix == ".yaml":
        out.at(None, "内容文件的扩展名应为 .yml（请把 .yaml 改名为 .yml）")
        return
    item_id = path.stem
    if kind != "plan" and not re.match(schema.ID_PATTERN, item_id):
        out.at(None, f"文件名“{path.name}”不能作为编号：{schema.ID_HINT}，如 jiguan-jiceng-zuzhi.yml")
        return
    reserved = RESERVED_IDS.get(kind, {})
    if item_id in reserved:
        section = page_url(kind, item_id)
        out.at(None, f"编号“{item_id}”与{reserved[item_id]}的地址 {section} 相同，请换一个文件名")
        return
    text = decode(path.read_bytes(), out)
    src = None if text is None else parse(text, out)
    if src is None:
        return
    lib.sources[rel] = src
    definition = {"regulation": schema.REGULATION, "quiz": schema.QUIZ, "brand": schema.BRAND,
                  "plan": schema.STUDY_PLAN, "qa": schema.QA,
                  "checklist": schema.CHECKLIST, "organizations": schema.ORGANIZATIONS}[kind]
    data = Validator(src, out).value(definition, src.data, ())
    if data is None:
        return
    BUILDERS[kind](lib, item_id, rel, data, src, out)


def _required_present(data: dict, *keys: str) -> bool:
    return all(data.get(k) is not None for k in keys)


def _regulation(lib, item_id, rel, data, src: Source, out: Collector) -> None:
    if not _required_present(data, "title", "category", "issuer", "status", "text"):
        return
    parsed = parse_text(data["text"])
    for p in parsed.problems:
        out.at(src.line_in(("text",), p.line, p.col), p.message)
    reg = Regulation(id=item_id, path=rel, parsed=parsed, **{
        k: v for k, v in data.items() if v is not None})
    lib.regulations[item_id] = reg


def _quiz(lib, item_id, rel, data, src: Source, out: Collector) -> None:
    if data["title"] is None:
        return
    has_q, has_d = data["questions"] is not None, data["draw"] is not None
    if has_q == has_d and "questions" not in src.data and "draw" not in src.data:
        out.at((0, 0), "缺少必填项：练习题库写“questions”，模拟考试写“draw”")
    elif has_q and has_d:
        out.at(src.key_where(("draw",)), "“questions”和“draw”只能二选一：练习题库写题目，模拟考试写抽题规则")
    quiz = Quiz(id=item_id, path=rel, title=data["title"], pass_mark=data["pass"],
                regulation=data["regulation"], time_limit=data["time_limit"], tags=data["tags"] or [],
                draw=[DrawRule(r["type"], r["count"], r["score"], r["tags"] or [])
                      for r in data["draw"] or [] if r and r["type"] and r["count"]])
    for i, q in enumerate(data["questions"] or []):
        if q and q["id"]:
            quiz.question_ids.append((q["id"], i))
        question = _question(q, ("questions", i), src, out)
        if question:
            question.quiz_id, question.index = item_id, i
            quiz.questions.append(question)
    lib.quizzes[item_id] = quiz


def _question(q: dict | None, where: tuple, src: Source, out: Collector) -> Question | None:
    if not q or not _required_present(q, "id", "type", "stem", "answer"):
        return None
    qtype, options = q["type"], q["options"] or []
    if qtype in ("单选", "多选") and q["options"] is None:
        out.at(src.key_where(where + ("type",)), f"{qtype}题缺少“options”（选项）")
        return None
    if qtype in ("判断", "填空") and q["options"] is not None:
        out.at(src.key_where(where + ("options",)), f"{qtype}题不需要“options”（选项）")
    answer, problem = normalise_answer(qtype, q["answer"], options)
    if problem:
        out.at(src.where(where + ("answer",)), problem)
        return None
    if qtype == "填空":
        blanks = count_blanks(q["stem"])
        if blanks != len(answer):
            out.at(src.where(where + ("answer",)),
                   f"填空题的题干有 {blanks} 个空（“（  ）”或“____”），答案却有 {len(answer)} 项")
            return None
    return Question(id=q["id"], type=qtype, stem=q["stem"], answer=answer, options=options,
                    explanation=q["explanation"], source=q["source"], difficulty=q["difficulty"],
                    score=q["score"])


def _brand(lib, item_id, rel, data, src: Source, out: Collector) -> None:
    if not _required_present(data, "name", "unit", "summary", "connotation", "practices"):
        return
    fields = {k: v for k, v in data.items() if v is not None and k != "practices"}
    practices = [Practice(p["title"], p["text"]) for p in data["practices"] if p and p["title"] and p["text"]]
    lib.brands[item_id] = Brand(id=item_id, path=rel, practices=practices, **fields)


def _plan(lib, item_id, rel, data, src: Source, out: Collector) -> None:
    if not _required_present(data, "title", "start", "weeks"):
        return
    if data["start"].weekday() != 0:
        out.at(src.where(("start",)), f"“start”应为星期一（第1周的周一），{data['start']} 是星期{'一二三四五六日'[data['start'].weekday()]}")
    weeks = [StudyWeek(w["regulation"], w["quiz"], w["focus"] or [], w["note"])
             for w in data["weeks"] if w and w["regulation"]]
    lib.plan = StudyPlan(rel, data["title"], data["start"], weeks)


def _qa(lib, item_id, rel, data, src: Source, out: Collector) -> None:
    if not _required_present(data, "title", "items"):
        return
    items = [QAItem(it["id"], it["q"], it["a"], it["refs"] or [], n) for n, it in enumerate(data["items"])
             if it and _required_present(it, "id", "q", "a")]
    lib.qa[item_id] = QACollection(item_id, rel, data["title"], items, data["source"], data["tags"] or [])


def _checklist(lib, item_id, rel, data, src: Source, out: Collector) -> None:
    if not _required_present(data, "title", "kind", "sections"):
        return
    sections = []
    for i, sec in enumerate(data["sections"]):
        if not sec or not _required_present(sec, "title", "items"):
            continue
        items = [ChecklistItem(it["id"], it["text"], it["cite"], it["basis"], it["evidence"] or [], it["score"],
                               it["owner"], ("sections", i, "items", j))
                 for j, it in enumerate(sec["items"]) if it and _required_present(it, "id", "text")]
        sections.append(ChecklistSection(sec["title"], items))
    fields = {k: v for k, v in data.items() if k != "sections"}
    lib.checklists[item_id] = Checklist(id=item_id, path=rel, sections=sections, **fields)


def _organizations(lib, item_id, rel, data, src: Source, out: Collector) -> None:
    if not _required_present(data, "title", "organizations"):
        return
    orgs = [Organization(o["name"], o["kind"], o["unit"], o["elected"], o["term"] or DEFAULT_TERMS[o["kind"]],
                         o["term"] is not None, o["parent"], o["note"], rel, i)
            for i, o in enumerate(data["organizations"]) if o and _required_present(o, "name", "kind", "unit", "elected")
            and (o["term"] is not None or "term" not in _keys(src.data["organizations"][i]))]
    lib.registers[item_id] = OrgRegister(item_id, rel, data["title"], orgs)


def _keys(node) -> set:
    """Keys written in a YAML mapping (a term written wrong is an error, not the default)."""
    return set(node) if isinstance(node, dict) else set()


BUILDERS = {"regulation": _regulation, "quiz": _quiz, "brand": _brand, "plan": _plan, "qa": _qa,
            "checklist": _checklist, "organizations": _organizations}
