"""The 法规制度 index page: a compact list in the HTML, the cards from a data file.

How the two fit together: web/indexdata.py.
"""
from __future__ import annotations

from datetime import date

from portal.web.facets import facet_counts, facet_value
from portal.web.generated import Generated
from portal.web.indexdata import base, once
from portal.web.indexdata import data_file as make_data_file
from portal.web.render import STATUS_CLASS, date_cn, render
from portal.web.urls import Links

REG_DATA = "assets/portal/reg-index-data.js"
REG_INDEX_URL = "regulations/"


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
    content, version = make_data_file("PORTAL_REG_INDEX", "法规制度栏目页的卡片数据", "regulations/*.yml",
                                  {"regulations": records})
    return {"regs": list(zip(regs, metas)), "facets": facets, "content": content, "version": version}


def regulation_index(lib, here: str) -> str:
    """HTML block listing every regulation (compact), with the card template and filters."""
    links = Links(here)
    d = once("regulations", lib, _regulations)
    return render("regulation-index.html", regs=d["regs"], facets=d["facets"], links=links,
                  base=base(here, REG_INDEX_URL), data_src=f"{links.to(REG_DATA)}?v={d['version']}")


def data_file(lib) -> Generated:
    """The cards' data file (the site build adds it)."""
    return Generated(REG_DATA, once("regulations", lib, _regulations)["content"])
