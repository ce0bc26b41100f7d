"""学习台账: members' exported 学习记录 files summed up against the study plan.

Mirrored rule for rule by `aggregate()` in docs/assets/portal/ledger.js, which does the
same in the branch secretary's browser; tests/test_ledger.py and tests/js/ledger.test.js
run both on the files under tests/fixtures/ledger/ and compare with the same expected
result. Change one, change the other.

Input: `plan` = {"id", "start": "YYYY-MM-DD", "weeks": [{"quiz", "regulation"}, …],
"quizzes": {id: title} (every quiz the portal has)}, `files` = [(name, text or None when
the file is too big to read)], `today`
("YYYY-MM-DD", China date).

Rules:
- A file that is not JSON is damaged; JSON without app "dangjian-portal-quiz" and a
  whole version ≥ 1 is not a record; a version above VERSION is from a newer portal;
  a file whose text equals an earlier one is a duplicate. Each is set aside, with why.
- The member is `member.name` in `member.branch` (NFKC, spaces collapsed). Files of
  the same name and branch are merged (every attempt counts: best score, latest date);
  the same name in two branches stays two members. A file without a name is listed
  under its file name and never merged.
- Attempts (`quizzes.<id>.attempts` and `.best`, counted once) are placed on the China
  date (UTC+8) of `at`. An attempt of quiz Q counts for the latest plan week with quiz
  Q that began on or before that day (so a late test still counts for its week), or
  for Q's first week when it came earlier in the plan; attempts before the plan's
  start count for nothing. Quizzes the portal no longer has, unreadable attempts and
  a record made under another plan are noted.
- A week with a quiz is due once its Sunday is past (a week without one never is);
  per member: due, done (tested among the due weeks), missed, rate (floor percent). Per week: members tested, passed, completion
  (floor percent) and the average of the best scores' percentages (rounded half up to
  one decimal). Quarters go by each week's Thursday.
"""
from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, datetime, timedelta, timezone

APP = "dangjian-portal-quiz"
VERSION = 1
MAX_CHARS = 20_000_000
CHINA = timezone(timedelta(hours=8))
QUARTER_CN = "一二三四"
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")

MESSAGES = {
    "damaged": "文件已损坏或不完整（不是有效的 JSON），未读入。",
    "not-record": "不是本门户导出的学习记录文件，未读入。",
    "newer": "由更新版本的门户导出（记录格式第 {v} 版），本页读不懂，未读入。请使用最新版本的门户。",
    "too-big": "文件过大，不像学习记录文件，未读入。",
    "duplicate": "与“{other}”内容完全相同，只计一次。",
    "unnamed": "文件中没有姓名（旧版导出或未填写），按文件名“{name}”列出，不与其他文件合并。",
    "bad-attempts": "有 {n} 条成绩无法识别，已忽略。",
    "unknown-quiz": "记录中的题库“{quiz}”在门户中已不存在，它的 {n} 次成绩未计入。",
    "plan-changed": "导出时的学习计划与当前计划不同，成绩已按当前计划的周次和日期重新对应。",
    "merged": "{who}的 {n} 个文件已合并（{files}）：每周取最好成绩和最近日期。",
    "same-name": "“{name}”在{branches}各有记录，按不同的人分开列出。",
}


def _msg(key: str, **kw) -> str:
    text = MESSAGES[key]
    for k, v in kw.items():
        text = text.replace("{" + k + "}", str(v))
    return text


def _clean_text(value) -> str:
    if not isinstance(value, str):
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", value)).strip(" ")


