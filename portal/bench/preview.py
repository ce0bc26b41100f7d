"""The preview as editors run it (`make serve`: `mkdocs serve --dirty`), started on a free
port over a content root, for the benchmark's edit loop and the preview tests."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

PROJECT = Path(__file__).resolve().parents[2]


def content_env(content: Path) -> dict:
    """The environment that points a build or preview at the content under `content`."""
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PORTAL_CONTENT_ROOT=str(content), PYTHONDONTWRITEBYTECODE="1")


@contextmanager
def preview(content: Path) -> Iterator[str]:
    """Serve `content` until the block ends; yields the base URL ("http://127.0.0.1:port/")."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}",
                             "-f", str(PROJECT / "mkdocs.yml")], env=content_env(content), cwd=PROJECT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.send_signal(signal.SIGINT)   # like Ctrl+C: mkdocs serve removes its temporary site
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)


def wait_for(url: str, ok, timeout: float) -> str | None:
    """The body of `url` once `ok(body)` holds; None when `timeout` seconds pass first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                body = r.read().decode("utf-8", "replace")
                if ok(body):
                    return body
        except OSError:
            pass
        time.sleep(0.1)
    return None
