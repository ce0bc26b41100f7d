"""学习计划, 首页 and 学习问答 in a real Chromium at phone width (360 px), with the clock
and time zone fixed: the current week follows the reader's local date, scores come
from the quiz record, Q&A anchors open their answer, nothing is fetched from outside.
Skipped where chromium is not installed."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from browser import CHROMEDRIVER, CHROMIUM, browser, console_errors, requested_urls, serve  # noqa: F401
from test_study_plan import build_on

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="需要 Debian 的 chromium 和 chromium-driver")

KEY = "portal.quiz.record"
WAIT = 10


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The sample portal built on 2026-11-27 (the no-JS fallback's date), served over HTTP."""
    out = tmp_path_factory.mktemp("site")
    result = build_on("2026-11-27", None, out)
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(out) as url:
        yield url


def at(driver, moment: str, tz: str = "Asia/Shanghai"):
    """Fix the page clock (before any script runs) and the time zone for pages opened from now on."""
    ms = int(datetime.fromisoformat(moment).astimezone(timezone.utc).timestamp() * 1000)
    driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": tz})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": f"""
      (() => {{
        const Real = Date, fixed = {ms};
        class FixedDate extends Real {{
          constructor(...a) {{ super(...(a.length ? a : [fixed])); }}
          static now() {{ return fixed; }}
        }}
        window.Date = FixedDate;
      }})();"""})
    requested_urls(driver)
    return driver


def js(driver, script, *args):
    return driver.execute_script(script, *args)


def wait_for(driver, predicate, message=""):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, WAIT).until(lambda d: predicate(d), message)


def click(el):
    """Click like a finger: scrolled to the middle, clear of Material's sticky header."""
    el.parent.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.click()


def open_plan(driver, base):
    driver.get(base + "plan/")
    wait_for(driver, lambda d: js(d, "return !document.querySelector('[data-plan-today]').hidden"), "plan.js ran")


ROWS = """return Array.from(document.querySelectorAll('tr[data-week]')).map(r => ({
  n: +r.dataset.week, current: r.classList.contains('plan-week--current'), past: r.classList.contains('plan-week--past'),
  aria: r.getAttribute('aria-current'), badge: r.querySelector('[data-plan-now]').offsetParent !== null,
  score: (s => s && !s.hidden ? s.textContent : null)(r.querySelector('[data-plan-quiz]')),
  quiz: r.querySelector('[data-plan-quiz]') && r.querySelector('[data-plan-quiz]').dataset.planQuiz }));"""


def record(best: dict) -> str:
    return json.dumps({"app": "dangjian-portal-quiz", "version": 1, "updated": "2026-11-27T02:00:00.000Z",
                       "questions": {}, "quizzes": best})


def test_the_plan_marks_the_current_week(browser, base):  # noqa: F811
    at(browser, "2026-11-27T10:00:00+08:00")
    open_plan(browser, base)
    rows = js(browser, ROWS)
    assert len(rows) == 24
    current = [r["n"] for r in rows if r["current"]]
    assert current == [12]
    row = rows[11]
    assert row["aria"] == "date" and row["badge"]
    assert not any(r["badge"] for r in rows if r["n"] != 12)
    assert [r["n"] for r in rows if r["past"]] == list(range(1, 12))
    line = js(browser, "return document.querySelector('[data-plan-today]').textContent.trim()")
    assert line.startswith("今天是2026年11月27日（星期五），本周是第12周。") and line.endswith("跳到本周")
    assert js(browser, "return document.querySelector('[data-plan-today-link]').getAttribute('href')") == "#week-12"
    assert js(browser, "return getComputedStyle(document.getElementById('week-12')).backgroundColor") != \
        js(browser, "return getComputedStyle(document.getElementById('week-13')).backgroundColor")
    assert not console_errors(browser)


def test_the_week_follows_the_readers_local_date(browser, base):  # noqa: F811
    # 2026-11-29 16:30 UTC: Sunday evening in London, already Monday 00:30 in Beijing
    at(browser, "2026-11-29T16:30:00+00:00", "Asia/Shanghai")
    open_plan(browser, base)
    assert [r["n"] for r in js(browser, ROWS) if r["current"]] == [13]
    assert "今天是2026年11月30日（星期一）" in js(browser, "return document.querySelector('[data-plan-today]').textContent")


