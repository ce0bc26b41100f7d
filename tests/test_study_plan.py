"""学习计划: the week rule (Python and plan.js agree on it), the plan file's errors at
file:line, the sample plan, and the plan page a reader gets without JavaScript."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import ROOT, build, check, write
from portal.content.loader import load
from portal.study.plan import build_date, range_label, week_range, week_status

PLAN_JS = ROOT / "docs" / "assets" / "portal" / "plan.js"
NODE = shutil.which("node")

REG_A = """\
title: 中国共产党示例工作条例
short_title: 示例条例
category: 条例
issuer: 中共中央
status: 有效
tags: [机关党建]
text: |
  第一条　为了示例，制定本条例。
  第二条　党员应当按时交纳党费。
  第三条　党支部每月开展一次主题党日。
"""
REG_B = """\
title: 中国共产党另一示例准则
short_title: 另一准则
category: 准则
issuer: 中共中央
status: 有效
text: |
  第一条　坚持公私分明。
  第二条　坚持崇廉拒腐。
"""


def quiz(reg: str, prefix: str) -> str:
    return f"""\
title: 《{reg}》自测
regulation: {reg}
pass: 80
questions:
  - {{id: {prefix}-001, type: 判断, stem: 党员应当按时交纳党费。, answer: 对}}
  - {{id: {prefix}-002, type: 单选, stem: 主题党日多久一次？, options: [每月, 每年], answer: A}}
"""


# Four weeks across New Year: 2026-12-21 … 2027-01-17.
PLAN = """\
# yaml-language-server: $schema=../schemas/study-plan.schema.json
title: 跨年学习计划<b>（测试）</b>
start: 2026-12-21
weeks:
  - regulation: shili
    quiz: shili-zice
    focus: [2, 3]
    note: 第一周说明<script>alert(1)</script>
  - regulation: lingyi
    quiz: lingyi-zice
    focus: [1]
  - regulation: shili
  - regulation: lingyi
    quiz: lingyi-zice
    note: 最后一周
