"""学习问答 pages (docs/study/<id>.yml → study/<id>/): foldable answers with permanent
anchors, article citations as links, searchable text, the sample collection's coverage
and accuracy rules."""
from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import CORPUS, ROOT, build, check, write
from portal.content.loader import load
from test_study_plan import CONTENT, article_html

QA = """\
title: 示例学习问答
source: 编写组 2026年
tags: [机关党建]
items:
  - id: wd-001
    q: 党员应当怎样交纳党费？
    a: |
      党员应当**按时**交纳党费。问答标记甲。
    refs: [shili#2, lingyi#1]
  - id: wd-002
    q: 主题党日多久开展一次<script>alert(1)</script>？
    a: |
      每月一次。问答标记乙<script>alert(2)</script>。

      - 第一点
      - 第二点
  - id: wd-003
    q: 没有依据的问题
    a: 问答标记丙。
"""

SAMPLE = ROOT / "docs" / "study" / "jiguan-dangjian-wenda.yml"
TOPICS = ["预备期", "党费", "三会一课", "换届", "发展对象", "组织生活会", "流动党员", "党龄", "民主评议党员",
          "谈心谈话", "主题党日", "党小组", "入党积极分子", "入党介绍人", "转正", "组织关系转接", "党建品牌",
          "机关党建", "留党察看", "请示报告", "问责", "廉洁自律", "支部委员会"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = write(tmp_path_factory.mktemp("content"), {**CONTENT, "docs/study/shili-wenda.yml": QA})
    out = tmp_path_factory.mktemp("site")
    result = build(root, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def items(body: str) -> dict[str, str]:
    return dict(re.findall(r'<details class="qa-item" id="([^"]+)">(.*?)</details>', body, re.S))


def test_every_question_is_a_folded_answer_with_its_permanent_anchor(site):
    body = article_html((site / "study" / "shili-wenda" / "index.html").read_text(encoding="utf-8"))
    found = items(body)
    assert list(found) == ["wd-001", "wd-002", "wd-003"]
    first = found["wd-001"]
    assert re.search(r'<summary class="qa-item__q"><span class="qa-item__n">1\.</span> 党员应当怎样交纳党费？</summary>', first)
    assert "<strong>按时</strong>" in first and "问答标记甲" in first
    assert '<a href="#wd-001"' in first                     # a link to the question itself
    assert "<details class=\"qa-item\" id=\"wd-001\" open" not in body   # folded until targeted


def test_citations_link_to_the_articles(site):
    first = items(article_html((site / "study" / "shili-wenda" / "index.html").read_text(encoding="utf-8")))["wd-001"]
    refs = re.search(r'<p class="qa-refs">(.*?)</p>', first, re.S).group(1)
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', refs)
    assert links == [("../../regulations/shili/#art-2", "《示例条例》第二条"),
                     ("../../regulations/lingyi/#art-1", "《另一准则》第一条")]
    for href, _ in links:
        path, anchor = href.split("#")
        target = (site / "study" / "shili-wenda" / path / "index.html").resolve()
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8")


def test_editor_text_is_escaped(site):
    html = (site / "study" / "shili-wenda" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<script>alert(2)" not in html
    assert "主题党日多久开展一次&lt;script&gt;alert(1)&lt;/script&gt;？" in html
    assert "<li>第一点</li>" in html


def test_questions_and_answers_are_searchable(site):
    html = (site / "study" / "shili-wenda" / "index.html").read_text(encoding="utf-8")
    assert "data-search-exclude" not in article_html(html)
    text = search_text(site)
    for phrase in ("党员应当怎样交纳党费", "问答标记甲", "问答标记乙", "问答标记丙", "第一点"):
        assert phrase in text, phrase


def search_text(site: Path) -> str:
    """Everything in the site's search index, whichever engine wrote it (JSON strings decoded)."""
    parts = []
    for f in sorted((site / "search").rglob("*")):
        if f.suffix not in (".json", ".js"):
            continue
        raw = f.read_text(encoding="utf-8")
        for s in re.findall(r'"((?:[^"\\]|\\.)*)"', raw):
            try:
                parts.append(json.loads(f'"{s}"'))
            except ValueError:
                parts.append(s)
    assert parts, f"no search index in {site / 'search'}"
    return htmllib.unescape("\n".join(parts))


def test_the_yaml_is_not_published_and_the_edit_link_points_at_it(site):
    assert not list(site.rglob("*.yml"))
    html = (site / "study" / "shili-wenda" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*/edit/main/docs/study/shili-wenda\.yml"', html)
    index = article_html((site / "study" / "index.html").read_text(encoding="utf-8"))
    assert '<a class="study-list__title" href="shili-wenda/">示例学习问答</a>' in index and "共 3 问" in index


@pytest.mark.parametrize("name,message", [
    ("index", "“index”"),
    ("hongzhe", "学习问答编号“hongzhe”与学习资料页面 docs/study/hongzhe.md 的地址 study/hongzhe/ 相同"),
])
def test_a_collection_may_not_take_a_pages_address(tmp_path, name, message):
    root = write(tmp_path / "c", {**CONTENT, f"docs/study/{name}.yml": QA,
                                  "docs/study/hongzhe.md": "# 一篇学习资料\n"})
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    assert any(f"docs/study/{name}.yml: " in line and message in line
               for line in result.stderr.splitlines()), result.stderr[-2000:]
    assert not (tmp_path / "site" / "index.html").exists()


def test_bad_citations_are_errors_at_their_lines(project):
    root = project({**CONTENT, "docs/study/shili-wenda.yml": QA.replace("lingyi#1", "lingyi#9")})
    result = check(root)
    assert result.returncode == 1
    assert "docs/study/shili-wenda.yml:9:21: 出处“lingyi#9”：《中国共产党另一示例准则》没有第9条（共 2 条）" in result.stderr


# ---------- the sample collection ----------

@pytest.fixture(scope="module")
def sample():
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))


def test_sample_collection_is_valid_and_covers_the_topics(sample):
    lib = load(ROOT)
    assert not lib.errors, lib.errors
    coll = lib.qa["jiguan-dangjian-wenda"]
    assert len(coll.items) >= 30
    text = "\n".join(i.q + i.a for i in coll.items)
    missing = [t for t in TOPICS if t not in text]
    assert not missing, missing
    assert len({i.id for i in coll.items}) == len(coll.items)
    assert SAMPLE.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../schemas/qa.schema.json")


def test_sample_answers_are_two_to_five_sentences(sample):
    for item in sample["items"]:
        sentences = [s for s in re.split(r"[。！？]", item["a"]) if s.strip()]
        assert 2 <= len(sentences) <= 5, (item["id"], len(sentences))


def test_sample_answers_cite_their_sources(sample):
    for item in sample["items"]:
        assert re.search(r"《[^》]+》(第[一二三四五六七八九十百]+条)?", item["a"]) or item.get("refs"), item["id"]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="需要 ../shared/corpus")
def test_sample_answers_paraphrase_rather_than_copy_the_corpus(sample):
    corpus = [p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")]
    size = 24
    copied = set()
    for item in sample["items"]:
        a = item["a"].replace("\n", "")
        for i in range(len(a) - size):
            piece = a[i:i + size]
            if any(piece in text for text in corpus):
                copied.add((item["id"], piece))
    assert not copied, sorted(copied)[:5]


def test_sample_page_in_the_real_site(sample_site, sample):
    body = article_html((sample_site / "study" / "jiguan-dangjian-wenda" / "index.html").read_text(encoding="utf-8"))
    found = items(body)
    assert list(found) == [i["id"] for i in sample["items"]]
    refs = re.findall(r'href="\.\./\.\./regulations/([a-z0-9-]+)/#art-(\d+)"', body)
    assert refs
    for reg_id, n in refs:
        target = sample_site / "regulations" / reg_id / "index.html"
        assert f'id="art-{n}"' in target.read_text(encoding="utf-8")
    assert "党员的党龄从预备期满转为正式党员之日算起" in search_text(sample_site)
