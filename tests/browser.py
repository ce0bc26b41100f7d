"""Real-browser helpers: Debian chromium + chromedriver through Selenium.

Tests using these skip with a reason where the browser is not installed
(`.ci/run` installs it).
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import json
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
needs_browser = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                   reason="需要 Debian 的 chromium 和 chromium-driver（.ci/run 会安装）")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path, prefix: str = ""):
    """Serve `directory` on 127.0.0.1 (optionally under a sub-path); yields the base URL."""
    root = Path(tempfile.mkdtemp())
    target = root / prefix.strip("/") if prefix.strip("/") else root
    target.parent.mkdir(parents=True, exist_ok=True)
    if target == root:
        root.rmdir()
        root = Path(directory)
    else:
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


def make_driver(width: int = 360, height: int = 800):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", f"--window-size={width},{height}",
                f"--user-data-dir={tempfile.mkdtemp(prefix='chromium-')}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    # headless windows cannot be narrower than 500 px: emulate the phone viewport instead
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    return driver


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
