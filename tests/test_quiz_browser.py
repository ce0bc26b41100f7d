"""The 自测练习 front end in a real Chromium at phone width (360 px): practice, mock
exam, 错题本, 学习记录, storage failures. Skipped where chromium is not installed."""
from __future__ import annotations

import re

import json
from pathlib import Path

import pytest

from browser import CHROMEDRIVER, CHROMIUM, browser, console_errors, requested_urls, serve, set_viewport  # noqa: F401
from conftest import build, write
from test_quiz_pages import CONTENT, PRACTICE

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="需要 Debian 的 chromium 和 chromium-driver")

KEY = "portal.quiz.record"
WAIT = 10


def make_site(root: Path, out: Path, content: dict) -> Path:
    write(root, content)
    result = build(root, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("content"), tmp_path_factory.mktemp("site"), CONTENT)
    with serve(site) as url:
        yield url


@pytest.fixture
def phone(browser):  # noqa: F811
    """The browser fixture with a true 360 px viewport (the window cannot be that narrow)."""
    set_viewport(browser, 360, 740)
    requested_urls(browser)   # drop the start-up tab's own requests
    return browser


def by(driver, css):
    from selenium.webdriver.common.by import By
    return driver.find_elements(By.CSS_SELECTOR, css)


def one(driver, css):
    from selenium.webdriver.common.by import By
    return driver.find_element(By.CSS_SELECTOR, css)


def wait_for(driver, predicate, message="", timeout=WAIT):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, timeout).until(lambda d: predicate(d), message)


def click(el):
    """Click like a finger: scrolled to the middle, clear of Material's sticky header."""
    el.parent.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.click()


def open_page(driver, url, ready=".quiz-app > *"):
    driver.get(url)
    wait_for(driver, lambda d: by(d, ready), f"{url}: {ready}")


def card(driver, qid):
    return one(driver, f'.quiz-q[data-qid="{qid}"]')


def choose(driver, qid, *values):
    for v in values:
        click(one(card(driver, qid), f'label[data-value="{v}"]'))


def fill(driver, qid, *texts):
    for inp, text in zip(by(card(driver, qid), "input[type=text]"), texts):
        inp.send_keys(text)


def submit(driver, qid):
    click(one(card(driver, qid), ".quiz-q__submit"))
    wait_for(driver, lambda d: one(card(d, qid), ".quiz-fb").is_displayed(), f"feedback for {qid}")


def live_text(driver):
    return one(driver, ".quiz-sr[role=status]").get_attribute("textContent")


def stored(driver) -> dict:
    return json.loads(driver.execute_script(f"return localStorage.getItem('{KEY}')") or "null")


