"""The showcase index stays light as brands grow: 100 generated brands.

Budget (measured figures in the comments of each test):
  * index HTML < 150 KB uncompressed (< 25 KB gzipped), every brand in its compact list
    and every card in its data file (tests/test_index_weight.py: 1,000 brands);
  * the cards reference only thumbnails (≤ 320 px WebP) and logos, all with
    loading="lazy", width and height; never a lightbox-size image;
  * first view on a 360 × 800 phone: ≤ 20 images and ≤ 300 KB of images, whatever the
    number of brands (lazy loading fetches only what is on or near the screen).
"""
from __future__ import annotations

import gzip
import json
import random
import re
import shutil
import time

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from browser import make_driver, needs_browser, requested_urls, serve
from conftest import ROOT, build, write
from indexpages import compact_links, data_file

COUNT = 100
HTML_BUDGET = 150 * 1024
GZIP_BUDGET = 25 * 1024
FIRST_VIEW_IMAGES = 20
FIRST_VIEW_BYTES = 300 * 1024

UNITS = ["市财政局", "市人社局", "市市场监管局", "市生态环境局", "市卫健委", "市税务局", "市机关事务管理局",
         "市发展改革委", "市教育局", "市科技局", "市工信局", "市公安局", "市民政局", "市司法局", "市自然资源局",
         "市住建局", "市交通运输局", "市水务局", "市农业农村局", "市商务局", "市文旅局", "市应急管理局",
         "市审计局", "市统计局", "市医保局", "市信访局", "市档案局", "市政务服务中心", "市总工会", "团市委"]
TAGS = ["党建业务融合", "理论学习", "服务基层", "为民服务", "党员先锋岗", "志愿服务", "优化营商环境",
        "廉政建设", "生态文明", "节约型机关", "青年理论学习", "基层治理"]
HONORS = ["市直机关“五星级”党支部", "市直机关党建品牌示范点", "市直机关“四强”党支部", "市级青年文明号",
          "全市优化营商环境先进集体"]
PHOTOS = ["hongse-yinqing-1", "hongse-yinqing-2", "hongse-yinqing-3", "lvse-baolei-1", "lvse-baolei-2",
          "lvse-baolei-3", "jiuye-nuanxin-1", "jiuye-nuanxin-2"]
LOGOS = ["hongse-yinqing", "jiuye-nuanxin", "hongdun-xianfeng", "lvse-baolei", "baiyi-hongxin", "hongfan-shuihang"]
PARA = "支部坚持围绕中心抓党建、抓好党建促业务，推动党建工作与中心工作同谋划、同部署、同推进、同考核，以高质量党建引领业务高质量发展。"


def brand_yaml(i: int, rnd: random.Random) -> str:
    lines = [f"name: 示范品牌{i:03d}号", f"unit: {UNITS[i % len(UNITS)]}", f"branch: 机关第{i % 5 + 1}党支部",
             "slogan: 党建引领 业务提质", f"year: {rnd.randint(2015, 2024)}",
             f"tags: [{', '.join(rnd.sample(TAGS, 3))}]"]
    if i % 10 < 4:
        lines.append(f"logo: images/{LOGOS[i % len(LOGOS)]}.svg")    # 40 % hand-made logos, the rest emblems
    if i % 10 < 7:
        lines.append("photos: [" + ", ".join(f"images/{p}.jpg" for p in rnd.sample(PHOTOS, 3)) + "]")   # 70 % with photos
    lines.append(f"summary: 第{i}个示范品牌的一句话简介：以党建引领业务发展，打造服务群众的坚强战斗堡垒。")
    lines.append("connotation: |\n  " + PARA + "\n\n  " + PARA)
    lines.append("practices:")
    for n in range(4):
        lines.append(f"  - title: 第{n + 1}项做法\n    text: {PARA}")
    lines.append("results: |\n  " + PARA)
    lines.append(f"honors: [{', '.join(f'{2019 + (i + k) % 5}年度{h}' for k, h in enumerate(rnd.sample(HONORS, i % 3)))}]")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    rnd = random.Random(2024)
    root = write(tmp_path_factory.mktemp("many"), {f"brands/b{i:03d}.yml": brand_yaml(i, rnd) for i in range(COUNT)})
    images = root / "brands" / "images"
    images.mkdir()
    for name in PHOTOS:
        shutil.copy(ROOT / "brands" / "images" / f"{name}.jpg", images)
    for name in LOGOS:
        shutil.copy(ROOT / "brands" / "images" / f"{name}.svg", images)
    out = tmp_path_factory.mktemp("site")
    start = time.monotonic()
    result = build(root, out)
    assert result.returncode == 0, result.stderr[-3000:]
    print(f"\n100-brand build: {time.monotonic() - start:.1f} s")
    return out


