"""The 清单 section: one page per checklist, the section index, the 机关党委 overview and
换届提醒 (register.py).

URL scheme (directory URLs, see web/urls.py):

    checklists/                 清单 index: every list, 换届提醒, 清单汇总
    checklists/<id>/            one list: a branch ticks it (checklist.js), prints it as 自查表;
                                #<item id> is one item
    checklists/huizong/         清单汇总: opens many branches' exported files (checklist-overview.js)
    checklists/huanjie/         换届提醒 (register.py, term.js)

What a branch ticks stays in its browser (checklist-core.js); the pages only carry the
lists and, as JSON, what the scripts need of them.
"""
from __future__ import annotations

from portal.checklists import register
from portal.content.models import Checklist
from portal.web.generated import Generated
from portal.web.render import render
from portal.web.scriptdata import script_json
from portal.web.urls import Links, page_path, page_url

INDEX_URL = "checklists/"
OVERVIEW_URL = "checklists/huizong/"
CSS = "assets/portal/checklist.css"
CORE_JS = "assets/portal/checklist-core.js"
PAGE_JS = "assets/portal/checklist.js"
OVERVIEW_JS = "assets/portal/checklist-overview.js"
XLSX_JS = "assets/portal/xlsx-lite.js"
STATUS_LABELS = (("done", "完成"), ("partial", "部分"), ("todo", "未开始"), ("na", "不适用"))


def cite_title(reg, number: int) -> str:
    """《简称》第N条 for an item's 依据 (the article exists: load_checked checked it)."""
    art = reg.article(number)
    return f"《{reg.short_title or reg.display_title}》{art.label if art else f'第{number}条'}"


def definition(cl: Checklist) -> dict:
    """What the scripts need of a list: sections, item ids, texts and scores."""
    return {"id": cl.id, "title": cl.title, "kind": cl.kind, "passScore": cl.pass_score,
            "sections": [{"title": s.title, "items": [{"id": it.id, "text": it.text, "score": it.score}
                                                      for it in s.items]} for s in cl.sections]}


def checklist_page(lib, cl: Checklist) -> str:
    links = Links(page_url("checklist", cl.id))
    sections = []
    for s in cl.sections:
        items = []
        for it in s.items:
            basis = None
            if it.citation:
                reg_id, number = it.citation
                basis = (cite_title(lib.regulations[reg_id], number), links.regulation(reg_id, number))
            items.append({"item": it, "basis": basis})
        sections.append({"title": s.title, "items": items})
    total = sum(it.score or 0 for it in cl.items)
    return render("checklist.md.j2", cl=cl, sections=sections, index=links.to(INDEX_URL), total=total,
                  statuses=STATUS_LABELS, data=script_json(definition(cl)),
                  assets={"scripts": [CORE_JS, PAGE_JS], "stylesheets": [CSS]})


def index_page(lib) -> str:
    links = Links(INDEX_URL)
    lists = [(cl, links.checklist(cl.id)) for cl in sorted(lib.checklists.values(),
                                                            key=lambda c: (-(c.year or 0), c.kind, c.title))]
    return render("checklist-index.md.j2", lists=lists, overview=links.to(OVERVIEW_URL),
                  reminders=links.to(register.URL), orgs=len(lib.organizations), assets={"stylesheets": [CSS]})


def overview_page(lib) -> str:
    data = {cl.id: definition(cl) for cl in lib.checklists.values()}
    return render("checklist-overview.md.j2", index=Links(OVERVIEW_URL).to(INDEX_URL), data=script_json(data),
                  assets={"scripts": [CORE_JS, XLSX_JS, OVERVIEW_JS], "stylesheets": [CSS]})


def generated(lib) -> list[Generated]:
    out = [Generated(f"{INDEX_URL}index.md", index_page(lib)),
           Generated(f"{OVERVIEW_URL.rstrip('/')}.md", overview_page(lib))]
    out.extend(register.generated(lib))
    for cl in lib.checklists.values():
        out.append(Generated(page_path("checklist", cl.id), checklist_page(lib, cl), cl.path))
    return out
