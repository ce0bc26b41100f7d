"""The offline copy (`python -m portal offline`): a zip a reader unpacks on a USB stick and
opens from files (file://), with launchers for a local web server as a fallback."""
from __future__ import annotations

import http.client
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import browser, console_errors, needs_browser, requested_urls  # noqa: F401
from conftest import ROOT

sys.path.insert(0, str(ROOT))
from portal.publish.release import NAME  # noqa: E402

VERSION = "3.0.0"
STEM = f"{NAME}-{VERSION}-offline"


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("offline") / "dist"
    env = dict(os.environ, PYTHONPATH=str(ROOT), PORTAL_VERSION=VERSION,
               PORTAL_SITE_URL="http://intranet.example/dangjian/")   # must not leak into the copy
    env.pop("PORTAL_CONTENT_ROOT", None)
    result = subprocess.run([sys.executable, "-m", "portal", "offline", "--dist-dir", str(dist)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"{STEM}.zip" in result.stdout
    return dist / f"{STEM}.zip"


@pytest.fixture(scope="module")
def usb(offline_zip, tmp_path_factory) -> Path:
    """The copy as a reader has it: unpacked into a folder with a Chinese name."""
    where = tmp_path_factory.mktemp("usb") / "学习资料"
    with zipfile.ZipFile(offline_zip) as zf:
        zf.extractall(where)
    return where / STEM


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


def test_zip_holds_the_site_launchers_and_build_info(offline_zip, usb):
    checksums = (offline_zip.parent / "SHA256SUMS").read_text(encoding="utf-8")
    assert f"  {offline_zip.name}\n" in checksums
    with zipfile.ZipFile(offline_zip) as zf:
        names = zf.namelist()
        modes = {i.filename: i.external_attr >> 16 for i in zf.infolist()}
    assert all(n.startswith(STEM + "/") for n in names)
    assert modes[f"{STEM}/启动门户.sh"] & 0o111 and modes[f"{STEM}/serve.py"] & 0o111
    for rel in ("index.html", "regulations/index.html", "启动门户.bat", "启动门户.sh", "serve.py", "使用说明.txt"):
        assert (usb / rel).is_file(), rel
    info = json.loads((usb / "build-info.json").read_text(encoding="utf-8"))
    assert info["offline"] is True and info["version"] == VERSION and info["site_url"] == ""
    bat = (usb / "启动门户.bat").read_bytes()
    assert b"\r\n" in bat and b"\n" not in bat.replace(b"\r\n", b"")   # cmd.exe wants CRLF
    assert "未找到 Python" in bat.decode("gbk") and "serve.py" in bat.decode("gbk")   # Chinese Windows: GBK
    assert (usb / "使用说明.txt").read_bytes().startswith(b"\xef\xbb\xbf")   # Notepad sees UTF-8


def test_copy_loads_nothing_from_elsewhere(usb):
    bad = []
    for page in usb.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for m in re.finditer(r"<(script|img|iframe|source|link)\b[^>]*?\b(?:src|href)=\"([^\"]*)\"[^>]*>", html):
            tag, url = m.group(1), m.group(2)
            if tag == "link" and not re.search(r'rel="(stylesheet|preload|modulepreload|icon|manifest)"', m.group(0)):
                continue
            if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//|/)", url, re.I) and not url.startswith("data:"):
                bad.append(f"{page.relative_to(usb)}: {url}")
    assert not bad, bad[:10]
    # (Material's bundle names unpkg.com only for a ResizeObserver polyfill that browsers since 2020 never need)
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in usb.rglob("*")
                     if p.suffix in (".html", ".css") or p.suffix == ".js" and "javascripts/bundle." not in p.as_posix())
    assert "unpkg.com" not in text and "fonts.googleapis" not in text


def test_links_to_folders_open_their_index_page(usb):
    """From files, "regulations/" shows a directory listing: links must name index.html."""
    folder_links = []
    for page in usb.rglob("*.html"):
        for url in re.findall(r'<a\b[^>]*?\bhref="([^"]*)"', page.read_text(encoding="utf-8")):
            path = url.split("#", 1)[0].split("?", 1)[0]
            if path and not re.match(r"^[a-z][a-z0-9+.-]*:", path) and (path.endswith("/") or path in (".", "..")):
                folder_links.append(f"{page.relative_to(usb)}: {url}")
    assert not folder_links, folder_links[:10]


@needs_browser
def test_reader_follows_links_from_the_home_page_to_an_article(browser, usb):  # noqa: F811
    browser.get(file_url(usb / "index.html"))
    assert "no-js" not in browser.find_element(By.TAG_NAME, "html").get_attribute("class")
    assert browser.execute_script("return getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    tab = browser.find_element(By.CSS_SELECTOR, '.md-tabs__link[href^="regulations/"]')
    browser.execute_script("arguments[0].click()", tab)
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith("/regulations/index.html"))
    card = browser.find_element(By.CSS_SELECTOR, '.reg-card a[href^="lianjie-zilv-zhunze"]')
    browser.execute_script("arguments[0].click()", card)
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith("/regulations/lianjie-zilv-zhunze/index.html"))
    link = browser.find_element(By.CSS_SELECTOR, 'a[href^="#art-"]:not(.headerlink)')
    anchor = link.get_attribute("href").split("#")[1]
    browser.execute_script("arguments[0].click()", link)
    WebDriverWait(browser, 5).until(lambda d: d.execute_script(
        "var t = document.querySelector(':target'); return t && t.id") == anchor)
    # a cross-page citation (quiz answer → article) lands on the article too
    answers = next(usb.glob("quizzes/*/answers/index.html"))
    browser.get(file_url(answers))
    cite = browser.find_element(By.CSS_SELECTOR, 'a[href*="regulations/"][href*="#art-"]')
    target = cite.get_attribute("href")
    assert "/index.html#art-" in target
    browser.execute_script("arguments[0].click()", cite)
    art = target.split("#")[1]
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.ID, art))
    assert urlsplit(browser.current_url).fragment == art
    assert requested_urls(browser) == []   # only file:// (no http, https or ws at all)
    assert not console_errors(browser)


