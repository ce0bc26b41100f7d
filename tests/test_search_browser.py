"""Site search in a real browser (Debian chromium, 360 px wide): the header box,
results with highlighted snippets and deep links, type chips, keyboard, sub-path,
file:// and no request leaving the site. Real key presses (send_keys) throughout."""
from __future__ import annotations

import time
from urllib.parse import unquote, urlsplit

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from browser import CHROMEDRIVER, CHROMIUM, browser, console_errors, requested_urls, serve  # noqa: F401

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="需要 Debian 的 chromium 和 chromium-driver")

PREFIX = "/dangjian/"


def wait(driver, cond, timeout=10):
    # results and chips are re-rendered as each keystroke's query settles, so an
    # element read a moment ago may be gone: read it again rather than fail
    return WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: cond(d))


def chips(driver):
    """(label, pressed) of every type chip, read in one step so a re-render cannot split it."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.portal-search__chip'))"
        ".map(function (b) { return [b.textContent.split(' ')[0], b.getAttribute('aria-pressed')]; });")


def click_chip(driver, label):
    for chip in driver.find_elements(By.CSS_SELECTOR, ".portal-search__chip"):
        if chip.text.split()[0] == label:
            chip.click()
            return True
    return False


def open_search(driver):
    """Tap the header's search button (the phone layout), as a member would."""
    driver.find_element(By.CSS_SELECTOR, "header label.md-header__button[for=__search]").click()
    box = driver.find_element(By.CSS_SELECTOR, ".md-search__input")
    wait(driver, lambda d: d.switch_to.active_element == box)
    return box


def results(driver):
    return driver.find_elements(By.CSS_SELECTOR, ".md-search-result__list .md-search-result__link")


def type_query(driver, box, text):
    box.send_keys(text)
    wait(driver, lambda d: results(d) or "没有找到" in meta(d))


def meta(driver):
    return driver.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text


def target(href: str) -> str:
    parts = urlsplit(href)
    return unquote(parts.path) + ("#" + unquote(parts.fragment) if parts.fragment else "")


def test_header_box_finds_an_article_under_a_sub_path(browser, sample_site):
    with serve(sample_site, prefix=PREFIX) as base:
        browser.get(base + "regulations/wenze-tiaoli/")
        requested_urls(browser)
        box = open_search(browser)
        assert browser.find_element(By.ID, "__search").is_selected()
        type_query(browser, box, "问责")
        links = results(browser)
        assert links and links[0].is_displayed()
        hrefs = [target(a.get_attribute("href")) for a in links]
        assert f"{PREFIX}regulations/wenze-tiaoli/#art-3" in hrefs
        assert all(h.startswith(PREFIX) for h in hrefs)
        marks = browser.find_elements(By.CSS_SELECTOR, ".md-search-result__list mark")
        assert marks and all(m.get_attribute("textContent") == "问责" for m in marks)
        assert marks[0].is_displayed()
        assert "找到" in meta(browser)
        assert browser.find_element(By.CSS_SELECTOR, ".md-search-result__meta").get_attribute("aria-live") == "polite"
        urls = requested_urls(browser)
        assert urls and all(u.startswith(base) for u in urls), urls
        assert any("/search/manifest.js" in u for u in urls)
        assert not any("search_index.json" in u for u in urls)
        assert console_errors(browser) == []


def test_phone_width_query_opens_the_article(browser, sample_site):
    with serve(sample_site, prefix=PREFIX) as base:
        browser.get(base)
        box = open_search(browser)
        type_query(browser, box, "公私分明")
        first = results(browser)[0]
        assert first.size["width"] <= 360
        assert "公私分明" in [m.text for m in first.find_elements(By.TAG_NAME, "mark")]
        first.click()
        wait(browser, lambda d: "lianjie-zilv-zhunze" in d.current_url)
        assert browser.current_url.endswith("#art-1")
        assert not browser.find_element(By.ID, "__search").is_selected()


