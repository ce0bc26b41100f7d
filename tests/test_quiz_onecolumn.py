"""Spreadsheets with all options in one 选项 cell, as banks from other units come."""
from __future__ import annotations

import pytest

from conftest import REG, ROOT, check
from portal.cli import main
from portal.content.loader import load
from portal.quizzes.options import split_options
from test_quizsheet import make_csv, make_xlsx

HEAD = ["序号", "题目", "题型", "选项", "正确答案", "答案解析"]


@pytest.fixture
def proj(project, monkeypatch):
    root = project({"regulations/shili.yml": REG})
    monkeypatch.chdir(root.parent)
    return root


def run(root, capsys, *args):
    code = main(["--root", str(root), "import-quiz", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("cell, expected", [
    ("A.基础组织\nB.基层委员会\nC.支部委员会", ["基础组织", "基层委员会", "支部委员会"]),
    ("A、甲|B、乙|C、丙", ["甲", "乙", "丙"]),
    ("A．甲；B．乙", ["甲", "乙"]),
    ("A:甲 B:乙", ["甲", "乙"]),
    ("(A)甲(B)乙", ["甲", "乙"]),
    ("（A）甲 （B）乙", ["甲", "乙"]),
    ("A)甲 B)乙 C)丙", ["甲", "乙", "丙"]),
    ("A.甲B.乙C.丙", ["甲", "乙", "丙"]),          # only the next label separates them
    ("Ａ．甲 Ｂ．乙", ["甲", "乙"]),                  # full-width letters
    ("A.维生素B.族\nB.钙", ["维生素B.族", "钙"]),      # "B." inside a line-separated option is text
    ("A.CPU.B.内存", ["CPU.", "内存"]),              # a letter inside a word is no label
])
def test_one_cell_forms(cell, expected):
    assert split_options(cell) == (expected, None)


@pytest.mark.parametrize("cell, says", [
    ("A.含B.字B.乙", "“B”选项的开头不确定"),
    ("A.甲\nB.乙\nC.维生素D.", "在上一个选项的文字中间"),
    ("A.甲 B.乙 A.丙", "但选项A前面已经有了"),
    ("甲 B.乙", "应以选项字母“A.”开头"),
])
def test_ambiguous_cells_are_not_guessed(cell, says):
    options, problem = split_options(cell)
    assert options == [] and says in problem


def test_bank_with_title_row_and_one_option_column_imports(proj, capsys):
    rows = [
        ["机关党委2026年学习题库", None, None, None, None, None],
        HEAD,
        [1, "机关党员100人以上的，设立党的（  ）。", "单项选择题", "A.基础组织\nB.基层委员会\nC.总支部委员会", "B", "见第一条"],
        [2, "下列正确的有（  ）。", "多选题", "A、甲|B、乙|C、丙", "A,C", None],
        [3, "多选答案连写", "多选", "A．甲；B．乙；C．丙", "AB", None],
        [4, "顿号分隔的答案", "多选", "A:甲 B:乙 C:丙", "A、B", None],
        [5, "党员应当学习党章。", "判断", None, "√", None],
        [6, "党员可以不交党费。", "判断题", "A.正确 B.错误", "B", None],
        [7, "写作正确/错误", "判断", None, "正确", None],
        [8, "写作T/F", "判断", None, "F", None],
        [9, "党的最高领导机关是（  ）。", "填空", None, "全国代表大会", None],
    ]
    path = make_xlsx(proj.parent / "外单位题库.xlsx", rows[1:], header=rows[0])
    code, out, err = run(proj, capsys, path.name, "--id", "wai", "--title", "外单位题库")
    assert (code, err) == (0, "")
    assert "忽略的列：序号" in out and "表头在第2行" in out
    qs = load(proj).quizzes["wai"].questions
    assert [(q.type, q.options, q.answer) for q in qs] == [
        ("单选", ["基础组织", "基层委员会", "总支部委员会"], ["B"]),
        ("多选", ["甲", "乙", "丙"], ["A", "C"]),
        ("多选", ["甲", "乙", "丙"], ["A", "B"]),
        ("多选", ["甲", "乙", "丙"], ["A", "B"]),
        ("判断", [], ["对"]), ("判断", [], ["错"]), ("判断", [], ["对"]), ("判断", [], ["错"]),
        ("填空", [], ["全国代表大会"]),
    ]
    assert check(proj).returncode == 0


def test_ambiguous_cell_is_reported_with_row_and_cell_and_nothing_written(proj, capsys):
    rows = [
        HEAD,
        [1, "甲（  ）", "单选", "A.含B.字B.乙", "A", None],
        [2, "乙（  ）", "单选", "A.甲\nB.乙\nC.维生素D.", "A", None],
        [3, "丙（  ）", "单选", "甲、乙", "A", None],
    ]
    for path in (make_csv(proj.parent / "题库.csv", rows[1:], header=HEAD),
                 make_xlsx(proj.parent / "题库.xlsx", rows, header=["机关党委学习题库"])):
        code, out, err = run(proj, capsys, path.name, "--id", "amb", "--title", "T")
        lines = err.strip().split("\n")
        assert code == 1 and lines[-1] == "共发现 3 处问题，没有写入任何文件。"
        first = 2 if path.suffix == ".csv" else 3     # the xlsx has a title row above the header
        assert lines[0].startswith(f"{path.name}:第{first}行: “选项”单元格（D{first}）无法拆分成选项："
                                   "“B”选项的开头不确定")
        assert lines[1].startswith(f"{path.name}:第{first + 1}行: “选项”单元格（D{first + 1}）无法拆分成选项："
                                   "“D.”在上一个选项的文字中间")
        assert lines[2].startswith(f"{path.name}:第{first + 2}行: “选项”单元格（D{first + 2}）无法拆分成选项："
                                   "应以选项字母“A.”开头")
        assert not (proj / "quizzes/amb.yml").exists()
    # the guide shows these very messages
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = [line for line in guide.splitlines() if line.startswith("题库.xlsx:")]
    assert len(shown) == 3 and shown == lines[:-1]


def test_one_cell_and_option_columns_together_is_an_error(proj, capsys):
    header = ["题型", "题干", "选项", "选项A", "选项B", "答案"]
    path = make_xlsx(proj.parent / "题库.xlsx", [["单选", "甲", "A.一 B.二", "一", "二", "A"]], header=header)
    code, out, err = run(proj, capsys, path.name, "--id", "both", "--title", "T")
    assert code == 1
    assert "题库.xlsx:第2行: “选项”列和选项A、选项B都有内容：选项只能写在一处" in err


from hypothesis import given, settings, strategies as st   # noqa: E402

OPTION_TEXT = st.text(alphabet="党员组织纪律甲乙丙丁123，（）“”《》", min_size=1, max_size=12).filter(
    lambda o: not o.endswith("（"))   # "A)甲（ B)乙" really is ambiguous
LABELS = ["{}.", "{}、", "{}．", "{}:", "({})", "（{}）", "{})"]


@settings(max_examples=200, deadline=None)
@given(options=st.lists(OPTION_TEXT, min_size=2, max_size=8), sep=st.sampled_from(["\n", "|", "；", " ", ""]),
       label=st.sampled_from(LABELS))
def test_any_options_joined_in_one_cell_split_back(options, sep, label):
    cell = sep.join(label.format("ABCDEFGH"[i]) + o for i, o in enumerate(options))
    assert split_options(cell) == (options, None)
