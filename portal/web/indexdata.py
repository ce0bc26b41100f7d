"""What the section index pages (法规制度, 党建品牌) share: a compact list in the HTML, cards from a data file.

Writing every card into the index HTML made brands/index.html 730 KB at the scale of a
city's organs (1,000 brands; regulations/index.html 206 KB with 300 regulations). So an
index page now carries

- the filter form (chips with their counts; hidden until the script shows it),
- a compact list of every item (a link and a few words), which is what readers
  without JavaScript see, and
- a `<template>` of one card;

and a generated data file, loaded by a `<script src>` tag in the page (works from
file://, no fetch), sets a global with what the cards show:

    assets/portal/brand-index-data.js   window.PORTAL_BRAND_INDEX = {"brands": [...]}
    assets/portal/reg-index-data.js     window.PORTAL_REG_INDEX = {"regulations": [...]}

The tag's query string is a digest of the file, so a changed file is never taken from
a cache. brand.js / reg-index.js clone the template per item, fill it with text and
attributes only (content never becomes markup), put the cards in place of the compact
list and attach the shared facet filter (facets.js), which reads the cards' data-*
attributes. Links and images in a data file are relative to its index page (as they
were in the cards' HTML); were the index block on another page, the block tells the
script where the index is (data-base).
"""
from __future__ import annotations

from portal.web.fingerprint import digest
from portal.web.render import render
from portal.web.scriptdata import script_json
from portal.web.urls import Links

_memo: dict[str, tuple] = {}


def once(kind: str, lib, make):
    """One computation per loaded library (the site build and the page macro share it)."""
    hit = _memo.get(kind)
    if hit is None or hit[0] is not lib:
        hit = _memo[kind] = (lib, make(lib))
    return hit[1]


def data_file(name: str, what: str, source: str, data) -> tuple[str, str]:
    """(content, version) of a data file setting window.<name>."""
    text = render("index-data.js.j2", name=name, what=what, source=source, data=script_json(data))
    return text, digest(text.encode("utf-8"))


def base(here: str, index_url: str) -> str:
    """What the script puts before the data file's links: nothing on the index page itself."""
    return "" if Links(here).here == index_url else Links(here).to(index_url)
