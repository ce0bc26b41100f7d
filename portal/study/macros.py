"""Macros for hand-written pages (学习资料 and any page with `render_macros: true`).

    {{ article("zhibu-gongzuo-tiaoli", 2) }}     quote an article (款 and 项) with a link to #art-2
    {{ regulations(category="条例") }}            list regulations (also tag="机关党建")
    {{ quiz_card("wenze-tiaoli-zice") }}          a quiz card with its start button
    {{ brand_cards(tag="志愿服务") }}             brand cards (also limit=3)

Each function takes the Library and the URL of the page being rendered (for relative
links), and `source`, the page's file, for error messages. A bad call raises
MacroError with a Chinese message naming the page and the bad value; the build
stops (mkdocs-macros `on_error_fail`). No MkDocs import here: macros.py registers
thin wrappers.
"""
from __future__ import annotations

import difflib
import json
import re

from jinja2 import StrictUndefined
from jinja2.utils import missing

from portal.content.models import Regulation
from portal.content.numerals import cn_to_int
from portal.quizzes.data import totals
from portal.web.render import render
from portal.content.schema import CATEGORIES
from portal.web.urls import Links

MACROS = ("article", "regulations", "quiz_card", "brand_cards")


class MacroError(Exception):
    """A macro call that cannot be rendered; the message is for the editor."""


class ChineseUndefined(StrictUndefined):
    """on_undefined: strict, with a message an editor can act on (see `undefined_for`)."""

    source = "页面"

    @property
    def _undefined_message(self) -> str:
        if self._undefined_hint:
            return self._undefined_hint
        name = self._undefined_name
        if self._undefined_obj is not missing:      # x.name or x[name]
            return f"{self.source}：“{name}”未定义：{type(self._undefined_obj).__name__} 没有这一项"
        return (f"{self.source}：未定义的名称“{name}”：宏或变量名可能写错了"
                f"（可用的宏：{'、'.join(MACROS)}，用法见 CONTRIBUTING.md）")


def undefined_for(source: str) -> type[ChineseUndefined]:
    """The Undefined class for one page, so the message names the page's file."""
    return type("ChineseUndefined", (ChineseUndefined,), {"source": source})


def _call(name: str, *args, **kwargs) -> str:
    parts = [json.dumps(a, ensure_ascii=False, default=str) for a in args]
    parts += [f"{k}={json.dumps(v, ensure_ascii=False, default=str)}" for k, v in kwargs.items() if v is not None]
    return f"{{{{ {name}({', '.join(parts)}) }}}}"


def _fail(source: str, call: str, message: str):
    raise MacroError(f"{source}：{call}：{message}")


def _no_unknown(source: str, call: str, unknown: dict, allowed: str) -> None:
    if unknown:
        _fail(source, call, f"不认识的参数“{'、'.join(unknown)}”（可用的参数：{allowed}）")


def _suggest(value: str, choices) -> str:
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return f"是不是想写“{close[0]}”？" if close else ""


def _regulation(lib, source: str, call: str, reg_id) -> Regulation:
    if not isinstance(reg_id, str) or not reg_id:
        _fail(source, call, "第一个参数应为法规编号（regulations/ 下的文件名，不含 .yml），如 \"zhibu-gongzuo-tiaoli\"")
    reg = lib.regulations.get(reg_id)
    if reg is None:
        _fail(source, call, f"法规“{reg_id}”不存在（法规编号是 regulations/ 下的文件名，不含 .yml）。"
                            + _suggest(reg_id, lib.regulations))
    return reg


