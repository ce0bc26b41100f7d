"""The section index pages (法规制度, 党建品牌): a compact list in the HTML, cards from a data file.

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

from datetime import date

from .brandimages import ImageCache, digest
from .brandpages import INDEX_URL as BRAND_INDEX_URL
from .brandpages import _order, facet_value, honor_kind, media
from .quizdata import script_json
from .render import STATUS_CLASS, date_cn, facet_counts, render
from .urls import Links

BRAND_DATA = "assets/portal/brand-index-data.js"
REG_DATA = "assets/portal/reg-index-data.js"
REG_INDEX_URL = "regulations/"

_memo: dict[str, tuple] = {}


def _once(kind: str, lib, make):
    """One computation per loaded library (the site build and the page macro share it)."""
    hit = _memo.get(kind)
    if hit is None or hit[0] is not lib:
        hit = _memo[kind] = (lib, make(lib))
    return hit[1]


def _data_file(name: str, what: str, source: str, data) -> tuple[str, str]:
    """(content, version) of a data file setting window.<name>."""
    text = render("index-data.js.j2", name=name, what=what, source=source, data=script_json(data))
    return text, digest(text.encode("utf-8"))


def _base(here: str, index_url: str) -> str:
    """What the script puts before the data file's links: nothing on the index page itself."""
    return "" if Links(here).here == index_url else Links(here).to(index_url)


# --- 党建品牌 -----------------------------------------------------------------------------------

def _brands(lib) -> dict:
    cache = ImageCache.for_root(lib.root)
    links = Links(BRAND_INDEX_URL)
    brands = sorted(lib.brands.values(), key=_order)
    records, values = [], []
    for b in brands:
        m = media(lib, b, cache, photos=1)
        facets = {"unit": [facet_value(b.unit)], "tag": [facet_value(t) for t in b.tags],
                  "year": [str(b.year)] if b.year else [],
                  "honor": sorted({facet_value(honor_kind(h)) for h in b.honors})}
        values.append(facets)
        rec = {"href": links.brand(b.id), "name": b.name, "unit": b.unit, "branch": b.branch or "",
               "slogan": b.slogan or "", "summary": b.summary, "year": b.year or None, "tags": list(b.tags),
               "honors": list(b.honors), "logo": links.to(m.logo.path),
               "data": {key: "|".join(vs) for key, vs in facets.items()}}
        if m.photos:
            cover = m.photos[0][0]
            rec["cover"] = [links.to(cover.path), cover.width, cover.height]
        records.append({k: v for k, v in rec.items() if v not in ("", None, [])})
    facets = [(key, label, facet_counts([v[key] for v in values]))
              for key, label in (("unit", "单位"), ("tag", "标签"), ("year", "年份"), ("honor", "荣誉"))]
    facets[2] = ("year", "年份", sorted(facets[2][2], reverse=True))      # years newest first, not by count
    content, version = _data_file("PORTAL_BRAND_INDEX", "党建品牌栏目页的卡片数据", "brands/*.yml",
                                  {"brands": records})
    return {"brands": brands, "facets": facets, "content": content, "version": version}


def _by_pinyin(names) -> list[str]:
    """Names in the order of their pinyin (音序), as a directory lists units."""
    from pypinyin import lazy_pinyin   # only the brand index needs it (0.3 s to load): not at import time
    return sorted(names, key=lambda name: (" ".join(lazy_pinyin(name)), name))


def brand_index(lib, here: str) -> str:
    """HTML block of the showcase index: filters, the compact list by unit, the card template."""
    links = Links(here)
    d = _once("brands", lib, _brands)
    groups: dict[str, list] = {}
    for b in d["brands"]:                      # newest first within a unit
        groups.setdefault(b.unit, []).append(b)
    units = [(unit, groups[unit]) for unit in _by_pinyin(groups)]
    return render("brand-index.html", units=units, facets=d["facets"], total=len(d["brands"]), links=links,
                  base=_base(here, BRAND_INDEX_URL), data_src=f"{links.to(BRAND_DATA)}?v={d['version']}")


# --- 法规制度 -----------------------------------------------------------------------------------

def _reg_meta(r) -> str:
    when = f"{date_cn(r.published)}发布" if r.published else f"{date_cn(r.effective)}施行" if r.effective else ""
    return " · ".join(p for p in (r.category, "、".join(r.issuer), when, f"{len(r.parsed.articles)} 条") if p)


def _regulations(lib) -> dict:
    links = Links(REG_INDEX_URL)
    regs = sorted(lib.regulations.values(), key=lambda r: (r.date or date.min, r.title), reverse=True)
    facets = [
        ("category", "类别", facet_counts([[facet_value(r.category)] for r in regs])),
        ("status", "状态", facet_counts([[r.status] for r in regs])),
        ("issuer", "制定机关", facet_counts([[facet_value(i) for i in r.issuer] for r in regs])),
        ("tag", "标签", facet_counts([[facet_value(t) for t in r.tags] for r in regs])),
    ]
    metas = [_reg_meta(r) for r in regs]
    records = []
    for r, meta in zip(regs, metas):
        rec = {"href": links.regulation(r.id), "title": r.display_title, "status": r.status,
               "statusClass": STATUS_CLASS[r.status], "meta": meta, "tags": list(r.tags),
               "data": {"category": facet_value(r.category), "status": r.status,
                        "issuer": "|".join(facet_value(i) for i in r.issuer),
                        "tag": "|".join(facet_value(t) for t in r.tags),
                        "date": r.date.isoformat() if r.date else "", "title": r.title}}
        records.append({k: v for k, v in rec.items() if v not in ("", None, [])})
    content, version = _data_file("PORTAL_REG_INDEX", "法规制度栏目页的卡片数据", "regulations/*.yml",
                                  {"regulations": records})
    return {"regs": list(zip(regs, metas)), "facets": facets, "content": content, "version": version}


def regulation_index(lib, here: str) -> str:
    """HTML block listing every regulation (compact), with the card template and filters."""
    links = Links(here)
    d = _once("regulations", lib, _regulations)
    return render("regulation-index.html", regs=d["regs"], facets=d["facets"], links=links,
                  base=_base(here, REG_INDEX_URL), data_src=f"{links.to(REG_DATA)}?v={d['version']}")


def generated(lib) -> list:
    """Both data files (site.generated_files() adds them, through render.index_data_files)."""
    from .site import Generated   # site.py imports the page modules: import late to avoid a cycle
    return [Generated(BRAND_DATA, _once("brands", lib, _brands)["content"]),
            Generated(REG_DATA, _once("regulations", lib, _regulations)["content"])]
