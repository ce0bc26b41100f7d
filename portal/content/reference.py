"""The editors' format reference (内容文件格式), generated from the declarations in schema.py.

One text, two places: CONTENT-FORMAT.md in the repository (written by `python -m portal
schemas`, kept current by tests/test_format_reference.py) and the site page bianji/geshi/
(made at build time). Every kind in CONTENT_TYPES is walked generically, so a kind added
there appears here with all its fields; hand-written notes and a checked example for a kind
live beside the template (portal/templates/geshi/<kind>.md.j2 and <kind>.yml).
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import date
from io import StringIO
from pathlib import Path

from markupsafe import Markup
from ruamel.yaml import YAML

from portal.content.library import RESERVED_IDS
from portal.content.schema import CITE_PATTERN, CONTENT_TYPES, F, ID_PATTERN
from portal.web.generated import Generated
from portal.web.render import TEMPLATES, render

REFERENCE_FILE = "CONTENT-FORMAT.md"      # the repository's copy
SITE_PAGE = "bianji/geshi.md"             # the site's copy: /bianji/geshi/
SCHEMA_SOURCE = "portal/content/schema.py"
TEMPLATE = "content-format.md.j2"
NOTES_DIR = "geshi"                       # portal/templates/geshi/<kind>.md.j2 and <kind>.yml

TYPE_NAMES = {
    "str": "文字", "markdown": "Markdown 文字", "int": "整数", "bool": "true 或 false",
    "date": "日期", "enum": "文字（从可选值中选）", "object": "键值对",
    "map": "以条号为键的键值对", "str_or_list": "文字或文字列表", "answer": "文字或列表（见说明）",
}
ITEM_TYPE_NAMES = {"str": "文字列表", "markdown": "文字列表", "int": "整数列表", "object": "列表，每项见下表"}


@dataclass
class Row:
    path: str                          # e.g. questions[].id
    f: F
    type_name: str
    limits: list[str] = field(default_factory=list)   # plain-text constraints
    patterns: list[str] = field(default_factory=list)  # regular expressions, shown as code
    default: str | None = None


@dataclass
class Table:
    path: str                          # "" for the top level, else the list/object it describes
    title: str
    rows: list[Row]


@dataclass
class Kind:
    name: str                          # key of CONTENT_TYPES, also the JSON Schema's name
    definition: F
    glob: str
    tables: list[Table]
    example_path: str
    example: str
    one_file: bool                     # a single fixed file rather than one file per item


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _bounds(lo, hi, unit: str = "") -> str:
    if lo is not None and hi is not None:
        return f"{lo}–{hi}{unit}"
    if lo is not None:
        return f"至少 {lo}{unit}" if unit else f"不小于 {lo}"
    return f"最多 {hi}{unit}" if unit else f"不大于 {hi}"


def _row(path: str, f: F) -> Row:
    row = Row(path, f, TYPE_NAMES.get(f.kind, f.kind))
    if f.kind == "list":
        row.type_name = ITEM_TYPE_NAMES.get(f.item.kind, "列表")
        if f.min is not None or f.max is not None:
            row.limits.append(_bounds(f.min, f.max, " 项"))
        item = f.item
        if item.kind == "int" and (item.min is not None or item.max is not None):
            row.limits.append("每项" + _bounds(item.min, item.max))
        if item.enum:
            row.limits.append("每项可选：" + "、".join(item.enum))
        if item.pattern:
            row.patterns.append(item.pattern)
            if item.pattern_hint:
                row.limits.append("每项" + item.pattern_hint)
    elif f.kind == "int" and (f.min is not None or f.max is not None):
        row.limits.append(_bounds(f.min, f.max))
    elif f.kind == "date":
        row.limits.append("格式 YYYY-MM-DD，须是真实存在的日期")
    elif f.kind == "map":
        row.limits.append("键为正整数（条号）")
    if f.enum:
        row.limits.append("可选：" + "、".join(f.enum))
    if f.pattern:
        row.patterns.append(f.pattern)
        if f.pattern_hint:
            row.limits.append(f.pattern_hint)
    if f.default is not None:
        row.default = _scalar(f.default)
    return row


def tables(definition: F) -> list[Table]:
    """The top-level keys, then one table per nested structure (depth first)."""
    out: list[Table] = []

    def walk(obj: F, path: str, title: str) -> None:
        table = Table(path, title, [])
        out.append(table)
        nested = []
        for m in obj.fields:
            p = f"{path}.{m.key}" if path else m.key
            table.rows.append(_row(p, m))
            if m.kind == "list" and m.item is not None and m.item.kind == "object":
                nested.append((m.item, f"{p}[]", m.item.title))
            elif m.kind == "object":
                nested.append((m, p, m.title))
        for child, p, t in nested:
            walk(child, p, t)

    walk(definition, "", definition.title)
    return out


def field_paths(definition: F) -> list[str]:
    """Every key a file of this kind may hold, as the reference names it (questions[].id)."""
    return [row.path for table in tables(definition) for row in table.rows]


# ---------- examples ----------

def _sample(f: F):
    """A value that passes the validator, for kinds without a hand-written example."""
    if f.example is not None:
        return f.example
    if f.default is not None:
        return f.default
    kind = f.kind
    if kind == "enum":
        return f.enum[0]
    if kind == "bool":
        return False
    if kind == "int":
        return f.min if f.min is not None else 1
    if kind == "date":
        return date(2026, 1, 5)
    if kind in ("str", "markdown", "str_or_list"):
        if f.pattern == CITE_PATTERN:
            return "shili#1"
        if f.pattern == ID_PATTERN:
            return "shili"
        return "……"
    if kind == "answer":
        return "A"
    if kind == "list":
        return [_sample(f.item) for _ in range(max(f.min or 1, 1))]
    if kind == "map":
        return {1: _sample(f.item)}
    if kind == "object":
        return {m.key: _sample(m) for m in f.fields}
    return "……"


def synthesized_example(definition: F) -> str:
    yaml = YAML()
    yaml.default_flow_style = None
    yaml.width = 4096
    yaml.allow_unicode = True
    out = StringIO()
    yaml.dump(_sample(definition), out)
    return out.getvalue()


def hand_example(name: str) -> tuple[str, str] | None:
    """(repository path, text) of the checked example in portal/templates/geshi/<name>.yml.

    Its first line is a comment naming the file the example stands for."""
    path = TEMPLATES / NOTES_DIR / f"{name}.yml"
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    return first.lstrip("# ").strip(), rest


def example(name: str) -> tuple[str, str]:
    definition, glob = CONTENT_TYPES[name]
    found = hand_example(name)
    if found:
        return found
    return glob.replace("*", "shili"), synthesized_example(definition)


# ---------- the text ----------

def kinds() -> list[Kind]:
    out = []
    for name, (definition, glob) in CONTENT_TYPES.items():
        path, text = example(name)
        code = Markup(textwrap.indent(text, "    "))     # an indented code block: no extension needed
        out.append(Kind(name, definition, glob, tables(definition), path, code, "*" not in glob))
    return out


def render_reference() -> str:
    found = kinds()
    notes = {k.name: f"{NOTES_DIR}/{k.name}.md.j2" for k in found
             if (TEMPLATES / NOTES_DIR / f"{k.name}.md.j2").is_file()}
    text = render(TEMPLATE, kinds=found, notes=notes, reserved=RESERVED_IDS, source=SCHEMA_SOURCE,
                  reference_file=REFERENCE_FILE)
    return text.rstrip() + "\n"


def generated() -> Generated:
    """The site page /bianji/geshi/ (its edit link opens the declarations it is made from)."""
    return Generated(SITE_PAGE, render_reference(), SCHEMA_SOURCE)


def write(root: Path) -> Path:
    path = root / REFERENCE_FILE
    path.write_text(render_reference(), encoding="utf-8")
    return path