"""

CONTENT = {
    "regulations/shili.yml": REG_A,
    "regulations/lingyi.yml": REG_B,
    "quizzes/shili-zice.yml": quiz("shili", "sl"),
    "quizzes/lingyi-zice.yml": quiz("lingyi", "ly"),
    "regulations/study-plan.yml": PLAN,
}


def build_on(day: str, root: Path, site: Path):
    """A real strict build with the build date fixed (PORTAL_TODAY)."""
    saved = os.environ.get("PORTAL_TODAY")
    os.environ["PORTAL_TODAY"] = day
    try:
        return build(root, site)
    finally:
        if saved is None:
            os.environ.pop("PORTAL_TODAY", None)
        else:
            os.environ["PORTAL_TODAY"] = saved


def article_html(html: str) -> str:
    start = html.index('<article class="md-content__inner')
    return html[start:html.index("</article>", start)]


# ---------- the week rule ----------

START = date(2026, 12, 21)   # a Monday

WEEK_TABLE = [
    # (today, count, state, 0-based index)
    (date(2026, 12, 20), 4, "before", 0),     # the Sunday before the start
    (date(2025, 1, 1), 4, "before", 0),       # long before
    (date(2026, 12, 21), 4, "during", 0),     # the first Monday
    (date(2026, 12, 27), 4, "during", 0),     # its Sunday
    (date(2026, 12, 28), 4, "during", 1),     # next Monday
    (date(2026, 12, 31), 4, "during", 1),     # New Year's Eve …
    (date(2027, 1, 1), 4, "during", 1),       # … and New Year's Day are the same week
    (date(2027, 1, 3), 4, "during", 1),       # a Sunday in the new year
    (date(2027, 1, 4), 4, "during", 2),
    (date(2027, 1, 17), 4, "during", 3),      # the last day of the plan
    (date(2027, 1, 18), 4, "after", 3),       # the day after
    (date(2030, 6, 1), 4, "after", 3),
    (date(2026, 12, 21), 1, "during", 0),
    (date(2026, 12, 28), 1, "after", 0),
    (date(2026, 12, 21), 0, "empty", None),
]


@pytest.mark.parametrize("today,count,state,index", WEEK_TABLE, ids=[f"{t}-{c}" for t, c, *_ in WEEK_TABLE])
def test_week_status(today, count, state, index):
    s = week_status(START, count, today)
    assert (s.state, s.index) == (state, index)
    if s.state == "during":
        monday, sunday = week_range(START, s.index)
        assert monday <= today <= sunday and monday.weekday() == 0 and sunday.weekday() == 6


def test_week_ranges_and_labels_write_years_only_when_needed():
    assert week_range(START, 1) == (date(2026, 12, 28), date(2027, 1, 3))
    assert range_label(*week_range(START, 0), 2026) == "12月21日—12月27日"
    assert range_label(*week_range(START, 1), 2026) == "2026年12月28日—2027年1月3日"
    assert range_label(*week_range(START, 2), 2026) == "2027年1月4日—2027年1月10日"


def test_build_date_is_china_date_unless_fixed():
    assert build_date({"PORTAL_TODAY": "2026-11-27"}) == date(2026, 11, 27)
    from datetime import datetime, timezone
    china = timezone(timedelta(hours=8))
    before = datetime.now(china).date()
    today = build_date({})
    after = datetime.now(china).date()
    assert today in (before, after)         # China's date, even if midnight passes between the calls
    for bad in ("2026-02-30", "2026/11/27", "明天"):
        with pytest.raises(ValueError, match="PORTAL_TODAY"):
            build_date({"PORTAL_TODAY": bad})


@pytest.mark.skipif(not NODE, reason="需要 node")
def test_python_and_javascript_agree_on_every_date():
    starts = ["2026-09-07", "2026-12-21", "2024-02-26", "2027-12-27", "1999-12-27"]
    cases = []
    for s in starts:
        start = date.fromisoformat(s)
        for count in (0, 1, 4, 24, 53):
            for offset in list(range(-10, 12)) + [7 * count - 1, 7 * count, 7 * count + 1, 365, -365, 800]:
                cases.append((s, count, (start + timedelta(days=offset)).isoformat()))
    script = """
      const P = require(process.argv[1]);
      const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
      const out = cases.map(([s, n, t]) => { const d = P.parseDate(t); return P.weekOf(s, n, d); });
      process.stdout.write(JSON.stringify(out));
    """
    result = subprocess.run([NODE, "-e", script, str(PLAN_JS)], input=json.dumps(cases),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    js = json.loads(result.stdout)
    mismatches = []
    for (s, count, t), got in zip(cases, js):
        py = week_status(date.fromisoformat(s), count, date.fromisoformat(t))
        if (got["state"], got["index"]) != (py.state, py.index):
            mismatches.append((s, count, t, got, py))
    assert len(js) == len(cases) > 500
    assert not mismatches, mismatches[:5]


# ---------- the plan file: errors at file:line ----------

def test_plan_errors_are_reported_at_their_lines(project):
    root = project({**CONTENT, "regulations/study-plan.yml": """\
title: 学习计划
start: 2026-03-03
weeks:
  - regulation: shili
    quiz: meiyou-zice
    focus: [2, 9]
  - regulation: meiyou
  - regulation: lingyi
    focus: [一]
