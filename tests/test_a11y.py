"""Accessibility of every page kind in a real Chromium at phone width, checked by axe-core.

axe-core (pinned in package.json, installed by `make test` with npm) runs with the WCAG 2.2
AA rule set and `target-size` on, on every page kind of the sample site, at rest and in
the states a reader puts a page in (search open with results, drawer open, a quiz answered
right and wrong, a mock exam running and submitted, 错题本 with entries, brand filters
applied), in normal and 大字 (large-text) mode. No violation of impact serious or critical
may remain. A reflow check at 320 × 640 measures element boxes (the theme hides horizontal
overflow from scrollWidth).

Skipped with a reason where chromium or node_modules/axe-core is absent.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from browser import CHROMEDRIVER, CHROMIUM, make_driver, serve, viewport
from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LARGE_KEY = "portal.largeText"
WAIT = 10

pytestmark = [
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="需要 Debian 的 chromium 和 chromium-driver（.ci/run 会安装）"),
    pytest.mark.skipif(not AXE.exists(), reason="需要 node_modules/axe-core（make test 在有 node 时用 npm 安装）"),
]

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """
var done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, rules: {"target-size": {enabled: true}},
                   resultTypes: ["violations"]})
  .then(function (r) {
    done(r.violations.map(function (v) {
      return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) {
        return {target: n.target.join(" "), impact: n.impact, summary: n.failureSummary}; })};
    }));
  }, function (e) { done({error: String(e)}); });
