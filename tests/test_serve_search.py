"""The preview (`make serve`) picks up the editors' synonym list: creating search.yml,
then changing it the way editors' programs save (a new file renamed over the old one),
reaches the search index the preview serves without restarting it."""
from __future__ import annotations

from conftest import REG, write
from portal.bench.preview import preview, wait_for

TIMEOUT = 120


def test_serve_rebuilds_the_search_index_when_search_yml_is_created_and_saved(tmp_path):
    root = write(tmp_path / "content", {"regulations/shili.yml": REG})
    with preview(root) as base:
        manifest = base + "search/manifest.js"
        first = wait_for(manifest, lambda body: "__portalSearch" in body, TIMEOUT)
        assert first is not None, "预览没有提供检索索引"
        assert "入党誓词" not in first
        write(root, {"search.yml": "synonyms:\n  - [入党誓词, 誓词]\n"})
        assert wait_for(manifest, lambda body: "入党誓词" in body, TIMEOUT), "新建的 search.yml 没有进入预览的索引"
        # save by rename, as many editors do: the new group must arrive, the old one stay
        new = root / "search.yml.tmp"
        new.write_text("synonyms:\n  - [入党誓词, 誓词]\n  - [三会一课, 党课]\n", encoding="utf-8")
        new.replace(root / "search.yml")
        body = wait_for(manifest, lambda body: "三会一课" in body, TIMEOUT)
        assert body and "入党誓词" in body, "另存的 search.yml 没有进入预览的索引"
