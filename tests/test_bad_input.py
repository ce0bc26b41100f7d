"""The bad-input corpus: every error class, exact messages, exit 1 in seconds,
no traceback, no partial site."""
from __future__ import annotations

import shutil
import time

from conftest import ROOT, build, check

CORPUS = ROOT / "tests" / "bad_input"


def test_check_reports_exactly_the_expected_problems():
    started = time.monotonic()
    result = check(CORPUS)
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr == (CORPUS / "expected.txt").read_text(encoding="utf-8")


def test_every_file_in_the_corpus_is_reported():
    expected = (CORPUS / "expected.txt").read_text(encoding="utf-8")
    for path in CORPUS.rglob("*.yml"):
        rel = path.relative_to(CORPUS).as_posix()
        if path.name != "valid.yml":
            assert rel + ":" in expected, f"{rel} 没有被报告"


def test_a_ten_megabyte_file_is_refused_quickly(tmp_path):
    root = tmp_path / "big"
    shutil.copytree(CORPUS, root)
    line = "  第一条　" + "很长的条文" * 60 + "\n"
    (root / "regulations" / "huge.yml").write_text("title: 大文件\ntext: |\n" + line * 11000, encoding="utf-8")
    started = time.monotonic()
    result = check(root)
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert "regulations/huge.yml: 文件过大（" in result.stderr and "不能超过 2 MB" in result.stderr


def test_a_build_from_bad_input_publishes_nothing(tmp_path):
    site = tmp_path / "site"
    result = build(CORPUS, site)
    assert result.returncode == 1
    assert "regulations/gap.yml:8:3: 条文编号不连续" in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()
