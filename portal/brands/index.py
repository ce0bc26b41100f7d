"""The 党建品牌 index page: a compact list by unit in the HTML, the cards from a data file.

How the two fit together: web/indexdata.py.
"""
from __future__ import annotations

from portal.brands.images import ImageCache
from portal.brands.pages import INDEX_URL as BRAND_INDEX_URL
from portal.brands.pages import facet_value, honor_kind, media, newest_first
from portal.web.facets import facet_counts
from portal.web.generated import Generated
from portal.web.indexdata import base, once
from portal.web.indexdata import data_file as make_data_file
from portal.web.render import render
from portal.web.urls import Links

BRAND_DATA = "assets/portal/brand-index-data.js"


def _brands(lib) -> dict:
    cache = ImageCache.for_root(lib.root)
    links = Links(BRAND_INDEX_URL)
    brands = sorted(lib.brands.values(), key=newest_first)
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
    content, version = make_data_file("PORTAL_BRAND_INDEX", "党建品牌栏目页的卡片数据", "brands/*.yml",
                                  {"brands": records})
    return {"brands": brands, "facets": facets, "content": content, "version": version}


def _by_pinyin(names) -> list[str]:
    """Names in the order of their pinyin (音序), as a directory lists units."""
    from pypinyin import lazy_pinyin   # only the brand index needs it (0.3 s to load): not at import time
    return sorted(names, key=lambda name: (" ".join(lazy_pinyin(name)), name))


def brand_index(lib, here: str) -> str:
    """HTML block of the showcase index: filters, the compact list by unit, the card template."""
    links = Links(here)
    d = once("brands", lib, _brands)
    groups: dict[str, list] = {}
    for b in d["brands"]:                      # newest first within a unit
        groups.setdefault(b.unit, []).append(b)
    units = [(unit, groups[unit]) for unit in _by_pinyin(groups)]
    return render("brand-index.html", units=units, facets=d["facets"], total=len(d["brands"]), links=links,
                  base=base(here, BRAND_INDEX_URL), data_src=f"{links.to(BRAND_DATA)}?v={d['version']}")


def data_file(lib) -> Generated:
    """The cards' data file (the site build adds it)."""
    return Generated(BRAND_DATA, once("brands", lib, _brands)["content"])
