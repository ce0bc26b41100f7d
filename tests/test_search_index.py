"""The site search index (portal/searchindex.py, portal/htmltext.py): what goes in,
what never does, file sizes and determinism."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portal.search import index as searchindex
from portal.search.htmltext import page_text
from portal.search.ahead import IndexAhead
from portal.content.synonyms import load_synonyms
from portal.search.index import CHUNK_TARGET, bigrams, build, decode, encode, fnv1a, normalize, write_index

SYNONYMS = load_synonyms(Path(__file__).resolve().parents[1], [])     # the sample's search.yml

ROOT = Path(__file__).resolve().parents[1]
SHARD_BUDGET = 40_000          # bytes per postings file
CHUNK_BUDGET = int(CHUNK_TARGET * 1.05)   # bytes per text file (JSON escapes on top of the target)


def read_script(text: str):
    """(kind, n, data) of an index file."""
    m = re.fullmatch(r'window\.__portalSearch\.add\("(\w)",(\d+),(.*)\);\n', text, re.S)
    assert m, text[:200]
    return m[1], int(m[2]), json.loads(m[3])


def index_docs(site: Path) -> list[tuple[str, str, str, str, str]]:
    """(url#anchor, page title, section title, context, text) of every document, in id order."""
    _, _, manifest = read_script((site / "search" / "manifest.js").read_text(encoding="utf-8"))
    pages = decode(manifest["p"])
    out = []
    for n in range(len(decode(manifest["c"]))):
        _, _, chunk = read_script((site / "search" / "d" / f"{n}.js").read_text(encoding="utf-8"))
        start = decode(manifest["c"])[n]
        for i, (anchor, title, context, text) in enumerate(chunk["d"]):
            page_no = max(k for k, s in enumerate(pages) if s <= start + i)
            url, page_title = chunk["p"][str(page_no)]
            out.append((url + ("#" + anchor if anchor else ""), page_title, title, context, text))
    assert len(out) == manifest["n"]
    return out


def wrap(content: str, head: str = "") -> str:
    return (f"<html><head><title>页 - 党建学习门户</title></head><body><header>{head}</header>"
            f'<nav><a href="x">侧边栏链接</a></nav><article class="md-content__inner md-typeset">{content}'
            "</article><footer>页脚</footer></body></html>")


# ---------------------------------------------------------------- HTML → sections

def test_sections_of_a_regulation_page():
    html = wrap('<h1 id="t">示例条例<a class="headerlink" href="#t">¶</a></h1><p>学习导读</p>'
                '<h2 id="第一章-总则">第一章　总则</h2>'
                '<section class="reg-art" id="art-1"><p><a class="reg-art__label" href="#art-1">第一条</a>　为了'
                '<a href="../x/">《章程》</a>，制定本条例。</p></section>'
                '<section class="reg-art" id="art-2"><p><a class="reg-art__label" href="#art-2">第二条</a>　党支部'
                '\n建设。</p><span class="reg-art__badge">学习要点</span></section>')
    page = page_text(html)
    assert page.title == "示例条例"
    got = [(s.kind, s.anchor, s.title, s.context, s.text) for s in page.sections]
    assert got == [
        ("page", "", "", "", "学习导读"),
        ("heading", "第一章-总则", "第一章\u3000总则", "", ""),
        ("item", "art-1", "第一条", "第一章\u3000总则", "第一条\u3000为了《章程》，制定本条例。"),
        ("item", "art-2", "第二条", "第一章\u3000总则", "第二条\u3000党支部建设。 学习要点"),
    ]


def test_excluded_markup_never_reaches_the_text():
    html = wrap('<h1 id="t">练习</h1><p>题干</p><script>var answer = "A";</script>'
                '<details class="quiz-key" data-search-exclude><summary>答案与解析</summary><p>解析：选A</p></details>'
                '<style>.x{}</style><form><label>搜索</label><button>提交</button></form>'
                '<span aria-hidden="true">01</span><p hidden>隐藏</p><template><p>模板</p></template><p>结尾</p>')
    text = " ".join(s.text for s in page_text(html).sections)
    assert text == "题干 结尾"


def test_qa_items_brand_practices_and_adjacent_tags():
    html = wrap('<h1 id="t">学习问答</h1><div class="qa-list">'
                '<details class="qa-item" id="wd-001"><summary class="qa-item__q"><span>1.</span> 党费怎么交？</summary>'
                '<div class="qa-item__a"><p>按月交纳。</p><p><a href="#wd-001">本问链接</a></p></div></details></div>'
                '<h2 id="做法">主要做法</h2><ol><li class="brand-practice" id="practice-1">'
                '<h3><span aria-hidden="true">01</span>建强阵地</h3><div><p>每月学习。</p></div></li></ol>'
                '<p><a class="tag">党建业务融合</a><a class="tag">理论学习</a></p>')
    s = {x.anchor: x for x in page_text(html).sections}
    assert (s["wd-001"].title, s["wd-001"].text) == ("1. 党费怎么交？", "按月交纳。 本问链接")
    assert (s["practice-1"].title, s["practice-1"].context, s["practice-1"].text) == ("建强阵地", "主要做法", "每月学习。")
    assert s["做法"].text == "党建业务融合 理论学习"          # two tags, not one run 融合理论


def test_titles_only_and_page_exclusion():
    content = ('<h1 id="t">《问责条例》自测</h1><p>题干不收录</p><ol><li id="q-1">第一题</li></ol>'
               '<h2 id="x">错题本</h2><p>说明</p>')
    page = page_text(wrap(content), titles_only=True)
    assert not page.excluded
    assert [(s.anchor, s.title, s.text) for s in page.sections] == [("", "", ""), ("x", "错题本", "")]
    assert page.title == "《问责条例》自测"
    excluded = page_text(wrap(content, head='<div class="md-search" data-search-page="exclude"></div>'))
    assert excluded.excluded and excluded.sections == []
    # `search: title_only: true` (quiz pages): the title alone, nothing after the h1 is read
    title = page_text(wrap(content, head='<div class="md-search" data-search-page="title"></div>'), titles_only=True)
    assert not title.excluded and title.title == "《问责条例》自测"
    assert [(s.anchor, s.title, s.text) for s in title.sections] == [("", "", "")]


def test_pages_handed_over_while_building_are_indexed_by_a_worker(tmp_path):
    pages = {"regulations/x/index.html": '<h1 id="t">问责条例</h1><section id="art-1"><p>第一条　内容</p></section>',
             "quizzes/y/index.html": '<h1 id="t">自测</h1><p>题干不收录</p>',
             "404.html": "<h1>找不到页面</h1>"}
    ahead = IndexAhead(tmp_path)
    for rel, content in pages.items():      # as MkDocs does: content rendered, page handed over, written
        if rel.startswith("regulations/"):
            ahead.add_content(rel, "问责条例", {}, content)
        ahead.add(rel)
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(wrap(content), encoding="utf-8")
    ahead.add_content("quizzes/y/paper/index.html", "试卷", {"search": {"exclude": True}}, "<h1>试卷</h1><p>题</p>")
    ahead.add("quizzes/y/paper/index.html")
    (tmp_path / "quizzes/y/paper").mkdir(parents=True)
    (tmp_path / "quizzes/y/paper/index.html").write_text(
        wrap("<h1>试卷</h1><p>题</p>", head='<div data-search-page="exclude"></div>'), encoding="utf-8")
    stats = ahead.finish()
    assert stats["docs"] == 3                # the paper is left out as its front matter says
    docs = index_docs(tmp_path)
    assert [(d[0], d[1]) for d in docs] == [("regulations/x/", "问责条例"), ("regulations/x/#art-1", "问责条例"),
                                            ("quizzes/y/", "自测")]
    assert docs[2][4] == ""                 # quizzes: titles only
    assert build(tmp_path) == {p.relative_to(tmp_path).as_posix(): p.read_text(encoding="utf-8")
                               for p in (tmp_path / "search").rglob("*") if p.is_file()}


def test_a_failed_build_stops_the_worker_and_writes_no_index(tmp_path):
    ahead = IndexAhead(tmp_path)
    for n in range(3):
        rel = f"regulations/r{n}/index.html"
        ahead.add(rel)
        (tmp_path / rel).parent.mkdir(parents=True)
        (tmp_path / rel).write_text(wrap(f"<h1>条例{n}</h1>"), encoding="utf-8")
    worker = ahead._proc
    assert worker is not None and worker.is_alive()
    started = time.monotonic()
    ahead.close()                            # hooks.on_build_error
    assert not worker.is_alive() and time.monotonic() - started < 3
    assert not (tmp_path / "search").exists()


def test_a_build_ended_by_sys_exit_does_not_wait_for_the_worker(tmp_path):
    """mkdocs-macros ends a build with a bad macro call by sys.exit(), without on_build_error."""
    script = ("import sys; from portal.search.ahead import IndexAhead; a = IndexAhead(sys.argv[1]); "
              "a.add_content('regulations/x/index.html', 'x', {}, '<h1>x</h1>'); "
              "a.add_content('regulations/y/index.html', 'y', {}, '<h1>y</h1>'); sys.exit(3)")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, timeout=60)
    assert result.returncode == 3 and time.monotonic() - started < 20
    assert not (tmp_path / "search").exists()


