"""Real-browser helpers: Debian chromium + chromedriver through Selenium.

Tests using these skip with a reason where the browser is not installed
(`.ci/run` installs it). Where the browser is installed but the machine has no Chinese
font, they fail at once with a message saying so: Chromium would draw Han text from a
fallback font, and what the tests measure would not be what readers see.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import json
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
needs_browser = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                   reason="需要 Debian 的 chromium 和 chromium-driver（.ci/run 会安装）")


NO_CJK_FONT = ("未找到中文字体（fonts-noto-cjk）：`fc-list :lang=zh` 没有列出任何字体，Chromium 会用后备字体显示汉字，"
               "页面排版与读者看到的不同，浏览器测试的结果不可信。请安装：apt-get install fonts-noto-cjk"
               "（.ci/run 会安装）。 / No CJK font found (`fc-list :lang=zh` is empty): install fonts-noto-cjk.")
NO_FC_LIST = ("找不到 fc-list（fontconfig），无法确认本机有中文字体。请安装：apt-get install fontconfig fonts-noto-cjk"
              "（.ci/run 会安装）。 / fc-list (fontconfig) is missing: cannot check for a CJK font.")


@functools.cache
def _cjk_font_problem() -> str | None:
    """Why the browser tests cannot trust the page layout here (Chinese), or None."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return NO_FC_LIST
    try:
        out = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{NO_FC_LIST}（{exc}）"
    return None if out.strip() else NO_CJK_FONT


def require_cjk_font() -> None:
    """Fail the calling test with a clear message when no Chinese font is installed."""
    problem = _cjk_font_problem()
    if problem:
        pytest.fail(problem, pytrace=False)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path, prefix: str = ""):
    """Serve `directory` on 127.0.0.1 (optionally under a sub-path); yields the base URL."""
    scratch = Path(tempfile.mkdtemp(prefix="portal-serve-")) if prefix.strip("/") else None
    if scratch is None:
        root = Path(directory)
    else:                                   # <scratch>/<prefix> -> directory, removed afterwards
        root = scratch
        target = scratch / prefix.strip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(Path(directory).resolve(), target_is_directory=True)
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        yield base + (prefix.strip("/") + "/" if prefix.strip("/") else "")
    finally:
        server.shutdown()
        server.server_close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def make_driver(width: int = 360, height: int = 800):
    """A headless Chromium with a fresh profile; `driver.quit()` also removes the profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    require_cjk_font()
    profile = tempfile.mkdtemp(prefix="chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", f"--window-size={width},{height}",
                f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    except BaseException:
        shutil.rmtree(profile, ignore_errors=True)
        raise
    quit_browser = driver.quit

    def quit_and_clean():
        try:
            quit_browser()
        finally:
            shutil.rmtree(profile, ignore_errors=True)
    driver.quit = quit_and_clean
    driver.set_page_load_timeout(30)
    # headless windows cannot be narrower than 500 px: emulate the phone viewport instead
    set_viewport(driver, width, height)
    return driver


def set_viewport(driver, width: int, height: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


@contextlib.contextmanager
def viewport(driver, width: int, height: int):
    """Another viewport for the block, then the phone's (360 × 740) again."""
    set_viewport(driver, width, height)
    try:
        yield
    finally:
        set_viewport(driver, 360, 740)


@pytest.fixture
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("需要 Debian 的 chromium 和 chromium-driver（.ci/run 会安装）")
    driver = make_driver()
    try:
        yield driver
    finally:
        driver.quit()


def requested_urls(driver) -> list[str]:
    """Network URLs (http, https, ws) pages asked for since the last call.

    Browser-internal schemes (chrome:, data:, blob:) never leave the machine.
    """
    urls = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            url = msg["params"]["request"]["url"]
            if url.split(":", 1)[0] in ("http", "https", "ws", "wss"):
                urls.append(url)
    return urls


def console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