def test_index_html_stays_under_budget(site):
    html = (site / "brands" / "index.html").read_bytes()
    packed = len(gzip.compress(html, 9))
    print(f"\nindex HTML: {len(html) / 1024:.1f} KB, gzip {packed / 1024:.1f} KB")   # measured: 35.6 KB, gzip 6.8 KB
    assert len(html) < HTML_BUDGET and packed < GZIP_BUDGET
    assert len(compact_links(site, "brands")) == COUNT          # every brand, compactly
    data, _ = data_file(site, "brands")
    assert len(data["brands"]) == COUNT                         # every card, in the data file


def test_index_references_only_lazy_thumbnails(site):
    html = (site / "brands" / "index.html").read_text(encoding="utf-8")
    template = html.split('<template class="brand-card-template">', 1)[1].split("</template>", 1)[0]
    imgs = re.findall(r"<img [^>]*>", template)
    assert len(imgs) == 2 and all('loading="lazy"' in tag for tag in imgs)   # the cards' cover and logo
    assert "<img" not in html.split('<template class="brand-card-template">', 1)[0].split('class="md-content"', 1)[1]
    data, _ = data_file(site, "brands")
    covers = [b["cover"] for b in data["brands"] if "cover" in b]
    assert len(covers) == 70                                    # a cover for each brand with photos
    for b in data["brands"]:
        assert re.fullmatch(r"b\d{3}/(logo|emblem)-[0-9a-f]{10}\.svg", b["logo"]), b["logo"]
    for src, width, height in covers:
        assert re.fullmatch(r"b\d{3}/photo-[0-9a-f]{10}-320\.webp", src) and width <= 320 and height > 0, src
    assert "-960.webp" not in html


VIEWPORT_IMAGES_SHOWN = """
  const shown = [...document.images].filter(i => {
    const r = i.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight && r.width > 0;
  });
  return document.readyState === "complete" && shown.length > 0 && shown.every(i => i.complete);"""


def settled(driver, timeout: float = 20) -> None:
    """Wait until the images on the screen are loaded and no request is in flight (the browser's
    network log: every request sent has finished or failed)."""
    pending: set[str] = set()

    def idle(d) -> bool:
        for entry in d.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            method, params = msg.get("method"), msg.get("params", {})
            if method == "Network.requestWillBeSent":
                pending.add(params["requestId"])
            elif method in ("Network.loadingFinished", "Network.loadingFailed"):
                pending.discard(params["requestId"])
        return not pending and d.execute_script(VIEWPORT_IMAGES_SHOWN)
    WebDriverWait(driver, timeout, poll_frequency=0.25).until(idle, "the first view's images did not settle")


@needs_browser
def test_first_view_on_a_phone_loads_few_images(site):
    driver = make_driver(360, 800)
    try:
        with serve(site) as url:
            requested_urls(driver)               # drop the start-up tab's own requests
            driver.get(url + "brands/")
            settled(driver)                      # the first screen's images shown, nothing in flight
            entries = driver.execute_script(
                "return performance.getEntriesByType('resource').filter(e => e.initiatorType === 'img')"
                ".map(e => [e.name, e.encodedBodySize])")
            count, size = len(entries), sum(s for _, s in entries)
            print(f"\nfirst view: {count} images, {size / 1024:.1f} KB")   # measured: 8 images, 12.8 KB
            assert entries, "the first view shows images"
            assert count <= FIRST_VIEW_IMAGES and size <= FIRST_VIEW_BYTES, entries
            assert all(re.search(r"(-320\.webp|\.svg)$", name) for name, _ in entries)
            # scrolling down fetches more: the rest were deferred, not missing
            driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")
            WebDriverWait(driver, 20).until(lambda d: d.execute_script(
                "return performance.getEntriesByType('resource').filter(e => e.initiatorType === 'img').length")
                > count, "scrolling to the end loads the deferred images")
    finally:
        driver.quit()
