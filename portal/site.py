"""What a static-site generator needs from the portal, independent of MkDocs.

`SiteContent` turns the loaded library into generated pages (path → Markdown)
and the helpers exposed to hand-written pages as macros.
"""
from __future__ import annotations

import hashlib
from functools import partial
import os
from dataclasses import dataclass
from pathlib import Path

from . import brandpages, quizpages, render, studypages
from .gitdates import last_commit_dates
from .library import FOLDERS, Library, load
from .pagecache import NO_CACHE, NoCache, PageCache
from .parallel import make_all
from .problems import ContentError
from .urls import page_path


@dataclass
class Generated:
    path: str                 # inside the docs tree, e.g. regulations/<id>.md or assets/…/bank.js
    content: str | bytes      # bytes for images (brand thumbnails)
    source: str | None = None # repo-relative YAML file behind a page, for its edit link


_cache: dict = {}
_file_cache: dict = {}      # root -> per-file load results, reused while a file is unchanged


class Preview:
    """State of `mkdocs serve --dirty` across rebuilds (this module outlives the hook module).

    On a rebuild only pages whose generated source changed are rendered again, and the
    search index is left as it was: saving one file must show in the preview quickly.
    """

    def __init__(self):
        self.active = False
        self.builds = 0
        self.digests: dict[str, str] = {}
        self.pages = PageCache()

    def cache(self) -> PageCache | NoCache:
        """Where generated pages are kept between rebuilds: only in the preview."""
        return self.pages if self.active else NO_CACHE

    def unchanged(self, path: str, content: str | bytes) -> bool:
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        same = self.active and self.builds > 0 and self.digests.get(path) == digest
        self.digests[path] = digest
        return same


preview = Preview()


def content_root(default: Path) -> Path:
    """Project root holding the content folders; PORTAL_CONTENT_ROOT overrides (tests, previews)."""
    return Path(os.environ.get("PORTAL_CONTENT_ROOT") or default)


def _signature(root: Path) -> tuple:
    files = []
    for folder in FOLDERS.values():
        base = root / folder
        if base.is_dir():
            for p in base.rglob("*"):
                if p.is_file():
                    st = p.stat()
                    files.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(sorted(files))


def load_checked(root: Path | str) -> Library:
    """The library, loaded once per content change; raises ContentError on errors."""
    root = Path(root).resolve()
    sig = _signature(root)
    cached = _cache.get(root)
    if cached is None or cached[0] != sig:
        lib = load(root, _file_cache.setdefault(root, {}))
        if cached is not None:     # rendered question text, checked per question before reuse (quizdata.py)
            lib.memo["question_parts"] = cached[1].memo.get("question_parts", {})
        cached = (sig, lib)
        _cache[root] = cached
    lib = cached[1]
    if lib.errors:
        raise ContentError(lib.problems)
    return lib


def generated_files(lib: Library, cache: PageCache | NoCache = NO_CACHE) -> list[Generated]:
    """Every page and data file made from content (none is written to docs/).

    With the preview's `cache`, a page whose inputs did not change is not made again."""
    dates = last_commit_dates(lib.root, list(FOLDERS.values()))
    outline = regulations_outline(lib)
    quizzes_of = _quizzes_by_regulation(lib)
    out = []
    for reg in lib.regulations.values():
        path, updated = page_path("regulation", reg.id), dates.get(reg.path)
        content = cache.page(path, (reg, *quizzes_of.get(reg.id, ())), (outline, updated),
                             partial(render.regulation_page, lib, reg, updated=updated))
        out.append(Generated(path, content, reg.path))
    out.extend(render.index_data_files(lib))        # card data of the 法规制度 and 党建品牌 index pages
    out.extend(quizpages.generated(lib, cache))     # quizzes, mock exams, 错题本, 学习记录, bank.js
    out.extend(brandpages.generated(lib, cache))    # brand pages, logos/emblems, photo renditions
    out.extend(studypages.generated(lib))  # 学习计划, 学习问答 pages (and a foreign root's study pages)
    make_all(out)                          # the pages a full build deferred: made on every core
    return out


def regulations_outline(lib: Library) -> int:
    """What one regulation's page shows of the others: titles, status, versions, article numbers
    (《title》第N条 links). A change here makes every regulation page again in the preview."""
    return hash(tuple((r.id, r.title, r.display_title, r.short_title, r.category, r.status, r.superseded_by,
                       tuple(a.number for a in r.parsed.articles)) for r in lib.regulations.values()))


def _quizzes_by_regulation(lib: Library) -> dict[str, tuple]:
    """Quizzes a regulation page links to: those citing its articles and those belonging to it."""
    found: dict[str, dict] = {}
    for quiz in lib.quizzes.values():
        for reg_id in ([quiz.regulation] if quiz.regulation else []) + [q.cite[0] for q in quiz.questions if q.cite]:
            found.setdefault(reg_id, {})[quiz.id] = quiz
    return {reg_id: tuple(qs.values()) for reg_id, qs in found.items()}
