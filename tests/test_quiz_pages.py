"""Quiz, mock-exam, 错题本 and 学习记录 pages from a real strict build: what a reader
(and the search index) gets before any JavaScript runs."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from conftest import build, write
from portal.web.scriptdata import script_json

REG = """\
title: 示例机关党建工作条例
short_title: 示例条例
category: 条例
issuer: 中共中央
status: 有效
text: |
  第一条　为了示例，制定本条例。
  第二条　机关党员100人以上的，设立党的基层委员会。
  第三条　党员应当按时交纳党费。
  党费一般按月交纳。
"""

EVIL = "</script><script>alert(1)</script>"

PRACTICE = f"""\
title: 《示例条例》自测
regulation: shili-tiaoli
pass: 80
tags: [机关党建]
questions:
  - id: sl-001
    type: 单选
    stem: 机关党员100人以上的，设立党的（  ）。
    options: [基层委员会, 总支部委员会, 支部委员会, 党小组]
    answer: A
    explanation: 解析标记甲：第二条规定设立基层委员会。
    source: shili-tiaoli#2
    score: 2
  - id: sl-002
    type: 多选
    stem: 以下哪些属于示例选项？
    options: [甲项, 乙项, "丙项\\u2028换行", "{EVIL}"]
    answer: ABD
    explanation: 解析标记乙。
    source: shili-tiaoli#1
  - id: sl-003
    type: 判断
    stem: "{EVIL}党员可以不交党费。"
    answer: 错
    explanation: 解析标记丙。
    source: shili-tiaoli#3
  - id: sl-004
    type: 填空
    stem: 党员应当按时交纳（  ），一般每（  ）交纳一次。
    answer: [党费, 月|个月]
    explanation: 解析标记丁。
"""

DISCIPLINE = """\
title: 纪律自测
pass: 60
tags: [纪律]
questions:
  - id: jl-001
    type: 单选
    stem: 纪律单选题一的题干。
    options: [正确的选项, 错误的选项]
    answer: A
    explanation: 解析标记戊。
  - id: jl-002
    type: 判断
    stem: 纪律判断题的题干。
    answer: 对
  - id: jl-003
    type: 单选
    stem: 纪律单选题三的题干。
    options: [选项一, 选项二, 选项三]
    answer: C
"""

EXAM = """\
title: 示例模拟考试
time_limit: 30
pass: 60
draw:
  - {type: 单选, count: 2, score: 2}
  - {type: 判断, count: 1, score: 1, tags: [纪律]}
  - {type: 填空, count: 1, score: 3}
"""

CONTENT = {
    "regulations/shili-tiaoli.yml": REG,
    "quizzes/shili-zice.yml": PRACTICE,
    "quizzes/jilv-zice.yml": DISCIPLINE,
    "quizzes/moni-kaoshi.yml": EXAM,
}
MARKERS = ["解析标记甲", "解析标记乙", "解析标记丙", "解析标记丁", "解析标记戊"]
STEMS = ["设立党的", "以下哪些属于示例选项", "党员可以不交党费", "党员应当按时交纳", "纪律单选题一的题干"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = write(tmp_path_factory.mktemp("content"), CONTENT)
    out = tmp_path_factory.mktemp("site")
    result = build(root, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def read(site, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    return html[html.index('<article class="md-content__inner'):html.index("</article>")]


class NavLinks(HTMLParser):
    """(href, text a reader sees) of every link inside a <nav>, whatever the theme's markup."""

    def __init__(self):
        super().__init__()
        self.depth = 0                      # <nav> elements open
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    @classmethod
    def of(cls, html: str) -> list[tuple[str, str]]:
        parser = cls()
        parser.feed(html)
        return parser.links

    def handle_starttag(self, tag, attrs):
        if tag == "nav":
            self.depth += 1
        elif tag == "a" and self.depth:
            self._href, self._text = dict(attrs).get("href"), []

    def handle_endtag(self, tag):
        if tag == "nav":
            self.depth = max(0, self.depth - 1)
        elif tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)


