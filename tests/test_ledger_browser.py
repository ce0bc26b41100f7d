"""学习台账 in a real Chromium: a member exports with 提交给支部, the secretary loads that
file with others (bad ones too) and checks the table, the quarter filter, the .csv and
.xlsx downloads (read back with openpyxl), the list of what was set aside or merged,
the printed A4 landscape 台账, at desktop and phone width, served and from file://.
Skipped where chromium is not installed."""
from __future__ import annotations

import base64
import json
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from browser import CHROMEDRIVER, CHROMIUM, make_driver, requested_urls, serve
from conftest import build, write
from test_ledger import record
from test_study_plan import CONTENT      # four weeks across New Year: 2026-12-21 … 2027-01-17

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="需要 Debian 的 chromium 和 chromium-driver")

WAIT = 15
TODAY = "2027-01-12"      # weeks 1–3 are over, week 4 is running


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("content")
    out = tmp_path_factory.mktemp("site")
    write(root, CONTENT)
    result = build(root, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def base(site):
    with serve(site) as url:
        yield url


def attempt(at: str, score: int, total: int = 2) -> dict:
    return {"at": at, "score": score, "total": total, "passed": score * 100 >= 80 * total}


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> list[Path]:
    """What a secretary gets: good records, one member twice, namesakes, and junk."""
    folder = tmp_path_factory.mktemp("jilu")
    content = {
        "张三-电脑.json": record("张三", "第一党支部", {"shili-zice": [attempt("2026-12-22T02:00:00.000Z", 2)]}),
        "张三-手机.json": record("张三", "第一党支部", {"shili-zice": [attempt("2026-12-23T02:00:00.000Z", 1)],
                                                    "lingyi-zice": [attempt("2026-12-29T02:00:00.000Z", 1)]}),
        "李四.json": record("李四", "第一党支部", {"lingyi-zice": [attempt("2027-01-05T02:00:00.000Z", 2)]}),
        "王五.json": record("王五", "第一党支部", {"shili-zice": [attempt("2027-01-06T02:00:00.000Z", 2)]}),
        "王五-二支部.json": record("王五", "第二党支部", {}),
        "学习记录-20261230.json": json.dumps({"app": "dangjian-portal-quiz", "version": 1, "questions": {},
                                          "quizzes": {"shili-zice": {"best": None, "attempts": [attempt("2026-12-24T02:00:00.000Z", 2)]},
                                                      "yishanchu-zice": {"best": None, "attempts": [attempt("2026-12-24T03:00:00.000Z", 1)]}}}),
        "损坏.json": '{"app": "dangjian-portal-quiz", "vers',
        "通知.json": '{"title": "关于开展学习的通知"}',
        "新版本.json": json.dumps({"app": "dangjian-portal-quiz", "version": 9, "quizzes": {}}),
    }
    write(folder, content)
    (folder / "李四-重复.json").write_text(content["李四.json"], encoding="utf-8")
    return sorted(folder.glob("*.json"))


def driver_at(width: int, height: int, downloads: Path):
    d = make_driver(width, height)
    d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                      {"source": f"window.__PORTAL_TEST__ = {{today: '{TODAY}'}};"})
    d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    requested_urls(d)
    return d


def by(d, css):
    from selenium.webdriver.common.by import By
    return d.find_elements(By.CSS_SELECTOR, css)


def one(d, css):
    from selenium.webdriver.common.by import By
    return d.find_element(By.CSS_SELECTOR, css)


def wait_for(d, predicate, message="", timeout=WAIT):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(d, timeout).until(lambda d: predicate(d), message)


def click(el):
    el.parent.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.click()


def load(d, url: str, paths: list[Path]):
    d.get(url)
    wait_for(d, lambda d: by(d, "#ledger-files"), "the file picker is there")
    one(d, "#ledger-files").send_keys("\n".join(str(p) for p in paths))
    wait_for(d, lambda d: "已读入" in one(d, ".ledger-status").text, "files read")


def rows(d) -> dict[tuple[str, str], list[str]]:
    out = {}
    for tr in by(d, ".ledger-table tbody tr"):
        cells = [c.text.replace("\n", " ") for c in tr.find_elements("css selector", "th, td")]
        out[(cells[0], cells[1])] = cells[2:]
    return out


def downloaded(folder: Path, suffix: str, timeout: float = WAIT) -> Path:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = [p for p in folder.glob("*" + suffix)]
        if got:
            time.sleep(0.3)
            return got[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} downloaded")