def no_overflow(driver):
    return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def test_answering_right_and_wrong_shows_verdict_explanation_and_source(phone, base):
    d = phone
    open_page(d, base + "quizzes/shili-zice/")
    assert not by(d, "[data-quiz-static]"), "the static fallback list gives way to the interactive one"
    assert [c.get_attribute("data-qid") for c in by(d, ".quiz-q")] == ["sl-001", "sl-002", "sl-003", "sl-004"]
    body = one(d, "body").text
    assert "解析标记甲" not in body and "正确答案" not in body, "nothing is revealed before answering"

    choose(d, "sl-001", "B")
    submit(d, "sl-001")
    fb = one(card(d, "sl-001"), ".quiz-fb")
    assert "✗ 回答错误" in fb.text
    # options are shuffled per attempt: an option is named by the letter it is shown under
    assert re.search(r"正确答案：[A-D]\. 基层委员会", fb.text) and re.search(r"你的答案：[A-D]\. 总支部委员会", fb.text)
    assert "解析标记甲" in fb.text
    assert all(not i.is_enabled() for i in by(card(d, "sl-001"), "input")), "an answered question is locked"
    assert not one(card(d, "sl-001"), ".quiz-q__submit").is_displayed()
    assert one(card(d, "sl-002"), ".quiz-q__submit").is_displayed()
    wait_for(d, lambda d: re.search(r"第1题回答错误，正确答案：[A-D]\. 基层委员会", live_text(d)), "announced to screen readers")

    link = one(fb, ".quiz-fb__src a")
    assert link.text == "《示例条例》第二条"
    assert link.get_attribute("href") == base + "regulations/shili-tiaoli/#art-2"
    article = one(fb, ".quiz-fb__article")
    assert not article.is_displayed(), "the article text is shown on demand"
    click(one(fb, ".quiz-fb__more summary"))
    assert article.text == "机关党员100人以上的，设立党的基层委员会。"

    fill(d, "sl-004", "　党费。", "个 月")   # full-width space, punctuation, the second alternative
    submit(d, "sl-004")
    assert "✓ 回答正确" in one(card(d, "sl-004"), ".quiz-fb").text
    assert one(d, ".quiz-progress").text == "共 4 题 · 已答 2 题 · 答对 1 题"

    choose(d, "sl-003", "对")
    submit(d, "sl-003")
    assert "✗ 回答错误" in one(card(d, "sl-003"), ".quiz-fb").text
    assert not d.execute_script("return [...document.scripts].some(s => s.type !== 'application/json' && "
                                "s.textContent.includes('alert(1)'))"), "the stem's </script> never became markup"
    assert "</script><script>alert(1)</script>党员可以不交党费。" in card(d, "sl-003").text

    link = one(card(d, "sl-001"), ".quiz-fb__src a")
    click(link)
    wait_for(d, lambda d: d.current_url.endswith("/regulations/shili-tiaoli/#art-2"))
    assert by(d, "#art-2")
    assert console_errors(d) == []


def test_finishing_shows_score_and_pass_mark_then_only_wrong_ones(phone, base):
    d = phone
    open_page(d, base + "quizzes/shili-zice/")
    choose(d, "sl-001", "A"); submit(d, "sl-001")
    choose(d, "sl-002", "A", "B"); submit(d, "sl-002")          # 少选: wrong
    choose(d, "sl-003", "错"); submit(d, "sl-003")
    fill(d, "sl-004", "党费", "月"); submit(d, "sl-004")
    result = one(d, ".quiz-result")
    wait_for(d, lambda d: result.is_displayed(), "the result appears once every question is answered")
    assert "得分 4 / 5 分（80%），及格线 80%，及格。" in result.text
    assert "答对 3 题，答错 1 题，未答 0 题。" in result.text
    assert not one(d, ".quiz-actions .md-button").is_displayed(), "结束练习 goes once the quiz is over"
    assert d.switch_to.active_element == result, "focus moves to the result"
    wait_for(d, lambda d: "练习结束。得分 4 / 5 分" in live_text(d), "the score is announced")

    click(one(result, "button.md-button--primary"))      # 只练错题（1 道）
    assert [c.get_attribute("data-qid") for c in by(d, ".quiz-q")] == ["sl-002"]
    assert "只练上一轮答错和未答的 1 道题" in one(d, ".quiz-subset").text
    choose(d, "sl-002", "A", "B", "D"); submit(d, "sl-002")
    wait_for(d, lambda d: "本轮成绩" in one(d, ".quiz-result").text)
    assert "得分 1 / 1 分（100%）" in one(d, ".quiz-result").text

    rec = stored(d)
    assert rec["quizzes"]["shili-zice"]["best"]["score"] == 4, "a retry of a subset is not a score for the quiz"
    assert len(rec["quizzes"]["shili-zice"]["attempts"]) == 1

    open_page(d, base + "quizzes/", ready='[data-quiz-best="shili-zice"]:not([hidden])')
    assert one(d, '[data-quiz-best="shili-zice"]').text.startswith("我的最好成绩：4 / 5 分（80%）")
    assert not one(d, '[data-quiz-best="jilv-zice"]').is_displayed()


