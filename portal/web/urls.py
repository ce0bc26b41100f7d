"""Where every generated page lives, and links between pages as relative URLs."""
from __future__ import annotations

import posixpath
from functools import lru_cache

SECTIONS = {"regulation": "regulations", "quiz": "quizzes", "brand": "brands", "qa": "study", "checklist": "checklists"}


def page_path(kind: str, item_id: str) -> str:
    """Source path (inside the docs tree) of a generated page."""
    return f"{SECTIONS[kind]}/{item_id}.md"


def page_url(kind: str, item_id: str) -> str:
    """Site-root-relative URL of a generated page (directory URLs)."""
    return f"{SECTIONS[kind]}/{item_id}/"


class Links:
    """Relative links from the page at `here` (a site-root-relative URL)."""

    def __init__(self, here: str):
        self.here = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"

    def to(self, url: str, anchor: str | None = None) -> str:
        path = _relative(url, self.here)
        return path + (f"#{anchor}" if anchor else "")

    def regulation(self, reg_id: str, article: int | None = None) -> str:
        return self.to(page_url("regulation", reg_id), f"art-{article}" if article else None)

    def quiz(self, quiz_id: str) -> str:
        return self.to(page_url("quiz", quiz_id))

    def brand(self, brand_id: str) -> str:
        return self.to(page_url("brand", brand_id))

    def checklist(self, checklist_id: str, item: str | None = None) -> str:
        return self.to(page_url("checklist", checklist_id), item)

    def asset(self, path: str) -> str:
        return self.to(path)


@lru_cache(maxsize=65536)
def _relative(url: str, here: str) -> str:
    # the same few thousand (target, page) pairs recur on every page of a section
    path = posixpath.relpath("/" + url, "/" + here) if url else "."
    if url.endswith("/") and not path.endswith("/"):
        path += "/"
    return path
