"""Property-based tests: any input gives a valid result or a clean error."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from portal.content.loader import load
from portal.content.numerals import int_to_cn
from portal.content.problems import Collector
from portal.content.regtext import parse_text
from portal.content.validate import Validator
from portal.content.schema import QUIZ, REGULATION
from portal.content.yamlsrc import parse

HAN = "第一二三四五六七八九十百千零条章节编款项总纲序言党员支部委员会，。；：、（）“”《》"
text_lines = st.lists(st.text(alphabet=HAN + " \u3000abc1(", max_size=30), max_size=40).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(text_lines)
def test_parser_never_raises_and_never_loses_a_line(text):
    parsed = parse_text(text)
    kept = []
    for block in parsed.blocks:
        if hasattr(block, "paragraphs"):
            kept.append(block.line)
            kept.extend(p.line for p in block.paragraphs)
        else:
            kept.append(block.line)
    nonblank = [i for i, line in enumerate(text.split("\n")) if line.strip()]
    assert sorted(set(kept)) == nonblank
    for p in parsed.problems:
        assert 0 <= p.line < len(text.split("\n")) and re.search(r"[\u4e00-\u9fff]", p.message)


@st.composite
def well_formed(draw):
    n = draw(st.integers(1, 130))
    chapter_every = draw(st.integers(0, 20))
    sep = draw(st.sampled_from([" ", "\u3000", ""]))
    lines, chapter = [], 0
    for i in range(1, n + 1):
        if chapter_every and (i - 1) % chapter_every == 0:
            chapter += 1
            lines.append(f"第{int_to_cn(chapter)}章{sep}标题")
        lines.append(f"第{int_to_cn(i)}条{sep}内容{i}。")
        if draw(st.booleans()):
            lines.append("（一）一项；")
    return n, chapter, "\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(well_formed())
def test_well_formed_text_parses_exactly(case):
    n, chapters, text = case
    parsed = parse_text(text)
    assert parsed.problems == []
    assert [a.number for a in parsed.articles] == list(range(1, n + 1))
    assert sum(1 for h in parsed.headings if h.level == "zhang") == chapters


yamlish = st.text(alphabet="abcitlegory: -[]{}&*!#|>'\"\n\t 　第一条题目中文2020-01-05%@`,?", max_size=200)


@settings(max_examples=400, deadline=None)
@given(yamlish)
def test_yaml_reader_and_validator_never_raise(text):
    sink = []
    out = Collector("x.yml", sink)
    src = parse(text, out)
    if src is not None:
        Validator(src, out).value(REGULATION, src.data, ())
        Validator(src, out).value(QUIZ, src.data, ())
    for p in sink:
        assert p.path == "x.yml" and re.search(r"[\u4e00-\u9fff]", p.message)
        if p.line is not None:
            assert 1 <= p.line <= text.count("\n") + 2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_loader_never_raises_on_arbitrary_bytes(tmp_path, data):
    (tmp_path / "regulations").mkdir(exist_ok=True)
    (tmp_path / "regulations" / "x.yml").write_bytes(data)
    lib = load(tmp_path)
    assert lib.errors or "x" in lib.regulations, "the file is loaded or reported, never silently dropped"
    for p in lib.problems:
        assert str(p).startswith("regulations/x.yml") and re.search(r"[\u4e00-\u9fff]", p.message)


CELL = st.one_of(
    st.sampled_from(["单选", "多选", "判断", "填空", "单选题", "问答", "", "A", "ABD", "A,B", "对", "错", "√", "E",
                     "甲；乙", "甲|乙", "第一条", "shili#1", "shili#9", "1", "2", "4", "x", "=1+1", "（  ）", "____"]),
    st.text(alphabet="甲乙丙（）_ ;；,|ABCabc12#", max_size=12))
HEADER = ["题型", "题干", "选项A", "选项B", "选项C", "答案", "解析", "出处", "难度", "分值", "编号"]


STEM = st.text(alphabet="党员支部条例示例规定", min_size=1, max_size=10)
VALID_ROW = st.one_of(
    st.tuples(st.just("判断"), STEM, st.sampled_from(["对", "错", "√", "×", "正确"])).map(
        lambda t: [t[0], t[1], "", "", "", t[2], "解析", "shili#1", "1", "1", ""]),
    st.tuples(STEM, STEM, STEM, st.sampled_from(["A", "B", "b"])).map(
        lambda t: ["单选", t[0] + "（  ）", t[1], t[2], "", t[3], "", "第一条", "", "2", ""]),
    st.tuples(STEM, st.sampled_from(["甲", "甲|乙"])).map(
        lambda t: ["填空", t[0] + "____", "", "", "", t[1], "", "", "3", "", ""]))
ROW = st.one_of(VALID_ROW, st.lists(CELL, min_size=len(HEADER), max_size=len(HEADER)))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ROW, min_size=1, max_size=6))
def test_spreadsheet_import_writes_a_valid_bank_or_reports_rows(tmp_path, rows):
    import csv
    import shutil

    from portal.quizzes.sheet import import_quiz
    root = tmp_path / "p"
    shutil.rmtree(root, ignore_errors=True)
    (root / "regulations").mkdir(parents=True)
    (root / "quizzes").mkdir()
    (root / "regulations" / "shili.yml").write_text(
        "title: 示例条例\ncategory: 条例\nissuer: 中共中央\nstatus: 有效\ntext: |\n  第一条　示例。\n", encoding="utf-8")
    sheet = tmp_path / "题库.csv"
    with sheet.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])
    result = import_quiz(sheet, root, quiz_id="shili-zice", title="示例自测", regulation="shili")
    written = root / "quizzes" / "shili-zice.yml"
    event("refused" if result.problems else "imported")
    if result.problems:
        assert not written.exists()
        assert all(p.startswith("题库.csv") and re.search(r"[\u4e00-\u9fff]", p) for p in result.problems)
    else:
        lib = load(root)
        assert not lib.errors, [str(p) for p in lib.errors]
        assert len(lib.quizzes["shili-zice"].questions) == len(result.questions)
