"""The loaded content: every model by kind, the problems found, and indexes derived once per load.

loader.py reads the files into it; checks.py runs the cross-file rules over it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from portal.content.models import (Brand, Checklist, ChecklistItem, OrgRegister, QACollection, Question, Quiz,
                                   Regulation, StudyPlan)
from portal.content.problems import Collector, Problem
from portal.content.yamlsrc import Source

PLAN_PATH = "regulations/study-plan.yml"
# ids taken by section pages the site generates itself
RESERVED_IDS = {"regulation": {"index": "法规制度首页", "study-plan": "学习计划"},
                "quiz": {"index": "自测练习首页", "cuotiben": "错题本", "xuexi-jilu": "学习记录"},
                "brand": {"index": "品牌展示首页"}, "qa": {"index": "学习资料首页"},
                "checklist": {"index": "清单首页", "huanjie": "换届提醒", "huizong": "清单汇总"}}
FOLDERS = {"regulation": "regulations", "quiz": "quizzes", "brand": "brands", "qa": "docs/study",
           "checklist": "checklists", "organizations": "organizations"}


@dataclass
class Library:
    root: Path
    regulations: dict[str, Regulation] = field(default_factory=dict)
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    brands: dict[str, Brand] = field(default_factory=dict)
    qa: dict[str, QACollection] = field(default_factory=dict)
    plan: StudyPlan | None = None
    checklists: dict[str, Checklist] = field(default_factory=dict)
    registers: dict[str, OrgRegister] = field(default_factory=dict)    # 换届提醒 registers by file id
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)   # by repo-relative path
    synonyms: list[list[str]] = field(default_factory=list)     # search.yml (content/synonyms.py)
    memo: dict = field(default_factory=dict, repr=False, compare=False)   # indexes derived once per load
    # question id → a note the site shows with the question, which also keeps it out of mock
    # exams (set by a check run at load: the audit's 条文已修订)
    review_notes: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def questions(self) -> dict[str, Question]:
        return {q.id: q for quiz in self.quizzes.values() for q in quiz.questions}

    @cached_property
    def titles(self) -> dict[str, str]:
        """Names a reader may cite (《title》) → regulation id, built once per load."""
        return title_index(self.regulations)

    @cached_property
    def citations(self) -> dict[str, dict[int, list[Question]]]:
        """regulation id → article number → the questions whose 出处 is that article."""
        index: dict[str, dict[int, list[Question]]] = {}
        for quiz in self.quizzes.values():
            for q in quiz.questions:
                if q.cite:
                    reg_id, number = q.cite
                    index.setdefault(reg_id, {}).setdefault(number, []).append(q)
        return index

    @cached_property
    def checklist_citations(self) -> dict[str, dict[int, list[tuple[Checklist, ChecklistItem]]]]:
        """regulation id → article number → the checklist items whose 依据 is that article."""
        index: dict[str, dict[int, list[tuple[Checklist, ChecklistItem]]]] = {}
        for cl in self.checklists.values():
            for item in cl.items:
                if item.citation:
                    reg_id, number = item.citation
                    index.setdefault(reg_id, {}).setdefault(number, []).append((cl, item))
        return index

    @property
    def organizations(self):
        """Every organisation of every register, in file order."""
        return [o for reg in self.registers.values() for o in reg.organizations]

    def counts(self) -> dict[str, int]:
        """What the content holds (home page, build-info, benchmark)."""
        return {"regulations": len(self.regulations),
                "articles": sum(len(r.parsed.articles) for r in self.regulations.values()),
                "quizzes": len(self.quizzes), "questions": len(self.questions), "brands": len(self.brands)}

    def at(self, path: str, where: tuple, message: str, *, key: bool = False, warning: bool = False) -> None:
        """Report a problem at a YAML path of a loaded file (used by checks)."""
        src = self.sources.get(path)
        pos = None if src is None else (src.key_where(where) if key else src.where(where))
        Collector(path, self.problems).at(pos, message, warning)


def content_files(root: Path) -> list[tuple[str, Path]]:
    """(kind, path) for every content file, in a stable order."""
    found = []
    for kind, folder in FOLDERS.items():
        base = root / folder
        if not base.is_dir():
            continue
        for p in sorted(base.iterdir()):
            if p.suffix in (".yml", ".yaml") and p.is_file():
                rel = p.relative_to(root).as_posix()
                found.append(("plan" if rel == PLAN_PATH else kind, p))
    return found


def title_index(regulations: dict[str, Regulation]) -> dict[str, str]:
    """Names a reader may cite → regulation id (effective versions win)."""
    index: dict[str, str] = {}
    ordered = sorted(regulations.values(), key=lambda r: r.status != "有效")
    for reg in ordered:
        names = [reg.title, reg.display_title, reg.short_title]
        if reg.category == "党章":
            names.append("党章")
        for name in filter(None, names):
            index.setdefault(name, reg.id)
    return index
