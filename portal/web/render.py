"""Page rendering from template files (portal/templates): the one Jinja environment and its filters."""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from portal.web.mdrender import render_inline, render_markdown

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
STATUS_CLASS = {"有效": "valid", "已修改": "amended", "已废止": "repealed", "尚未生效": "pending"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md_heading(text: str) -> Markup:
    """Escape text for a Markdown heading line (HTML and Markdown syntax)."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(text))))


def date_cn(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(md=render_markdown, md_inline=render_inline, mdh=md_heading, date_cn=date_cn)
    env.globals.update(STATUS_CLASS=STATUS_CLASS)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
