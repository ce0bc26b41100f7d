"""The 学习台账 page (tai-zhang/): the study plan as JSON for ledger.js, which reads the
members' exported files in the secretary's browser. Nothing about members is built in."""
from __future__ import annotations

from portal.ledger.data import plan_data
from portal.web.generated import Generated
from portal.web.render import render
from portal.web.scriptdata import script_json
from portal.web.urls import Links

LEDGER_URL = "tai-zhang/"
LEDGER_JS = "assets/portal/ledger.js"
LEDGER_CSS = "assets/portal/ledger.css"
XLSX_JS = "assets/vendor/write-excel-file/write-excel-file.js"   # only this page loads it


def ledger_page(lib) -> str:
    links = Links(LEDGER_URL)
    data = plan_data(lib)
    return render("ledger.md.j2", plan=lib.plan, data=script_json(data) if data else None,
                  urls={"record": links.to("quizzes/xuexi-jilu/"), "plan": links.to("plan/")},
                  assets={"scripts": [XLSX_JS, LEDGER_JS], "stylesheets": [LEDGER_CSS]})


def generated(lib) -> list:
    return [Generated(f"{LEDGER_URL}index.md", ledger_page(lib), lib.plan.path if lib.plan else None)]