def test_only_parameter_practises_the_listed_questions(phone, base):
    d = phone
    open_page(d, base + "quizzes/shili-zice/?only=sl-003,sl-001,sl-999")
    assert [c.get_attribute("data-qid") for c in by(d, ".quiz-q")] == ["sl-001", "sl-003"]
    assert "只练习指定的 2 道题（另有 1 道已不在本题库中）" in one(d, ".quiz-subset").text
    click(one(d, ".quiz-subset button"))
    assert len(by(d, ".quiz-q")) == 4

    open_page(d, base + "quizzes/shili-zice/?only=gone-1")
    assert "链接中指定的题目不在本题库中" in one(d, ".quiz-notices").text
    assert len(by(d, ".quiz-q")) == 4


def test_keyboard_only_answering_with_visible_focus(phone, base):
    from selenium.webdriver.common.keys import Keys
    d = phone
    open_page(d, base + "quizzes/jilv-zice/")
    # options are shuffled per attempt: start two places above the right answer (C) in the
    # order shown (arrow keys wrap around a radio group)
    inputs = by(card(d, "jl-003"), "input[type=radio]")
    right = [i.get_attribute("value") for i in inputs].index("C")
    first = inputs[(right - 2) % len(inputs)]
    d.execute_script("arguments[0].focus()", first)
    for key in (Keys.SPACE, Keys.ARROW_DOWN, Keys.ARROW_DOWN):   # arrows move the choice, never submit
        d.switch_to.active_element.send_keys(key)
    assert not one(card(d, "jl-003"), ".quiz-fb").is_displayed()
    assert one(card(d, "jl-003"), "input[value=C]").is_selected()
    d.switch_to.active_element.send_keys(Keys.TAB)
    button = d.switch_to.active_element
    assert button.text == "提交答案"
    assert d.execute_script("return getComputedStyle(arguments[0]).outlineStyle", button) != "none", "focus is visible"
    button.send_keys(Keys.ENTER)
    wait_for(d, lambda d: "✓ 回答正确" in one(card(d, "jl-003"), ".quiz-fb").text)
    assert d.switch_to.active_element == one(card(d, "jl-003"), ".quiz-fb"), "focus stays with the question"


