"""Shared helpers: throw-away content roots, the CLI and real MkDocs builds."""
from __future__ import annotations

import os
import shutil
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


def build(content_root: Path | None, site_dir: Path, timeout: int = 600,
          env_changes: dict[str, str | None] | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `content_root` (the sample when None); `env_changes` sets
    variables for this build (None removes one)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PORTAL_CONTENT_ROOT", None)
    for name, value in (env_changes or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
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


# A brand with only the required fields (CONTENT-FORMAT.md).
BRAND = """\
name: 示例品牌
unit: 市示例局
summary: 一句话简介。
connotation: 品牌内涵。
practices:
  - title: 做法一
    text: 做法内容。
"""


# What a copy of the project leaves out: local state at its top, never part of a clone.
NOT_COPIED = {".git", ".venv", "site", "dist", ".cache", ".pytest_cache", ".hypothesis", "node_modules"}


def _not_copied(folder: str, names: list[str]) -> set[str]:
    top = Path(folder).resolve() == ROOT
    return {n for n in names if n == "__pycache__" or (top and n in NOT_COPIED)}


def copy_project(dest: Path) -> Path:
    """A copy of the project's files at `dest` (what a clone has), with `.venv` linked to the
    environment running the tests: commands run there as written never touch the checkout."""
    shutil.copytree(ROOT, dest, symlinks=True, ignore=_not_copied)
    venv = ROOT / ".venv"
    if venv.exists():
        (dest / ".venv").symlink_to(venv.resolve(), target_is_directory=True)
        stamp = venv / ".installed"
        if stamp.exists():        # make must not think the environment needs reinstalling
            t = stamp.stat().st_mtime - 60
            os.utime(dest / "requirements.txt", (t, t))
    return dest


@pytest.fixture(scope="session", autouse=True)
def _cache_outside_the_work_tree(tmp_path_factory):
    """Builds write brand thumbnails to $PORTAL_CACHE_DIR, not to <content root>/.cache in the
    checkout; one cache for the whole session (entries are keyed by content), removed at the end."""
    cache = tmp_path_factory.mktemp("cache")
    old = os.environ.get("PORTAL_CACHE_DIR")
    os.environ["PORTAL_CACHE_DIR"] = str(cache)
    yield cache
    if old is None:
        os.environ.pop("PORTAL_CACHE_DIR", None)
    else:
        os.environ["PORTAL_CACHE_DIR"] = old
    shutil.rmtree(cache, ignore_errors=True)


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
