"""Macros editors call in Markdown pages (学习资料): article, regulations, quiz_card,
brand_cards. Good calls render through templates; bad calls stop the build with a
Chinese message naming the page and the bad value; pages that do not opt in are left alone."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, build, write
from portal.study import macros as studymacros
from portal.content.loader import load
from test_study_plan import CONTENT, article_html

REG_ITEMS = """\
title: 中国共产党示例规定
category: 规定
issuer: 中共中央
status: 有效
tags: [纪律建设]
published: 2020-01-05
text: |
  第一条　为了示例<script>alert(1)</script>，制定本规定。
  第二条　党员有下列情形的，应当批评教育：
  （一）不按时交纳党费；
  （二）无故不参加组织生活。
  党组织应当及时谈话。
"""


def brand(name, unit, year, tags):
    return f"""\
name: {name}
unit: {unit}
year: {year}
tags: [{", ".join(tags)}]
summary: {name}的简介
connotation: 品牌内涵
practices:
  - {{title: 做法一, text: 内容}}
"""


GOOD_PAGE = """\
---
render_macros: true
---
# 宏示例

{{ article("guiding", 2) }}

{{ article("shili", "第三条") }}

## 条例

{{ regulations(category="条例") }}

## 纪律

{{ regulations(tag="纪律建设") }}

## 测一测

{{ quiz_card("shili-zice") }}

## 品牌