def test_the_same_moment_in_london_is_still_sunday(browser, base):  # noqa: F811
    at(browser, "2026-11-29T16:30:00+00:00", "Europe/London")
    open_plan(browser, base)
    assert [r["n"] for r in js(browser, ROWS) if r["current"]] == [12]


def test_scores_come_from_the_quiz_record_which_is_never_written(browser, base):  # noqa: F811
    at(browser, "2026-11-27T10:00:00+08:00")
    browser.get(base + "plan/")
    saved = record({
        "zhibu-gongzuo-tiaoli-zice": {"best": {"at": "2026-09-08T02:00:00.000Z", "score": 18, "total": 20, "passed": True},
                                      "attempts": []},
        "wenze-tiaoli-zice": {"best": {"at": "2026-09-22T02:00:00.000Z", "score": 10, "total": 25, "passed": False}},
        "qingshi-baogao-tiaoli-zice": {"best": "坏数据"},
    })
    js(browser, "localStorage.setItem(arguments[0], arguments[1])", KEY, saved)
    open_plan(browser, base)
    rows = js(browser, ROWS)
    by_quiz = {}
    for r in rows:
        by_quiz.setdefault(r["quiz"], []).append(r)
    assert {r["score"] for r in by_quiz["zhibu-gongzuo-tiaoli-zice"]} == {"已完成 · 最好成绩 18/20 分"}
    assert {r["score"] for r in by_quiz["wenze-tiaoli-zice"]} == {"未及格 · 最好成绩 10/25 分"}
    qingshi = by_quiz["qingshi-baogao-tiaoli-zice"]
    assert {r["score"] for r in qingshi if r["n"] <= 12} == {"尚未自测"}      # weeks already begun
    assert {r["score"] for r in qingshi if r["n"] > 12} == {None}             # future weeks: nothing yet
    done = js(browser, "return Array.from(document.querySelectorAll('.plan-week--done')).map(r => +r.dataset.week)")
    assert done == [r["n"] for r in by_quiz["zhibu-gongzuo-tiaoli-zice"]]
    assert js(browser, "return localStorage.getItem(arguments[0])", KEY) == saved


def test_a_broken_record_shows_no_scores_and_no_errors(browser, base):  # noqa: F811
    at(browser, "2026-11-27T10:00:00+08:00")
    browser.get(base + "plan/")
    js(browser, "localStorage.setItem(arguments[0], '{不是 JSON')", KEY)
    open_plan(browser, base)
    scores = {r["score"] for r in js(browser, ROWS) if r["n"] <= 12}
    assert scores == {"尚未自测"}
    assert not console_errors(browser)


CARD = """const c = document.querySelector('[data-home-week]'); const s = n => c.querySelector('[data-week-slot="' + n + '"]');
return {state: c.dataset.weekState, n: c.dataset.weekN, when: s('when').textContent, basis: s('basis').textContent,
  reg: s('reg').textContent, regHref: s('reg').getAttribute('href'), focus: s('focus').textContent,
  focusHrefs: Array.from(s('focus').querySelectorAll('a')).map(a => a.getAttribute('href')),
  note: s('note').hidden ? null : s('note').textContent, quiz: s('quiz').textContent, quizHref: s('quiz').getAttribute('href'),
  plan: s('plan').getAttribute('href'), score: s('score').hidden ? null : s('score').textContent};"""


def open_home(driver, base):
    driver.get(base)
    wait_for(driver, lambda d: js(d, "return !!document.querySelector('[data-home-week]').dataset.weekState"), "plan.js ran")
    return js(driver, CARD)


