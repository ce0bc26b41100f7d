"""`python -m portal bench --search`: its query set, its scoring by result pages, its
message without the corpus, and one run at a tiny scale (the R1 figures are in README)."""
from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest

from conftest import CORPUS, run_portal
from portal.bench import search as benchsearch

needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="需要 node（Node.js）")


def test_query_set_is_written_as_members_type():
    queries = benchsearch.load_queries()
    assert len(queries) >= 40
    assert len({q["q"] for q in queries}) == len(queries)
    kinds = Counter(q.get("kind") for q in queries)
    assert kinds["two"] >= 4 and kinds["inside"] >= 2 and kinds["multi"] >= 10 and kinds["near"] >= 5
    assert len({q["reg"] for q in queries}) == 8                 # every corpus text is asked for
    for q in queries:
        assert q["art"] and all(isinstance(a, int) for a in q["art"]), q


def test_hits_count_within_the_first_five_result_pages():
    q = {"q": "党组", "reg": "dz", "art": [48, 49]}
    results = ["regulations/a/#art-1", "regulations/a/#art-2", "regulations/b/", "regulations/c/#art-1",
               "regulations/d/#art-9", "regulations/e/#art-3", "regulations/dz/#art-48"]
    assert benchsearch.score(q, results) == (False, False)            # sixth page: too late
    assert benchsearch.score(q, results[:2] + results[-1:]) == (True, True)
    assert benchsearch.score(q, ["regulations/dz/#art-50"]) == (True, False)
    assert benchsearch.score({**q, "also": ["x#3"]}, ["regulations/x/#art-3"]) == (True, True)


def test_says_so_when_the_corpus_is_absent(tmp_path, monkeypatch):
    monkeypatch.setattr(benchsearch, "CORPUS", tmp_path / "nowhere")
    said = []
    assert benchsearch.run(0.01, log=said.append) is None
    assert "找不到语料目录" in said[0] and "nowhere" in said[0]


@needs_node
def test_runs_at_a_tiny_scale_and_reports_every_figure(tmp_path):
    if not CORPUS.is_dir():
        pytest.skip(f"找不到测试语料 {CORPUS}（仅在完整工作区中运行）")
    out = tmp_path / "search.json"
    result = run_portal("bench", "--search", "--scale", "0.01", "--json", str(out), timeout=900)
    assert result.returncode in (0, 1), result.stderr[-3000:]        # 1: a target missed
    assert "recall@5，法规" in result.stdout and "首次检索下载" in result.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["queries"] >= 40 and report["zero_results"] == []
    assert report["regulation_recall"] >= 0.9 and report["article_recall"] >= 0.85
    assert 0 < report["first_query_bytes_max"] <= 300 * 1024