@needs_browser
def test_search_works_from_files(browser, usb):  # noqa: F811
    browser.get(file_url(usb / "regulations" / "index.html"))
    browser.find_element(By.CSS_SELECTOR, 'label.md-header__button[for="__search"]').click()
    box = browser.find_element(By.CSS_SELECTOR, ".md-search__input")
    WebDriverWait(browser, 5).until(lambda d: box.is_displayed())
    box.send_keys("问责")
    WebDriverWait(browser, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__list a[href]"))
    first = browser.find_element(By.CSS_SELECTOR, ".md-search-result__list a[href]")
    browser.execute_script("arguments[0].click()", first)
    WebDriverWait(browser, 10).until(lambda d: "/regulations/index.html" not in d.current_url)
    path = Path(unquote(urlsplit(browser.current_url).path))
    assert path.is_file() and path.name == "index.html" and browser.find_elements(By.CSS_SELECTOR, ".md-content")
    assert requested_urls(browser) == []
    assert not console_errors(browser)


@needs_browser
def test_folder_links_made_by_scripts_open_the_index_page(browser, usb):  # noqa: F811
    """Links that page scripts create at run time are not rewritten at build time."""
    browser.get(file_url(usb / "quizzes" / "index.html"))
    browser.execute_script("""var a = document.createElement("a");
        a.href = "../regulations/wenze-tiaoli/#art-3"; a.id = "made"; a.textContent = "第三条";
        document.querySelector(".md-content").prepend(a);""")
    browser.find_element(By.ID, "made").click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith("/regulations/wenze-tiaoli/index.html#art-3"))
    assert browser.find_elements(By.ID, "art-3")


@pytest.mark.skipif(not shutil.which("sh") or not shutil.which("python3"), reason="需要 sh 和 python3")
def test_launcher_serves_the_copy_on_this_computer_only(usb):
    proc = subprocess.Popen(["sh", str(usb / "启动门户.sh"), "--no-browser"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: lines.put(proc.stdout.readline()), daemon=True).start()
        try:
            line = lines.get(timeout=60)        # a launcher that never says where it listens fails, not hangs
        except queue.Empty:
            pytest.fail("the launcher printed no address within 60 s")
        m = re.search(r"http://127\.0\.0\.1:(\d+)/index\.html", line)
        assert m, (line, proc.poll())
        port = int(m.group(1))
        for path, kind in (("/index.html", "text/html"), ("/build-info.json", "application/json"),
                           ("/assets/portal/offline.js", "javascript"), ("/regulations/", "text/html")):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", path)
            resp = conn.getresponse()
            assert resp.status == 200 and kind in resp.getheader("Content-Type"), path
            resp.read()
            conn.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
