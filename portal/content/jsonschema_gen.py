"""JSON Schemas for editors' tooling, derived from schema.py."""
from __future__ import annotations

import json
from pathlib import Path

from portal.content.schema import CONTENT_TYPES, F

SCHEMA_DIR = "schemas"


def to_json_schema(f: F) -> dict:
    s: dict = {"title": f.title}
    if f.desc:
        s["description"] = f.desc
    kind = f.kind
    if kind in ("str", "markdown"):
        s["type"] = "string"
        if f.pattern:
            s["pattern"] = f.pattern
    elif kind == "int":
        s["type"] = "integer"
        if f.min is not None:
            s["minimum"] = f.min
        if f.max is not None:
            s["maximum"] = f.max
    elif kind == "bool":
        s["type"] = "boolean"
    elif kind == "date":
        s.update(type="string", format="date", pattern=r"^\d{4}-\d{2}-\d{2}$")
    elif kind == "enum":
        s.update(type="string", enum=list(f.enum))
    elif kind == "list":
        s.update(type="array", items=to_json_schema(f.item))
        if f.min is not None:
            s["minItems"] = f.min
        if f.max is not None:
            s["maxItems"] = f.max
    elif kind == "map":
        s.update(type="object", patternProperties={"^[1-9][0-9]*$": to_json_schema(f.item)},
                 additionalProperties=False)
    elif kind == "str_or_list":
        s["anyOf"] = [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]
    elif kind == "answer":
        s["anyOf"] = [{"type": "string"}, {"type": "integer"},
                      {"type": "array", "items": {"type": ["string", "integer"]}, "minItems": 1}]
    elif kind == "object":
        s.update(type="object", additionalProperties=False,
                 properties={m.key: to_json_schema(m) for m in f.fields})
        required = [m.key for m in f.fields if m.required]
        if required:
            s["required"] = required
    if f.default not in (None, False):
        s["default"] = f.default
    return s


def document(name: str) -> dict:
    definition, _glob = CONTENT_TYPES[name]
    doc = {"$schema": "http://json-schema.org/draft-07/schema#", "$id": f"{name}.schema.json"}
    doc.update(to_json_schema(definition))
    if name == "quiz":   # a quiz is a practice bank or a mock exam, never both
        doc["oneOf"] = [{"required": ["questions"]}, {"required": ["draw"]}]
    return doc


def render_all() -> dict[str, str]:
    """File name → text, for every content type."""
    return {f"{name}.schema.json": json.dumps(document(name), ensure_ascii=False, indent=2) + "\n"
            for name in CONTENT_TYPES}


def vscode_settings() -> str:
    mapping = {}
    for name, (_def, glob) in CONTENT_TYPES.items():
        mapping[f"./{SCHEMA_DIR}/{name}.schema.json"] = glob
    # study-plan.yml sits among regulations; its own modeline selects its schema
    settings = {"yaml.schemas": mapping, "files.encoding": "utf8", "files.eol": "\n",
                "editor.insertSpaces": True, "[yaml]": {"editor.tabSize": 2}}
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def write(root: Path) -> list[Path]:
    written = []
    out = root / SCHEMA_DIR
    out.mkdir(exist_ok=True)
    for name, text in render_all().items():
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    vs = root / ".vscode" / "settings.json"
    vs.parent.mkdir(exist_ok=True)
    vs.write_text(vscode_settings(), encoding="utf-8")
    written.append(vs)
    return written
