"""The floor of the benchmark: the same content as plain Markdown pages, built by
MkDocs + Material with section-only navigation and no search."""
from __future__ import annotations

from pathlib import Path

from portal.content.library import Library
from portal.content.models import Article, Heading, PreambleParagraph

CONFIG = """\
site_name: 基线
theme:
  name: material
  language: zh
  font: false
plugins: []
validation:
  nav:
    omitted_files: ignore
nav:
  - 首页: index.md
  - 法规制度: regulations/index.md
  - 自测练习: quizzes/index.md
  - 党建品牌: brands/index.md
"""


def _regulation(reg) -> str:
    out = [f"# {reg.title}", "", f"{reg.category} · {'、'.join(reg.issuer)} · {reg.status}", ""]
    for b in reg.parsed.blocks:
        if isinstance(b, Heading):
            out += [f"## {b.label} {b.title}".rstrip(), ""]
        elif isinstance(b, PreambleParagraph):
            out += [b.text, ""]
        elif isinstance(b, Article):
            for i, p in enumerate(b.paragraphs):
                out += [(f"**{b.label}**　" if i == 0 else "") + p.text, ""]
    return "\n".join(out)


def _quiz(quiz) -> str:
    out = [f"# {quiz.title}", ""]
    for n, q in enumerate(quiz.questions, 1):
        out += [f"{n}. {q.stem}", ""]
        out += [f"    {chr(65 + i)}. {o}" for i, o in enumerate(q.options)]
        out += ["", f"    答案：{'、'.join(q.answer)}　解析：{q.explanation or ''}", ""]
    return "\n".join(out)


def _brand(brand) -> str:
    out = [f"# {brand.name}", "", f"{brand.unit}　{brand.slogan or ''}", "", brand.summary, "",
           "## 品牌内涵", "", brand.connotation, "", "## 主要做法", ""]
    for i, p in enumerate(brand.practices, 1):
        out += [f"### {i}. {p.title}", "", p.text, ""]
    if brand.results:
        out += ["## 工作成效", "", brand.results]
    return "\n".join(out)


def write_floor(lib: Library, root: Path) -> Path:
    docs = root / "docs"
    sections = {"regulations": ("法规制度", lib.regulations, _regulation, lambda r: r.title),
                "quizzes": ("自测练习", {k: q for k, q in lib.quizzes.items() if not q.is_exam}, _quiz,
                            lambda q: q.title),
                "brands": ("党建品牌", lib.brands, _brand, lambda b: b.name)}
    for folder, (title, items, render, name) in sections.items():
        (docs / folder).mkdir(parents=True, exist_ok=True)
        index = [f"# {title}", ""] + [f"- [{name(item)}]({item_id}.md)" for item_id, item in items.items()]
        (docs / folder / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
        for item_id, item in items.items():
            (docs / folder / f"{item_id}.md").write_text(render(item) + "\n", encoding="utf-8")
    (docs / "index.md").write_text("# 基线\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return root
