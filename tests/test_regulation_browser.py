"""The regulations library in real Chromium at phone width (360 px)."""
from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import browser, console_errors, make_driver, needs_browser, requested_urls, serve  # noqa: F401
from conftest import ROOT

pytestmark = needs_browser
REGULATIONS = [p.stem for p in (ROOT / "regulations").glob("*.yml") if p.name != "study-plan.yml"]


@pytest.fixture(scope="module")
def base(sample_site):
    with serve(sample_site, prefix="/dangjian/") as url:   # served under a sub-path, as on the intranet
        yield url


def visible_cards(driver):
    return [c for c in driver.find_elements(By.CSS_SELECTOR, ".reg-card") if c.is_displayed()]


def test_index_filters_by_facet_and_keeps_the_filter_in_the_url(browser, base):
    browser.get(base + "regulations/")
    total = len(visible_cards(browser))
    assert total >= 3
    chip = browser.find_element(By.CSS_SELECTOR, '.reg-filter input[name="category"][value="准则"]')
    chip.find_element(By.XPATH, "..").click()
    cards = visible_cards(browser)
    assert [c.get_attribute("data-category") for c in cards] == ["准则"] * len(cards) and cards
    count = browser.find_element(By.CSS_SELECTOR, ".reg-filter__count").text
    assert count == f"显示 {len(cards)} / {total} 部"
    assert unquote(urlsplit(browser.current_url).query) == "category=准则"
    # a shared link opens with the same filter
    browser.get(browser.current_url)
    assert len(visible_cards(browser)) == len(cards)
    assert browser.find_element(By.CSS_SELECTOR, 'input[name="category"][value="准则"]').is_selected()
    browser.find_element(By.CSS_SELECTOR, '.reg-filter button[type="reset"]').click()
    WebDriverWait(browser, 5).until(lambda d: len(visible_cards(d)) == total)
    assert urlsplit(browser.current_url).query == ""


def test_index_sorts_by_date(browser, base):
    browser.get(base + "regulations/")
    select = browser.find_element(By.CSS_SELECTOR, '.reg-filter select[name="sort"]')
    select.find_element(By.CSS_SELECTOR, 'option[value="date-asc"]').click()
    dates = [c.get_attribute("data-date") for c in visible_cards(browser) if c.get_attribute("data-date")]
    assert dates == sorted(dates) and len(dates) >= 2


def test_index_cards_are_made_from_the_data_file(browser, base):
    browser.get(base + "regulations/")
    assert not browser.find_elements(By.CSS_SELECTOR, ".reg-compact")        # the compact list made way
    cards = visible_cards(browser)
    assert len(cards) == len(REGULATIONS)
    card = next(c for c in cards if c.get_attribute("data-title") == "中国共产党问责条例")
    title = card.find_element(By.CSS_SELECTOR, ".reg-card__title")
    assert title.text == "中国共产党问责条例" and title.get_attribute("href") == base + "regulations/wenze-tiaoli/"
    status = card.find_element(By.CSS_SELECTOR, ".reg-status")
    assert status.text == "有效" and "reg-status--valid" in status.get_attribute("class")
    assert card.find_element(By.CSS_SELECTOR, ".reg-card__meta").text == "条例 · 中共中央 · 2019年9月1日施行 · 5 条"
    assert "问责" in [t.text for t in card.find_elements(By.CSS_SELECTOR, ".reg-tag")]
    # sorted newest first, as the compact list
    dates = [c.get_attribute("data-date") for c in cards if c.get_attribute("data-date")]
    assert dates == sorted(dates, reverse=True)


def test_index_without_javascript_shows_the_full_list():
    driver = make_driver()
    try:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        with serve(pytest.sample_site_dir) as url:
            driver.get(url + "regulations/")
            assert not driver.find_elements(By.CSS_SELECTOR, ".reg-card")
            assert not driver.find_element(By.CSS_SELECTOR, ".reg-filter").is_displayed()
            items = driver.find_elements(By.CSS_SELECTOR, ".reg-compact > li")
            assert all(li.is_displayed() for li in items)
            links = {li.find_element(By.TAG_NAME, "a").get_attribute("href"): li.text for li in items}
            assert set(links) == {url + f"regulations/{rid}/" for rid in REGULATIONS}
            assert links[url + "regulations/wenze-tiaoli/"] == \
                "中国共产党问责条例 有效 · 条例 · 中共中央 · 2019年9月1日施行 · 5 条"
            driver.find_element(By.CSS_SELECTOR, '.reg-compact a[href="wenze-tiaoli/"]').click()
            assert driver.find_element(By.ID, "art-3").is_displayed()
    finally:
        driver.quit()


@pytest.fixture(autouse=True)
def _remember_site(sample_site):
    pytest.sample_site_dir = sample_site


def test_article_permalink_opens_at_the_article(browser, base):
    """What a reader notices, whatever the font: the linked article is the target, on the
    screen, and its start is not hidden under the sticky header."""
    browser.get(base + "regulations/lianjie-zilv-zhunze/#art-6")
    art = browser.find_element(By.ID, "art-6")
    assert browser.execute_script("return document.querySelector(':target').id") == "art-6"
    box = browser.execute_script("""
        const r = arguments[0].getBoundingClientRect();
        const sticky = [...document.querySelectorAll("header")]
            .find(h => ["sticky", "fixed"].includes(getComputedStyle(h).position));
        return {top: r.top, bottom: r.bottom, viewport: innerHeight,
                header: sticky ? sticky.getBoundingClientRect().bottom : null};""", art)
    assert box["header"] is not None and box["header"] > 0, box       # the page has a sticky header
    assert box["header"] - 1 <= box["top"] < box["viewport"], box   # starts below the header, on screen
    assert box["bottom"] > box["top"], box


def test_copy_link_puts_the_article_url_on_the_clipboard(browser, base):
    browser.execute_cdp_cmd("Browser.grantPermissions", {
        "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"], "origin": base.split("/dangjian")[0]})
    browser.get(base + "regulations/lianjie-zilv-zhunze/")
    art = browser.find_element(By.ID, "art-3")
    button = art.find_element(By.CSS_SELECTOR, ".reg-art__copy")
    assert button.get_attribute("aria-label") == "复制链接：第三条"   # visible text first (WCAG 2.5.3)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", art)
    button.click()
    WebDriverWait(browser, 5).until(lambda d: button.text in ("已复制", "请从地址栏复制"))
    if button.text == "已复制":
        copied = browser.execute_async_script(
            "navigator.clipboard.readText().then(arguments[0], () => arguments[0](null))")
        assert copied == base + "regulations/lianjie-zilv-zhunze/#art-3"
    else:   # no clipboard: the address bar holds the link instead
        assert browser.current_url.endswith("#art-3")


def test_phone_width_has_no_horizontal_scroll_and_no_outside_requests(browser, base):
    for path in ("", "regulations/", "regulations/wenze-tiaoli/", "regulations/lianjie-zilv-zhunze/"):
        browser.get(base + path)
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 360, path
    origin = base.split("/dangjian")[0]
    urls = requested_urls(browser)
    assert urls and all(u.startswith(origin) for u in urls), urls
    assert not console_errors(browser)


def test_print_shows_the_text_without_site_chrome(browser, base):
    browser.get(base + "regulations/wenze-tiaoli/")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not browser.find_element(By.CSS_SELECTOR, ".md-header").is_displayed()
    assert not browser.find_element(By.CSS_SELECTOR, ".reg-art__copy").is_displayed()
    assert browser.find_element(By.ID, "art-3").is_displayed()
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    assert len(pdf["data"]) > 1000
