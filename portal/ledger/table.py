"""The ledger as rows of a sheet: the same rows make the .xlsx, the .csv and (in
ledger.js, `sheetRows`/`summaryRows`, rule for rule) the browser's downloads."""
from __future__ import annotations

NOT_DUE = ""


def day_cn(iso: str) -> str:
    return f"{int(iso[5:7])}月{int(iso[8:10])}日"


def week_head(w: dict) -> str:
    return f"第{w['n']}周（{day_cn(w['monday'])}—{day_cn(w['sunday'])}）"


def cell_text(cell: dict | None, week: dict, today: str) -> str:
    if cell is None and not week["quiz"]:
        return "无自测"
    if cell is None:
        return "未测" if week["sunday"] < today else NOT_DUE
    text = f"{cell['percent']}% {'及格' if cell['passed'] else '未及格'} {day_cn(cell['date'])}"
    return text + "（补测）" if cell["late"] else text


def rate_text(stats: dict) -> str:
    return "—" if stats["rate"] is None else f"{stats['rate']}%"


def week_foot(w: dict) -> str:
    if not w["quiz"]:
        return "无自测"
    if not w["members"]:
        return ""
    avg = "—" if w["average"] is None else f"{w['average']:g}%"
    return f"{w['tested']}/{w['members']}人 平均{avg}"


def sheet_rows(ledger: dict, quarter: str | None = None) -> list[list]:
    """Members × weeks of one quarter ("2026-Q4") or of the whole plan (None)."""
    today = ledger["plan"]["today"]
    idx = [i for i, w in enumerate(ledger["weeks"]) if quarter is None or w["quarter"] == quarter]
    weeks = ledger["weeks"]
    rows = [["支部", "姓名"] + [week_head(weeks[i]) for i in idx] + ["应学周数", "已完成", "缺学", "完成率"]]
    for m in ledger["members"]:
        stats = m["total"] if quarter is None else m["quarters"][quarter]
        rows.append([m["branch"], m["name"]] + [cell_text(m["cells"][i], weeks[i], today) for i in idx]
                    + [stats["due"], stats["done"], stats["missed"], rate_text(stats)])
    rows.append(["", "各周完成情况"] + [week_foot(weeks[i]) for i in idx] + ["", "", "", ""])
    return rows


def summary_rows(ledger: dict) -> list[list]:
    """One row per member: each quarter's done/due, the whole plan's figures and the files read."""
    quarters = ledger["quarters"]
    rows = [["支部", "姓名"] + [q["label"] for q in quarters] + ["应学周数", "已完成", "缺学", "完成率", "记录文件"]]
    for m in ledger["members"]:
        per = [f"{m['quarters'][q['key']]['done']}/{m['quarters'][q['key']]['due']}" for q in quarters]
        t = m["total"]
        rows.append([m["branch"], m["name"]] + per + [t["due"], t["done"], t["missed"], rate_text(t), "、".join(m["files"])])
    return rows


def csv_text(rows: list[list]) -> str:
    """CSV for Excel: UTF-8 with BOM, CRLF, every field quoted when needed; a text that
    Excel would take for a formula (= + - @) is written with a leading apostrophe."""
    def field(v) -> str:
        s = str(v)
        if s[:1] in ("=", "+", "-", "@", "\t", "\r"):
            s = "'" + s
        return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\r\n') else s
    return "\ufeff" + "".join(",".join(field(v) for v in row) + "\r\n" for row in rows)
