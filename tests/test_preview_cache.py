"""The preview (`make serve`) makes a generated page again only when its inputs changed.

Each edit below is made to a copy of the sample content; the pages the preview then
serves must be exactly those a fresh full build would make, and an edit to one file
must not make every page again."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from portal.content.loader import load
from portal.web.pagecache import PageCache
from portal.build import generated_files, load_checked

ROOT = Path(__file__).resolve().parents[1]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    st = path.stat()      # a later mtime even on a coarse clock: the loader compares mtime and size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def pages(items) -> dict:
    return {g.path: g.content for g in items}


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    for folder in ("regulations", "quizzes", "brands", "docs/study"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


EDITS = {
    "article text": [("regulations/wenze-tiaoli.yml", "第一条　", "第一条　预览修改标记")],
    "regulation title": [("regulations/wenze-tiaoli.yml", "short_title: 问责条例", "short_title: 问责规定")],
    "question cites another article": [("quizzes/wenze-tiaoli-zice.yml", "source: wenze-tiaoli#1",
                                        "source: wenze-tiaoli#2")],
    "quiz title": [("quizzes/wenze-tiaoli-zice.yml", "title: 《问责条例》自测", "title: 《问责条例》自测（修订）")],
    "brand name": [("brands/hongse-yinqing.yml", "name: 红色引擎", "name: 红色动力引擎")],
    "brand tags": [("brands/hongse-yinqing.yml", "tags: [党建业务融合, 理论学习, 服务基层]", "tags: [理论学习]")],
    "brand unit": [("brands/hongse-yinqing.yml", "unit: 市财政局", "unit: 市税务局")],
}


@pytest.mark.parametrize("name", EDITS)
def test_preview_pages_equal_a_fresh_build_after_an_edit(content, name):
    cache = PageCache()
    before = pages(generated_files(load_checked(content), cache))
    for rel, old, new in EDITS[name]:
        edit(content / rel, old, new)
    cache.made = cache.reused = 0
    preview = pages(generated_files(load_checked(content), cache))
    fresh = pages(generated_files(load(content)))
    assert preview.keys() == fresh.keys()
    stale = [p for p in fresh if preview[p] != fresh[p]]
    assert not stale, f"{name}: the preview kept stale pages {stale}"
    assert any(before.get(p) != fresh[p] for p in fresh), f"{name}: the edit changed no page"
    assert cache.reused > 0, f"{name}: every page was made again"


def test_an_added_and_a_removed_file_show_in_the_preview(content):
    cache = PageCache()
    generated_files(load_checked(content), cache)
    shutil.copy(content / "brands/hongse-yinqing.yml", content / "brands/hongse-yinqing-2.yml")
    edit(content / "brands/hongse-yinqing-2.yml", "name: 红色引擎", "name: 红色引擎二号")
    (content / "quizzes/moni-kaoshi.yml").unlink()
    preview = pages(generated_files(load_checked(content), cache))
    fresh = pages(generated_files(load(content)))
    assert preview == fresh
    assert "brands/hongse-yinqing-2.md" in preview and "quizzes/moni-kaoshi.md" not in preview
    assert "红色引擎二号" in preview["brands/hongse-yinqing.md"]      # listed as a brand of the same unit


def test_an_unchanged_reload_makes_no_page_again(content):
    cache = PageCache()
    generated_files(load_checked(content), cache)
    made = cache.made
    edit(content / "regulations/wenze-tiaoli.yml", "第一条　", "第一条　")    # touched, same text
    cache.made = cache.reused = 0
    generated_files(load_checked(content), cache)
    assert made > 20 and cache.made <= 6, cache.made    # the touched regulation's page and its quizzes' pages
