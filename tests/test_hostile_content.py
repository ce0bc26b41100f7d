"""Hostile content everywhere (titles, stems, options, 解析, notes, brand text, Q&A):
shown as text, never executed — no dialog fires and no content-made script runs."""
from __future__ import annotations

import re

import pytest

from browser import needs_browser, make_driver, serve
from conftest import build, write

X = '<script>alert("x")</script>"><img src=x onerror=alert(1)></script>{{ 7*7 }}{% raw %}'
LINK = "[点我](javascript:alert(2))"

REG = f"""\
title: '示例条例{X}'
short_title: '示例{X}'
category: 条例
issuer: ['中共中央{X}']
status: 有效
note: '（题注{X}）'
source: '来源{X}'
tags: ['标签{X}']
summary: |
  导读{X} {LINK}
notes:
  1: '笔记{X} {LINK}'
text: |
  第一章　总则{X}
  第一条　正文{X}
  （一）项{X}
"""

QUIZ = f"""\
title: '自测{X}'
regulation: shili
questions:
  - id: ex-001
    type: 单选
    stem: '题干{X}（  ）'
    options: ['甲{X}', '乙{X}']
    answer: A
    explanation: '解析{X} {LINK}'
    source: shili#1
  - id: ex-002
    type: 填空
    stem: '填空{X}（  ）'
    answer: ['答{X}']
"""

BRAND = f"""\
name: '品牌{X}'
unit: '单位{X}'
branch: '支部{X}'
slogan: '口号{X}'
year: 2023
tags: ['标签{X}']
summary: '简介{X}'
connotation: |
  内涵{X} {LINK}
practices:
  - title: '做法{X}'
    text: '内容{X} {LINK}'
honors: ['荣誉{X}']
"""

QA = f"""\
title: '问答{X}'
items:
  - id: wd-001
    q: '问题{X}'
    a: |
      回答{X} {LINK}
    refs: [shili#1]
"""

CATCH_DIALOGS = """
window.__fired = [];
['alert', 'confirm', 'prompt'].forEach(function (name) {
  window[name] = function (m) { window.__fired.push(name + ':' + m); };
});
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = write(tmp_path_factory.mktemp("content"), {
        "regulations/shili.yml": REG, "quizzes/shili-zice.yml": QUIZ, "brands/pinpai.yml": BRAND,
        "docs/study/wenda.yml": QA})
    out = tmp_path_factory.mktemp("site")
    result = build(root, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


NO_CONTENT = {"quizzes/cuotiben/"}     # filled in by script from the reader's own record
PAGES = ["regulations/shili/", "regulations/", "quizzes/shili-zice/", "quizzes/shili-zice/paper/",
         "quizzes/shili-zice/answers/", "quizzes/", "quizzes/cuotiben/", "brands/pinpai/", "brands/",
         "study/wenda/", ""]


def test_no_content_made_markup_in_the_html(site):
    for path in PAGES:
        f = site / path / "index.html"
        html = f.read_text(encoding="utf-8")
        assert "<img src=x" not in html and "onerror=alert(1)>" not in html, path
        assert not re.search(r'<script>alert\("x"\)', html), path
        assert 'href="javascript:' not in html, path
        # Jinja never ran: every copy of the payload still has its {{ 7*7 }} (evaluated, it would read 49)
        shown = html.count("onerror=alert(1)")
        assert shown > 0 or path in NO_CONTENT, path
        assert html.count("{{ 7*7 }}") == shown, path


@needs_browser
def test_no_dialog_fires_and_no_content_script_runs(site):
    driver = make_driver()
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_DIALOGS})
        with serve(site) as url:
            for path in PAGES:
                driver.get(url + path)
                if path == "quizzes/shili-zice/":
                    driver.execute_script("""
                        var q = document.querySelector('.quiz-q[data-qid="ex-001"]');
                        q.querySelector('label[data-value="B"]').click();
                        q.querySelector('.quiz-q__submit').click();
                        document.querySelectorAll('details').forEach(function (d) { d.open = true; });""")
                else:
                    driver.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")
                assert driver.execute_script("return window.__fired") == [], path
                assert driver.execute_script(
                    "return [...document.querySelectorAll('script')].filter(s => !s.type || s.type === 'text/javascript')"
                    ".some(s => s.textContent.includes('alert(\"x\")'))") is False, path
                assert driver.execute_script("return document.querySelectorAll('img[src=x]').length") == 0, path
    finally:
        driver.quit()
