"""清单 in a real Chromium at phone width (360 px): a branch ticks items, the ticks survive
a reload, export gives a file, import takes it back (a corrupt one is set aside with a
message, nothing lost), print shows the A4 自查表 with printed boxes; 换届提醒 counts days
from the reader's today; 清单汇总 opens many exported files. Skipped without chromium."""
from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest

from browser import CHROMEDRIVER, CHROMIUM, console_errors, make_driver, requested_urls, serve  # noqa: F401
from conftest import ROOT
from portal.content import terms
from portal.content.loader import load
from test_plan_browser import at, click, wait_for

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="需要 Debian 的 chromium 和 chromium-driver")

PAGE = "checklists/zhibu-liang-hua-zicha/"


@pytest.fixture(scope="module")
def base(sample_site):
    with serve(sample_site) as url:
        yield url


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def driver(downloads):
    d = make_driver()
    d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    try:
        yield d
    finally:
        d.quit()


def item(driver, item_id):
    return driver.find_element("id", item_id)


def choose(driver, item_id, label):
    li = item(driver, item_id)
    opt = next(o for o in li.find_elements("css selector", ".cl-opt") if o.text == label)
    click(opt)


def checked(driver, item_id):
    return driver.execute_script(
        "const r = document.querySelector('#' + arguments[0] + ' input:checked'); return r ? r.parentNode.textContent : null;",
        item_id)


def message(driver):
    return driver.find_element("css selector", "[data-cl-message]").text


def _alert(driver):
    try:
        return driver.switch_to.alert
    except Exception:
        return None


def downloaded(folder: Path, before: set) -> Path:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        new = [p for p in folder.iterdir() if p not in before and not p.name.endswith(".crdownload")]
        if new:
            return new[0]
        time.sleep(0.1)
    raise AssertionError("没有下载文件")


def test_tick_persist_export_import_and_print(base, driver, downloads, tmp_path):
    driver.get(base + PAGE)
    assert driver.execute_script("return window.innerWidth") == 360
    form = driver.find_element("css selector", "[data-cl-branch-form]")
    assert form.is_displayed(), "no branch yet: the page asks for the branch's name first"
    driver.find_element("id", "cl_branch_name").send_keys("市财政局机关第一党支部")
    click(form.find_element("css selector", "button[type=submit]"))
    choose(driver, "zz-01", "完成")
    choose(driver, "zz-02", "部分")
    choose(driver, "zz-09", "不适用")
    note = item(driver, "zz-02").find_element("css selector", "[data-cl-note]")
    note.send_keys("换届请示已起草")
    caption = driver.find_element("css selector", ".cl-progress__table caption").text
    assert caption.startswith("市财政局机关第一党支部：完成 1 / 8 项（13%）"), caption

    driver.refresh()
    wait_for(driver, lambda d: checked(d, "zz-01") == "完成", "a reload keeps the ticks")
    assert checked(driver, "zz-02") == "部分" and checked(driver, "zz-09") == "不适用"
    assert item(driver, "zz-02").find_element("css selector", "[data-cl-note]").get_attribute("value") == "换届请示已起草"
    rows = driver.find_elements("css selector", ".cl-progress__table tr")
    assert [c.text for c in rows[1].find_elements("css selector", "th, td")][:5] == ["组织设置", "1", "1", "1", "0"]

    # export: one branch's record of this list, as a file
    before = set(downloads.iterdir())
    click(driver.find_element("css selector", "[data-cl-export]"))
    exported = downloaded(downloads, before)
    assert exported.name.startswith("自查表-市财政局机关第一党支部-zhibu-liang-hua-zicha-")
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["branch"] == "市财政局机关第一党支部" and data["items"]["zz-02"] == {"status": "partial", "note": "换届请示已起草"}
    assert "已导出文件" in message(driver)

    # a corrupt file is refused with a message and nothing changes
    corrupt = tmp_path / "坏文件.json"
    corrupt.write_text(exported.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    upload = driver.find_element("css selector", "[data-cl-import]")
    upload.send_keys(str(corrupt))
    wait_for(driver, lambda d: "没有导入" in message(d))
    assert "文件“坏文件.json”没有导入：文件内容不完整或已损坏" in message(driver)
    assert checked(driver, "zz-01") == "完成"

    # a file for a branch that already has a record here asks first; declining changes nothing
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(dict(data, items={"zz-01": {"status": "todo"}}), ensure_ascii=False), encoding="utf-8")
    upload.send_keys(str(changed))
    wait_for(driver, lambda d: _alert(d), "replacing a record asks first")
    assert "已有本清单的记录" in driver.switch_to.alert.text
    driver.switch_to.alert.dismiss()
    wait_for(driver, lambda d: "原有记录保持不变" in message(d))
    assert checked(driver, "zz-01") == "完成"

    # the same record imported under another branch's name: a second branch on this computer
    other = tmp_path / "other.json"
    other.write_text(json.dumps(dict(data, branch="市教育局机关第一党支部"), ensure_ascii=False), encoding="utf-8")
    upload.send_keys(str(other))
    wait_for(driver, lambda d: "已导入" in message(d))
    options = [o.text for o in driver.find_elements("css selector", "[data-cl-branch-select] option")]
    assert options == ["市教育局机关第一党支部", "市财政局机关第一党支部"]
    assert checked(driver, "zz-02") == "部分"
    stored = json.loads(driver.execute_script("return localStorage.getItem('portal.checklists')"))
    assert set(stored["branches"]) == {"市财政局机关第一党支部", "市教育局机关第一党支部"}

    # print: the 自查表 with the branch's name, printed boxes and blanks for signatures
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = lambda css: driver.find_element("css selector", css).is_displayed()  # noqa: E731
        assert not shown("[data-cl-app]") and shown(".cl-print-head") and shown(".cl-print-foot")
        assert driver.find_element("css selector", "[data-cl-print-branch]").text == "市教育局机关第一党支部"
        boxes = driver.execute_script("""
          return [...document.querySelectorAll('#zz-02 .cl-opt span')].map(s => getComputedStyle(s, '::before').content)""")
        assert boxes == ['"☐"', '"☑"', '"☐"', '"☐"']
        assert not item(driver, "zz-02").find_element("css selector", "input").is_displayed()
        assert "党支部书记（签字）" in driver.find_element("css selector", ".cl-print-foot").text
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert not console_errors(driver)


