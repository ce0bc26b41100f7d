"""`python -m portal new brand --id ID`: a commented template that fails the check until filled in."""
from __future__ import annotations

import re

import pytest

from conftest import check, run_portal


def new_brand(root, brand_id):
    return run_portal("--root", str(root), "new", "brand", f"--id={brand_id}")


def test_writes_a_commented_template(tmp_path):
    result = new_brand(tmp_path, "hongse-yinqing")
    assert result.returncode == 0, result.stderr
    assert "已写入 brands/hongse-yinqing.yml" in result.stdout
    text = (tmp_path / "brands" / "hongse-yinqing.yml").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schemas/brand.schema.json"
    # every field of the format is there, each explained by a Chinese comment just above it
    for key in ("name", "unit", "branch", "slogan", "year", "tags", "logo", "photos", "summary",
                "connotation", "practices", "results", "honors"):
        i = next(n for n, line in enumerate(lines) if line.startswith(f"{key}:"))
        assert lines[i - 1].startswith("# ") and re.search(r"[\u4e00-\u9fff]", lines[i - 1]), key
    assert "（必填）" in text and "（选填）" in text and "brands/hongse-yinqing/" in text


def test_untouched_template_fails_check_at_each_placeholder(tmp_path):
    assert new_brand(tmp_path, "shili").returncode == 0
    lines = (tmp_path / "brands" / "shili.yml").read_text(encoding="utf-8").splitlines()
    result = check(tmp_path)
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("brands/")]
    expected_keys = ["name", "unit", "summary", "connotation", "title", "text", "title", "text", "title", "text"]
    assert len(problems) == len(expected_keys), problems
    for problem, key in zip(problems, expected_keys):
        m = re.match(r"brands/shili\.yml:(\d+):(\d+): “(\w+)”（[^）]+）不能为空$", problem)
        assert m and m[3] == key, problem
        line = lines[int(m[1]) - 1]
        assert line.lstrip("- ").startswith(f"{key}: ") and line[int(m[2]) - 1:].startswith('""'), (problem, line)
    assert "共发现 10 处错误" in result.stderr


def test_filled_template_passes(tmp_path):
    assert new_brand(tmp_path, "shili").returncode == 0
    path = tmp_path / "brands" / "shili.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('name: ""', "name: 示例品牌").replace('unit: ""', "unit: 市示例局")
    text = text.replace('summary: ""', "summary: 一句话简介。")
    text = text.replace('connotation: ""', "connotation: |\n  品牌内涵第一段。\n\n  第二段。")
    for n in range(3):
        text = text.replace('  - title: ""\n    text: ""', f"  - title: 做法{n + 1}\n    text: 做法{n + 1}的内容。", 1)
    path.write_text(text, encoding="utf-8")
    result = check(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "品牌 1 个" in result.stdout


def test_refuses_to_overwrite(tmp_path):
    assert new_brand(tmp_path, "shili").returncode == 0
    path = tmp_path / "brands" / "shili.yml"
    path.write_text("name: 已有内容\n", encoding="utf-8")
    result = new_brand(tmp_path, "shili")
    assert result.returncode == 1
    assert "brands/shili.yml 已存在，没有覆盖" in result.stderr
    assert path.read_text(encoding="utf-8") == "name: 已有内容\n"


@pytest.mark.parametrize("bad", ["HongSe", "hong_se", "-hong", "hong-", "hong--se", "红色", "../x", "index"])
def test_rejects_invalid_ids(tmp_path, bad):
    result = new_brand(tmp_path, bad)
    assert result.returncode == 1
    assert f"编号“{bad}”" in result.stderr
    assert not (tmp_path / "brands").exists() or not list((tmp_path / "brands").iterdir())
