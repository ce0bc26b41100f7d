"""The preview (`make serve`) picks up the editors' synonym list: creating search.yml,
then changing it the way editors' programs save (a new file renamed over the old one),
reaches the search index the preview serves without restarting it."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import REG, ROOT, write


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return None


def wait_for(url: str, ok, timeout: float = 120) -> str:
    deadline, body = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and ok(body):
            return body
        time.sleep(0.2)
    raise AssertionError(f"{url}：{timeout} 秒内没有等到预期内容；最后一次：{(body or '')[:300]}")


def test_serve_rebuilds_the_search_index_when_search_yml_is_created_and_saved(tmp_path):
    root = write(tmp_path / "content", {"regulations/shili.yml": REG})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PORTAL_CONTENT_ROOT=str(root))
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}",
                             "-f", str(ROOT / "mkdocs.yml")], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = f"http://127.0.0.1:{port}/search/manifest.js"
    try:
        first = wait_for(manifest, lambda body: "__portalSearch" in body)
        assert "入党誓词" not in first
        write(root, {"search.yml": "synonyms:\n  - [入党誓词, 誓词]\n"})
        wait_for(manifest, lambda body: "入党誓词" in body)
        # save by rename, as many editors do: the new group must arrive, the old one stay
        new = root / "search.yml.tmp"
        new.write_text("synonyms:\n  - [入党誓词, 誓词]\n  - [三会一课, 党课]\n", encoding="utf-8")
        new.replace(root / "search.yml")
        body = wait_for(manifest, lambda body: "三会一课" in body)
        assert "入党誓词" in body
    finally:
        proc.send_signal(signal.SIGINT)      # like Ctrl+C: mkdocs serve removes its temporary site
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)
