"""mkdocs-macros entry: exposes portal/ helpers to pages that opt in (render_macros: true)."""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from portal.brands import index as brandindex  # noqa: E402
from portal.quizzes import pages as quizpages  # noqa: E402
from portal.regulations import index as regindex  # noqa: E402
from portal.study import macros as studymacros  # noqa: E402
from portal.study import pages as studypages  # noqa: E402
from portal.build import content_root, load_checked  # noqa: E402


def define_env(env):
    def library():
        return load_checked(content_root(HERE))

    @env.macro
    def regulation_index():
        """All regulations with filters (法规制度 index page)."""
        return regindex.regulation_index(library(), env.page.url)

    @env.macro
    def quiz_index():
        """Practice quizzes, mock exams, 错题本 and 学习记录 (自测练习 index page)."""
        return quizpages.quiz_index(library(), env.page.url)

    @env.macro
    def brand_index():
        """All brands as a filterable card grid (党建品牌 index page)."""
        return brandindex.brand_index(library(), env.page.url)

    def source():
        return f"docs/{env.page.file.src_uri}"

    @env.macro
    def article(*args, **kwargs):
        """{{ article("id", 5) }}: quote an article (款、项) with a link to it."""
        return studymacros.article(library(), env.page.url, *args, source=source(), **kwargs)

    @env.macro
    def regulations(**kwargs):
        """{{ regulations(category="条例") }} / {{ regulations(tag="机关党建") }}: a list of regulations."""
        return studymacros.regulations(library(), env.page.url, source=source(), **kwargs)

    @env.macro
    def quiz_card(*args, **kwargs):
        """{{ quiz_card("id") }}: a quiz card with its start button."""
        return studymacros.quiz_card(library(), env.page.url, *args, source=source(), **kwargs)

    @env.macro
    def brand_cards(**kwargs):
        """{{ brand_cards(tag="…") }}: brand cards by tag."""
        return studymacros.brand_cards(library(), env.page.url, source=source(), **kwargs)

    @env.macro
    def study_index():
        """Study pages and Q&A collections (学习资料 index page)."""
        return studypages.study_index(library(), env.page.url)

    @env.macro
    def this_week():
        """The 本周学习 card (home page)."""
        return studypages.this_week(library(), env.page.url)

    @env.macro
    def home_sections():
        """Entry tiles for every section with their counts (home page)."""
        return studypages.home_sections(library(), env.page.url)

    @env.macro
    def newest_brands():
        """The newest brands (home page)."""
        return studypages.newest_brands(library(), env.page.url)


def on_pre_page_macros(env):
    """Undefined names fail with a Chinese message (mkdocs-macros makes its Jinja environment after define_env)."""
    env.env.undefined = studymacros.undefined_for(f"docs/{env.page.file.src_uri}")