def test_tokens_postings_and_hash():
    assert bigrams(normalize("留党察看，ＰＤＦ 2019年")) == {"留党", "党察", "察看", "pdf", "2019"}
    assert decode(encode([0, 3, 40, 1_000_000])) == [0, 3, 40, 1_000_000]
    assert fnv1a("党费") == 155852700            # the same value in tests/js/search.test.js


# ---------------------------------------------------------------- the sample site

def test_article_documents_deep_link_to_every_article(sample_site):
    docs = index_docs(sample_site)
    urls = {d[0] for d in docs}
    for page in (sample_site / "regulations").glob("*/index.html"):
        anchors = re.findall(r'<section class="reg-art[^"]*" id="(art-\d+)"', page.read_text(encoding="utf-8"))
        url = page.parent.relative_to(sample_site).as_posix() + "/"
        assert anchors
        assert all(f"{url}#{a}" in urls for a in anchors), url
    art = next(d for d in docs if d[0].endswith("wenze-tiaoli/#art-3"))
    assert art[1] == "中国共产党问责条例" and art[2] == "第三条"
    assert "失责必问、问责必严" in art[4]


def test_quiz_answers_explanations_and_questions_are_not_indexed(sample_site):
    everything = "".join(p.read_text(encoding="utf-8") for p in (sample_site / "search").rglob("*.js"))
    secret = []
    for page in (sample_site / "quizzes").rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        for block in re.findall(r'<div class="quiz-key__explanation">(.*?)</div>', html, re.S):
            secret += [t for t in re.sub(r"<[^>]+>", "\n", block).split("\n") if len(t.strip()) >= 8]
        secret += [t for t in re.findall(r'<p class="quiz-static__stem"><span class="quiz-type">.*?</span>(.*?)</p>',
                                         html) if len(t.strip()) >= 8]
    assert len(secret) > 50
    # a question may quote its regulation word for word: that text is indexed from the regulation
    readable = "".join(p.read_text(encoding="utf-8") for p in sample_site.rglob("index.html")
                       if p.relative_to(sample_site).parts[0] != "quizzes")
    secret = [re.sub(r"<[^>]+>", "", t).strip() for t in secret]
    secret = [t for t in secret if t not in readable]
    assert len(secret) > 50
    leaked = [t for t in secret if t in everything]
    assert leaked == []
    assert "答案：" not in everything and "解析：" not in everything
    docs = index_docs(sample_site)
    quiz_docs = [d for d in docs if d[0].startswith("quizzes/")]
    assert quiz_docs and all(d[4] == "" for d in quiz_docs)          # quizzes: titles only
    practice = [d for d in quiz_docs if d[0] == "quizzes/wenze-tiaoli-zice/"]
    assert [d[1] for d in practice] == ["《问责条例》自测"]                # read up to its h1 only
    assert not any("/paper/" in d[0] or "/answers/" in d[0] for d in docs)   # search: exclude: true