def test_mock_exam_countdown_auto_submit_answer_card_and_review(phone, base):
    d = phone
    # a 4-second exam on a clock the test moves: the page's time stands still until the test advances it
    d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": (
        "window.__PORTAL_TEST__ = {seconds: 4, t: Date.UTC(2026, 10, 27, 2), now: function () { return this.t; }};")})
    open_page(d, base + "quizzes/moni-kaoshi/?seed=7")
    assert not by(d, ".quiz-q"), "the paper is drawn only when the reader starts"
    click(one(d, ".quiz-start"))
    wait_for(d, lambda d: by(d, ".quiz-q"))
    paper = [c.get_attribute("data-qid") for c in by(d, ".quiz-q")]
    assert len(paper) == 4 and len(set(paper)) == 4
    assert paper[2] == "jl-002", "the 判断 rule is limited to quizzes tagged 纪律"
    assert paper[3] == "sl-004"
    assert one(d, ".quiz-timer").text == "剩余 00:04"
    assert not one(card(d, paper[0]), ".quiz-fb").is_displayed(), "no feedback during the exam"

    toggle = one(d, ".quiz-bar__btn")
    assert toggle.text == "答题卡 0/4"
    click(toggle)
    cells = by(d, ".quiz-sheet__cell")
    assert [c.text for c in cells] == ["1", "2", "3", "4"]
    click(cells[2])
    assert d.switch_to.active_element.get_attribute("data-qid") == "jl-002", "the card jumps to the question"
    choose(d, "jl-002", "对")
    assert cells[2].get_attribute("aria-label") == "第3题，已作答"
    assert toggle.text == "答题卡 1/4"
    assert no_overflow(d)

    d.execute_script("window.__PORTAL_TEST__.t += 1000")
    wait_for(d, lambda d: one(d, ".quiz-timer").text == "剩余 00:03", "the countdown follows the clock")
    result = one(d, ".quiz-result")
    assert not result.is_displayed(), "nothing is submitted before the time is up"
    d.execute_script("window.__PORTAL_TEST__.t += 3000")
    wait_for(d, lambda d: result.is_displayed(), "time-out submits the paper")
    assert "时间到，已自动交卷" in result.text
    assert "得分 1 / 8 分（12%），及格线 60%，未及格。" in result.text
    rows = [r.text for r in by(result, "tbody tr")]
    assert rows == ["单选题 2 0 0 / 4", "判断题 1 1 1 / 1", "填空题 1 0 0 / 3"]
    for qid in paper:
        assert one(card(d, qid), ".quiz-fb").is_displayed(), f"every question is reviewed: {qid}"
        assert "正确答案" in card(d, qid).text, qid
    assert "解析标记丁" in one(card(d, "sl-004"), ".quiz-fb").text
    assert "— 未作答" in one(card(d, paper[0]), ".quiz-fb").text
    assert "✓ 回答正确" in one(card(d, "jl-002"), ".quiz-fb").text
    assert [c.text for c in by(d, ".quiz-sheet__cell")][2] == "3✓"
    wait_for(d, lambda d: "时间到，已自动交卷。得分 1 / 8 分" in live_text(d))
    rec = stored(d)
    assert rec["quizzes"]["moni-kaoshi"]["best"] == {"at": rec["quizzes"]["moni-kaoshi"]["best"]["at"], "score": 1,
                                                      "total": 8, "passed": False, "exam": True}

    click(one(d, ".quiz-result__actions button"))       # 再考一次: a fresh draw, same seed → same paper
    wait_for(d, lambda d: by(d, ".quiz-q") and not by(d, ".quiz-fb:not([hidden])"))
    assert [c.get_attribute("data-qid") for c in by(d, ".quiz-q")] == paper


def test_exam_submitted_by_hand_asks_first_when_questions_are_open(phone, base):
    d = phone
    open_page(d, base + "quizzes/moni-kaoshi/?seed=11")
    click(one(d, ".quiz-start"))
    wait_for(d, lambda d: by(d, ".quiz-q"))
    click(one(d, ".quiz-bar__submit"))
    confirm = one(d, ".quiz-confirm")
    assert "还有 4 题未作答，确定交卷吗？" in confirm.text
    assert d.switch_to.active_element.text == "确定交卷"
    click(d.switch_to.active_element)
    wait_for(d, lambda d: "考试成绩" in one(d, ".quiz-result").text)
    assert "得分 0 / 8 分（0%）" in one(d, ".quiz-result").text


def test_exam_in_progress_survives_a_reload(phone, base):
    d = phone
    open_page(d, base + "quizzes/moni-kaoshi/?seed=5")
    click(one(d, ".quiz-start"))
    wait_for(d, lambda d: by(d, ".quiz-q"))
    paper = [c.get_attribute("data-qid") for c in by(d, ".quiz-q")]
    choose(d, "jl-002", "错")
    fill(d, "sl-004", "党费")
    d.get(base + "quizzes/moni-kaoshi/")                 # reload (even without the seed in the URL)
    wait_for(d, lambda d: by(d, ".quiz-resume__go"))
    assert "本页有一场未交卷的考试，还剩 " in one(d, ".quiz-resume").text
    click(one(d, ".quiz-resume__go"))
    wait_for(d, lambda d: by(d, ".quiz-q"))
    assert [c.get_attribute("data-qid") for c in by(d, ".quiz-q")] == paper, "the same paper"
    assert one(card(d, "jl-002"), "input[value=错]").is_selected()
    assert one(card(d, "sl-004"), "input").get_attribute("value") == "党费"
    assert one(d, ".quiz-bar__btn").text == "答题卡 2/4"
    click(one(d, ".quiz-bar__submit"))
    click(one(d, ".quiz-confirm .md-button--primary"))
    wait_for(d, lambda d: "考试成绩" in one(d, ".quiz-result").text)
    d.get(base + "quizzes/moni-kaoshi/")
    wait_for(d, lambda d: by(d, ".quiz-start"))
    assert not by(d, ".quiz-resume__go"), "a submitted exam is not offered again"


