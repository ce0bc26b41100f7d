"""The section index pages stay light at the reference scale R1 (issue #6: no HTML page over 150 KB).

R1 (portal/bench/gen.py) has 1,000 brands and 300 regulations of 50 articles; the quizzes are
left out here (the index pages do not depend on them) to keep the build short (~15 s).

Measured at R1 (2 cores): brands/index.html 730 KB → 81 KB, regulations/index.html 201 KB →
73 KB; the data files brand-index-data.js 405 KB (gzip 32 KB), reg-index-data.js 134 KB
(gzip 10 KB). The HTML grows by one compact list item per brand (~58 bytes) or regulation
(~190 bytes); the cards' weight is in the data files.
"""
from __future__ import annotations

import dataclasses
import gzip
import shutil
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import console_errors, make_driver, needs_browser, serve
from conftest import build
from indexpages import compact, compact_links, data_file, data_src, index_html
from portal.bench.gen import Scale, generate

PAGE_BUDGET = 150 * 1024          # issue #6
ITEM_BUDGET = {"brands": 64, "regulations": 224}     # bytes of compact list per item (growth with content)
R1 = Scale().times(1.0)
COUNTS = {"brands": R1.brands, "regulations": R1.regulations}
PAGE = 60                         # brand cards shown before "再显示" (brand.js)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("r1")
    generate(root, dataclasses.replace(R1, quizzes=1, questions=1))
    shutil.rmtree(root / "quizzes")          # not needed by the index pages
    (root / "quizzes").mkdir()
    out = tmp_path_factory.mktemp("site")
    start = time.monotonic()
    result = build(root, out)
    assert result.returncode == 0, result.stderr[-3000:]
    print(f"\nR1 build (brands and regulations): {time.monotonic() - start:.1f} s")
    return out


@pytest.mark.parametrize("section", ["brands", "regulations"])
def test_index_page_is_under_150_kb(site, section):
    html = (site / section / "index.html").read_bytes()
    data = (site / data_src(site, section).split("../", 1)[1].split("?", 1)[0]).read_bytes()
    per_item = len(compact(site, section).encode("utf-8")) / COUNTS[section]
    print(f"\n{section}/index.html: {len(html) / 1024:.1f} KB (gzip {len(gzip.compress(html, 9)) / 1024:.1f} KB), "
          f"{per_item:.0f} bytes per item; data file {len(data) / 1024:.1f} KB "
          f"(gzip {len(gzip.compress(data, 9)) / 1024:.1f} KB)")
    assert len(html) <= PAGE_BUDGET
    assert per_item <= ITEM_BUDGET[section]


@pytest.mark.parametrize("section", ["brands", "regulations"])
def test_every_item_is_listed_and_has_a_card(site, section):
    links = compact_links(site, section)
    assert len(links) == len({href for href, _ in links}) == COUNTS[section]
    assert all((site / section / href / "index.html").is_file() for href, _ in links)
    data, _ = data_file(site, section)
    records = data[section]
    assert sorted(r["href"] for r in records) == sorted(href for href, _ in links)
    assert "data-" not in compact(site, section) and "<img" not in compact(site, section)
    assert f'class="{"brand-card" if section == "brands" else "reg-card"}"' in index_html(site, section)  # template


SHOWN = """var attribute = arguments[1];
           return Array.from(document.querySelectorAll(arguments[0]))
             .filter(function (c) { return c.getClientRects().length > 0; })
             .map(function (c) { return c.getAttribute(attribute); });"""


@needs_browser
def test_cards_load_and_filter_at_r1(site):
    driver = make_driver(360, 800)

    def shown(selector, attribute="data-unit"):   # what is displayed, in one step (1,000 elements)
        return driver.execute_script(SHOWN, selector, attribute)
    try:
        with serve(site) as url:
            driver.get(url + "brands/")
            count = driver.find_element(By.CSS_SELECTOR, ".brand-filter__count")
            assert count.text == f"共 {COUNTS['brands']} 个品牌"
            assert len(shown(".brand-card")) == PAGE
            assert driver.execute_script("return document.querySelectorAll('.brand-card').length") == COUNTS["brands"]
            more = driver.find_element(By.CSS_SELECTOR, ".brand-more button")
            assert more.text == f"再显示 {PAGE} 个（已显示 {PAGE} / {COUNTS['brands']}）"
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", more)
            more.click()
            assert len(shown(".brand-card")) == 2 * PAGE
            first_new = driver.find_elements(By.CSS_SELECTOR, ".brand-card")[PAGE]
            assert driver.switch_to.active_element == first_new.find_element(By.CSS_SELECTOR, ".brand-card__name")
            # a choice filters all 1,000 (not only the cards shown) and starts again from its first page
            group = driver.find_element(By.CSS_SELECTOR, '.brand-facet[data-facet="unit"]')
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", group)
            group.find_element(By.TAG_NAME, "summary").click()
            chip = group.find_element(By.CSS_SELECTOR, ".brand-chip")
            unit = chip.find_element(By.TAG_NAME, "input").get_attribute("value")
            n = int(chip.find_element(By.CSS_SELECTOR, ".brand-chip__count").text)
            chip.click()
            WebDriverWait(driver, 5).until(lambda d: count.text == f"显示 {n} / {COUNTS['brands']} 个品牌")
            assert shown(".brand-card") == [unit] * min(n, PAGE)
            assert more.is_displayed() == (n > PAGE)

            driver.get(url + "regulations/")
            assert driver.find_element(By.CSS_SELECTOR, ".reg-filter__count").text == f"共 {COUNTS['regulations']} 部"
            dates = shown(".reg-card", "data-date")
            assert len(dates) == COUNTS["regulations"] and dates == sorted(dates, reverse=True)
            assert driver.execute_script("return document.documentElement.scrollWidth") <= 360
            assert not console_errors(driver)
    finally:
        driver.quit()
