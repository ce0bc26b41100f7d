"""A strict build of regulation content, asserting on the HTML a reader gets."""
from __future__ import annotations

import os
import re
import subprocess

import pytest

from conftest import build, write
from indexpages import compact, compact_links, data_file, data_src

JICENG = """\
title: 示例机关基层组织工作条例
short_title: 示例基层条例
category: 条例
issuer: [中共中央, 国务院]
published: 2020-01-05
effective: 2020-02-01
status: 有效
note: （2020年1月1日示例会议审议批准　2020年1月5日中共中央、国务院发布）
source: 示例来源（节选）
excerpt: 序言和第一条至第三条
tags: [机关党建, 组织建设]
summary: |
  导读：这是 **示例**。<script>alert("x")</script>
key_articles: [2]
notes:
  2: 第二条的学习笔记。
text: |
  序　言
  这是序言的第一段。
  第一，这一段不是条文。
  第一章　总　则
  第一条　为了示例，根据《示例党员管理规定》第三条，制定本条例。
  第二条　本条例第一条所称示例，包括：
  （一）第一项；
  （二）第二项。
  第二款的内容。
  第二章　组织
  第一节　设置
  第三条　机关党员100人以上的，设立党的基层委员会。
  第二节　职责
  第四条 依照《示例党员管理规定》执行。
"""

OLD = """\
title: 示例党员管理规定
category: 规定
issuer: 中共中央办公厅
published: 2018-03-01
status: 已修改
superseded_by: dangyuan-2024
text: |
  第一条　旧版第一条。
  第二条　旧版第二条。
  第三条　旧版第三条。
"""

NEW = OLD.replace("published: 2018-03-01", "published: 2024-03-01").replace(
    "status: 已修改\nsuperseded_by: dangyuan-2024", "status: 有效").replace("旧版", "新版")