class Visible(HTMLParser):
    """Text of a page outside <script>, and outside elements excluded from search."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []   # per open element: is it (or an ancestor) hidden from search?
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        names = {k for k, _ in attrs}
        hidden = tag in ("script", "style") or "data-search-exclude" in names or "data-pagefind-ignore" in names
        self.stack.append(hidden or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.text.append(data)


def visible_text(html: str) -> str:
    p = Visible()
    p.feed(html)
    return "".join(p.text)


def quiz_data(html: str) -> tuple[str, dict]:
    m = re.search(r'<script type="application/json" id="quiz-data">(.*?)</script>', html, re.S)
    assert m, "the page carries its data for quiz.js"
    return m.group(1), json.loads(m.group(1))


def search_blob(site) -> str:
    """Everything the site search ships, decoded: Material's search_index.json or the
    portal's own index scripts (search/*.js calling window.__portalSearch.add(…, data))."""
    parts = []
    for path in sorted((site / "search").rglob("*")):
        if path.suffix not in (".json", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        m = re.fullmatch(r"\s*window\.__portalSearch\.add\(\"\w+\",\s*\d+,\s*(.*)\);?\s*", text, re.S)
        data = m.group(1) if m else text if path.suffix == ".json" else None
        parts.append(json.dumps(json.loads(data), ensure_ascii=False) if data else text)
    assert parts, "the build writes a search index"
    return "\n".join(parts).replace("\u200b", "")   # Material's jieba word separators


def test_every_page_of_the_section_is_built_with_its_title(site):
    titles = {
        "quizzes/shili-zice": "《示例条例》自测",
        "quizzes/shili-zice/paper": "《示例条例》自测（试卷）",
        "quizzes/shili-zice/answers": "《示例条例》自测（答案与解析）",
        "quizzes/jilv-zice": "纪律自测",
        "quizzes/moni-kaoshi": "示例模拟考试",
        "quizzes/cuotiben": "错题本",
        "quizzes/xuexi-jilu": "学习记录",
    }
    for url, title in titles.items():
        assert f"<title>{title} - " in read(site, url), url
    assert not (site / "quizzes/moni-kaoshi/paper").exists(), "a drawn exam has no fixed paper"


def test_quiz_page_shows_questions_with_answers_folded(site):
    html = article(read(site, "quizzes/shili-zice"))
    for stem in STEMS[:4]:
        assert stem in html
    keys = re.findall(r"<details([^>]*)>\s*<summary>答案与解析</summary>", html)
    assert len(keys) == 4
    for attrs in keys:
        assert "data-search-exclude" in attrs and "data-pagefind-ignore" in attrs
        assert " open" not in attrs, "answers are folded away until the reader opens them"
    assert "基层委员会" in html and "总支部委员会" in html   # options are listed


def test_no_answer_or_explanation_outside_excluded_elements(site):
    for url in ("quizzes/shili-zice", "quizzes/jilv-zice", "quizzes/moni-kaoshi", "quizzes/shili-zice/paper"):
        text = visible_text(read(site, url))
        for marker in MARKERS:
            assert marker not in text, (url, marker)
        assert "答案：" not in text, url
    full = read(site, "quizzes/shili-zice")
    assert "解析标记甲" in full, "…but the page does carry them (folded / as data)"


def test_page_json_is_escaped_for_the_script_context(site):
    html = read(site, "quizzes/shili-zice")
    raw, data = quiz_data(html)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\u2028" not in raw and "\\u2028" in raw
    assert "<script>alert(1)" not in html, "content never becomes markup"
    q = {x["id"]: x for x in data["questions"]}
    assert q["sl-002"]["options"][3] == EVIL, "option text round-trips exactly"
    assert q["sl-002"]["options"][2] == "丙项\u2028换行"
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in q["sl-003"]["stem"], "Markdown stems keep raw HTML as text"
    assert q["sl-004"]["answer"] == ["党费", "月|个月"]
    assert [x["id"] for x in data["questions"]] == ["sl-001", "sl-002", "sl-003", "sl-004"]
    assert data["quiz"]["pass"] == 80


def test_script_json_helper_round_trips_and_escapes():
    value = {"s": "a</script><!--&\u2028\u2029>"}
    text = str(script_json(value))
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


def test_links_between_quiz_and_regulation(site):
    html = article(read(site, "quizzes/shili-zice"))
    assert 'class="quiz-head__reg" href="../../regulations/shili-tiaoli/"' in html
    assert '<a href="../../regulations/shili-tiaoli/#art-2">《示例条例》第二条</a>' in html
    _, data = quiz_data(html)
    art = data["articles"]["shili-tiaoli#3"]
    assert art == {"title": "《示例条例》第三条", "url": "regulations/shili-tiaoli/#art-3",
                   "text": ["党员应当按时交纳党费。", "党费一般按月交纳。"]}
    assert (site / "regulations/shili-tiaoli/index.html").read_text(encoding="utf-8").count('id="art-3"') == 1
    assert 'href="paper/"' in html and 'href="answers/"' in html
    assert 'href="../cuotiben/"' in html and 'href="../xuexi-jilu/"' in html


def test_paper_view_has_questions_only(site):
    html = article(read(site, "quizzes/shili-zice/paper"))
    for stem in STEMS[:4]:
        assert stem in html
    for marker in MARKERS[:4]:
        assert marker not in html
    assert "答案：" not in html and "quiz-blank--filled" not in html
    assert "姓名" in html and "一、单选题（共 1 题，2 分）" in html
    assert html.count('class="quiz-blank"') == 2, "both 填空 blanks are drawn for writing in"
    assert "../answers/" in html


def test_answers_view_has_answers_and_explanations(site):
    html = article(read(site, "quizzes/shili-zice/answers"))
    for marker in MARKERS[:4]:
        assert marker in html
    assert "<strong>答案：</strong>A、B、D" in html
    assert re.search(r'quiz-blank--filled" data-blank="2">（月（或：个月））', html), "blanks are filled with the answer"
    assert 'quiz-options__item--correct"><span class="quiz-options__letter">A.</span> 基层委员会' in html
    assert '<a href="../../../regulations/shili-tiaoli/#art-2">' in html


def test_search_index_holds_no_answers(site):
    blob = search_blob(site)
    for marker in MARKERS:
        assert marker not in blob, marker
    assert "答案：" not in blob
    assert "（答案与解析）" not in blob and "（试卷）" not in blob, "the paper and answers views are not indexed"
    assert "《示例条例》自测" in blob, "the quiz pages are indexed (so the test is looking at the right thing)"


def test_assets_load_only_where_needed(site):
    def assets(url):
        html = read(site, url)
        return ("assets/portal/quiz.js" in html, "assets/portal/quiz.css" in html,
                "assets/portal/bank.js" in html)
    assert assets("quizzes/shili-zice") == (True, True, False)
    assert assets("quizzes/moni-kaoshi") == (True, True, True)
    assert assets("quizzes/cuotiben") == (True, True, True)
    assert assets("quizzes/xuexi-jilu") == (True, True, False)
    assert assets("quizzes") == (True, True, False)
    assert assets("regulations/shili-tiaoli") == (False, False, False)
    assert assets("") == (False, False, False)


def test_bank_js_holds_the_whole_bank(site):
    text = (site / "assets/portal/bank.js").read_text(encoding="utf-8")
    m = re.search(r"window\.PORTAL_BANK = (.*);\s*$", text, re.S)
    assert m and "<" not in m.group(1)
    bank = json.loads(m.group(1))
    assert [q["id"] for q in bank["questions"]] == ["jl-001", "jl-002", "jl-003",
                                                    "sl-001", "sl-002", "sl-003", "sl-004"]
    assert bank["quizzes"]["jilv-zice"]["tags"] == ["纪律"]
    assert bank["quizzes"]["moni-kaoshi"]["exam"] is True
    assert bank["articles"]["shili-tiaoli#2"]["url"] == "regulations/shili-tiaoli/#art-2"
    version = re.search(r'assets/portal/bank\.js\?v=(\w+)"', read(site, "quizzes/moni-kaoshi"))
    assert version, "the exam loads bank.js with a content version against stale caches"


def test_exam_page_states_rules_and_carries_them(site):
    html = article(read(site, "quizzes/moni-kaoshi"))
    assert "共 4 题 · 满分 8 分 · 及格线 60% · 考试时间 30 分钟" in html
    assert "判断题<span class=\"quiz-rules__tags\">（限纪律）</span>" in html
    assert "<noscript>" in html
    _, data = quiz_data(html)
    assert data["timeLimit"] == 30
    assert data["rules"][1] == {"type": "判断", "count": 1, "score": 1, "tags": ["纪律"]}


def test_section_index_lists_quizzes_exams_and_record_pages(site):
    html = article(read(site, "quizzes"))
    assert re.search(r'href="shili-zice/">《示例条例》自测</a>\s*<span class="quiz-card__meta">'
                     r'<a href="../regulations/shili-tiaoli/">《示例条例》</a> · 4 题 · 满分 5 分 · 及格线 80%', html)
    assert "纪律自测</a>" in html and "3 题 · 满分 3 分 · 及格线 60%" in html
    assert "从全部题库随机抽 4 题 · 满分 8 分 · 30 分钟 · 及格线 60%" in html
    assert 'data-quiz-best="shili-zice"' in html and 'data-quiz-best="moni-kaoshi"' in html
    assert 'href="cuotiben/">错题本</a>' in html and 'href="xuexi-jilu/">学习记录</a>' in html
    assert ("cuotiben/", "错题本") in NavLinks.of(read(site, "quizzes")), "错题本 is in the navigation"


def test_a_quiz_may_not_take_a_reserved_address(tmp_path):
    root = write(tmp_path / "content", {**CONTENT, "quizzes/cuotiben.yml": DISCIPLINE.replace("jl-", "zz-")})
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    assert "quizzes/cuotiben.yml: 编号“cuotiben”与错题本的地址 quizzes/cuotiben/ 相同，请换一个文件名" in result.stderr
