"""The audit on the site (issue 15), in a real Chromium at phone width: a question whose
cited article was revised after it was confirmed carries a note and is left out of mock
exams; options are shuffled per attempt with 以上都是 kept in place; a wrong 填空 answer
stops the build."""
from __future__ import annotations

import re

import pytest

from browser import CHROMEDRIVER, CHROMIUM, browser, serve  # noqa: F401
from conftest import build, write
from portal.cli import main
from test_audit import REG

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="需要 Debian 的 chromium 和 chromium-driver")

QUIZ = """\
title: 示例自测
regulation: shili
questions:
  - {id: sl-001, type: 判断, stem: 党支部每月召开一次支部委员会会议。, answer: 对, source: shili#2}
  - {id: sl-002, type: 判断, stem: 党员应当按期交纳党费。, answer: 对, source: shili#3}
  - {id: sl-003, type: 判断, stem: 本条例为了示例而制定。, answer: 对, source: shili#1}
  - id: sl-004
    type: 单选
    stem: 党员应当按期交纳（  ）。
    options: [党费, 会费, 团费, 以上都不对]
    answer: A
    source: shili#3
"""
EXAM = """\
title: 模拟考试
time_limit: 30
draw:
  - {type: 判断, count: 3}
"""
NOTE = "所引条文已修订，本题待复核"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    root = write(tmp_path_factory.mktemp("content"), {"regulations/shili.yml": REG, "quizzes/shili-zice.yml": QUIZ,
                                                        "quizzes/moni.yml": EXAM})
    assert main(["--root", str(root), "audit", "--confirm", "sl-001", "sl-002", "sl-003"]) == 0
    # 第三条 is revised after the confirmation: sl-002 (判断, confirmed) becomes 条文已修订;
    # sl-004 (单选) is grounded again against the new text and stays 已核实
    (root / "regulations/shili.yml").write_text(REG.replace("按期交纳党费。", "按期交纳党费，自觉接受监督。"),
                                                encoding="utf-8")
    site = tmp_path_factory.mktemp("site")
    result = build(root, site)
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(site) as url:
        yield url


def by(driver, css):
    from selenium.webdriver.common.by import By
    return driver.find_elements(By.CSS_SELECTOR, css)


def wait_for(driver, predicate, message=""):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, 10).until(lambda d: predicate(d), message)


def cards(driver) -> dict:
    return {c.get_attribute("data-qid"): c for c in by(driver, ".quiz-q")}


def test_a_revised_question_carries_the_note_in_practice(browser, base):  # noqa: F811
    browser.get(base + "quizzes/shili-zice/")
    wait_for(browser, lambda d: len(by(d, ".quiz-q")) == 4, "the practice app starts")
    found = cards(browser)
    note = found["sl-002"].find_elements("css selector", ".quiz-q__note")
    assert note and note[0].is_displayed() and NOTE in note[0].text
    assert all(not found[q].find_elements("css selector", ".quiz-q__note") for q in ("sl-001", "sl-003", "sl-004"))


def test_a_revised_question_is_left_out_of_mock_exams(browser, base):  # noqa: F811
    for seed in (1, 2, 3):
        browser.get(base + f"quizzes/moni/?seed={seed}")
        wait_for(browser, lambda d: by(d, ".quiz-start"), "the exam intro")
        by(browser, ".quiz-start")[0].click()
        wait_for(browser, lambda d: by(d, ".quiz-q"), "the paper is drawn")
        assert sorted(cards(browser)) == ["sl-001", "sl-003"]
        assert "本次只抽到 2 道" in browser.find_element("css selector", "body").text
        browser.execute_script("sessionStorage.clear()")


def test_options_are_shuffled_per_attempt_and_the_key_follows_its_option(browser, base):  # noqa: F811
    orders = set()
    for attempt in range(8):
        browser.get(base + "quizzes/shili-zice/?only=sl-004")
        wait_for(browser, lambda d: len(by(d, ".quiz-q")) == 1)
        labels = by(browser, ".quiz-opt")
        texts = [l.find_element("css selector", ".quiz-opt__text").text for l in labels]
        keys = [l.find_element("css selector", ".quiz-opt__key").text for l in labels]
        assert keys == ["A", "B", "C", "D"] and texts[3] == "以上都不对"     # kept in place
        orders.add(tuple(texts))
        if attempt == 0:
            shown = keys[texts.index("党费")]
            labels[texts.index("党费")].click()
            by(browser, ".quiz-q__submit")[0].click()
            fb = wait_for(browser, lambda d: [f for f in by(d, ".quiz-fb") if f.is_displayed()])[0]
            assert "✓ 回答正确" in fb.text
            stored = browser.execute_script("return localStorage.getItem('portal.quiz.record')")
            assert '"sl-004":{"right":1' in stored
        if attempt == 1:
            labels[texts.index("会费")].click()
            by(browser, ".quiz-q__submit")[0].click()
            fb = wait_for(browser, lambda d: [f for f in by(d, ".quiz-fb") if f.is_displayed()])[0]
            shown = keys[texts.index("党费")]
            assert re.search(f"正确答案：{shown}\\. 党费", fb.text), fb.text
            assert f"你的答案：{keys[texts.index('会费')]}. 会费" in fb.text
    assert len(orders) > 1, "a new attempt shows another order"


def test_a_wrong_fill_in_answer_stops_the_build_with_file_and_line(tmp_path):
    root = write(tmp_path / "content", {"regulations/shili.yml": REG, "quizzes/shili-zice.yml": """\
title: 示例自测
questions:
  - id: sl-010
    type: 填空
    stem: 党支部每（  ）召开一次党员大会。
    answer: [季度]
    source: shili#2
"""})
    result = build(root, tmp_path / "site")
    assert result.returncode == 1
    assert "quizzes/shili-zice.yml:6:14: 第1题第1空的答案“季度”不在《示例条例》第二条中" in result.stderr
    assert not (tmp_path / "site").exists()