{{ brand_cards(tag="志愿服务") }}
"""

CONTENT_MACROS = {
    **CONTENT,
    "regulations/guiding.yml": REG_ITEMS,
    "brands/hongse-yinqing.yml": brand("红色引擎", "市财政局", 2022, ["志愿服务", "党建业务融合"]),
    "brands/lvse-baolei.yml": brand("绿色堡垒", "市生态环境局", 2023, ["志愿服务"]),
    "brands/qita.yml": brand("其他品牌", "市税务局", 2024, ["理论学习"]),
    "docs/study/hongzhe.md": GOOD_PAGE,
    "docs/study/plain.md": "# 不渲染的页面\n\n{{ article(\"shili\", 2) }}\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = write(tmp_path_factory.mktemp("content"), CONTENT_MACROS)
    out = tmp_path_factory.mktemp("site")
    result = build(root, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def page(site: Path, url: str) -> str:
    return article_html((site / url / "index.html").read_text(encoding="utf-8"))


def test_article_quotes_label_paragraphs_and_items_with_links(site):
    body = page(site, "study/hongzhe")
    quote = re.search(r'<blockquote class="study-article">.*?</blockquote>', body, re.S).group(0)
    assert '<a class="study-article__label" href="../../regulations/guiding/#art-2">第二条</a>' in quote
    assert "党员有下列情形的，应当批评教育：" in quote
    assert '<p class="study-article__xiang">（一）不按时交纳党费；</p>' in quote
    assert '<p class="study-article__xiang">（二）无故不参加组织生活。</p>' in quote
    assert '<p class="study-article__kuan">党组织应当及时谈话。</p>' in quote
    assert "《中国共产党示例规定》第二条</a>" in quote
    assert 'id="art-2"' in (site / "regulations" / "guiding" / "index.html").read_text(encoding="utf-8")
    # "第三条" is accepted as the article number too
    assert 'href="../../regulations/shili/#art-3">第三条</a>　党支部每月开展一次主题党日。' in body


def test_regulation_text_is_escaped(tmp_path):
    root = write(tmp_path / "c", {**CONTENT_MACROS, "docs/study/hongzhe.md":
                                  "---\nrender_macros: true\n---\n# 转义\n\n{{ article(\"guiding\", 1) }}\n"})
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    html = (tmp_path / "site" / "study" / "hongzhe" / "index.html").read_text(encoding="utf-8")
    assert "为了示例&lt;script&gt;alert(1)&lt;/script&gt;，制定本规定。" in html
    assert "<script>alert(1)" not in html


def test_regulations_lists_by_category_and_by_tag(site):
    body = page(site, "study/hongzhe")
    by_category = body.split('id="条例"')[1].split('id="纪律"')[0]
    assert "《中国共产党示例工作条例》" in by_category and "示例规定" not in by_category and "另一示例准则" not in by_category
    by_tag = body.split('id="纪律"')[1].split('id="测一测"')[0]
    assert '<a class="study-regs__title" href="../../regulations/guiding/">《中国共产党示例规定》</a>' in by_tag
    assert "示例工作条例" not in by_tag and "规定 · 有效 · 2 条 · 2020年1月5日" in by_tag


def test_quiz_card_has_title_count_pass_mark_and_start_button(site):
    body = page(site, "study/hongzhe")
    card = re.search(r'<div class="study-quiz">.*?</div>', body, re.S).group(0)
    assert '<a href="../../quizzes/shili-zice/">《shili》自测</a>' in card
    assert "共 2 题 · 满分 2 分 · 及格线 80%" in card
    assert '<a class="md-button md-button--primary" href="../../quizzes/shili-zice/">开始自测</a>' in card
    assert (site / "quizzes" / "shili-zice" / "index.html").is_file()


def test_brand_cards_by_tag_newest_first_with_links(site):
    body = page(site, "study/hongzhe")
    cards = re.search(r'<ul class="study-brands">.*?</ul>', body, re.S).group(0)
    names = re.findall(r'class="study-brand__name" href="([^"]+)">([^<]+)<', cards)
    assert names == [("../../brands/lvse-baolei/", "绿色堡垒"), ("../../brands/hongse-yinqing/", "红色引擎")]
    assert "其他品牌" not in cards
    for href, _ in names:
        assert (site / "study" / "hongzhe" / href / "index.html").resolve().is_file()


def test_pages_that_do_not_opt_in_are_left_alone(site):
    body = page(site, "study/plain")
    assert '{{ article("shili", 2) }}' in body and "study-article" not in body


def test_the_study_index_lists_pages_and_collections(site):
    body = page(site, "study")
    assert '<a class="study-list__title" href="hongzhe/">宏示例</a>' in body
    assert '<a class="study-list__title" href="plain/">不渲染的页面</a>' in body


def test_another_content_root_does_not_get_the_projects_own_study_pages(site):
    """The project's sample pages quote the project's regulations; a test root has its own."""
    assert (ROOT / "docs" / "study" / "jiguan-dangjian-zhize.md").is_file()
    assert not (site / "study" / "jiguan-dangjian-zhize").exists()
    assert (site / "study" / "hongzhe" / "index.html").is_file()


# ---------- bad calls ----------

@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    root = write(tmp_path_factory.mktemp("lib"), {k: v for k, v in CONTENT_MACROS.items() if not k.startswith("docs/")})
    library = load(root)
    assert not library.errors, library.errors
    return library


BAD_CALLS = [
    (studymacros.article, ("meiyou", 2), {}, ["article(\"meiyou\", 2)", "法规“meiyou”不存在"]),
    (studymacros.article, ("shlii", 2), {}, ["法规“shlii”不存在", "是不是想写“shili”？"]),
    (studymacros.article, ("shili", 9), {}, ["article(\"shili\", 9)", "《中国共产党示例工作条例》没有第9条：本库收录 3 条"]),
    (studymacros.article, ("shili", "第九十九条"), {}, ["没有第99条"]),
    (studymacros.article, ("shili", "五a"), {}, ["条号应为数字"]),
    (studymacros.article, ("shili",), {}, ["条号应为数字"]),
    (studymacros.article, (), {}, ["第一个参数应为法规编号"]),
    (studymacros.regulations, (), {"category": "通知"}, ["类别“通知”无效，可选：党章、准则、条例"]),
    (studymacros.regulations, (), {"tag": "纪律"}, ["没有哪部法规带标签“纪律”", "现有标签："]),
    (studymacros.regulations, (), {"tags": "机关党建"}, ["不认识的参数“tags”"]),
    (studymacros.quiz_card, ("meiyou-zice",), {}, ["quiz_card(\"meiyou-zice\")", "题库“meiyou-zice”不存在"]),
    (studymacros.brand_cards, (), {"tag": "志原服务"}, ["没有哪个党建品牌带标签“志原服务”", "是不是想写“志愿服务”？"]),
    (studymacros.brand_cards, (), {"limit": 0}, ["limit 应为正整数"]),
]


@pytest.mark.parametrize("func,args,kwargs,expected", BAD_CALLS,
                         ids=[f"{f.__name__}-{i}" for i, (f, *_) in enumerate(BAD_CALLS)])
def test_bad_calls_name_the_page_and_the_bad_value(lib, func, args, kwargs, expected):
    with pytest.raises(studymacros.MacroError) as e:
        func(lib, "study/hongzhe/", *args, source="docs/study/hongzhe.md", **kwargs)
    message = str(e.value)
    assert message.startswith("docs/study/hongzhe.md：{{ ")
    for part in expected:
        assert part in message


@pytest.mark.parametrize("call,expected", [
    ('{{ article("meiyou", 5) }}', 'docs/study/cuowu.md：{{ article("meiyou", 5) }}：法规“meiyou”不存在'),
    ('{{ article("shili", 7) }}', 'docs/study/cuowu.md：{{ article("shili", 7) }}：《中国共产党示例工作条例》没有第7条'),
    ('{{ quiz_card("meiyou") }}', 'docs/study/cuowu.md：{{ quiz_card("meiyou") }}：题库“meiyou”不存在'),
    ('{{ artcle("shili", 2) }}', "docs/study/cuowu.md：未定义的名称“artcle”"),
    ("{{ zhe_ge_bian_liang }}", "docs/study/cuowu.md：未定义的名称“zhe_ge_bian_liang”"),
], ids=["unknown-regulation", "unknown-article", "unknown-quiz", "misspelt-macro", "undefined-variable"])
def test_a_bad_call_stops_the_build(tmp_path, call, expected):
    page = f"---\nrender_macros: true\n---\n# 有错的页面\n\n正文。\n\n{call}\n"
    root = write(tmp_path / "c", {**CONTENT, "docs/study/cuowu.md": page})
    result = build(root, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert expected in output, output[-3000:]
    assert not (tmp_path / "site" / "study" / "cuowu" / "index.html").exists()
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_sample_study_pages_quote_the_real_articles(sample_site):
    lib = load(ROOT)
    body = page(sample_site, "study/jiguan-dangjian-zhize")
    for reg_id, n in [("zhibu-gongzuo-tiaoli", 2), ("zhibu-gongzuo-tiaoli", 3), ("qingshi-baogao-tiaoli", 3),
                      ("wenze-tiaoli", 4)]:
        art = lib.regulations[reg_id].article(n)
        assert f'href="../../regulations/{reg_id}/#art-{n}">{art.label}</a>' in body
        for p in art.paragraphs:
            assert p.text.replace("“", "&ldquo;") in body or p.text in body
    assert "study-quiz" in body and "study-regs" in body
    index = page(sample_site, "study")
    for href in ("jiguan-dangjian-zhize/", "xuexi-fangfa/", "jiguan-dangjian-wenda/"):
        assert f'href="{href}"' in index