def _article_number(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            return int(text)
        m = re.fullmatch(r"第?([零〇一二三四五六七八九十百千两]+)条?", text)
        return cn_to_int(m.group(1)) if m else None
    return None


def article(lib, here: str, reg_id=None, number=None, *, source: str | None = None, **unknown) -> str:
    """Quote one article: its label (a link to #art-N), 款 and 项, and where it is from."""
    source = source or here
    call = _call("article", *(a for a in (reg_id, number) if a is not None), **unknown)
    _no_unknown(source, call, unknown, "法规编号、条号")
    reg = _regulation(lib, source, call, reg_id)
    n = _article_number(number)
    if n is None:
        _fail(source, call, "条号应为数字，如 article(\"zhibu-gongzuo-tiaoli\", 2)")
    art = reg.article(n)
    if art is None:
        count = len(reg.parsed.articles)
        excerpt = "（本库为节选）" if reg.excerpt else ""
        _fail(source, call, f"《{reg.display_title}》没有第{n}条：本库收录 {count} 条{excerpt}")
    links = Links(here)
    return render("study-article.html", reg=reg, art=art, href=links.regulation(reg.id, n))


def regulations(lib, here: str, *, category=None, tag=None, source: str | None = None, **unknown) -> str:
    """Regulations of one category and/or with one tag, newest first."""
    source = source or here
    call = _call("regulations", category=category, tag=tag, **unknown)
    _no_unknown(source, call, unknown, "category、tag")
    regs = list(lib.regulations.values())
    if category is not None:
        if category not in CATEGORIES:
            _fail(source, call, f"类别“{category}”无效，可选：{'、'.join(CATEGORIES)}")
        regs = [r for r in regs if r.category == category]
    if tag is not None:
        known = {t for r in lib.regulations.values() for t in r.tags}
        if tag not in known:
            _fail(source, call, f"没有哪部法规带标签“{tag}”。" + _suggest(tag, known)
                  + (f"现有标签：{'、'.join(sorted(known))}" if known else "法规都还没有标签"))
        regs = [r for r in regs if tag in r.tags]
    regs.sort(key=lambda r: (r.date.isoformat() if r.date else "", r.title), reverse=True)
    what = "、".join(x for x in (f"类别为“{category}”" if category else "", f"标签为“{tag}”" if tag else "") if x)
    return render("study-regulations.html", regs=regs, links=Links(here), what=what)


def quiz_card(lib, here: str, quiz_id=None, *, source: str | None = None, **unknown) -> str:
    """A quiz (or mock exam) card: title, question count, full marks, pass mark, start button."""
    source = source or here
    call = _call("quiz_card", *(a for a in (quiz_id,) if a is not None), **unknown)
    _no_unknown(source, call, unknown, "题库编号")
    quiz = lib.quizzes.get(quiz_id) if isinstance(quiz_id, str) else None
    if quiz is None:
        _fail(source, call, f"题库“{quiz_id}”不存在（题库编号是 quizzes/ 下的文件名，不含 .yml）。"
                            + _suggest(quiz_id, lib.quizzes))
    links = Links(here)
    count, total = totals(quiz)
    reg = lib.regulations.get(quiz.regulation) if quiz.regulation else None
    return render("study-quiz-card.html", quiz=quiz, count=count, total=total, reg=reg, links=links,
                  href=links.quiz(quiz.id))


def brand_cards(lib, here: str, *, tag=None, limit=None, source: str | None = None, **unknown) -> str:
    """Brands with a tag (all brands without one), newest first."""
    source = source or here
    call = _call("brand_cards", tag=tag, limit=limit, **unknown)
    _no_unknown(source, call, unknown, "tag、limit")
    brands = list(lib.brands.values())
    if tag is not None:
        known = {t for b in brands for t in b.tags}
        if tag not in known:
            _fail(source, call, f"没有哪个党建品牌带标签“{tag}”。" + _suggest(tag, known)
                  + (f"现有标签：{'、'.join(sorted(known))}" if known else "品牌都还没有标签"))
        brands = [b for b in brands if tag in b.tags]
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        _fail(source, call, "limit 应为正整数，如 limit=3")
    brands.sort(key=lambda b: (-(b.year or 0), b.name, b.id))
    return render("study-brand-cards.html", brands=brands[:limit] if limit else brands, links=Links(here),
                  what=f"标签为“{tag}”" if tag else "")
