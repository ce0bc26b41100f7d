"""What ranking at scale needs from the index and the content: spaced Han text joined
into words, per-document fields for BM25 and priors (length class, key article,
regulation rank and status), and the editors' synonym list (search.yml), checked with
file:line:col. The ranking itself is tested in Node (tests/js/search.test.js) and over
the corpus at R1 by `python -m portal bench --search`."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import REG, build, check
from portal.search.index import B64, CATEGORIES, STATUSES, decode, issuer_level, read_page, run_queries
from test_search_index import index_docs, wrap

needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="需要 node（Node.js）")


def manifest(site: Path) -> dict:
    text = (site / "search" / "manifest.js").read_text(encoding="utf-8")
    return json.loads(re.search(r",0,(\{.*\})\);", text)[1])


def test_spaced_heading_and_text_make_words_across_the_space():
    page = read_page(wrap('<h1 id="t">中国共产党章程</h1><h2 id="第九章-党-组">第九章　党　组</h2>'
                          '<section class="reg-art" id="art-48"><p><a href="#art-48">第四十八条</a>'
                          '　在中央和地方国家机关成立党\u00a0组。</p></section>'))
    heading, article = page.docs[1], page.docs[2]
    assert heading.title == "第九章　党　组"                          # shown as written
    assert "^党组" in page.tokens[1] and "^党组" in page.tokens[2]      # the chapter heading is a title
    assert "党组" in page.tokens[2]                                     # NBSP in the text: one word too


def test_manifest_carries_rank_status_and_key_articles(sample_site):
    m = manifest(sample_site)
    pages = decode(m["p"])
    assert len(m["dm"]) == m["n"] and len(m["pm"]) == len(pages)
    urls = [d[0] for d in index_docs(sample_site)]                  # in document-id order
    docs = {url: i for i, url in enumerate(urls)}
    page_of = {urls[start]: n for n, start in enumerate(pages)}      # a page's first document is itself
    code = B64.index(m["pm"][page_of["regulations/wenze-tiaoli/"]])
    assert (CATEGORIES[code >> 2], STATUSES[code & 3]) == ("条例", "有效")
    assert B64.index(m["pm"][page_of["study/jiguan-dangjian-wenda/"]]) == 63     # not a regulation
    key = lambda anchor: B64.index(m["dm"][docs["regulations/wenze-tiaoli/#" + anchor]]) >= 32
    assert key("art-3") and key("art-4") and not key("art-1")                     # key_articles: [3, 4, 5]
    length = lambda url: B64.index(m["dm"][docs[url]]) & 31
    assert length("regulations/wenze-tiaoli/#art-3") > length("regulations/wenze-tiaoli/#art-1")


def test_issuer_level_follows_the_rules_on_party_regulations(sample_site):
    # 中央党内法规 > 部委党内法规 (中央纪委, central departments) > 地方党内法规
    assert [issuer_level(x) for x in ("中国共产党全国代表大会", "中共中央", "中共中央、国务院", "中共中央办公厅")] \
        == [0, 0, 0, 0]
    assert [issuer_level(x) for x in ("中央纪委", "中共中央组织部", "中央组织部、人力资源社会保障部")] == [1, 1, 1]
    assert [issuer_level(x) for x in ("中共示例市委", "市直机关工委", "")] == [2, 2, 2]
    html = (sample_site / "regulations" / "wenze-tiaoli" / "index.html").read_text(encoding="utf-8")
    assert 'data-search-issuer="中共中央"' in html
    m = manifest(sample_site)
    pages = decode(m["p"])
    urls = [d[0] for d in index_docs(sample_site)]
    page_of = {urls[start]: n for n, start in enumerate(pages)}
    assert len(m["pi"]) == len(pages)
    assert m["pi"][page_of["regulations/wenze-tiaoli/"]] == "0"
    assert m["pi"][page_of["study/jiguan-dangjian-wenda/"]] == "2"


def test_bad_synonym_list_is_reported_with_line_and_column(project):
    root = project({"regulations/shili.yml": REG, "search.yml": """\
        synonyms:
          - [入党誓词, 誓词]
          - [党, 党员]
          - 三会一课
          - [党课, 党课]
          - [主题党日]
        extra: 1
        """})
    result = check(root)
    assert result.returncode == 1
    err = result.stderr
    assert "search.yml:3:6: “党”太短" in err
    assert "search.yml:4:5: 每组同义词应写成列表" in err
    assert "search.yml:5:10: “党课”在本组中重复" in err
    assert "search.yml:6:5: 每组至少两个词" in err
    assert "search.yml:7:1: 不认识的键“extra”" in err


@needs_node
def test_synonyms_reach_the_index_and_the_query(project, tmp_path):
    root = project({"regulations/shili.yml": REG.replace("第二条　本条例第一条所称示例，是指测试。",
                                                          "第二条　党员面向党旗宣誓，誓词如下：我志愿加入。"),
                    "search.yml": "synonyms:\n  - [入党誓词, 誓词]\n"})
    assert check(root).returncode == 0
    site = tmp_path / "site"
    result = build(root, site)
    assert result.returncode == 0, result.stderr[-2000:]
    assert manifest(site)["y"] == [["入党誓词", "誓词"]]
    run = run_queries(site, ["入党誓词"])[0]
    assert run["results"][0] == "regulations/shili/#art-2" and run["partial"] == 0