def test_mistake_book_survives_reload_and_a_reordered_bank(phone, tmp_path):
    d = phone
    content = dict(CONTENT)
    site = make_site(tmp_path / "content", tmp_path / "site", content)
    with serve(site) as base:
        open_page(d, base + "quizzes/shili-zice/")
        choose(d, "sl-001", "B"); submit(d, "sl-001")
        choose(d, "sl-002", "A", "B", "D"); submit(d, "sl-002")
        choose(d, "sl-003", "对"); submit(d, "sl-003")

        open_page(d, base + "quizzes/cuotiben/")
        assert [i.get_attribute("data-qid") for i in by(d, ".quiz-book__item")] == ["sl-001", "sl-003"]
        assert "上次的答案：B" in one(d, '[data-qid="sl-001"] .quiz-book__meta').text
        d.refresh()
        wait_for(d, lambda d: by(d, ".quiz-book__item"))
        assert [i.get_attribute("data-qid") for i in by(d, ".quiz-book__item")] == ["sl-001", "sl-003"]

        # The editors reverse the order of the questions and reword one: ids stay.
        head, _, body = PRACTICE.partition("questions:\n")
        items = ["  - id:" + chunk for chunk in body.split("  - id:")[1:]]
        items[0] = items[0].replace("设立党的（  ）", "设立党的（  ）【修订】")
        write(tmp_path / "content", {"quizzes/shili-zice.yml": head + "questions:\n" + "".join(reversed(items))})
        result = build(tmp_path / "content", site)
        assert result.returncode == 0, result.stderr[-2000:]

        open_page(d, base + "quizzes/cuotiben/", ready=".quiz-book__item")
        items = by(d, ".quiz-book__item")
        assert [i.get_attribute("data-qid") for i in items] == ["sl-003", "sl-001"], "bank order, same questions"
        assert "【修订】" in one(d, '[data-qid="sl-001"] .quiz-book__stem').text
        assert "上次的答案：B" in one(d, '[data-qid="sl-001"] .quiz-book__meta').text
        details = one(d, '[data-qid="sl-001"] .quiz-book__details')
        click(one(details, "summary"))
        wait_for(d, lambda d: "正确答案：A. 基层委员会" in details.text, "answer shown on demand")

        link = one(d, ".quiz-book__group .md-button")
        assert link.get_attribute("href") == base + "quizzes/shili-zice/?only=sl-003,sl-001"
        for book in (["sl-003", "sl-001"], ["sl-003"]):   # two right answers in a row take sl-001 out
            open_page(d, base + "quizzes/shili-zice/?only=sl-001")
            assert [c.get_attribute("data-qid") for c in by(d, ".quiz-q")] == ["sl-001"]
            choose(d, "sl-001", "A"); submit(d, "sl-001")
            open_page(d, base + "quizzes/cuotiben/", ready=".quiz-book__item")
            assert [i.get_attribute("data-qid") for i in by(d, ".quiz-book__item")] == book
        assert no_overflow(d)


