"""首页 as built (no JavaScript): the 本周学习 card for the build date, section tiles with
the right counts, the newest brands, and what a phone has to download."""
from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT, write
from portal.content.loader import load
from portal.study.pages import study_pages
from test_study_macros import brand
from test_study_plan import CONTENT, article_html, build_on


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """The real sample portal built as on 2026-11-27 (a Friday in week 12)."""
    out = tmp_path_factory.mktemp("home")
    result = build_on("2026-11-27", None, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def card(html: str) -> str:
    return re.search(r'<section class="home-week".*?</section>', html, re.S).group(0)


def test_counts_on_the_tiles_are_right(home):
    lib = load(ROOT)
    html = (home / "index.html").read_text(encoding="utf-8")
    counts = {k: int(v) for k, v in re.findall(r'data-count="(\w+)">(\d+)<', html)}
    assert counts == {
        "regulations": len(lib.regulations),
        "articles": sum(len(r.parsed.articles) for r in lib.regulations.values()),
        "weeks": len(lib.plan.weeks),
        "questions": sum(len(q.questions) for q in lib.quizzes.values()),
        "quizzes": len(lib.quizzes),
        "brands": len(lib.brands),
        "pages": len(study_pages(ROOT)),
        "qa": sum(len(c.items) for c in lib.qa.values()),
    }
    assert counts["articles"] == 19 and counts["regulations"] == 4 and counts["qa"] >= 30
    for section in ("regulations/", "plan/", "quizzes/", "brands/", "study/"):
        assert f'<a class="home-tile__link" href="{section}">' in html
        assert (home / section / "index.html").is_file()


def test_this_week_as_of_the_build_date_is_clearly_labelled(home):
    c = card((home / "index.html").read_text(encoding="utf-8"))
    assert "第12周 · 11月23日—11月29日" in c
    assert "按网站生成日期（2026年11月27日，星期五）推算" in c
    assert '<a data-week-slot="reg" href="regulations/lianjie-zilv-zhunze/">《廉洁自律准则》</a>' in c
    assert '<a href="regulations/lianjie-zilv-zhunze/#art-5">第五条</a>、<a href="regulations/lianjie-zilv-zhunze/#art-6">第六条</a>' in c
    assert 'href="quizzes/lianjie-zilv-zhunze-zice/">开始本周自测</a>' in c
    assert 'href="plan/#week-12">全部学习计划</a>' in c
    assert "data-search-exclude" in c          # it changes every week: not search material


def test_the_card_carries_every_week_for_the_browser(home):
    c = card((home / "index.html").read_text(encoding="utf-8"))
    data = json.loads(re.search(r'<script type="application/json" data-week-data(?:="")?>(.*?)</script>', c, re.S).group(1))
    lib = load(ROOT)
    assert data["start"] == "2026-09-07" and data["planUrl"] == "plan/"
    assert len(data["weeks"]) == len(lib.plan.weeks)
    week = data["weeks"][11]
    assert week["n"] == 12 and week["dates"] == "11月23日—11月29日"
    assert week["quiz"] == {"id": "lianjie-zilv-zhunze-zice", "title": "《廉洁自律准则》自测",
                            "url": "quizzes/lianjie-zilv-zhunze-zice/"}


def test_the_home_page_is_light(home):
    html = (home / "index.html").read_text(encoding="utf-8")
    assert len(html.encode("utf-8")) < 60_000
    own = re.findall(r'(?:src|href)="(assets/portal/(?:plan\.js|study\.css))"', html)
    assert sorted(own) == ["assets/portal/plan.js", "assets/portal/study.css"]
    assert (home / "assets/portal/plan.js").stat().st_size < 16_000
    assert (home / "assets/portal/study.css").stat().st_size < 16_000
    assert "<img" not in article_html(html)         # the brand list has no pictures


@pytest.mark.parametrize("day,expected", [
    ("2026-12-01", ["学习计划将于2026年12月21日开始 · 第1周预告", "按网站生成日期（2026年12月1日，星期二）推算",
                    "《示例条例》"]),
    ("2026-12-27", ["第1周 · 12月21日—12月27日"]),
    ("2027-01-01", ["第2周 · 2026年12月28日—2027年1月3日", "《另一准则》"]),
    ("2027-03-01", ["本期学习计划已于2027年1月17日结束 · 最后一周回顾"]),
])
def test_before_during_and_after_the_plan(tmp_path, day, expected):
    root = write(tmp_path / "c", CONTENT)
    result = build_on(day, root, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    c = card((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    for text in expected:
        assert text in c, text


def test_without_a_plan_or_brands(tmp_path):
    root = write(tmp_path / "c", {k: v for k, v in CONTENT.items() if k != "regulations/study-plan.yml"})
    result = build_on("2026-11-27", root, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "暂无学习计划" in card(html) and "data-week-data" not in html
    assert "暂无党建品牌" in html and 'data-count="brands">0<' in html


def test_newest_brands_by_year_then_name(tmp_path):
    brands = {
        "brands/a-2020.yml": brand("甲品牌", "市甲局", 2020, ["x"]),
        "brands/b-2024.yml": brand("乙品牌", "市乙局", 2024, ["x"]),
        "brands/c-2024.yml": brand("丙品牌", "市丙局", 2024, ["x"]),
        "brands/d-2022.yml": brand("丁品牌", "市丁局", 2022, ["x"]),
        "brands/e-2023.yml": brand("戊品牌", "市戊局", 2023, ["x"]),
    }
    root = write(tmp_path / "c", {**CONTENT, **brands})
    result = build_on("2026-11-27", root, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    shown = re.findall(r'class="study-brand__name" href="brands/([a-z0-9-]+)/">([^<]+)<', html)
    # 2024 first; within a year by name (丙 before 乙 in code-point order); four at most
    assert shown == sorted([("b-2024", "乙品牌"), ("c-2024", "丙品牌")], key=lambda x: x[1]) + \
        [("e-2023", "戊品牌"), ("d-2022", "丁品牌")]
    assert '<a href="brands/">全部 5 个党建品牌 ›</a>' in html
    for brand_id, _ in shown:
        assert (tmp_path / "site" / "brands" / brand_id / "index.html").is_file()