def test_keyboard_arrows_and_enter(browser, sample_site):
    with serve(sample_site, prefix=PREFIX) as base:
        browser.get(base + "brands/")
        box = open_search(browser)
        type_query(browser, box, "请示报告")
        box.send_keys(Keys.ARROW_DOWN)
        first = results(browser)[0]
        assert browser.switch_to.active_element == first
        browser.switch_to.active_element.send_keys(Keys.ARROW_UP)
        assert browser.switch_to.active_element == box
        href = first.get_attribute("href")
        box.send_keys(Keys.ENTER)
        wait(browser, lambda d: d.current_url == href)


def test_escape_closes_and_slash_reopens(browser, sample_site):
    with serve(sample_site) as base:
        browser.get(base)
        box = open_search(browser)
        box.send_keys("党建")
        box.send_keys(Keys.ESCAPE)
        wait(browser, lambda d: not d.find_element(By.ID, "__search").is_selected())
        browser.find_element(By.TAG_NAME, "body").send_keys("/")
        wait(browser, lambda d: d.switch_to.active_element == box)


def test_type_chips_filter_results(browser, sample_site):
    with serve(sample_site, prefix=PREFIX) as base:
        browser.get(base)
        box = open_search(browser)
        type_query(browser, box, "党支部")
        wait(browser, lambda d: "品牌" in [label for label, _ in chips(d)])
        labels = [label for label, _ in chips(browser)]
        assert labels[0] == "全部" and "法规" in labels
        assert chips(browser)[0][1] == "true"
        wait(browser, lambda d: click_chip(d, "品牌"))
        wait(browser, lambda d: [label for label, pressed in chips(d) if pressed == "true"] == ["品牌"])
        # some results are shown, and all of them are brands (all() of nothing would pass)
        wait(browser, lambda d: (links := results(d)) and all("/brands/" in a.get_attribute("href") for a in links))
        wait(browser, lambda d: (types := [t.text for t in d.find_elements(By.CSS_SELECTOR, ".portal-search__type")])
             and set(types) == {"品牌"})
        wait(browser, lambda d: click_chip(d, "全部"))
        wait(browser, lambda d: any("/regulations/" in a.get_attribute("href") for a in results(d)))


def test_one_character_searches_titles(browser, sample_site):
    with serve(sample_site) as base:
        browser.get(base)
        box = open_search(browser)
        type_query(browser, box, "责")
        assert "标题" in meta(browser)
        titles = [h.text for h in browser.find_elements(By.CSS_SELECTOR, ".md-search-result__list h1")]
        assert any("问责" in t for t in titles)
        assert not browser.find_elements(By.CSS_SELECTOR, ".portal-search__snippet")


def test_works_from_file_url(browser, sample_site):
    browser.get((sample_site / "index.html").resolve().as_uri())
    box = open_search(browser)
    type_query(browser, box, "问责")
    links = results(browser)
    assert links
    href = links[0].get_attribute("href")
    assert href.startswith("file://") and "/index.html" in href
    links[0].click()
    wait(browser, lambda d: "wenze-tiaoli" in d.current_url)
    assert browser.find_element(By.CSS_SELECTOR, "h1").text.startswith("中国共产党问责条例")
    assert requested_urls(browser) == []


def test_no_results_message(browser, sample_site):
    with serve(sample_site) as base:
        browser.get(base)
        box = open_search(browser)
        type_query(browser, box, "量子力学")
        assert "没有找到" in meta(browser)
        assert results(browser) == []


def test_partial_matches_are_labelled_in_words(browser, sample_site):
    """No item holds 党员培训学时 as written: partial matches are shown, each labelled in text."""
    with serve(sample_site) as base:
        browser.get(base)
        box = open_search(browser)
        type_query(browser, box, "党员培训学时")
        wait(browser, lambda d: "部分匹配" in meta(d))
        assert "没有完全符合的结果" in meta(browser)
        links = results(browser)
        assert target(links[0].get_attribute("href")).endswith("study/jiguan-dangjian-wenda/#wd-013")
        note = browser.find_element(By.CSS_SELECTOR, ".portal-search__partial-note")
        assert "部分匹配" in note.text and note.is_displayed()
        labels = [a.find_element(By.CSS_SELECTOR, ".portal-search__partial").text for a in links]
        assert labels and all(label == "部分匹配" for label in labels)
        # the pieces found are marked: 学时 in the snippet
        assert "学时" in [m.text for m in links[0].find_elements(By.CSS_SELECTOR, "mark")]