"""

# Elements of the main content (and the header) whose box reaches past the viewport and
# that do not sit inside a box scrolling (or clipping) sideways on its own.
WIDE = """
var vw = document.documentElement.clientWidth, out = [];
function scrolls(el) {
  for (var p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    var ox = getComputedStyle(p).overflowX;
    if (ox === "auto" || ox === "scroll" || ox === "hidden" || ox === "clip") return true;
  }
  return false;
}
document.querySelectorAll(".md-header *, .md-content *").forEach(function (el) {
  var r = el.getBoundingClientRect(), s = getComputedStyle(el);
  if (r.width < 2 || r.height < 2 || s.visibility === "hidden") return;
  if (r.right <= vw + 1 && r.left >= -1) return;
  if (scrolls(el)) return;
  out.push(el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "")
           + " left " + Math.round(r.left) + " right " + Math.round(r.right));
});
return out.slice(0, 20);
"""


# Rendered Han text smaller than arguments[0] px, or (arguments[1]) with lines closer than 1.5.
SMALL_HAN = """
var min = arguments[0], lines = arguments[1], out = [], seen = new Set();
var walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walk.nextNode()) {
  var el = walk.currentNode.parentElement;
  if (!/[\\u3400-\\u9fff]/.test(walk.currentNode.nodeValue) || seen.has(el)) continue;
  seen.add(el);
  if (el.closest("script, style, noscript, template, title, svg")) continue;
  var r = el.getBoundingClientRect(), s = getComputedStyle(el);
  if (r.width <= 1 || r.height <= 1 || s.visibility === "hidden" || s.opacity === "0") continue;
  var size = parseFloat(s.fontSize), lh = parseFloat(s.lineHeight);
  var name = el.tagName.toLowerCase() + (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  if (seen.has(name + size)) continue;
  seen.add(name + size);
  if (size < min - 0.05) out.push(name + " " + size + "px: " + walk.currentNode.nodeValue.trim().slice(0, 12));
  else if (lines && s.display !== "inline" && lh && lh / size < 1.5 - 0.01 && el.closest(".md-content"))
    out.push(name + " line-height " + (lh / size).toFixed(2) + ": " + walk.currentNode.nodeValue.trim().slice(0, 12));
}
return out.slice(0, 30);
"""

# Controls smaller than arguments[0] × arguments[0] px; links inside a sentence are exempt.
SMALL_TARGETS = """
var min = arguments[0], out = [];
document.querySelectorAll("a[href], button, select, summary, input, label[for], [role=button], [tabindex='0']").forEach(function (el) {
  var r = el.getBoundingClientRect(), s = getComputedStyle(el);
  if (r.width < 1 || r.height < 1 || s.visibility === "hidden" || el.closest("[hidden], .md-sidebar, .md-search")) return;
  // a box or a visually hidden file input inside its label: the label is what a finger presses
  if (el.type === "checkbox" || el.type === "radio" || (el.type === "file" && el.closest("label"))) el = el.closest("label") || el, r = el.getBoundingClientRect();
  if (s.display === "inline" && el.tagName === "A") return;      // a link inside text
  if (el.matches(".md-content a.headerlink")) return;            // the ¶ of a heading: the heading itself is the target
  if (r.width + 0.5 < min || r.height + 0.5 < min)
    out.push(el.tagName.toLowerCase() + (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "")
             + " " + Math.round(r.width) + "×" + Math.round(r.height) + ": " + (el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 12));
});
return out.slice(0, 30);
"""


def page_kinds(site: Path) -> dict[str, str]:
    """Page kind → path of one such page in the built site, found by what the page holds."""
    def first(folder: str, marker: str, exclude: tuple[str, ...] = ()) -> str:
        for page in sorted((site / folder).glob("*/index.html")):
            if page.parent.name in exclude:
                continue
            if marker in page.read_text(encoding="utf-8"):
                return f"{folder}/{page.parent.name}/"
        raise AssertionError(f"no page in {folder}/ holds {marker!r}")

    quiz = first("quizzes", '"kind":"practice"')
    return {
        "home": "",
        "regulation-index": "regulations/",
        "regulation": first("regulations", 'id="art-1"'),
        "quiz-index": "quizzes/",
        "quiz": quiz,
        "quiz-paper": quiz + "paper/",
        "quiz-answers": quiz + "answers/",
        "exam": first("quizzes", '"kind":"exam"'),
        "mistakes": "quizzes/cuotiben/",
        "record": "quizzes/xuexi-jilu/",
        "brand-index": "brands/",
        "brand": first("brands", "brand-"),
        "plan": "plan/",
        "study-index": "study/",
        "study": first("study", "md-content", exclude=("jiguan-dangjian-wenda",)),
        "qa": first("study", "qa-item"),
        "404": "404.html",
        "ledger": "tai-zhang/",
        "checklist-index": "checklists/",
        "checklist": first("checklists", "data-cl-app", exclude=("huizong", "huanjie")),
        "checklist-overview": "checklists/huizong/",
        "term-reminders": "checklists/huanjie/",
        "format-reference": "bianji/geshi/",
    }


@pytest.fixture(scope="module")
def site(sample_site):
    with serve(sample_site) as url:
        yield url, page_kinds(sample_site)


@pytest.fixture(scope="module")
def driver():
    d = make_driver(360, 740)
    d.set_script_timeout(60)
    try:
        yield d
    finally:
        d.quit()


AXE_SOURCE = None


def small_text(d, where: str, large: bool) -> list[str]:
    """Han text under 14 px (18 px in 大字模式) on the page as it is now."""
    return [f"{where}: Han text too small or lines too close: {x}" for x in d.execute_script(SMALL_HAN, 18 if large else 14, large)]


def axe(d, where: str) -> list[str]:
    """Serious and critical violations on the page as it is now, one line per node."""
    global AXE_SOURCE
    if AXE_SOURCE is None:
        AXE_SOURCE = AXE.read_text(encoding="utf-8")
    # at the top of the page: a target under the sticky header counts as covered
    if d.execute_script("var y = window.scrollY; window.scrollTo(0, 0); return y > 0"):
        time.sleep(0.6)   # the header's title fades back to the site name
    if not d.execute_script("return !!window.axe"):
        d.execute_script(AXE_SOURCE)
    found = d.execute_async_script(RUN_AXE, TAGS)
    assert not isinstance(found, dict), found
    lines = []
    for v in found:
        if v["impact"] not in ("serious", "critical"):
            continue
        lines.append(f"{where}: {v['id']} ({v['impact']}, {len(v['nodes'])} nodes) {v['help']}")
        for n in v["nodes"][:8]:
            lines.append(f"    {n['target']} — {n['summary'].splitlines()[-1].strip()}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … {len(v['nodes']) - 8} more")
    return lines


def wait_for(d, predicate, message=""):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(d, WAIT, ignored_exceptions=(StaleElementReferenceException,)).until(predicate, message)


def css(d, selector):
    from selenium.webdriver.common.by import By
    return d.find_elements(By.CSS_SELECTOR, selector)


def click(d, selector):
    el = css(d, selector)[0]
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.click()


def set_large(d, base: str, on: bool):
    d.get(base)
    d.execute_script("if (arguments[0]) localStorage.setItem(arguments[1], '1'); else localStorage.removeItem(arguments[1]);",
                     on, LARGE_KEY)


def load(d, url: str, ready: str = "body"):
    d.get(url)
    wait_for(d, lambda d: css(d, ready), f"{url}: {ready}")
    d.execute_script("return document.fonts && document.fonts.ready")


def large_mode_is(d, on: bool):
    assert d.execute_script("return document.documentElement.classList.contains('portal-large')") == on


MODES = [pytest.param(False, id="normal"), pytest.param(True, id="large")]


@pytest.mark.parametrize("large", MODES)
def test_every_page_kind_at_rest(driver, site, large):
    base, kinds = site
    set_large(driver, base, large)
    problems = []
    for kind, path in kinds.items():
        ready = ".quiz-app > *" if kind in ("quiz", "exam", "mistakes", "record") else "body"
        load(driver, base + path, ready)
        large_mode_is(driver, large)
        problems += axe(driver, kind)
        problems += small_text(driver, kind, large)
        if large:
            body = driver.execute_script("var p = document.querySelector('article.md-typeset'); "
                                         "return p && parseFloat(getComputedStyle(p).fontSize)")
            if body is not None and body < 20:
                problems.append(f"{kind}: body text {body}px in 大字模式")
            problems += [f"{kind}: target under 44 × 44 px: {x}" for x in driver.execute_script(SMALL_TARGETS, 44)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("large", MODES)
def test_search_open_with_results_and_drawer_open(driver, site, large):
    base, kinds = site
    set_large(driver, base, large)
    problems = []
    for kind in ("home", "regulation", "brand"):
        load(driver, base + kinds[kind])
        click(driver, "header label[for=__search]")
        box = css(driver, ".md-search__input")[0]
        wait_for(driver, lambda d, box=box: d.switch_to.active_element == box, "search box takes focus")
        box.send_keys("党费")
        wait_for(driver, lambda d: css(d, ".md-search-result__list .md-search-result__link"), "search results")
        problems += axe(driver, kind + " search open") + small_text(driver, kind + " search open", large)

        load(driver, base + kinds[kind])
        click(driver, "header label[for=__drawer]")
        wait_for(driver, lambda d: d.execute_script("return document.getElementById('__drawer').checked"))
        problems += axe(driver, kind + " drawer open") + small_text(driver, kind + " drawer open", large)
    assert not problems, "\n".join(problems)


def quiz_answers(site_dir_url: str, d) -> dict:
    data = json.loads(d.execute_script("return document.getElementById('quiz-data').textContent"))
    return {q["id"]: q for q in data["questions"]}


@pytest.mark.parametrize("large", MODES)
def test_quiz_answered_exam_and_mistake_book(driver, site, large):
    base, kinds = site
    set_large(driver, base, large)
    driver.execute_script("localStorage.removeItem('portal.quiz.record')")
    problems = []

    load(driver, base + kinds["quiz"], ".quiz-q")
    questions = quiz_answers(base, driver)
    choice = [q for q in questions.values() if q["type"] in ("单选", "判断")][:2]
    right, wrong = choice
    letters = "ABCDEFGH"

    def answer(q, correct: bool):
        options = q.get("options") or ["对", "错"]
        values = list(letters[:len(options)]) if q["type"] == "单选" else options
        good = q["answer"][0]
        value = good if correct else next(v for v in values if v != good)
        click(driver, f'.quiz-q[data-qid="{q["id"]}"] label[data-value="{value}"]')
        click(driver, f'.quiz-q[data-qid="{q["id"]}"] .quiz-q__submit')

    answer(right, True)
    answer(wrong, False)
    wait_for(driver, lambda d: len(css(d, ".quiz-fb:not([hidden])")) >= 2, "feedback for both answers")
    text = driver.execute_script("return document.querySelector('.quiz-app').textContent")
    assert "✓ 回答正确" in text and "✗ 回答错误" in text, "right and wrong are told in words, not colour alone"
    wait_for(driver, lambda d: "回答错误，正确答案" in d.execute_script(
        "return document.querySelector('.quiz-sr[role=status]').textContent"), "the verdict is announced (live region)")
    problems += axe(driver, "quiz answered right and wrong") + small_text(driver, "quiz answered", large)

    load(driver, base + kinds["mistakes"], ".quiz-book__item")
    problems += axe(driver, "错题本 with entries")
    load(driver, base + kinds["record"], ".quiz-app > *")
    problems += axe(driver, "学习记录 with entries")

    load(driver, base + kinds["exam"], ".quiz-start")
    click(driver, ".quiz-start")
    wait_for(driver, lambda d: css(d, ".quiz-q"), "the exam paper")
    click(driver, ".quiz-bar__btn")      # 答题卡 open
    problems += axe(driver, "exam running")
    click(driver, ".quiz-bar__submit")
    wait_for(driver, lambda d: css(d, ".quiz-confirm .md-button--primary"), "交卷 confirmation")
    problems += axe(driver, "exam confirm submit")
    click(driver, ".quiz-confirm .md-button--primary")
    wait_for(driver, lambda d: "考试成绩" in css(d, ".quiz-result")[0].text, "exam result")
    problems += axe(driver, "exam submitted") + small_text(driver, "exam submitted", large)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("large", MODES)
def test_brand_filters_applied(driver, site, large):
    base, kinds = site
    set_large(driver, base, large)
    load(driver, base + kinds["brand-index"], ".brand-facet")
    if not css(driver, '.brand-facet[data-facet="unit"][open]'):
        click(driver, '.brand-facet[data-facet="unit"] summary')
    click(driver, '.brand-facet[data-facet="unit"] label:has(input)')
    wait_for(driver, lambda d: "unit=" in d.current_url, "the filter is applied")
    problems = axe(driver, "brand index filtered") + small_text(driver, "brand index filtered", large)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("large", MODES)
def test_desktop_width_at_rest(driver, site, large):
    """The wide layout (sidebars, tabs, the search box in the red header) at 1280 px."""
    base, kinds = site
    set_large(driver, base, large)
    with viewport(driver, 1280, 900):
        problems = []
        for kind in ("home", "regulation", "quiz", "brand-index", "plan", "qa"):
            load(driver, base + kinds[kind])
            problems += axe(driver, kind + " 1280 px") + small_text(driver, kind + " 1280 px", large)
        assert not problems, "\n".join(problems)


@pytest.mark.parametrize("large", MODES)
def test_reflow_at_320_px(driver, site, large):
    base, kinds = site
    set_large(driver, base, large)
    with viewport(driver, 320, 640):
        wide = {}
        for kind, path in kinds.items():
            load(driver, base + path)
            found = driver.execute_script(WIDE)
            if found:
                wide[kind] = found
        assert not wide, json.dumps(wide, ensure_ascii=False, indent=1)


# --- 大字模式 and the keyboard -------------------------------------------------------------

FIRST_PAINT = """
window.__largeAtBody = null;
new MutationObserver(function (changes, observer) {
  if (document.body) {
    window.__largeAtBody = document.documentElement.classList.contains("portal-large");
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def test_large_text_button_is_remembered_across_pages_and_set_before_the_body(driver, site):
    base, kinds = site
    set_large(driver, base, False)
    load(driver, base + kinds["regulation"])
    button = css(driver, "header button[data-portal-large]")[0]
    assert button.get_attribute("aria-pressed") == "false"
    assert button.accessible_name == "大字模式" and button.text == "大字"
    size = driver.execute_script("return parseFloat(getComputedStyle(document.querySelector('article.md-typeset')).fontSize)")
    assert size < 18
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert driver.execute_script("return parseFloat(getComputedStyle(document.querySelector('article.md-typeset')).fontSize)") >= 20

    script = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FIRST_PAINT})
    try:
        load(driver, base + kinds["quiz-index"])
        assert driver.execute_script("return window.__largeAtBody") is True, "large text is on before the body is drawn"
        assert css(driver, "header button[data-portal-large]")[0].get_attribute("aria-pressed") == "true"
        css(driver, "header button[data-portal-large]")[0].click()
        load(driver, base)
        assert driver.execute_script("return window.__largeAtBody") is False
        large_mode_is(driver, False)
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})


