"""Recall of site search on members' real queries (tests/search_queries.yml).

The real query code (docs/assets/portal/search.js) runs over the index files of the
built sample site: in Node, loaded with `vm`, and in Chromium, loaded by the page's
own <script> injection under a sub-path. A query counts as found when its expected
page + anchor is among the first five results.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from portal.search.index import normalize, run_queries
from test_search_index import index_docs

QUERIES = Path(__file__).with_name("search_queries.yml")
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="需要 node（Node.js）")


def load_queries() -> list[dict]:
    return YAML(typ="safe").load(QUERIES.read_text(encoding="utf-8"))["queries"]


def test_query_file_is_realistic():
    queries = load_queries()
    assert len(queries) >= 30
    assert len({q["q"] for q in queries}) == len(queries)
    assert sum(1 for q in queries if len(q["q"]) == 2) >= 8                  # two-character queries
    assert sum(1 for q in queries if q.get("inside")) >= 3                   # words inside longer words
    kinds = {q["expect"].split("/")[0] for q in queries}
    assert {"regulations", "study", "brands"} <= kinds


def test_expected_targets_exist(sample_site):
    for q in load_queries():
        url, _, anchor = q["expect"].partition("#")
        page = sample_site / url / "index.html"
        assert page.is_file(), q
        if anchor:
            assert f'id="{anchor}"' in page.read_text(encoding="utf-8"), q


@needs_node
def test_recall_at_5(sample_site):
    queries = load_queries()
    runs = run_queries(sample_site, [q["q"] for q in queries])
    misses = [(q["q"], q["expect"], r["results"][:5]) for q, r in zip(queries, runs)
              if q["expect"] not in r["results"][:5]]
    recall = 1 - len(misses) / len(queries)
    print(f"recall@5 = {recall:.3f} ({len(queries) - len(misses)}/{len(queries)})")
    assert recall >= 0.95, misses


@needs_node
def test_inside_words_are_found_wherever_they_occur(sample_site):
    """察看 inside 留党察看 etc.: every document containing the word is counted, none missed."""
    docs = index_docs(sample_site)
    for q in [q for q in load_queries() if q.get("inside")]:
        # a section matches by its own text and titles; a page also by the page title
        truth = [d for d in docs if q["q"] in normalize("\n".join(d[2:]))
                 or ("#" not in d[0] and q["q"] in normalize(d[1]))]
        run = run_queries(sample_site, [q["q"]])[0]
        assert run["exact"] and run["total"] == len(truth) > 0, q
        exact = run["results"][:len(run["results"]) - run["partial"]]     # partial matches come after
        assert exact and set(exact) <= {d[0] for d in truth}


def test_recall_at_5_in_a_browser(sample_site):
    """The same queries through the page's own loader (<script> injection) in Chromium."""
    from browser import CHROMEDRIVER, CHROMIUM, make_driver, serve
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("需要 Debian 的 chromium 和 chromium-driver")
    queries = load_queries()
    driver = make_driver()
    try:
        with serve(sample_site, prefix="/dangjian/") as base:
            driver.get(base)
            driver.set_script_timeout(60)
            runs = driver.execute_async_script("""
                const done = arguments[arguments.length - 1];
                Promise.all(arguments[0].map((q) => window.__portalSearch.search(q)))
                  .then(done, (e) => done(String(e)));
            """, [q["q"] for q in queries])
    finally:
        driver.quit()
    assert isinstance(runs, list), runs
    found = sum(q["expect"] in r["results"][:5] for q, r in zip(queries, runs))
    assert found / len(queries) >= 0.95
    if shutil.which("node"):                        # the browser and Node rank alike
        node = run_queries(sample_site, [q["q"] for q in queries])
        assert [r["results"] for r in runs] == [r["results"] for r in node]