def test_export_then_import_restores_the_record(phone, base, tmp_path):
    d = phone
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    open_page(d, base + "quizzes/jilv-zice/")
    choose(d, "jl-001", "B"); submit(d, "jl-001")
    choose(d, "jl-002", "对"); submit(d, "jl-002")
    choose(d, "jl-003", "C"); submit(d, "jl-003")
    wait_for(d, lambda d: one(d, ".quiz-result").is_displayed())
    before = stored(d)

    open_page(d, base + "quizzes/xuexi-jilu/")
    assert "最好成绩：2 / 3 分（66%），及格 · " in one(d, '[data-quiz="jilv-zice"]').text
    assert no_overflow(d)
    click(one(d, ".quiz-io .md-button--primary"))
    wait_for(d, lambda d: [p for p in downloads.glob("*.json")], "the export is downloaded")
    exported = next(downloads.glob("*.json"))
    assert exported.name.startswith("学习记录-")
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["app"] == "dangjian-portal-quiz" and data["version"] == 1
    assert data["questions"]["jl-001"]["book"] is True

    d.execute_script("localStorage.clear()")                # as on a new phone, which has its own history
    open_page(d, base + "quizzes/shili-zice/")
    choose(d, "sl-001", "B"); submit(d, "sl-001")
    open_page(d, base + "quizzes/xuexi-jilu/")
    assert "尚未完成" in one(d, '[data-quiz="jilv-zice"]').text

    foreign = tmp_path / "other.json"
    foreign.write_text('{"hello": "world"}', encoding="utf-8")
    one(d, "#quiz-import-file").send_keys(str(foreign))
    wait_for(d, lambda d: "无法导入" in one(d, ".quiz-io__status").text)
    assert "这不是本门户导出的学习记录文件" in one(d, ".quiz-io__status").text

    one(d, "#quiz-import-file").send_keys(str(exported))
    wait_for(d, lambda d: "已导入" in one(d, ".quiz-io__status").text)
    assert "最好成绩：2 / 3 分（66%）" in one(d, '[data-quiz="jilv-zice"]').text
    after = stored(d)
    assert {k: after["questions"][k] for k in before["questions"]} == before["questions"]
    assert after["quizzes"] == before["quizzes"]
    assert after["questions"]["sl-001"]["book"] is True, "merged with this device's own record, not replaced"

    d.execute_script("document.querySelector('.quiz-io__status').textContent = ''")
    one(d, "#quiz-import-file").send_keys(str(exported))    # importing twice counts nothing twice
    wait_for(d, lambda d: "已导入" in one(d, ".quiz-io__status").text)
    assert stored(d)["quizzes"] == before["quizzes"] and stored(d)["questions"] == after["questions"]
    open_page(d, base + "quizzes/cuotiben/", ready=".quiz-book__item")
    assert [i.get_attribute("data-qid") for i in by(d, ".quiz-book__item")] == ["jl-001", "sl-001"]


def test_corrupt_storage_is_set_aside_and_the_page_still_works(phone, base):
    d = phone
    d.get(base + "quizzes/")
    d.execute_script(f"localStorage.setItem('{KEY}', '{{\"app\":\"dangjian-portal-quiz\",\"vers')")
    open_page(d, base + "quizzes/jilv-zice/")
    notice = one(d, ".quiz-notices")
    assert "学习记录无法读取，已原样另存为备份" in notice.text and notice.is_displayed()
    choose(d, "jl-001", "B"); submit(d, "jl-001")
    assert "✗ 回答错误" in one(card(d, "jl-001"), ".quiz-fb").text
    keys = d.execute_script("return Object.keys(localStorage)")
    aside = [k for k in keys if k.startswith(KEY + ".aside.")]
    assert len(aside) == 1
    kept = d.execute_script("return localStorage.getItem(arguments[0])", aside[0])
    assert kept == '{"app":"dangjian-portal-quiz","vers'
    assert stored(d)["questions"]["jl-001"]["book"] is True

    open_page(d, base + "quizzes/xuexi-jilu/")
    assert "另存的旧记录" in one(d, ".quiz-app").text
    assert [b.text for b in by(d, ".quiz-asides button")] == ["下载", "删除"]
    assert console_errors(d) == []


