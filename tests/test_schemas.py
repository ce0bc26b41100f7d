"""The editors' JSON Schemas: generated from portal/schema.py and kept in sync."""
from __future__ import annotations

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from conftest import ROOT, copy_project
from portal.content.jsonschema_gen import render_all, vscode_settings
from portal.content.library import content_files
from portal.content.schema import CONTENT_TYPES

KIND_SCHEMA = {"regulation": "regulation", "quiz": "quiz", "brand": "brand", "plan": "study-plan", "qa": "qa"}


def test_committed_schemas_match_the_single_definition():
    for name, text in render_all().items():
        path = ROOT / "schemas" / name
        assert path.read_text(encoding="utf-8") == text, f"{name} 已过期：请运行 make schemas"
    assert (ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8") == vscode_settings()


def test_vscode_maps_every_content_type_to_an_existing_schema():
    mapping = json.loads(vscode_settings())["yaml.schemas"]
    assert set(mapping.values()) == {glob for _, glob in CONTENT_TYPES.values()}
    for schema_path in mapping:
        assert (ROOT / schema_path).is_file()


def test_schema_texts_are_chinese_for_hover_help():
    doc = json.loads(render_all()["regulation.schema.json"])
    assert doc["properties"]["category"]["title"] == "类别"
    assert "党章" in doc["properties"]["category"]["enum"]
    assert doc["additionalProperties"] is False
    assert set(doc["required"]) == {"title", "category", "issuer", "status", "text"}


def _plain(value):
    """YAML dates as the strings an editor typed (JSON Schema has no date type)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


SAMPLES = content_files(ROOT)


@pytest.mark.parametrize("kind,path", SAMPLES, ids=[p.name for _, p in SAMPLES])
def test_sample_content_passes_its_json_schema(kind, path):
    schema = json.loads((ROOT / "schemas" / f"{KIND_SCHEMA[kind]}.schema.json").read_text(encoding="utf-8"))
    data = _plain(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
    jsonschema.validate(data, schema)


def test_json_schema_rejects_a_typo_key():
    schema = json.loads(render_all()["regulation.schema.json"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"titel": "x", "category": "条例", "issuer": "中共中央", "status": "有效",
                             "text": "第一条　x"}, schema)


@pytest.mark.skipif(not shutil.which("make"), reason="需要 make")
def test_make_schemas_writes_the_schemas_and_editor_settings(tmp_path):
    """`make schemas`, as the README says, in a copy of the project whose generated files are gone."""
    project = copy_project(tmp_path / "portal")
    generated = sorted(p.relative_to(project) for p in (project / "schemas").glob("*.schema.json"))
    assert generated
    for rel in generated:
        (project / rel).unlink()
    (project / ".vscode" / "settings.json").write_text("{}\n", encoding="utf-8")
    result = subprocess.run(["make", "schemas"], cwd=project, capture_output=True, text=True, timeout=300,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    for rel in generated + [Path(".vscode/settings.json")]:
        assert (project / rel).read_bytes() == (ROOT / rel).read_bytes(), rel