"""})
    result = check(root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    for expected in [
        "regulations/study-plan.yml:2:8: “start”应为星期一（第1周的周一），2026-03-03 是星期二",
        "regulations/study-plan.yml:5:11: 第1周的测试“meiyou-zice”不存在",
        "regulations/study-plan.yml:6:16: 第1周的重点条文第9条在《中国共产党示例工作条例》中不存在",
        "regulations/study-plan.yml:9:13: “focus”的第1项应为整数，这里是文字“一”",
        "regulations/study-plan.yml:7:17: 第2周的法规“meiyou”不存在",
    ]:
        assert expected in lines, result.stderr


@pytest.mark.parametrize("start,message", [
    ("2026-02-30", "regulations/study-plan.yml:3:8: 日期“2026-02-30”不存在，请检查年月日"),
    ("2026年9月7日", "regulations/study-plan.yml:3:8: “start”（开始日期）应为日期"),
])
def test_bad_start_dates(project, start, message):
    root = project({**CONTENT, "regulations/study-plan.yml": PLAN.replace("2026-12-21", start)})
    result = check(root)
    assert result.returncode == 1
    assert any(line.startswith(message) for line in result.stderr.splitlines()), result.stderr


def test_a_bad_plan_stops_the_build(tmp_path):
    root = write(tmp_path / "c", {**CONTENT, "regulations/study-plan.yml": PLAN.replace("lingyi-zice", "meiyou")})
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    assert "regulations/study-plan.yml:" in result.stderr and "测试“meiyou”不存在" in result.stderr
    assert not (tmp_path / "site" / "plan" / "index.html").exists()


# ---------- the sample plan ----------

def test_sample_plan_covers_today_and_cycles_through_the_regulations():
    text = (ROOT / "regulations" / "study-plan.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/study-plan.schema.json"
    lib = load(ROOT)
    assert not lib.errors, lib.errors
    plan = lib.plan
    assert plan.start == date(2026, 9, 7) and plan.start.weekday() == 0
    assert len(plan.weeks) >= 20
    status = week_status(plan.start, len(plan.weeks), date(2026, 11, 27))
    assert status.state == "during" and status.number == 12
    sample = ["zhibu-gongzuo-tiaoli", "qingshi-baogao-tiaoli", "wenze-tiaoli", "lianjie-zilv-zhunze"]
    assert {w.regulation for w in plan.weeks} == set(sample)
    for w in plan.weeks:
        assert w.quiz == f"{w.regulation}-zice" and w.focus and w.note
        assert all(lib.regulations[w.regulation].article(n) for n in w.focus)


# ---------- the plan page (no JavaScript) ----------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = write(tmp_path_factory.mktemp("content"), CONTENT)
    out = tmp_path_factory.mktemp("site")
    result = build_on("2026-12-30", root, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def rows(html: str) -> list[str]:
    return re.findall(r'<tr class="plan-week" id="week-\d+".*?</tr>', html, re.S)


def test_every_week_is_a_row_with_dates_regulation_focus_quiz_and_note(site):
    html = (site / "plan" / "index.html").read_text(encoding="utf-8")
    body = article_html(html)
    assert [re.search(r'id="week-(\d+)"', r).group(1) for r in rows(body)] == ["1", "2", "3", "4"]
    first, second, third, _ = rows(body)
    assert "第1周" in first and "12月21日—12月27日" in first and 'datetime="2026-12-21"' in first
    assert "2026年12月28日—2027年1月3日" in second
    assert 'href="../regulations/shili/"' in first and "《示例条例》" in first
    assert '<a href="../regulations/shili/#art-2">第二条</a>、<a href="../regulations/shili/#art-3">第三条</a>' in first
    assert '<a href="../quizzes/shili-zice/">《shili》自测</a>' in first
    assert 'data-plan-quiz="shili-zice"' in first
    assert "第一周说明&lt;script&gt;" in first and "<script>alert" not in html
    assert "重点" not in third and 'data-label="自测">—</td>' in third     # no focus, no quiz
    # the current week is the reader's to compute: nothing is highlighted in the HTML
    assert "plan-week--current" not in body and len(re.findall(r'data-plan-now(?:="")? hidden', body)) == 4
    assert "跨年学习计划&lt;b&gt;（测试）&lt;/b&gt;" in body


def test_plan_links_lead_to_existing_articles_and_quizzes(site):
    body = article_html((site / "plan" / "index.html").read_text(encoding="utf-8"))
    for href in set(re.findall(r'href="(\.\./[^"]+)"', body)):
        path, _, anchor = href.partition("#")
        target = (site / "plan" / path / "index.html").resolve()
        assert target.is_file(), href
        if anchor:
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href


def test_plan_page_loads_its_script_and_edits_the_yaml(site):
    html = (site / "plan" / "index.html").read_text(encoding="utf-8")
    assert '<script src="../assets/portal/plan.js" defer' in html
    assert 'href="../assets/portal/study.css"' in html
    assert re.search(r'href="[^"]*/edit/main/regulations/study-plan\.yml"', html)
    assert (site / "assets" / "portal" / "plan.js").is_file()


def test_without_a_plan_the_page_says_so(tmp_path):
    content = {k: v for k, v in CONTENT.items() if k != "regulations/study-plan.yml"}
    root = write(tmp_path / "c", content)
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    body = article_html((tmp_path / "site" / "plan" / "index.html").read_text(encoding="utf-8"))
    assert "暂无学习计划" in body and "<table" not in body