def test_large_text_works_from_files(driver, sample_site):
    page = (sample_site / "index.html").as_uri()
    driver.get(page)
    driver.execute_script("localStorage.removeItem(arguments[0])", LARGE_KEY)
    driver.get(page)
    css(driver, "header button[data-portal-large]")[0].click()
    driver.get((sample_site / "plan" / "index.html").as_uri())
    large_mode_is(driver, True)
    driver.execute_script("localStorage.removeItem(arguments[0])", LARGE_KEY)


def test_keyboard_skip_link_drawer_and_focus_clear_of_the_header(driver, site):
    from selenium.webdriver.common.keys import Keys
    base, kinds = site
    set_large(driver, base, False)
    load(driver, base + kinds["regulation"])
    assert driver.execute_script("return document.documentElement.lang") == "zh-CN"
    body = css(driver, "body")[0]
    body.send_keys(Keys.TAB)
    skip = driver.switch_to.active_element
    assert skip.text == "跳到正文" and skip.is_displayed(), "the first Tab shows the skip link"
    skip.send_keys(Keys.ENTER)
    assert driver.switch_to.active_element.get_attribute("id") == "portal-main"

    # the drawer's menu button is a named button a keyboard can press
    load(driver, base + kinds["regulation"])
    menu = css(driver, "header label[for=__drawer] [role=button]")[0]
    assert menu.accessible_name == "导航菜单" and menu.get_attribute("aria-expanded") == "false"
    driver.execute_script("arguments[0].focus()", menu)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    wait_for(driver, lambda d: d.execute_script("return document.getElementById('__drawer').checked"), "Enter opens the drawer")
    assert menu.get_attribute("aria-expanded") == "true"
    focused = driver.switch_to.active_element
    assert focused.get_attribute("href") and driver.execute_script(
        "return !!arguments[0].closest('.md-sidebar--primary')", focused), "focus goes into the drawer"
    focused.send_keys(Keys.ESCAPE)
    wait_for(driver, lambda d: not d.execute_script("return document.getElementById('__drawer').checked"),
             "Escape closes the drawer")
    assert driver.switch_to.active_element == menu and menu.get_attribute("aria-expanded") == "false"

    # Tab through the page: whatever has focus is below the sticky header (and the exam's
    # sticky bar), with a visible ring
    load(driver, base + kinds["regulation"])
    covered = tab_through(driver, 40)
    load(driver, base + kinds["exam"], ".quiz-start")
    click(driver, ".quiz-start")
    wait_for(driver, lambda d: css(d, ".quiz-q"), "the exam paper")
    covered += tab_through(driver, 30)
    covered += tab_through(driver, 20, back=True)      # upwards: the page scrolls the other way
    assert not covered, covered