def test_home_card_is_computed_on_the_day_it_is_viewed(browser, base):  # noqa: F811
    at(browser, "2026-12-31T20:00:00+08:00")            # built on 2026-11-27 (week 12); viewed in week 17
    browser.get(base)
    js(browser, "localStorage.setItem(arguments[0], arguments[1])", KEY, record({
        "zhibu-gongzuo-tiaoli-zice": {"best": {"at": "2026-12-29T02:00:00.000Z", "score": 17, "total": 20, "passed": True}}}))
    c = open_home(browser, base)
    assert c["state"] == "during" and c["n"] == "17"
    assert c["when"] == "第17周 · 2026年12月28日—2027年1月3日"
    assert c["basis"] == "今天是2026年12月31日（星期四）"
    assert c["reg"] == "《支部工作条例》" and c["regHref"] == "regulations/zhibu-gongzuo-tiaoli/"
    assert c["focus"] == "第二条" and c["focusHrefs"] == ["regulations/zhibu-gongzuo-tiaoli/#art-2"]
    assert c["note"].startswith("跨年周")
    assert c["quiz"] == "开始本周自测" and c["quizHref"] == "quizzes/zhibu-gongzuo-tiaoli-zice/"
    assert c["plan"] == "plan/#week-17"
    assert c["score"] == "自测已完成，最好成绩 17/20 分"
    browser.get(base + c["quizHref"])                  # the button leads to the quiz
    assert "《支部工作条例》自测" in browser.title


def test_home_card_before_and_after_the_plan(browser, base):  # noqa: F811
    at(browser, "2026-08-01T09:00:00+08:00")
    c = open_home(browser, base)
    assert c["state"] == "before" and c["when"] == "学习计划将于2026年9月7日开始 · 第1周预告"
    assert c["reg"] == "《支部工作条例》" and c["score"] is None and c["quiz"] == "开始自测"
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
      (() => { const Real = Date, fixed = Real.UTC(2027, 2, 1, 1);
        class Later extends Real { constructor(...a) { super(...(a.length ? a : [fixed])); } static now() { return fixed; } }
        window.Date = Later; })();"""})
    c = open_home(browser, base)
    assert c["state"] == "after" and c["when"] == "本期学习计划已于2027年2月21日结束 · 最后一周回顾"
    assert c["plan"] == "plan/#week-24" and c["score"] is None


def test_without_javascript_the_full_plan_and_the_build_date_card_show(browser, base):  # noqa: F811
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.get(base + "plan/")
    assert len(browser.find_elements("css selector", "tr[data-week]")) == 24
    assert all(r.is_displayed() for r in browser.find_elements("css selector", "tr[data-week]"))
    assert not browser.find_elements("css selector", ".plan-week--current")
    browser.get(base)
    card = browser.find_element("css selector", "[data-home-week]").text
    assert "第12周 · 11月23日—11月29日" in card and "按网站生成日期（2026年11月27日，星期五）推算" in card


def test_a_qa_link_opens_its_answer(browser, base):  # noqa: F811
    url = base + "study/jiguan-dangjian-wenda/"
    browser.get(url + "#wd-022")
    wait_for(browser, lambda d: js(d, "return document.getElementById('wd-022').open"), "targeted answer opens")
    opened = js(browser, "return Array.from(document.querySelectorAll('details.qa-item[open]')).map(d => d.id)")
    assert opened == ["wd-022"]
    answer = browser.find_element("css selector", "#wd-022 .qa-item__a")
    assert answer.is_displayed() and "预备期" in answer.text
    assert not browser.find_element("css selector", "#wd-023 .qa-item__a").is_displayed()
    js(browser, "location.hash = '#wd-030'")
    wait_for(browser, lambda d: js(d, "return document.getElementById('wd-030').open"), "hashchange opens")
    click(browser.find_element("css selector", "[data-qa-all=open]"))
    assert js(browser, "return document.querySelectorAll('details.qa-item:not([open])').length") == 0
    click(browser.find_element("css selector", "[data-qa-all=close]"))
    assert js(browser, "return document.querySelectorAll('details.qa-item[open]').length") == 0
    # a citation leads to the article
    href = js(browser, "return document.querySelector('#wd-032 .qa-refs a').href")
    browser.get(href)
    assert browser.find_element("css selector", "#art-3").is_displayed()


@pytest.mark.parametrize("path,budget", [("", 12), ("plan/", 12), ("study/jiguan-dangjian-wenda/", 12)])
def test_phone_pages_are_light_local_and_fit_the_screen(browser, base, path, budget):  # noqa: F811
    at(browser, "2026-11-27T10:00:00+08:00")
    browser.get(base + path)
    wait_for(browser, lambda d: js(d, "return document.readyState") == "complete")
    urls = requested_urls(browser)
    assert urls and all(u.startswith(base.rstrip("/")) for u in urls), urls
    assert len(urls) <= budget, urls
    assert js(browser, "return document.scrollingElement.scrollWidth") <= 360
    assert not console_errors(browser)