def test_every_page_has_a_document_and_types_follow_priority(sample_site):
    docs = index_docs(sample_site)
    _, _, manifest = read_script((sample_site / "search" / "manifest.js").read_text(encoding="utf-8"))
    assert manifest["t"] == ["法规", "学习资料", "品牌", "自测", "其他"]
    ts = manifest["ts"]
    kinds = {"regulations/": 0, "study/": 1, "plan/": 1, "brands/": 2, "quizzes/": 3}
    for i, d in enumerate(docs):
        t = max(k for k in range(5) if ts[k] <= i)
        assert t == next((v for k, v in kinds.items() if d[0].startswith(k)), 4), d[0]
    pages = {d[0].split("#")[0] for d in docs}
    assert {"", "regulations/", "brands/", "quizzes/", "study/"} <= pages


def test_files_are_scripts_within_budget(sample_site):
    files = sorted((sample_site / "search").rglob("*.js"))
    assert (sample_site / "search" / "manifest.js") in files
    _, _, manifest = read_script((sample_site / "search" / "manifest.js").read_text(encoding="utf-8"))
    versions = {read_script(f.read_text(encoding="utf-8"))[2]["v"] for f in files}
    assert versions == {manifest["v"]}             # every file names the index version
    for f in files:
        kind, n, data = read_script(f.read_text(encoding="utf-8"))
        size = f.stat().st_size
        if kind == "s":
            assert size <= SHARD_BUDGET, (f, size)
        if kind == "d":
            assert size <= CHUNK_BUDGET, (f, size)
    assert not (sample_site / "search" / "search_index.json").exists()   # Material's plugin is off