FOCUS_INFO = """
var el = document.activeElement, r = el.getBoundingClientRect(), s = getComputedStyle(el);
var bottom = 0;
document.querySelectorAll(".md-header, .quiz-bar--exam").forEach(function (bar) {
  var b = bar.getBoundingClientRect(), p = getComputedStyle(bar).position;
  if ((p === "sticky" || p === "fixed") && b.top <= 1 && !bar.contains(el)) bottom = Math.max(bottom, b.bottom);
});
return {skip: !!el.closest(".md-header, .portal-skip, .quiz-bar--exam") || el === document.body, top: r.top, bottom: bottom,
        ring: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2, name: el.outerHTML.slice(0, 80)};
"""


def tab_through(driver, presses: int, back: bool = False) -> list[dict]:
    from selenium.webdriver.common.keys import Keys
    covered = []
    for _ in range(presses):
        driver.switch_to.active_element.send_keys(Keys.SHIFT + Keys.TAB if back else Keys.TAB)
        info = driver.execute_script(FOCUS_INFO)
        if not info["skip"] and (info["top"] < info["bottom"] - 1 or not info["ring"]):
            covered.append(info)
    return covered


@pytest.mark.parametrize("large", MODES)
def test_checklist_ticked_ledger_and_overview_with_files(driver, site, large):
    """The organisation pages in use: a branch ticking its checklist, a secretary's ledger with
    members' files (good and bad ones), the 机关党委 overview with a file it sets aside."""
    base, kinds = site
    set_large(driver, base, large)
    problems = []
    load(driver, base + kinds["checklist"], "[data-cl-branch-form]")
    name = css(driver, "#cl_branch_name")[0]
    if name.is_displayed():      # the first time: name the branch (later runs find it stored)
        name.send_keys("市财政局机关第一党支部")
        click(driver, "[data-cl-branch-form] button[type=submit]")
    wait_for(driver, lambda d: css(d, ".cl-opt"), "the list can be ticked")
    click(driver, ".cl-opt")
    wait_for(driver, lambda d: css(d, ".cl-opt input:checked"), "an item is ticked")
    problems += axe(driver, "checklist ticked") + small_text(driver, "checklist ticked", large)
    problems += [f"checklist ticked: target under 44 × 44 px: {x}" for x in driver.execute_script(SMALL_TARGETS, 44)
                 if large]
    files = sorted((ROOT / "tests" / "fixtures" / "ledger" / "branch" / "files").glob("*"))
    assert files, "the ledger fixtures are there"
    load(driver, base + kinds["ledger"], "#ledger-files")
    css(driver, "#ledger-files")[0].send_keys("\n".join(str(p) for p in files))
    wait_for(driver, lambda d: css(d, ".ledger-table tbody tr"), "the ledger shows members")
    problems += axe(driver, "ledger with files") + small_text(driver, "ledger with files", large)
    load(driver, base + kinds["checklist-overview"], "[data-ov-files]")
    css(driver, "[data-ov-files]")[0].send_keys(str(files[0]))
    wait_for(driver, lambda d: css(d, "[data-ov-message]")[0].text.strip(), "the overview answers")
    problems += axe(driver, "overview with a file set aside") + small_text(driver, "overview with a file set aside", large)
    assert not problems, "\n".join(problems)
