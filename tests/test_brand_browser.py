"""The brand showcase in real Chromium at phone width (360 px), on the sample content."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from browser import browser, console_errors, make_driver, needs_browser, requested_urls, serve  # noqa: F401
from conftest import ROOT

pytestmark = needs_browser
BRANDS = {p.stem: re.search(r"^name: (.+)$", p.read_text(encoding="utf-8"), re.M)[1]
          for p in (ROOT / "brands").glob("*.yml")}      # the sample brands: id -> name


@pytest.fixture(scope="module")
def base(sample_site):
    with serve(sample_site, prefix="/dangjian/") as url:   # served under a sub-path, as on the intranet
        yield url


def cards(driver, visible=True):
    found = driver.find_elements(By.CSS_SELECTOR, ".brand-card")
    return [c for c in found if c.is_displayed()] if visible else found


def names(driver):
    return sorted(c.find_element(By.CSS_SELECTOR, ".brand-card__name").text for c in cards(driver))


def count_text(driver):
    return driver.find_element(By.CSS_SELECTOR, ".brand-filter__count").text


def query(driver):
    return parse_qsl(urlsplit(driver.current_url).query)


def chip(driver, facet, value):
    """The chip's checkbox; its facet group is opened first (groups are folded on phones)."""
    group = driver.find_element(By.CSS_SELECTOR, f'.brand-facet[data-facet="{facet}"]')
    if not group.get_attribute("open"):
        group.find_element(By.TAG_NAME, "summary").click()
    return group.find_element(By.CSS_SELECTOR, f'input[value="{value}"]')


def click_chip(driver, facet, value):
    box = chip(driver, facet, value)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.find_element(By.XPATH, "..").click()


def chip_count(driver, facet, value):
    return int(chip(driver, facet, value).find_element(By.XPATH, "..").find_element(
        By.CSS_SELECTOR, ".brand-chip__count").get_attribute("textContent"))


def test_filter_by_unit_with_counts_and_url(browser, base):
    browser.get(base + "brands/")
    total = len(cards(browser))
    assert total >= 6 and count_text(browser) == f"共 {total} 个品牌"
    assert chip_count(browser, "unit", "市财政局") == 2
    click_chip(browser, "unit", "市财政局")
    assert names(browser) == ["红色引擎", "阳光财政"]
    assert count_text(browser) == f"显示 2 / {total} 个品牌"
    assert query(browser) == [("unit", "市财政局")]
    # counts of the other facets now describe the 2 brands shown
    assert chip_count(browser, "tag", "党建业务融合") == 2
    assert chip_count(browser, "tag", "生态文明") == 0
    assert not chip(browser, "tag", "生态文明").is_enabled()
    assert chip_count(browser, "unit", "市税务局") == 1     # a chip of the same facet would add its brands


def test_filter_by_tag_year_and_honor_combined(browser, base):
    browser.get(base + "brands/")
    click_chip(browser, "tag", "志愿服务")
    assert names(browser) == ["就业暖心驿站", "白衣红心", "绿色堡垒"]
    click_chip(browser, "year", "2022")
    assert names(browser) == ["就业暖心驿站", "白衣红心"]
    click_chip(browser, "honor", "市直机关“五星级”党支部")
    assert names(browser) == ["就业暖心驿站"]
    assert [c.get_attribute("data-year") for c in cards(browser)] == ["2022"]
    assert dict(query(browser)) == {"tag": "志愿服务", "year": "2022", "honor": "市直机关“五星级”党支部"}
    assert browser.find_element(By.CSS_SELECTOR, '.brand-facet[data-facet="year"] .brand-facet__picked').text == "已选 1 项"


def test_text_filter_and_empty_state(browser, base):
    browser.get(base + "brands/")
    box = browser.find_element(By.CSS_SELECTOR, '.brand-filter input[name="kw"]')
    box.send_keys("红盾")
    assert names(browser) == ["红盾先锋"]
    assert query(browser) == [("kw", "红盾")]
    box.clear()
    box.send_keys("财政局 清廉")        # every word must match
    assert names(browser) == ["阳光财政"]
    box.send_keys("不存在的词")
    assert names(browser) == []
    empty = browser.find_element(By.CSS_SELECTOR, ".brand-empty")
    assert empty.is_displayed()
    empty.find_element(By.TAG_NAME, "button").click()
    WebDriverWait(browser, 5).until(lambda d: len(cards(d)) == len(cards(d, visible=False)))
    assert box.get_attribute("value") == "" and urlsplit(browser.current_url).query == ""