QUIZ = """\
title: 示例自测
regulation: jiceng
questions:
  - {id: jc-001, type: 判断, stem: 第二条说的是示例, answer: 对, source: jiceng#2}
  - {id: jc-002, type: 判断, stem: 第三条说的是示例, answer: 错, source: jiceng#3}
  - {id: jc-003, type: 判断, stem: 又是第二条, answer: 对, source: jiceng#2}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = write(tmp_path_factory.mktemp("content"), {
        "regulations/jiceng.yml": JICENG,
        "regulations/dangyuan-2018.yml": OLD,
        "regulations/dangyuan-2024.yml": NEW,
        "quizzes/jiceng-zice.yml": QUIZ,
    })
    env = dict(os.environ, GIT_AUTHOR_DATE="2024-05-06T10:00:00", GIT_COMMITTER_DATE="2024-05-06T10:00:00")
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"],
                ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "content"]):
        subprocess.run(cmd, cwd=root, env=env, check=True)
    out = tmp_path_factory.mktemp("site")
    result = build(root, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def page(site, reg_id):
    return (site / "regulations" / reg_id / "index.html").read_text(encoding="utf-8")


def content(html):
    return html[html.index('<article class="md-content__inner'):html.index("</article>")]


def test_every_article_has_its_permanent_anchor_and_label(site):
    html = content(page(site, "jiceng"))
    assert re.findall(r'<section class="reg-art[^"]*" id="(art-\d+)"', html) == [f"art-{n}" for n in range(1, 5)]
    assert '<a class="reg-art__label" href="#art-3" title="本条链接">第三条</a>' in html
    # 款 and 项 are separate paragraphs of article 2
    art2 = html[html.index('id="art-2"'):html.index('id="art-3"')]
    assert art2.count('class="reg-xiang"') == 2 and art2.count('class="reg-kuan"') == 2


def test_preamble_is_not_articles_and_headings_nest(site):
    html = content(page(site, "jiceng"))
    assert '<p class="reg-preamble">第一，这一段不是条文。</p>' in html
    assert re.search(r'<h2 id="序-言">序　言', html)
    assert re.search(r'<h2 id="第一章-总-则">第一章　总　则', html)
    assert re.search(r'<h3 id="第一节-设置">第一节　设置', html)


def test_headings_feed_the_table_of_contents(site):
    full = page(site, "jiceng")
    toc = full[full.index('md-nav--secondary'):]
    assert 'href="#第二章-组织"' in toc and 'href="#第二节-职责"' in toc


def test_metadata_panel(site):
    html = content(page(site, "jiceng"))
    assert "<dt>制定机关</dt><dd>中共中央、国务院</dd>" in html
    assert '<time datetime="2020-01-05">2020年1月5日</time>' in html
    assert '<time datetime="2020-02-01">2020年2月1日</time>' in html
    assert '<span class="reg-status reg-status--valid">有效</span>' in html
    assert '<p class="reg-note">（2020年1月1日示例会议审议批准　2020年1月5日中共中央、国务院发布）</p>' in html
    assert "本页为节选" in html and "引用请以官方发布的文本为准" in html
    assert '<time datetime="2024-05-06">2024年5月6日</time>' in html   # last commit of the YAML file


def test_summary_markdown_is_rendered_and_raw_html_escaped(site):
    html = content(page(site, "jiceng"))
    assert "<strong>示例</strong>" in html
    assert "&lt;script&gt;" in html and '<script>alert("x")' not in html


def test_key_articles_and_notes(site):
    html = content(page(site, "jiceng"))
    assert '<li><a href="#art-2">第二条</a>' in html
    art2 = html[html.index('id="art-2"'):html.index('id="art-3"')]
    assert "reg-art--key" in html[html.index('id="art-2"') - 80:html.index('id="art-2"')]
    assert "第二条的学习笔记。" in art2 and 'class="reg-art__note"' in art2


def test_citations_become_links(site):
    html = content(page(site, "jiceng"))
    assert '<a href="#art-1">本条例第一条</a>' in html
    # 《title》 resolves to the version in force, with the article anchor when cited
    assert '<a href="../dangyuan-2024/#art-3">《示例党员管理规定》第三条</a>' in html
    assert '<a href="../dangyuan-2024/">《示例党员管理规定》</a>' in html


def test_versions_link_both_ways(site):
    old, new = content(page(site, "dangyuan-2018")), content(page(site, "dangyuan-2024"))
    assert 'reg-status--amended">已修改</span> 现行版本：<a href="../dangyuan-2024/">' in old
    assert '旧版本：<a href="../dangyuan-2018/">示例党员管理规定</a>（已修改）' in new


def test_edit_link_points_at_the_yaml_file(site):
    assert re.search(r'href="[^"]*/edit/main/regulations/jiceng\.yml"', page(site, "jiceng"))


def test_index_lists_every_regulation_with_facets(site):
    html = (site / "regulations" / "index.html").read_text(encoding="utf-8")
    # compact, newest first: what readers without JavaScript see
    assert compact_links(site, "regulations") == [
        ("dangyuan-2024/", "示例党员管理规定"), ("jiceng/", "示例机关基层组织工作条例"), ("dangyuan-2018/", "示例党员管理规定")]
    items = compact(site, "regulations")
    assert ('<li><a href="jiceng/">示例机关基层组织工作条例</a> <small>有效 · 条例 · 中共中央、国务院 · '
            '2020年1月5日发布 · 4 条</small></li>') in items
    assert '<a href="dangyuan-2018/">示例党员管理规定</a> <small><strong>已修改</strong> · 规定 · 中共中央办公厅' in items
    assert "data-" not in items and 'class="reg-card"' not in html.split("<template", 1)[0]
    assert re.search(r'value="规定"> 规定 <span class="reg-chip__count">2</span>', html)
    assert "reg-index.js" in html and '<form class="reg-filter" hidden' in html
    # the cards' data: facet values ("|" between values), sort keys, what a card shows
    assert data_src(site, "regulations").startswith("../assets/portal/reg-index-data.js?v=")
    data, _ = data_file(site, "regulations")
    jiceng = next(r for r in data["regulations"] if r["href"] == "jiceng/")
    assert jiceng == {"href": "jiceng/", "title": "示例机关基层组织工作条例", "status": "有效",
                      "statusClass": "valid", "meta": "条例 · 中共中央、国务院 · 2020年1月5日发布 · 4 条",
                      "tags": ["机关党建", "组织建设"],
                      "data": {"category": "条例", "status": "有效", "issuer": "中共中央|国务院",
                               "tag": "机关党建|组织建设", "date": "2020-01-05", "title": "示例机关基层组织工作条例"}}
    assert [r["data"]["status"] for r in data["regulations"]] == ["有效", "有效", "已修改"]


def test_sidebar_does_not_list_item_pages(site):
    for path in (site / "index.html", site / "regulations" / "jiceng" / "index.html"):
        html = path.read_text(encoding="utf-8")
        nav = html[html.index("md-nav--primary"):html.index("md-nav--secondary") if "md-nav--secondary" in html
                   else html.index("</nav>")]
        assert "dangyuan-2024" not in nav, path


def test_print_stylesheet_hides_chrome(site):
    css = (site / "assets" / "portal" / "portal.css").read_text(encoding="utf-8")
    block = css[css.index("@media print"):]
    assert ".md-header" in block and ".reg-art__copy" in block and "break-inside: avoid" in block


def test_nothing_is_loaded_from_outside(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', html), path
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_a_broken_file_stops_the_build_and_publishes_nothing(tmp_path):
    root = write(tmp_path / "content", {
        "regulations/jiceng.yml": JICENG.replace("category: 条例", "category: 条规"),
        "regulations/gap.yml": OLD.replace("status: 已修改\nsuperseded_by: dangyuan-2024", "status: 有效")
                                  .replace("第三条　旧版第三条。", "第五条　旧版第五条。"),
    })
    out = tmp_path / "site"
    out.mkdir()
    (out / "previous.html").write_text("old release")
    result = build(root, out)
    assert result.returncode == 1
    assert "regulations/jiceng.yml:3:11: “category”（类别）的值文字“条规”无效" in result.stderr
    assert "regulations/gap.yml:9:3: 条文编号不连续" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["previous.html"]


def test_articles_link_to_practising_the_questions_that_cite_them(site):
    html = content(page(site, "jiceng"))
    art2 = html[html.index('id="art-2"'):html.index('id="art-3"')]
    assert ('<a class="reg-art__practice" href="../../quizzes/jiceng-zice/?only=jc-001,jc-003" '
            'title="示例自测">练习本条相关的 2 道题</a>') in art2
    art3 = html[html.index('id="art-3"'):html.index('id="art-4"')]
    assert "?only=jc-002" in art3 and "练习本条相关的 1 道题" in art3
    assert "reg-art__practice" not in html[html.index('id="art-1"'):html.index('id="art-2"')]
    assert '<a class="md-button" href="../../quizzes/jiceng-zice/">示例自测（3 题）</a>' in html
    assert "reg-quizzes" not in content(page(site, "dangyuan-2024"))