def _instant(text):
    """(epoch seconds, China date "YYYY-MM-DD") of a strict ISO date-time, or None."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    m = _ISO.fullmatch(text)
    if not m:
        return None
    y, mo, d, hh, mi = (int(m.group(i)) for i in range(1, 6))
    ss = int(m.group(6) or 0)
    zone = m.group(7)
    if y < 1900:
        return None
    try:
        if zone == "Z":
            tz = timezone.utc
        else:
            oh, om = int(zone[1:3]), int(zone[4:6])
            if oh > 23 or om > 59:
                return None
            sign = 1 if zone[0] == "+" else -1
            tz = timezone(sign * timedelta(hours=oh, minutes=om))
        moment = datetime(y, mo, d, hh, mi, ss, tzinfo=tz)
        return int(moment.timestamp()), moment.astimezone(CHINA).date().isoformat()
    except (ValueError, OverflowError):
        return None


def _count(n):
    """A non-negative whole count (floored), or None; booleans are not numbers."""
    if isinstance(n, bool) or not isinstance(n, (int, float)) or n != n or n in (float("inf"), float("-inf")) or n < 0:
        return None
    return min(int(n // 1), 1_000_000)


def _attempt(a):
    if not isinstance(a, dict):
        return None
    when = _instant(a.get("at"))
    s, t = _count(a.get("score")), _count(a.get("total"))
    if when is None or s is None or t is None or t == 0 or s > t:
        return None
    return {"at": a["at"], "t": when[0], "day": when[1], "score": s, "total": t, "passed": a.get("passed") is True}


def _better(a, b) -> bool:
    """Is attempt a a better result than b (a tie goes to the earlier one)?"""
    x, y = a["score"] * b["total"], b["score"] * a["total"]
    return x > y or (x == y and a["t"] < b["t"])


def quarter_of(monday: date) -> str:
    thursday = monday + timedelta(days=3)
    return f"{thursday.year}-Q{(thursday.month - 1) // 3 + 1}"


def quarter_label(key: str) -> str:
    return f"{key[:4]}年第{QUARTER_CN[int(key[-1]) - 1]}季度"


def plan_weeks(plan: dict) -> list[dict]:
    start = date.fromisoformat(plan["start"])
    out = []
    for i, w in enumerate(plan["weeks"]):
        monday = start + timedelta(weeks=i)
        out.append({"n": i + 1, "monday": monday.isoformat(), "sunday": (monday + timedelta(days=6)).isoformat(),
                    "quarter": quarter_of(monday), "quiz": w.get("quiz") or None, "regulation": w.get("regulation")})
    return out


def _read(name: str, text: str, seen: dict):
    """(record dict, None) or (None, set-aside entry)."""
    if text is None or len(text) > MAX_CHARS:     # None: too big to be worth reading
        return None, {"file": name, "reason": "too-big", "message": _msg("too-big")}
    if text in seen:
        return None, {"file": name, "reason": "duplicate", "message": _msg("duplicate", other=seen[text])}
    seen[text] = name
    try:
        data = json.loads(text[1:] if text.startswith("\ufeff") else text, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return None, {"file": name, "reason": "damaged", "message": _msg("damaged")}
    v = data.get("version") if isinstance(data, dict) else None
    if (not isinstance(data, dict) or data.get("app") != APP or isinstance(v, bool) or not isinstance(v, (int, float))
            or v != v or v in (float("inf"), float("-inf")) or v % 1 != 0 or v < 1):
        return None, {"file": name, "reason": "not-record", "message": _msg("not-record")}
    if v > VERSION:
        return None, {"file": name, "reason": "newer", "message": _msg("newer", v=int(v))}
    return data, None


def _no_constant(name):
    raise ValueError(name)       # NaN and Infinity are not JSON (JSON.parse refuses them too)


def _cmp_key(member: dict):
    return (member["branch"], member["name"], member["order"])


def _stats(cells: list, weeks: list[dict], indexes, today: str) -> dict:
    due = [i for i in indexes if weeks[i]["quiz"] and weeks[i]["sunday"] < today]
    done = sum(1 for i in due if cells[i] is not None)
    return {"due": len(due), "done": done, "missed": len(due) - done,
            "rate": done * 100 // len(due) if due else None}


def week_stats(members: list[dict], i: int, quiz: bool = True) -> dict:
    tested = [m["cells"][i] for m in members if m["cells"][i] is not None]
    n, k = len(members), len(tested)
    if not quiz:
        return {"members": n, "tested": 0, "passed": 0, "completion": None, "average": None}
    total = sum(c["percent"] for c in tested)
    return {"members": n, "tested": k, "passed": sum(1 for c in tested if c["passed"]),
            "completion": k * 100 // n if n else None,
            "average": (2 * total * 10 + k) // (2 * k) / 10 if k else None}


def aggregate(plan: dict, files: list[tuple[str, str]], today: str) -> dict:
    weeks = plan_weeks(plan)
    known = plan.get("quizzes") or {}
    by_quiz: dict[str, list[int]] = {}
    for i, w in enumerate(weeks):
        if w["quiz"]:
            by_quiz.setdefault(w["quiz"], []).append(i)
    start = plan["start"]

    set_aside, notes, seen = [], [], {}
    members: dict[str, dict] = {}
    for order, (name, text) in enumerate(files):
        data, aside = _read(name, text, seen)
        if aside:
            set_aside.append(aside)
            continue
        member = data.get("member") if isinstance(data.get("member"), dict) else {}
        who, branch = _clean_text(member.get("name")), _clean_text(member.get("branch"))
        if who:
            key = branch + "\u0000" + who
        else:
            who = re.sub(r"\.json$", "", name.replace("\\", "/").rsplit("/", 1)[-1], flags=re.I) or name
            key = "\u0001" + str(order)
            notes.append({"file": name, "reason": "unnamed", "message": _msg("unnamed", name=who)})
        m = members.get(key)
        if m is None:
            m = members[key] = {"name": who, "branch": branch, "anonymous": key.startswith("\u0001"), "order": order,
                                "files": [], "exported": None, "attempts": {}}
        m["files"].append(name)
        stamp = _instant(data.get("exported"))
        if stamp and (m["exported"] is None or stamp[1] > m["exported"]):
            m["exported"] = stamp[1]
        if isinstance(data.get("plan"), str) and plan.get("id") and data["plan"] != plan["id"]:
            notes.append({"file": name, "reason": "plan-changed", "message": _msg("plan-changed")})
        quizzes = data.get("quizzes") if isinstance(data.get("quizzes"), dict) else {}
        bad = 0
        for qid in sorted(quizzes):
            entry = quizzes[qid]
            raw = []
            if isinstance(entry, dict):
                raw = list(entry.get("attempts")) if isinstance(entry.get("attempts"), list) else []
                if entry.get("best") is not None:
                    raw.append(entry["best"])
            good = []
            for a in raw:
                got = _attempt(a)
                if got is None:
                    bad += 1
                else:
                    good.append(got)
            if qid not in known:
                if good:
                    notes.append({"file": name, "reason": "unknown-quiz",
                                  "message": _msg("unknown-quiz", quiz=qid, n=len({(a["at"], a["score"], a["total"]) for a in good}))})
                continue
            bucket = m["attempts"].setdefault(qid, {})
            for a in good:
                bucket.setdefault((a["at"], a["score"], a["total"]), a)
        if bad:
            notes.append({"file": name, "reason": "bad-attempts", "message": _msg("bad-attempts", n=bad)})

    ordered = sorted(members.values(), key=_cmp_key)
    out_members = []
    for m in ordered:
        cells = [None] * len(weeks)
        placed: list[list] = [[] for _ in weeks]
        for qid, bucket in m["attempts"].items():
            slots = by_quiz.get(qid)
            if not slots:
                continue
            for a in bucket.values():
                if a["day"] < start:
                    continue
                target = slots[0]
                for i in slots:
                    if weeks[i]["monday"] <= a["day"]:
                        target = i
                placed[target].append(a)
        for i, got in enumerate(placed):
            if not got:
                continue
            best = got[0]
            for a in got[1:]:
                if _better(a, best):
                    best = a
            latest = max(a["t"] for a in got)
            first = min(a["day"] for a in got)
            cells[i] = {"score": best["score"], "total": best["total"], "percent": best["score"] * 100 // best["total"],
                        "passed": best["passed"], "date": next(a["day"] for a in got if a["t"] == latest),
                        "attempts": len(got), "late": first > weeks[i]["sunday"]}
        out_members.append({"name": m["name"], "branch": m["branch"], "anonymous": m["anonymous"], "files": m["files"],
                            "exported": m["exported"], "cells": cells})

    quarters = []
    for i, w in enumerate(weeks):
        if not quarters or quarters[-1]["key"] != w["quarter"]:
            quarters.append({"key": w["quarter"], "label": quarter_label(w["quarter"]), "weeks": []})
        quarters[-1]["weeks"].append(i)
    everything = list(range(len(weeks)))
    for m in out_members:
        m["total"] = _stats(m["cells"], weeks, everything, today)
        m["quarters"] = {q["key"]: _stats(m["cells"], weeks, q["weeks"], today) for q in quarters}
    for i, w in enumerate(weeks):
        w.update(week_stats(out_members, i, bool(w["quiz"])))

    for m in ordered:
        if len(m["files"]) > 1:
            who = m["name"] + (f"（{m['branch']}）" if m["branch"] else "")
            notes.append({"member": who, "reason": "merged",
                          "message": _msg("merged", who=who, n=len(m["files"]), files="、".join(m["files"]))})
    branches: dict[str, list[str]] = {}
    for m in ordered:
        if not m["anonymous"]:
            branches.setdefault(m["name"], []).append(m["branch"] or "（未填支部）")
    for who in sorted(branches):
        if len(branches[who]) > 1:
            notes.append({"member": who, "reason": "same-name",
                          "message": _msg("same-name", name=who, branches="、".join(branches[who]))})

    return {"plan": {"id": plan.get("id"), "start": start, "today": today}, "weeks": weeks, "quarters": quarters,
            "members": out_members, "setAside": set_aside, "notes": notes,
            "files": len(files), "read": len(files) - len(set_aside)}