def test_url_state_is_restored_on_reload(browser, base):
    browser.get(base + "brands/?tag=党建业务融合&unit=市财政局&unit=市税务局&kw=党建")
    expected = ["红帆税航", "红色引擎", "阳光财政"]
    assert names(browser) == expected
    browser.refresh()
    assert names(browser) == expected
    assert chip(browser, "unit", "市财政局").is_selected() and chip(browser, "unit", "市税务局").is_selected()
    assert chip(browser, "tag", "党建业务融合").is_selected()
    assert browser.find_element(By.CSS_SELECTOR, 'input[name="kw"]').get_attribute("value") == "党建"
    # a group holding a choice opens by itself, even on a phone
    assert browser.find_element(By.CSS_SELECTOR, '.brand-facet[data-facet="unit"]').get_attribute("open")
    browser.find_element(By.CSS_SELECTOR, '.brand-filter button[type="reset"]').click()
    WebDriverWait(browser, 5).until(lambda d: len(cards(d)) == len(cards(d, visible=False)))
    assert urlsplit(browser.current_url).query == ""


def test_cards_are_made_from_the_data_file(browser, base):
    browser.get(base + "brands/")
    assert not browser.find_elements(By.CSS_SELECTOR, ".brand-units")         # the compact list made way
    assert len(cards(browser)) == len(BRANDS) and set(names(browser)) == set(BRANDS.values())
    card = next(c for c in cards(browser) if c.find_element(By.CSS_SELECTOR, ".brand-card__name").text == "红色引擎")
    assert card.find_element(By.CSS_SELECTOR, ".brand-card__unit").text == "市财政局 · 机关第一党支部"
    assert card.find_element(By.CSS_SELECTOR, ".brand-card__cover").get_attribute("src").endswith("-320.webp")
    assert card.find_element(By.CSS_SELECTOR, ".brand-card__name").get_attribute("href") == base + "brands/hongse-yinqing/"
    assert card.get_attribute("data-unit") == "市财政局"
    assert not browser.find_element(By.CSS_SELECTOR, ".brand-more").is_displayed()   # 8 brands: one page


def test_without_javascript_the_compact_list_has_every_brand(sample_site):
    driver = make_driver()
    try:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        with serve(sample_site) as url:
            driver.get(url + "brands/?unit=市财政局")
            assert not cards(driver, visible=False)
            assert not driver.find_element(By.CSS_SELECTOR, ".brand-filter").is_displayed()
            links = driver.find_elements(By.CSS_SELECTOR, ".brand-units a")
            assert all(a.is_displayed() for a in links)
            found = {a.get_attribute("href"): a.text for a in links}
            assert found == {url + f"brands/{bid}/": name for bid, name in BRANDS.items()}
            assert "市财政局（2）" in driver.find_element(By.CSS_SELECTOR, ".brand-units").text
            driver.get(next(iter(found)))
            assert driver.find_element(By.CSS_SELECTOR, ".brand-head__logo").is_displayed()
    finally:
        driver.quit()


def test_lightbox_opens_a_photo_and_closes_with_escape(browser, base):
    browser.get(base + "brands/hongse-yinqing/")
    items = browser.find_elements(By.CSS_SELECTOR, ".brand-gallery a.glightbox")
    assert len(items) == 3
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", items[1])
    items[1].click()
    wait = WebDriverWait(browser, 5)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".glightbox-container .gslide.current img"))
    img = browser.find_element(By.CSS_SELECTOR, ".glightbox-container .gslide.current img")
    assert img.get_attribute("src") == items[1].get_attribute("href") and img.get_attribute("src").endswith("-960.webp")
    wait.until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img) == 960)
    assert "glightbox-open" in browser.find_element(By.TAG_NAME, "html").get_attribute("class")
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".glightbox-container"))
    assert "glightbox-open" not in (browser.find_element(By.TAG_NAME, "html").get_attribute("class") or "")
    # the logo and every image outside the gallery stay plain images
    assert not browser.find_elements(By.CSS_SELECTOR, "a.glightbox img.brand-head__logo")
    assert len(browser.find_elements(By.CSS_SELECTOR, "a.glightbox")) == 3


def test_phone_width_no_horizontal_scroll_and_only_same_origin_requests(browser, base):
    requested_urls(browser)   # start counting from here
    for path in ("brands/", "brands/hongse-yinqing/", "brands/hong-guanjia/", "brands/lvse-baolei/"):
        browser.get(base + path)
        for group in browser.find_elements(By.CSS_SELECTOR, ".brand-facet summary"):
            group.click()        # open every filter group too
        browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")   # load the lazy images
        WebDriverWait(browser, 5).until(lambda d: d.execute_script(
            "return Array.from(document.images).every(i => i.complete)"))
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 360, path
        broken = browser.execute_script(
            "return Array.from(document.images).filter(i => !i.naturalWidth).map(i => i.src)")
        assert not broken, broken
    browser.get(base + "brands/lvse-baolei/")
    browser.find_element(By.CSS_SELECTOR, ".brand-gallery a.glightbox").click()
    WebDriverWait(browser, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".gslide.current img"))
    origin = base.split("/dangjian")[0]
    urls = requested_urls(browser)
    assert any(u.endswith("-960.webp") for u in urls) and any(u.endswith(".svg") for u in urls)
    assert urls and all(u.startswith(origin) for u in urls), [u for u in urls if not u.startswith(origin)]
    assert not console_errors(browser)