def test_output_is_deterministic(sample_site, tmp_path):
    first = build(sample_site, synonyms=SYNONYMS)
    # the build read its pages as it wrote them (searchahead.py); the index equals one read from disk
    assert {p.relative_to(sample_site).as_posix(): p.read_text(encoding="utf-8")
            for p in (sample_site / "search").rglob("*") if p.is_file()} == first
    assert build(sample_site, synonyms=SYNONYMS) == first
    copy = tmp_path / "copy"
    shutil.copytree(sample_site, copy)
    shutil.rmtree(copy / "search")
    write_index(copy, synonyms=SYNONYMS)
    assert {p.relative_to(copy).as_posix(): p.read_bytes() for p in (copy / "search").rglob("*")
            if p.is_file()} == {k: v.encode() for k, v in first.items()}


def test_larger_site_keeps_files_small(tmp_path, monkeypatch):
    """300 regulation pages × 50 articles of generated text: shards and chunks stay in budget."""
    import random
    rnd = random.Random(7)
    words = ["党支部", "党员", "党费", "组织生活", "三会一课", "请示报告", "问责", "廉洁自律", "主题党日", "换届选举",
             "发展对象", "预备党员", "谈心谈话", "民主评议", "机关党建", "政治建设", "纪律处分", "留党察看"]
    for r in range(300):
        arts = "".join(
            f'<section class="reg-art" id="art-{a}"><p><a href="#art-{a}">第{a}条</a>　'
            + "，".join(rnd.choice(words) + rnd.choice(["应当", "必须", "按照规定", "认真"]) + rnd.choice(words)
                       for _ in range(12)) + "。</p></section>" for a in range(1, 51))
        page = tmp_path / "regulations" / f"r{r:03d}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(wrap(f'<h1 id="t">第{r}号规定</h1>{arts}'), encoding="utf-8")
    assert 300 >= searchindex.PARALLEL_FROM                # parsed on all cores …
    stats = write_index(tmp_path)
    assert stats["docs"] == 300 * 51
    files = build(tmp_path)
    monkeypatch.setattr(searchindex, "PARALLEL_FROM", 10**9)
    assert build(tmp_path) == files                       # … with the same output as one by one
    assert stats["shard_max"] <= SHARD_BUDGET * 2          # generated text: few, very frequent tokens
    assert stats["shard_mean"] <= SHARD_BUDGET
    assert stats["chunk_max"] <= CHUNK_BUDGET
    assert stats["manifest"] < 4_000 + stats["docs"] + 300   # one character per document and page (priors)


@pytest.mark.skipif(shutil.which("node") is None, reason="需要 node（Node.js）")
def test_first_query_reads_few_files(sample_site):
    run = searchindex.run_queries(sample_site, ["党支部"])[0]
    assert run["results"]
    # manifest, two shards, at most the ten text files search.js reads to verify a screen of
    # results (VERIFY_CHUNKS) and four for the central regulations (SOURCE_CHUNKS), never the
    # whole index
    assert run["files"] <= 1 + 2 + 10 + 4
    assert run["bytes"] == searchindex.first_query_bytes(sample_site, "党支部")