def test_private_browsing_storage_refused(phone, base):
    d = phone
    d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        Object.defineProperty(window, 'localStorage', {configurable: true,
          get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }});"""})
    open_page(d, base + "quizzes/jilv-zice/")
    assert "无痕或隐私浏览模式" in one(d, ".quiz-notices").text
    choose(d, "jl-001", "A"); submit(d, "jl-001")
    assert "✓ 回答正确" in one(card(d, "jl-001"), ".quiz-fb").text
    open_page(d, base + "quizzes/xuexi-jilu/")
    assert "无法把记录保存到浏览器" in one(d, ".quiz-app").text
    assert console_errors(d) == []


def test_full_storage_quota(phone, base):
    d = phone
    d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        Storage.prototype.setItem = function () {
          throw new DOMException('Quota exceeded', 'QuotaExceededError'); };"""})
    open_page(d, base + "quizzes/jilv-zice/")
    assert not by(d, ".quiz-notice"), "reading works: no notice yet"
    choose(d, "jl-001", "B"); submit(d, "jl-001")
    assert "✗ 回答错误" in one(card(d, "jl-001"), ".quiz-fb").text
    assert "存储空间已满" in one(d, ".quiz-notices").text
    choose(d, "jl-002", "对"); submit(d, "jl-002")
    assert one(d, ".quiz-notices").text.count("存储空间已满") == 1, "said once, not on every answer"
    assert console_errors(d) == []


def test_without_javascript_answers_are_folded(phone, base):
    d = phone
    d.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    d.get(base + "quizzes/shili-zice/")
    items = by(d, ".quiz-static__item")
    assert len(items) == 4
    key = one(items[0], "details.quiz-key")
    assert "机关党员100人以上的" in items[0].text
    assert "解析标记甲" not in items[0].text, "folded until opened"
    click(one(key, "summary"))
    shown = re.search(r"([A-D])\. 基层委员会", items[0].text).group(1)   # the seeded 试卷 order
    assert "解析标记甲" in key.text and f"答案：{shown}" in key.text


def test_pages_stay_on_the_site_and_fit_the_phone(phone, base):
    d = phone
    pages = ["quizzes/", "quizzes/shili-zice/", "quizzes/shili-zice/paper/", "quizzes/shili-zice/answers/",
             "quizzes/moni-kaoshi/", "quizzes/cuotiben/", "quizzes/xuexi-jilu/"]
    for page in pages:
        d.get(base + page)
        wait_for(d, lambda d: d.execute_script("return document.readyState") == "complete")
        if page == "quizzes/moni-kaoshi/":
            click(one(d, ".quiz-start"))
            click(one(d, ".quiz-bar__btn"))
            wait_for(d, lambda d: one(d, ".quiz-sheet").is_displayed())
        d.execute_async_script("var done = arguments[0];"     # laid out and painted: two animation frames
                               "requestAnimationFrame(function () { requestAnimationFrame(done); });")
        assert no_overflow(d), page
    urls = requested_urls(d)
    assert any(u.endswith("assets/portal/quiz.js") for u in urls)
    assert any("assets/portal/bank.js?v=" in u for u in urls)
    leaving = [u for u in urls if not (u.startswith(base) or u.startswith("data:") or u.startswith("blob:"))]
    assert leaving == []
    assert console_errors(d) == []


def test_paper_and_answer_views_print_cleanly(phone, base):
    import base64
    d = phone
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    shown = "return getComputedStyle(document.querySelector(arguments[0])).display !== 'none'"
    for view in ("paper", "answers"):
        open_page(d, base + f"quizzes/shili-zice/{view}/", ready=".quiz-paper")
        for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".quiz-paper__tools", ".reg-breadcrumb"):
            assert not d.execute_script(shown, chrome), (view, chrome)
        assert d.execute_script(shown, ".quiz-paper__item")
        pdf = base64.b64decode(d.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69})["data"])
        assert pdf.startswith(b"%PDF")
    assert d.execute_script(shown, ".quiz-key--open"), "the answers view prints its answers"
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "screen"})
    open_page(d, base + "quizzes/shili-zice/paper/", ready=".quiz-paper")
    button = one(d, "[data-quiz-print]")
    assert button.is_displayed() and button.text == "打印本页"
    assert "解析标记" not in one(d, "article").text and "答案：" not in one(d, "article").text
