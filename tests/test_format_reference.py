"""The format reference (CONTENT-FORMAT.md and the site page bianji/geshi/): generated from
schema.py, complete, current, and its examples pass `portal check`."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, write
from portal.content import reference
from portal.content.loader import load
from portal.content.problems import Collector
from portal.content.schema import CONTENT_TYPES, F, obj, strlist
from portal.content.validate import Validator
from portal.content.yamlsrc import parse
from browser import make_driver, needs_browser, serve
from test_search_index import index_docs


def declared(definition: F, prefix: str = ""):
    """(path, field) of every key, walked here independently of the generator."""
    for m in definition.fields:
        path = f"{prefix}.{m.key}" if prefix else m.key
        yield path, m
        if m.kind == "list" and m.item is not None and m.item.kind == "object":
            yield from declared(m.item, f"{path}[]")
        elif m.kind == "object":
            yield from declared(m, path)


def section(text: str, title: str) -> str:
    """The part of the reference under the kind's `## title` heading."""
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else len(text)]


def missing(text: str, types: dict) -> list[str]:
    """Fields of the declarations that the reference does not describe in their kind's section."""
    out = []
    for name, (definition, glob) in types.items():
        if f"\n## {definition.title}\n" not in text:
            out.append(f"{name}: 没有“{definition.title}”一节")
            continue
        part = section(text, definition.title)
        if f"`{glob}`" not in part:
            out.append(f"{name}: 没有写文件位置 {glob}")
        for path, f in declared(definition):
            rows = [ln for ln in part.splitlines() if ln.startswith(f"| `{path}`<br>")]
            if len(rows) != 1:
                out.append(f"{name}: {path}")
                continue
            cells = rows[0].split(" | ")
            expected = [f.title, "必填" if f.required else "选填", *f.enum]
            if f.desc:
                expected.append(f.desc.replace("|", "\\|"))
            if f.pattern:
                expected.append(f.pattern)
            if f.min is not None:
                expected.append(str(f.min))
            absent = [e for e in expected if e not in rows[0]]
            if absent or cells[0] != f"| `{path}`<br>{f.title}":
                out.append(f"{name}: {path} 缺少 {absent}")
    return out


def test_committed_reference_is_the_generated_text():
    committed = (ROOT / reference.REFERENCE_FILE).read_text(encoding="utf-8")
    assert committed == reference.render_reference(), "CONTENT-FORMAT.md 已过期：请运行 make schemas"


def test_every_declared_field_is_described_in_its_kind_section():
    text = reference.render_reference()
    assert missing(text, CONTENT_TYPES) == []
    # spot checks of what an editor reads in a row
    quiz = section(text, "自测题库或模拟考试")
    assert "| `questions[].type`<br>题型 | **必填**；文字（从可选值中选）；可选：单选、多选、判断、填空 |" in quiz
    assert "| `pass`<br>及格线 | **选填**；整数；0–100 | 百分制，默认 60 |" in quiz
    assert "| `questions[].options`<br>选项 | **选填**；文字列表；2–8 项 |" in quiz


def test_the_completeness_check_notices_a_field_left_out():
    text = reference.render_reference()
    row = next(ln for ln in text.splitlines() if ln.startswith("| `practices[].text`<br>"))
    assert missing(text.replace(row + "\n", ""), CONTENT_TYPES) == ["brand: practices[].text"]
    assert missing(text.replace("、尚未生效", ""), CONTENT_TYPES) == ["regulation: status 缺少 ['尚未生效']"]


def test_a_kind_added_to_the_schema_appears_with_all_its_fields(monkeypatch):
    checklist = obj("", "支部工作清单", [
        F("title", "str", "标题", "清单名称", required=True),
        F("year", "int", "年度", "", min=2000, max=2100),
        F("items", "list", "事项", "", required=True, min=1, item=obj("", "一项工作", [
            F("task", "str", "工作内容", "", required=True),
            F("month", "int", "月份", "", min=1, max=12),
            strlist("owners", "责任人"),
        ])),
    ])
    monkeypatch.setitem(CONTENT_TYPES, "checklist", (checklist, "checklists/*.yml"))
    text = reference.render_reference()
    assert missing(text, CONTENT_TYPES) == []
    part = section(text, "支部工作清单")
    assert "### `items[]`：一项工作（列表中的每一项）" in part
    assert "`checklists/shili.yml`：" in part and "    title: ……" in part   # an example made from the schema


def test_hand_written_examples_pass_the_whole_check(tmp_path):
    files = {}
    for name in CONTENT_TYPES:          # a kind without one shows an example made from the schema
        found = reference.hand_example(name)
        if found:
            path, text = found
            files[path] = text
    assert len(files) >= 5
    root = write(tmp_path, files)
    lib = load(root)
    assert lib.problems == []
    assert list(lib.regulations) == ["shili-tiaoli"] and lib.plan is not None
    assert len(lib.quizzes["shili-tiaoli-zice"].questions) == 4


@pytest.mark.parametrize("name", list(CONTENT_TYPES))
def test_examples_made_from_the_schema_pass_its_declaration(name):
    definition, _ = CONTENT_TYPES[name]
    problems = []
    collector = Collector("example.yml", problems)
    src = parse(reference.synthesized_example(definition), collector)
    Validator(src, collector).value(definition, src.data, ())
    assert problems == [], ("由 schema 生成的示例通不过检查：请在 schema.py 中给字段写 example=，"
                            f"或在 portal/templates/geshi/{name}.yml 写一个示例")


def test_the_site_has_the_reference_page_in_nav_and_search(sample_site):
    html = (sample_site / "bianji" / "geshi" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in html and "内容文件格式" in html
    for name, (definition, glob) in CONTENT_TYPES.items():
        assert re.search(f"<h2[^>]*>{definition.title}<", html), definition.title
        for path, _f in declared(definition):
            assert f"<code>{path}</code>" in html, path
    assert "<pre><code>title: 党支部学习工作示例条例" in html      # examples are code blocks
    assert re.search(r'href="[^"]*portal/content/schema\.py"', html)    # 编辑此页 opens the declarations
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="bianji/geshi/"[^>]*>(?:\s|<[^>]+>)*编辑指南\s', home)   # the 编辑指南 tab
    found = [d for d in index_docs(sample_site) if d[0].startswith("bianji/geshi/")]
    assert any("questions[].answer" in d[4] for d in found), [d[:2] for d in found][:5]
    assert not (ROOT / "docs" / "bianji").exists()        # made at build time, never written into docs/


@needs_browser
def test_reference_tables_fit_a_phone_without_sideways_scrolling(sample_site):
    """Three columns (key and name, requirements, description) fit 360 px; a scrolling table
    would be a region a keyboard cannot reach."""
    with serve(sample_site) as base:
        driver = make_driver(width=360)
        try:
            driver.get(base + "bianji/geshi/")
            widths = driver.execute_script("""
                return [document.documentElement.scrollWidth, innerWidth,
                        [...document.querySelectorAll('article table, article table *')]
                          .map(e => e.getBoundingClientRect().right)]""")
        finally:
            driver.quit()
    page, viewport, rights = widths
    assert page <= viewport
    assert len(rights) >= 100 * len(CONTENT_TYPES)           # every kind's tables and their cells
    assert max(rights) <= viewport, "表格比手机屏幕宽，读者要横向滚动"
