"""学习计划, 学习资料 and the home page: generated pages and the helpers behind their macros.

URL scheme (directory URLs, see web/urls.py):

    plan/                    学习计划: every week (regulations/study-plan.yml); #week-N is week N
    study/                   学习资料 index (docs/study/index.md, {{ study_index() }})
    study/<name>/            a hand-written study page (docs/study/<name>.md)
    study/<id>/              a 学习问答 collection (docs/study/<id>.yml); #<item id> is one question
    (site root)              首页 (docs/index.md: {{ this_week() }}, {{ home_sections() }}, {{ newest_brands() }})

The current week is worked out twice: at build time (no-JavaScript fallback, labelled
with the build date) and in the reader's browser from the page's JSON by plan.js,
which uses the reader's local date. Both follow studyplan.week_status().

Hand-written study pages are content like the Q&A files beside them: they come from
the content root. In the normal build that is the project itself and MkDocs reads
them from docs/; with another content root (PORTAL_CONTENT_ROOT: tests, previews)
the project's own study pages are left out (`foreign_exclusions`) and that root's
pages are generated instead, so pages never refer to content that is not there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from portal.content.models import QACollection, Regulation
from portal.quizzes.data import cite_title
from portal.web.scriptdata import script_json
from portal.web.generated import Generated
from portal.web.render import render
from portal.study.plan import build_date, range_label, week_range, week_status, weekday_cn
from portal.web.urls import Links, page_path, page_url

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PLAN_URL = "plan/"
STUDY_URL = "study/"
STUDY_DIR = "docs/study"
PLAN_JS = "assets/portal/plan.js"
NEWEST_BRANDS = 4
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


# ---------- the study plan ----------

@dataclass
class WeekView:
    n: int                          # 第N周
    monday: date
    sunday: date
    dates: str                      # 9月7日—9月13日
    reg: Regulation
    reg_name: str                   # 《支部工作条例》
    reg_href: str
    focus: list[tuple[str, str]]    # (第一条, link to #art-1)
    quiz_id: str | None
    quiz_title: str | None
    quiz_href: str | None
    note: str | None

    def data(self) -> dict:
        """What plan.js needs to show this week on the home card."""
        return {"n": self.n, "dates": self.dates, "reg": {"title": self.reg_name, "url": self.reg_href},
                "focus": [{"label": label, "url": href} for label, href in self.focus],
                "quiz": {"id": self.quiz_id, "title": self.quiz_title, "url": self.quiz_href} if self.quiz_id else None,
                "note": self.note}


def week_views(lib, links: Links) -> list[WeekView]:
    plan = lib.plan
    if plan is None:
        return []
    views = []
    for i, week in enumerate(plan.weeks):
        reg = lib.regulations[week.regulation]          # load_checked: every reference exists
        quiz = lib.quizzes.get(week.quiz) if week.quiz else None
        monday, sunday = week_range(plan.start, i)
        views.append(WeekView(
            n=i + 1, monday=monday, sunday=sunday, dates=range_label(monday, sunday, plan.start.year),
            reg=reg, reg_name=f"《{reg.short_title or reg.display_title}》", reg_href=links.regulation(reg.id),
            focus=[(reg.article(n).label, links.regulation(reg.id, n)) for n in week.focus],
            quiz_id=quiz.id if quiz else None, quiz_title=quiz.title if quiz else None,
            quiz_href=links.quiz(quiz.id) if quiz else None, note=week.note))
    return views


def plan_page(lib) -> str:
    return render("plan.md.j2", plan=lib.plan, weeks=week_views(lib, Links(PLAN_URL)),
                  assets={"scripts": [PLAN_JS]})


def this_week(lib, here: str, today: date | None = None) -> str:
    """The 本周学习 card: the week as of the build date, and every week as JSON for plan.js."""
    links = Links(here)
    today = today or build_date()
    weeks = week_views(lib, links)
    status = week_status(lib.plan.start if lib.plan else today, len(weeks), today)
    week = weeks[status.index] if status.index is not None else None
    data = {"start": lib.plan.start.isoformat(), "planUrl": links.to(PLAN_URL),
            "weeks": [w.data() for w in weeks]} if weeks else None
    return render("home-week.html", status=status, week=week, plan=lib.plan, weeks=weeks, today=today,
                  weekday=weekday_cn(today), plan_href=links.to(PLAN_URL),
                  data=script_json(data) if data else None)


# ---------- 学习资料: hand-written pages and Q&A collections ----------

@dataclass
class StudyPage:
    name: str                       # file name without .md
    title: str
    description: str | None

    @property
    def url(self) -> str:
        return f"{STUDY_URL}{self.name}/"


def _page_info(path: Path) -> tuple[str, str | None]:
    """(title, description) of a Markdown page: front matter `title`/`description`, else its first `# ` heading."""
    text = path.read_text(encoding="utf-8-sig")
    meta: dict = {}
    m = _FRONT_MATTER.match(text)
    if m:
        try:
            loaded = yaml.safe_load(m.group(1))
        except yaml.YAMLError:
            loaded = None
        meta = loaded if isinstance(loaded, dict) else {}
        text = text[m.end():]
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        heading = re.search(r"^#[ \t]+(.+?)[ \t#]*$", text, re.M)
        title = heading.group(1) if heading else path.stem
    description = meta.get("description")
    return title.strip(), description.strip() if isinstance(description, str) and description.strip() else None


def study_pages(root: Path) -> list[StudyPage]:
    """Hand-written study pages of a content root (docs/study/*.md except index.md), by file name."""
    base = Path(root) / STUDY_DIR
    if not base.is_dir():
        return []
    return [StudyPage(p.stem, *_page_info(p)) for p in sorted(base.glob("*.md")) if p.name != "index.md"]


def qa_page(lib, coll: QACollection) -> str:
    links = Links(page_url("qa", coll.id))
    items = []
    for n, item in enumerate(coll.items, 1):
        refs = []
        for ref in item.refs:
            reg_id, _, num = ref.partition("#")
            refs.append((cite_title(lib.regulations[reg_id], int(num)), links.regulation(reg_id, int(num))))
        items.append({"n": n, "item": item, "refs": refs})
    return render("qa.md.j2", coll=coll, items=items, index=links.to(STUDY_URL),
                  assets={"scripts": [PLAN_JS]})


def study_index(lib, here: str) -> str:
    """Markdown for the 学习资料 index: study pages, then Q&A collections."""
    links = Links(here)
    pages = [(p, links.to(p.url)) for p in study_pages(lib.root)]
    collections = [(c, links.to(page_url("qa", c.id))) for c in lib.qa.values()]
    return render("study-index.md.j2", pages=pages, collections=collections)


# ---------- the home page ----------

def counts(lib) -> dict[str, int]:
    return {
        **lib.counts(),
        "weeks": len(lib.plan.weeks) if lib.plan else 0,
        "pages": len(study_pages(lib.root)),
        "qa": sum(len(c.items) for c in lib.qa.values()),
    }


def home_sections(lib, here: str) -> str:
    """Entry tiles for each section, with what each holds."""
    links = Links(here)
    return render("home-sections.html", c=counts(lib), links=links)


def newest_brands(lib, here: str, limit: int = NEWEST_BRANDS) -> str:
    """The newest brands (by founding year, then name); a plain list, no images."""
    links = Links(here)
    brands = sorted(lib.brands.values(), key=lambda b: (-(b.year or 0), b.name, b.id))[:limit]
    return render("home-brands.html", brands=brands, links=links, index=links.to("brands/"),
                  total=len(lib.brands), what="")


# ---------- generation ----------

def foreign_exclusions(project_root: Path, root: Path) -> list[str]:
    """exclude_docs patterns for a build from another content root: the project's own study pages.

    A page that root also has is not excluded: the generated page of the same path
    replaces it (MkDocs re-applies exclusions to generated files, too).
    """
    project, root = Path(project_root).resolve() / STUDY_DIR, Path(root).resolve() / STUDY_DIR
    if project == root or not project.is_dir():
        return []
    return [f"/study/{rel}" for rel in (p.relative_to(project).as_posix() for p in sorted(project.rglob("*.md")))
            if rel != "index.md" and not (root / rel).is_file()]


def _foreign_study_files(lib) -> list[tuple[str, Path]]:
    """(path in the docs tree, file) of a foreign content root's study pages and their images."""
    if lib.root.resolve() == PROJECT_ROOT:
        return []
    base = lib.root / STUDY_DIR
    if not base.is_dir():
        return []
    return [(f"study/{p.relative_to(base).as_posix()}", p) for p in sorted(base.rglob("*"))
            if p.is_file() and p.suffix not in (".yml", ".yaml") and p.relative_to(base).as_posix() != "index.md"]


def generated(lib) -> list:
    """The plan page, one page per Q&A collection, and a foreign root's study pages."""
    out = [Generated("plan/index.md", plan_page(lib), lib.plan.path if lib.plan else None)]
    for coll in lib.qa.values():
        out.append(Generated(page_path("qa", coll.id), qa_page(lib, coll), coll.path))
    for path, file in _foreign_study_files(lib):
        rel = file.relative_to(lib.root).as_posix()
        if file.suffix == ".md":
            out.append(Generated(path, file.read_text(encoding="utf-8-sig"), rel))
        else:
            out.append(Generated(path, file.read_bytes()))
    return out
