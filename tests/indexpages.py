"""Reading the section index pages (法规制度, 党建品牌) in tests: the compact list in the HTML
and the card data file the page loads (see portal/web/indexdata.py)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from portal.brands.images import digest

SECTIONS = {   # section: (data file, global it sets, compact list class)
    "brands": ("assets/portal/brand-index-data.js", "PORTAL_BRAND_INDEX", "brand-units"),
    "regulations": ("assets/portal/reg-index-data.js", "PORTAL_REG_INDEX", "reg-compact"),
}


def index_html(site: Path, section: str) -> str:
    return (site / section / "index.html").read_text(encoding="utf-8")


def data_file(site: Path, section: str) -> tuple[dict, str]:
    """(the data, the file's JSON text) of a section's card data file."""
    path, name, _ = SECTIONS[section]
    text = (site / path).read_text(encoding="utf-8")
    head = f"\nwindow.{name} = "
    assert head in text, text[:300]
    body = text.split(head, 1)[1].rstrip()
    assert body.endswith(";")
    return json.loads(body[:-1]), body


def data_src(site: Path, section: str) -> str:
    """The data file's <script src> in the index page; its ?v= must be the digest of the file."""
    path, _, _ = SECTIONS[section]
    html = index_html(site, section)
    found = re.findall(r'<script src="([^"]*' + re.escape(path.rsplit("/", 1)[1]) + r'\?v=([0-9a-f]+))" defer>', html)
    assert len(found) == 1, found
    src, version = found[0]
    assert version == digest((site / path).read_bytes()), "the query string must change with the file"
    return src


def compact(site: Path, section: str) -> str:
    """The compact list (what readers without JavaScript see)."""
    html = index_html(site, section)
    cls = SECTIONS[section][2]
    return html.split(f'<ul class="{cls}">', 1)[1].split("<template", 1)[0]


def compact_links(site: Path, section: str) -> list[tuple[str, str]]:
    """(href, text) of every item link in the compact list."""
    return re.findall(r'<li><a href="([^"]+)">([^<]*)</a>', compact(site, section))
