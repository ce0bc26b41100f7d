"""换届提醒 (checklists/huanjie/): the organisations of the registers (organizations/*.yml)
by the end of their term.

Which organisations are due and how many days are left depend on the reader's today,
not the build date: the page holds every organisation with its term's end date and
term.js works both out in the browser (the same rules as portal/content/terms.py).
The build-date view is the no-JavaScript fallback, labelled as such.
"""
from __future__ import annotations

from datetime import date

from portal.content import terms
from portal.content.models import DEFAULT_TERMS, Organization
from portal.web.generated import Generated
from portal.web.render import render

URL = "checklists/huanjie/"
CSS = "assets/portal/checklist.css"
TERM_JS = "assets/portal/term.js"
STATE_LABELS = {"overdue": "已届满", "due": "六个月内届满", "ok": "未到期"}
BODY = {"党委": "党的基层委员会", "党总支": "党的总支部委员会", "党支部": "党的支部委员会"}


def rows(lib, today: date) -> list[dict]:
    """Every organisation, soonest term end first, with its state as of `today`."""
    out = []
    for org in sorted(lib.organizations, key=lambda o: (o.term_end, o.unit, o.name)):
        state = terms.status(org.term_end, today)
        out.append({"org": org, "end": org.term_end, "state": state, "label": STATE_LABELS[state],
                    "days": terms.days_left(org.term_end, today), "body": BODY[org.kind],
                    "default": not org.term_given and org.term == DEFAULT_TERMS[org.kind]})
    return out


def page(lib, today: date | None = None) -> str:
    today = today or terms.today()
    return render("huanjie.md.j2", rows=rows(lib, today), today=today, window=terms.WINDOW_MONTHS,
                  assets={"scripts": [TERM_JS], "stylesheets": [CSS]})


def overdue(lib, today: date) -> list[Organization]:
    return [o for o in lib.organizations if terms.status(o.term_end, today) == "overdue"]


def generated(lib) -> list[Generated]:
    sources = [r.path for r in lib.registers.values()]
    return [Generated(f"{URL.rstrip('/')}.md", page(lib), sources[0] if len(sources) == 1 else None)]