def test_articles_list_the_items_citing_them(sample_site):
    html = (sample_site / "regulations" / "zhibu-gongzuo-tiaoli" / "index.html").read_text(encoding="utf-8")
    assert "清单中依据本条的" in html
    assert 'href="../../checklists/zhibu-liang-hua-zicha/#zz-04"' in html
    page = (sample_site / "checklists" / "zhibu-liang-hua-zicha" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../regulations/zhibu-gongzuo-tiaoli/#art-3"' in page


def test_reminders_count_days_from_the_readers_today(sample_site, tmp_path):
    with serve(sample_site) as url:
        d = make_driver()
        try:
            at(d, "2027-01-10T09:00:00+08:00")
            d.get(url + "checklists/huanjie/")
            today = date(2027, 1, 10)
            expected = []
            for org in sorted(load(ROOT).organizations, key=lambda o: (o.term_end, o.unit, o.name)):
                state, days = terms.status(org.term_end, today), terms.days_left(org.term_end, today)
                if state != "ok":
                    expected.append((org.name, f"还有 {days} 天" if days > 0 else f"已超过 {-days} 天"))
            rows = [r for r in d.find_elements("css selector", "[data-hj-row]") if r.is_displayed()]
            shown = [(r.find_element("css selector", "th").text.split("\n")[0],
                      r.find_element("css selector", "[data-hj-days]").text) for r in rows]
            assert shown == expected and len(expected) >= 3
            assert ("市财政局机关第二党支部", "还有 49 天") in shown      # elected 2024-02-29: ends 2027-02-28
            assert "按今天（2027年1月10日）计算" in d.find_element("css selector", "[data-hj-today]").text
            click(d.find_element("css selector", "[data-hj-all]"))
            assert all(r.is_displayed() for r in d.find_elements("css selector", "[data-hj-row]"))
            d.execute_script("window.print = () => { window.printed = true; }")
            click(rows[0].find_element("css selector", "[data-hj-print]"))
            d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            notices = [n for n in d.find_elements("css selector", "[data-hj-notice]") if n.is_displayed()]
            assert len(notices) == 1 and d.execute_script("return window.printed")
            assert notices[0].text.startswith("关于按期进行换届选举的提醒通知\n" + expected[0][0] + "：")
            assert not d.find_element("css selector", ".hj-table").is_displayed()
        finally:
            d.quit()


def test_overview_tabulates_many_files_and_sets_a_bad_one_aside(base, driver, downloads, tmp_path):
    good = {"app": "dangjian-portal-checklist", "version": 1, "kind": "checklist",
            "list": {"id": "2026-q2-ducha", "title": "x"}, "exported": "2026-06-20T08:00:00Z",
            "items": {"dd-01": {"status": "done"}, "dd-02": {"status": "partial"}}}
    paths = []
    for n, branch in enumerate(["第一党支部", "第二党支部"]):
        p = tmp_path / f"f{n}.json"
        p.write_text(json.dumps(dict(good, branch=branch), ensure_ascii=False), encoding="utf-8")
        paths.append(p)
    bad = tmp_path / "坏.json"
    bad.write_text('{"app": "dangjian-portal-checklist", "kind": "checklist", "version": 1, "branch": "x", "list": {"id": "meiyou"}, "items": {}}', encoding="utf-8")
    paths.append(bad)
    driver.get(base + "checklists/huizong/")
    driver.find_element("css selector", "[data-ov-files]").send_keys("\n".join(str(p) for p in paths))
    wait_for(driver, lambda d: "读取了 3 个文件" in d.find_element("css selector", "[data-ov-message]").text)
    assert "坏.json：本门户没有编号为“meiyou”的清单" in driver.find_element("css selector", "[data-ov-bad]").text
    rows = [[c.text for c in r.find_elements("css selector", "th, td")] for r in driver.find_elements("css selector", ".ov-table tr")]
    assert rows[1][:8] == ["2026年第二季度党建工作督导清单", "第一党支部", "理论学习", "1", "0", "0", "0", "100%"]
    assert ["2026年第二季度党建工作督导清单", "第二党支部", "合计", "1", "1", "3", "0", "20%", "4 项", "2026-06-20"] in rows
    before = set(downloads.iterdir())
    click(driver.find_element("css selector", "[data-ov-csv]"))
    sheet = downloaded(downloads, before)
    raw = sheet.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "第二党支部,合计" in raw.decode("utf-8")
    before = set(downloads.iterdir())
    click(driver.find_element("css selector", "[data-ov-xlsx]"))
    book = downloaded(downloads, before)
    assert book.suffix == ".xlsx"
    import openpyxl
    ws = openpyxl.load_workbook(book).active
    values = [[c.value for c in r] for r in ws.iter_rows()]
    assert ws.title == "清单汇总" and values[0][:3] == ["清单", "党支部", "部分"]
    assert ["2026年第二季度党建工作督导清单", "第二党支部", "合计", 1, 1, 3, 0, "20%", "4 项", "2026-06-20"] in values