@pytest.mark.parametrize("width,height", [(1280, 900), (360, 740)], ids=["desktop", "phone"])
def test_secretary_loads_files_filters_downloads_and_prints(base, files, tmp_path, width, height):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    d = driver_at(width, height, downloads)
    try:
        load(d, base + "tai-zhang/", files)
        assert "已读入 6 个文件（共选择 10 个），5 人；4 个文件未读入" in one(d, ".ledger-status").text

        # Weeks: 1 shili-zice, 2 lingyi-zice, 3 no quiz, 4 lingyi-zice (running on TODAY).
        table = rows(d)
        assert list(table) == [("—", "学习记录-20261230"), ("第一党支部", "张三"), ("第一党支部", "李四"),
                               ("第一党支部", "王五"), ("第二党支部", "王五")]
        # 张三's two files merged: week 1's best is 2/2 though the later try was 1/2, dated by the later try.
        assert table[("第一党支部", "张三")] == ["✓ 100% 及格 12月23日", "✓ 50% 未及格 12月29日", "无自测", "—",
                                               "2/2", "0", "100%"]
        # Tests made after their week (before the quiz came round again) count, marked 补测.
        assert table[("第一党支部", "李四")][:2] == ["✗ 未测", "✓ 100% 及格 1月5日（补测）"]
        assert table[("第一党支部", "王五")][:2] == ["✓ 100% 及格 1月6日（补测）", "✗ 未测"]
        assert table[("第二党支部", "王五")] == ["✗ 未测", "✗ 未测", "无自测", "—", "0/2", "2", "0%"], "namesakes kept apart"
        assert table[("—", "学习记录-20261230")][0] == "✓ 100% 及格 12月24日", "an old export without a name: listed by file name"
        foot = [c.text for c in by(d, ".ledger-foot td")]
        assert foot[1:3] == ["3/5人（60%） 平均100%", "2/5人（40%） 平均75%"], foot

        aside = {li.get_attribute("data-reason"): li.text for li in by(d, ".ledger-aside li")}
        assert set(aside) == {"damaged", "not-record", "newer", "duplicate"}
        assert "损坏.json：文件已损坏或不完整" in aside["damaged"]
        assert "通知.json：不是本门户导出的学习记录文件" in aside["not-record"]
        assert "记录格式第 9 版" in aside["newer"]
        assert "李四.json：与“李四-重复.json”内容完全相同" in aside["duplicate"]
        notes = " ".join(li.text for li in by(d, ".ledger-notes li"))
        assert "张三（第一党支部）的 2 个文件已合并（张三-手机.json、张三-电脑.json）" in notes, notes
        assert "“王五”在第一党支部、第二党支部各有记录" in notes
        assert "题库“yishanchu-zice”在门户中已不存在" in notes
        assert "按文件名“学习记录-20261230”列出" in notes

        if width < 600:
            assert d.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"), \
                "the page does not scroll sideways at 360 px (the table scrolls in its own box)"
            assert one(d, ".ledger-wrap").get_attribute("tabindex") == "0", "the table box is keyboard scrollable"

        # 季度 filter: 2027 Q1 is weeks 3 and 4 (week 2's Thursday is 31 December).
        from selenium.webdriver.support.ui import Select
        Select(one(d, "#ledger-quarter")).select_by_value("2027-Q1")
        heads = [th.text.split("\n")[0] for th in by(d, ".ledger-table thead th")]
        assert heads == ["支部", "姓名", "第3周", "第4周", "已完成/应学", "缺学", "完成率"]
        assert rows(d)[("第一党支部", "张三")] == ["无自测", "—", "0/0", "0", "—"]
        one(d, "#ledger-title").clear()
        one(d, "#ledger-title").send_keys("机关第一党支部")

        click([b for b in by(d, ".ledger-actions button") if b.text == "下载 CSV"][0])
        csv_file = downloaded(downloads, ".csv")
        assert csv_file.name == "学习台账-机关第一党支部-2027年第一季度-20270112.csv"
        raw = csv_file.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        lines = raw.decode("utf-8-sig").split("\r\n")
        assert lines[0] == "支部,姓名,第3周（1月4日—1月10日）,第4周（1月11日—1月17日）,应学周数,已完成,缺学,完成率"
        assert "第一党支部,张三,无自测,,0,0,0,—" in lines

        click([b for b in by(d, ".ledger-actions button") if b.text == "下载 Excel"][0])
        xlsx = downloaded(downloads, ".xlsx")
        wb = load_workbook(xlsx)
        assert wb.sheetnames == ["汇总", "2026年第四季度", "2027年第一季度"]
        q4 = wb["2026年第四季度"]
        assert [c.value for c in q4[1]] == ["支部", "姓名", "第1周（12月21日—12月27日）", "第2周（12月28日—1月3日）",
                                            "应学周数", "已完成", "缺学", "完成率"]
        got = {(r[0].value or "", r[1].value): [c.value for c in r[2:]] for r in q4.iter_rows(min_row=2)}
        assert got[("第一党支部", "张三")] == ["100% 及格 12月23日", "50% 未及格 12月29日", 2, 2, 0, "100%"]
        assert q4.freeze_panes == "C2" and q4["A1"].font.b
        assert q4.column_dimensions["C"].width >= 16
        summary = wb["汇总"]
        assert [c.value for c in summary[1]][:4] == ["支部", "姓名", "2026年第四季度", "2027年第一季度"]

        # The printed 台账: A4 landscape, branch, period, date and a signature line; no controls.
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        head = one(d, ".ledger-print-head")
        assert head.is_displayed() and "机关第一党支部学习台账" in head.text
        assert "统计期间：2027年第一季度（2027年1月4日—2027年1月17日）" in head.text and "统计日期：2027年1月12日" in head.text
        assert "支部书记（签字）" in one(d, ".ledger-sign").text and one(d, ".ledger-sign").is_displayed()
        assert not one(d, ".ledger-controls").is_displayed() and not one(d, ".ledger-drop").is_displayed()
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        pdf = base64.b64decode(d.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
        assert b"/MediaBox [0 0 841.91998 594.95996]" in pdf or b"/MediaBox [0 0 842" in pdf or b"841.9" in pdf, \
            "A4 landscape (842 × 595 pt)"

        assert all(u.startswith(base) for u in requested_urls(d)), "no request leaves the site"
    finally:
        d.quit()


def test_member_submits_and_secretary_opens_it_from_file_url(site, tmp_path):
    """提交给支部 writes name, branch and plan id; the ledger opened from file:// reads it."""
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    d = driver_at(1280, 900, downloads)
    try:
        url = (site / "quizzes" / "xuexi-jilu" / "index.html").as_uri()
        d.get(url)
        d.execute_script("localStorage.setItem('portal.quiz.record', arguments[0])", json.dumps({
            "app": "dangjian-portal-quiz", "version": 1, "updated": "2026-12-22T02:00:00.000Z", "questions": {},
            "quizzes": {"shili-zice": {"best": None, "attempts": [attempt("2026-12-22T02:00:00.000Z", 2)]}}}))
        d.get(url)
        wait_for(d, lambda d: by(d, "#member-name"))
        one(d, "#member-name").send_keys("赵六")
        one(d, "#member-branch").send_keys("第三党支部")
        click([b for b in by(d, ".quiz-submit button")][0])
        sent = downloaded(downloads, ".json")
        assert sent.name.startswith("学习记录-第三党支部-赵六-")
        data = json.loads(sent.read_text(encoding="utf-8"))
        assert data["member"] == {"name": "赵六", "branch": "第三党支部"}
        assert data["portal"]["record"] == 1 and data["plan"].startswith("2026-12-21-")
        d.get(url)
        wait_for(d, lambda d: by(d, "#member-name"))
        assert one(d, "#member-name").get_attribute("value") == "赵六", "remembered for next time"

        load(d, (site / "tai-zhang" / "index.html").as_uri(), [sent])
        assert rows(d)[("第三党支部", "赵六")][:3] == ["✓ 100% 及格 12月22日", "✗ 未测", "无自测"]
        assert not by(d, ".ledger-notes li"), "same plan: nothing to explain"
    finally:
        d.quit()


def test_folder_and_drop_add_up_and_names_stay_text(base, tmp_path):
    """A folder (its other files counted, not read), then one more file dropped on the page;
    a name that looks like HTML is shown as written."""
    folder = tmp_path / "第二党支部"
    write(folder, {"a.json": record("<img src=x onerror=alert(1)>", "第二党支部", {}),
                   "说明.docx": "not a record", "子目录/b.json": record("钱七", "第二党支部", {})})
    d = driver_at(1280, 900, tmp_path)
    try:
        d.get(base + "tai-zhang/")
        wait_for(d, lambda d: by(d, "#ledger-folder"), "folder input where the browser has one")
        one(d, "#ledger-folder").send_keys(str(folder))
        wait_for(d, lambda d: "已读入" in one(d, ".ledger-status").text)
        status = one(d, ".ledger-status").text
        assert "已读入 2 个文件（共选择 2 个），2 人" in status
        assert "文件夹中另有 1 个不是 .json 的文件，未读取" in status
        names = [n.text for n in by(d, ".ledger-name")]
        assert names == ["<img src=x onerror=alert(1)>", "钱七"]
        assert not by(d, ".ledger-table img")

        d.execute_script("""
            const dt = new DataTransfer();
            dt.items.add(new File([arguments[0]], "拖进来的.json", {type: "application/json"}));
            document.querySelector(".ledger-drop").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
        """, record("孙八", "第二党支部", {"shili-zice": [attempt("2026-12-22T02:00:00.000Z", 2)]}))
        wait_for(d, lambda d: "孙八" in [n.text for n in by(d, ".ledger-name")], "a dropped file adds to the ledger")
        assert "已读入 3 个文件（共选择 3 个），3 人" in one(d, ".ledger-status").text
        click(one(d, ".ledger-clear"))
        assert not by(d, ".ledger-table") and "已清空" in one(d, ".ledger-status").text
    finally:
        d.quit()
