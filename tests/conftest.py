"""Shared helpers: throw-away content roots, the CLI and real MkDocs builds."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "regulations"


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    for folder in ("regulations", "quizzes", "brands"):
        (root / folder).mkdir(exist_ok=True)
    return root


def run_portal(*args: str, cwd: Path = ROOT, timeout: int = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "portal", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def check(root: Path) -> subprocess.CompletedProcess:
    return run_portal("--root", str(root), "check")


def build(content_root: Path | None, site_dir: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PORTAL_CONTENT_ROOT", None)
    if content_root is not None:
        env["PORTAL_CONTENT_ROOT"] = str(content_root)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                           "-d", str(site_dir)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


REG = """\
title: 示例工作条例
category: 条例
issuer: 中共中央
status: 有效
text: |
  第一条　为了示例，制定本条例。
  第二条　本条例第一条所称示例，是指测试。
"""


@pytest.fixture
def project(tmp_path):
    """Make a content root from {relative path: text}."""
    def make(files: dict[str, str | bytes]) -> Path:
        return write(tmp_path / "proj", files)
    return make


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample portal, built once per test session with the real pipeline."""
    site = tmp_path_factory.mktemp("sample") / "site"
    result = build(None, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site
