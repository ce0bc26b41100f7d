"""A file a content build adds to the site (a page's Markdown or a data/image file)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Generated:
    path: str                 # inside the docs tree, e.g. regulations/<id>.md or assets/…/bank.js
    content: str | bytes      # bytes for images (brand thumbnails)
    source: str | None = None # repo-relative YAML file behind a page, for its edit link
