"""The eight real texts in ../shared/corpus, imported as an editor would
(`python -m portal new regulation --from`), checked and built into pages."""
from __future__ import annotations

import json
import re

import pytest

from conftest import CORPUS, build, check, run_portal, write

if not (CORPUS / "expected.json").is_file():
    pytest.skip(f"找不到测试语料 {CORPUS}（仅在完整工作区中运行）", allow_module_level=True)

EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
# What the editor types where the text itself does not say it.
OPTIONS = {
    "zgcdzc-2022.txt": ["--id", "dangzhang-2022", "--issuer", "中国共产党全国代表大会"],
    "jlcftl-2018.txt": ["--id", "jilv-chufen-2018", "--issuer", "中共中央", "--status", "已修改"],
    "dyjyglgztl-2019.txt": ["--issuer", "中共中央"],         # no 题注 in this copy
    "gbrsdagztl-2018.txt": ["--issuer", "中共中央办公厅"],   # no 题注 in this copy
}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = write(tmp_path_factory.mktemp("corpus"), {})
    ids = {}
    for name in sorted(EXPECTED):
        result = run_portal("--root", str(root), "new", "regulation", "--from", str(CORPUS / name),
                            *OPTIONS.get(name, []))
        assert result.returncode == 0, f"{name}: {result.stderr}"
        assert result.stderr == "", f"{name}: {result.stderr}"
        ids[name] = re.search(r"regulations/([a-z0-9-]+)\.yml", result.stdout)[1]
    return root, ids


def test_imported_files_pass_check(imported):
    root, ids = imported
    result = check(root)
    assert result.returncode == 0, result.stderr
    assert "法规 8 部" in result.stdout


@pytest.fixture(scope="module")
def site(imported, tmp_path_factory):
    root, _ = imported
    out = tmp_path_factory.mktemp("site")
    result = build(root, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_built_page_has_exactly_the_expected_structure(site, imported, name):
    exp = EXPECTED[name]
    html = (site / "regulations" / imported[1][name] / "index.html").read_text(encoding="utf-8")
    body = html[html.index('<article class="md-content__inner'):html.index("</article>")]
    anchors = re.findall(r'<section class="reg-art[^"]*" id="art-(\d+)"', body)
    assert [int(a) for a in anchors] == list(range(1, exp["n_articles"] + 1))
    headings = re.findall(r"<h[23] id=\"[^\"]*\">(第[一二三四五六七八九十]+([编章节]))", body)
    assert sum(1 for _, kind in headings if kind == "章") == exp["n_chapters"]
    assert sum(1 for _, kind in headings if kind == "编") == exp["n_bian"]
    assert sum(1 for _, kind in headings if kind == "节") == exp["n_sections"]
    assert re.search(r"<h1[^>]*>" + re.escape(exp["title"]), body)
