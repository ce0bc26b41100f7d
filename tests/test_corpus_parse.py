"""Parser and importer against the real texts in ../shared/corpus (read at run
time, never copied here); facts to check come from its expected.json."""
import json
import re
from pathlib import Path

import pytest

from portal.content.models import Article, Heading, PreambleParagraph
from portal.regulations.importer import decode, derive_issuer, read_official_text
from portal.content.regtext import parse_text, starts_body

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "regulations"
EXPECTED_FILE = CORPUS / "expected.json"
if not EXPECTED_FILE.is_file():
    pytest.skip(f"找不到测试语料 {CORPUS}（仅在完整工作区中运行）", allow_module_level=True)
EXPECTED = json.loads(EXPECTED_FILE.read_text(encoding="utf-8"))
NAMES = sorted(EXPECTED)


def load(name):
    official = read_official_text(decode((CORPUS / name).read_bytes()))
    return official, parse_text(official.body)


def split_heading(text):
    """第一章　党　员 -> (第一章, 党　员): only the separator after the label goes."""
    m = re.match(r"(第[^编章节]+[编章节])[ \u3000]?(.*)", text)
    return m[1], m[2]


def test_all_eight_files_present():
    assert len(NAMES) == 8
    assert all((CORPUS / n).is_file() for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_structure_matches_expected(name):
    exp = EXPECTED[name]
    official, parsed = load(name)
    assert official.title == exp["title"]
    assert parsed.problems == []
    arts = parsed.articles
    assert len(arts) == exp["n_articles"]
    assert [a.number for a in arts] == list(range(1, exp["n_articles"] + 1))
    by_level = {lvl: [(h.label, h.title) for h in parsed.headings if h.level == lvl]
                for lvl in ("bian", "zhang", "jie", "plain")}
    assert by_level["zhang"] == [split_heading(c) for c in exp["chapters"]]
    assert len(by_level["zhang"]) == exp["n_chapters"]
    assert by_level["bian"] == [split_heading(b) for b in exp["bian"]]
    assert len(by_level["jie"]) == exp["n_sections"]
    assert by_level["plain"] == []          # the plain-heading rule must not fire here
    assert all(a.paragraphs for a in arts)


@pytest.mark.parametrize("name", NAMES)
def test_note_from_header_lines(name):
    exp = EXPECTED[name]
    official, _ = load(name)
    header = exp["header_lines"]
    assert header[0] == exp["title"]
    note_lines = [ln for ln in header[1:] if not starts_body(ln)]
    expected_note = " ".join(note_lines) if note_lines else None
    assert official.note == expected_note
    body_start = next(ln for ln in official.body.split("\n") if ln.strip())
    first_body = next((ln for ln in header[1:] if starts_body(ln)), None)
    if first_body is not None:
        assert body_start == first_body


def test_split_notes_and_missing_notes():
    for name in ("dsxxjygztl-2024.txt", "dzjglyjyfdlftl-2025.txt"):
        note = load(name)[0].note
        assert note.startswith("（") and note.endswith("）") and "\n" not in note
        assert note.count(" ") >= 1
    for name in ("dyjyglgztl-2019.txt", "gbrsdagztl-2018.txt"):
        assert load(name)[0].note is None
    assert load("djjgjczzgztl-2019.txt")[0].note.startswith("（2010年4月21日")


def test_issuers_from_notes():
    assert derive_issuer(load("dzjglyjyfdlftl-2025.txt")[0].note) == ["中共中央", "国务院"]
    assert derive_issuer(load("fzdygzxz-2026.txt")[0].note) == ["中共中央办公厅"]
    assert derive_issuer(load("dsxxjygztl-2024.txt")[0].note) == ["中共中央"]


def test_party_constitution_preamble():
    official, parsed = load("zgcdzc-2022.txt")
    assert official.note is not None and not official.note.startswith("（")
    first_chapter = next(i for i, b in enumerate(parsed.blocks)
                         if isinstance(b, Heading) and b.level == "zhang")
    preamble = parsed.blocks[:first_chapter]
    assert isinstance(preamble[0], Heading) and preamble[0].level == "preamble"
    assert preamble[0].title.replace("\u3000", "") == "总纲"
    paras = [b for b in preamble[1:] if isinstance(b, PreambleParagraph)]
    assert len(paras) == len(preamble) - 1 == 32
    ordinals = [p for p in paras if re.match("第[一二三四五六]，", p.text)]
    assert len(ordinals) == 6
    assert not any(isinstance(b, Article) for b in preamble)


def test_last_article_of_discipline_regulation_has_two_paragraphs():
    _, parsed = load("jlcftl-2018.txt")
    last = parsed.articles[-1]
    assert last.number == 142 and last.label == "第一百四十二条"
    assert len(last.paragraphs) == 2 and not any(p.is_item for p in last.paragraphs)


@pytest.mark.parametrize("name", NAMES)
def test_items_and_line_indices_are_consistent(name):
    official, parsed = load(name)
    lines = official.body.split("\n")
    for art in parsed.articles:
        assert lines[art.line].strip().startswith(art.label)
        for p in art.paragraphs:
            assert p.text in lines[p.line]
            assert p.is_item == bool(re.match(r"[（(][一二三四五六七八九十]+[）)]", p.text))
    assert sum(p.is_item for a in parsed.articles for p in a.paragraphs) > 0
