"""What a static-site generator calls, independent of MkDocs: the checked library and
every generated file, plus the preview's state between rebuilds (`mkdocs serve --dirty`).

The glue (hooks.py, macros.py) calls only this module and the page modules' public
functions; each section's pages are made by its own package.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from portal.audit.commands import CHECKS as AUDIT_CHECKS
from portal.brands import index as brandindex
from portal.brands import pages as brandpages
from portal.checklists import pages as checklistpages
from portal.content.library import FOLDERS, Library
from portal.content.loader import load
from portal.content.problems import ContentError
from portal.content.synonyms import PATH as SYNONYMS_FILE
from portal.content import reference
from portal.ledger import pages as ledgerpages
from portal.quizzes import pages as quizpages
from portal.regulations import index as regindex
from portal.regulations import pages as regpages
from portal.web.generated import Generated
from portal.web.gitdates import last_commit_dates
from portal.web.pagecache import NO_CACHE, NoCache, PageCache
from portal.web.parallel import make_all
from portal.study import pages as studypages


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
    paths = [p for folder in FOLDERS.values() if (root / folder).is_dir() for p in (root / folder).rglob("*")]
    paths.append(root / SYNONYMS_FILE)
    files = []
    for p in paths:
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
        lib = load(root, _file_cache.setdefault(root, {}), checks=AUDIT_CHECKS)
        if cached is not None:     # rendered question text, checked per question before reuse (quizzes/data.py)
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
    out = regpages.generated(lib, cache, dates)     # one page per regulation
    out.append(brandindex.data_file(lib))           # card data of the 党建品牌 index page
    out.append(regindex.data_file(lib))             # card data of the 法规制度 index page
    out.extend(quizpages.generated(lib, cache))     # quizzes, mock exams, 错题本, 学习记录, bank.js
    out.extend(brandpages.generated(lib, cache))    # brand pages, logos/emblems, photo renditions
    out.extend(checklistpages.generated(lib))   # 清单 pages, 清单汇总, 换届提醒
    out.extend(studypages.generated(lib))  # 学习计划, 学习问答 pages (and a foreign root's study pages)
    out.append(reference.generated())      # 编辑指南 › 内容文件格式, from the schema declarations
    out.extend(ledgerpages.generated(lib))  # 学习台账 (members' files are read in the browser)
    make_all(out)                          # the pages a full build deferred: made on every core
    return out


