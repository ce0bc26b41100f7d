"""Question-bank spreadsheets: import-quiz / export-quiz (problems by row, ids, round trips)."""
from __future__ import annotations

import datetime

import openpyxl
import pytest

from conftest import REG, check, run_portal
from portal.cli import main
from portal.content.loader import load
from portal.quizzes.sheet import Context, check_row

HEAD = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "出处", "难度", "分值", "标签", "编号"]
ALIASES = {" 题 型 ": "题型", "选项Ａ": "选项A", "正确答案": "答案", "答案解析": "解析"}   # as editors type them
EXTRA = {"explanation": "解析", "source": "出处", "difficulty": "难度", "score": "分值", "tags": "标签", "id": "编号"}
OLD_QUIZ = """\
title: 旧题库
questions:
  - id: old-001
    type: 判断
    stem: 旧题
    answer: 对
"""


def row(qtype, stem, options=(), answer=None, header=HEAD, **extra):
    values = {"题型": qtype, "题干": stem, "答案": answer}
    values.update({f"选项{'ABCDEFGH'[i]}": o for i, o in enumerate(options)})
    values.update({EXTRA[k]: v for k, v in extra.items()})
    return [values.get(ALIASES.get(h, h)) for h in header]


def make_xlsx(path, rows, header=HEAD, title="Sheet1", more=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in [header, *rows]:
        ws.append(r)
    for name, extra_rows in (more or {}).items():
        extra = wb.create_sheet(name)
        for r in [header, *extra_rows]:
            extra.append(r)
    wb.save(path)
    return path


def make_csv(path, rows, header=HEAD, encoding="utf-8"):
    def cell(v):
        s = "" if v is None else str(v)
        return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n') else s
    text = "".join(",".join(cell(v) for v in r) + "\r\n" for r in [header, *rows])
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def proj(project, monkeypatch):
    """A project with regulation `shili` (2 articles) and quiz `old`; cwd is its parent,
    so sheets are passed by bare file name as an editor would."""
    root = project({"regulations/shili.yml": REG, "quizzes/old.yml": OLD_QUIZ})
    monkeypatch.chdir(root.parent)
    return root


def portal(root, *args):
    return main(["--root", str(root), *args])


def import_ok(root, capsys, *args):
    code = portal(root, "import-quiz", *args)
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err
    return out


def import_fail(root, capsys, *args) -> list[str]:
    code = portal(root, "import-quiz", *args)
    out, err = capsys.readouterr()
    assert code == 1
    lines = err.strip().split("\n")
    assert lines[-1] == f"共发现 {len(lines) - 1} 处问题，没有写入任何文件。"
    return lines[:-1]


def loaded(root, quiz_id):
    lib = load(root)
    assert not lib.errors, [str(p) for p in lib.errors]
    return lib.quizzes[quiz_id].questions


def fields(q):
    return (q.id, q.type, q.stem.strip(), q.options, q.answer, (q.explanation or "").strip() or None,
            q.source, q.difficulty, q.score)


# ---- a clean sheet ----------------------------------------------------------------

def test_import_writes_contract_yaml_that_passes_check(proj, capsys):
    header = ["序号", " 题 型 ", "题干", "选项Ａ", "选项B", "选项C", "正确答案", "答案解析", "出处", "难度", "分值", "编号", "备注"]
    rows = [
        row("单选题", "机关党员100人以上的，设立党的（  ）。", ["基层委员会", "总支部委员会", "支部委员会"], "a",
            header=header, explanation="见第一条。\n第二行", source="shili#1", difficulty=2.0, score=2.0, id="JG-001"),
        row("多项选择题", "下列正确的有", ["甲", "乙", 3.0], "A、C", header=header, source="《示例工作条例》第二条"),
        row("判断题", "党员应当学习党章。", (), "√", header=header, difficulty=1),
        row("填空", "党的最高领导机关是（  ）和____。", (), "全国代表大会|党的全国代表大会；中央委员会", header=header),
    ]
    rows[0][0] = 1
    out = import_ok(proj, capsys, make_xlsx(proj.parent / "题库.xlsx", rows, header=header).name,
                    "--id", "jg", "--title", "示例自测", "--regulation", "shili", "--pass", "80")
    assert out.split("\n")[0] == "忽略的列：序号、备注"
    assert "已写入 quizzes/jg.yml（4 题，其中 3 题新生成编号）" in out
    text = (proj / "quizzes/jg.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/quiz.schema.json\n"
                           "title: 示例自测\nregulation: shili\npass: 80\nquestions:\n  - id: jg-001\n    type: 单选\n")
    assert "\n    options: [基层委员会, 总支部委员会, 支部委员会]\n    answer: A\n    explanation: |\n" in text
    assert [fields(q) for q in loaded(proj, "jg")] == [
        ("jg-001", "单选", "机关党员100人以上的，设立党的（  ）。", ["基层委员会", "总支部委员会", "支部委员会"], ["A"],
         "见第一条。\n第二行", "shili#1", 2, 2),
        ("jg-002", "多选", "下列正确的有", ["甲", "乙", "3"], ["A", "C"], None, "shili#2", None, 1),
        ("jg-003", "判断", "党员应当学习党章。", [], ["对"], None, None, 1, 1),
        ("jg-004", "填空", "党的最高领导机关是（  ）和____。", [], ["全国代表大会|党的全国代表大会", "中央委员会"],
         None, None, None, 1),
    ]
    result = check(proj)
    assert result.returncode == 0, result.stderr
    assert "题库 2 个（5 题）" in result.stdout


@pytest.mark.parametrize("qtype, answer, expected", [
    ("单选", "b", "B"), ("单选", " Ｃ ", "C"),
    ("多选", "ABD", "ABD"), ("多选", "A,B,D", "ABD"), ("多选", "A、B、D", "ABD"), ("多选", "a b d", "ABD"),
    ("多选", "D，A；B", "ABD"),
    ("判断", "对", "对"), ("判断", "√", "对"), ("判断", "✓", "对"), ("判断", "正确", "对"), ("判断", "是", "对"),
    ("判断", "t", "对"), ("判断", True, "对"), ("判断", "错", "错"), ("判断", "×", "错"), ("判断", "✗", "错"),
    ("判断", "错误", "错"), ("判断", "否", "错"), ("判断", "F", "错"), ("判断", False, "错"),
    ("填空", "甲；乙", ["甲", "乙"]), ("填空", "甲;乙；", ["甲", "乙"]), ("填空", " 甲 | 丙 ；乙", ["甲|丙", "乙"]),
    ("填空", "甲||乙", ["甲|乙"]), ("填空", 100, ["100"]),
])
def test_answer_forms_are_normalised(qtype, answer, expected):
    stem = "（  ）" * len(expected) if qtype == "填空" else "一（  ）"
    cells = {"题型": qtype, "题干": stem, "答案": answer}
    if qtype in ("单选", "多选"):
        cells.update({"选项A": "一", "选项B": "二", "选项C": "三", "选项D": "四"})
    question, problems = check_row(cells, Context(None, {}, {}), 2)
    assert problems == []
    assert question["answer"] == expected


def test_excel_numbers_render_without_point_zero():
    cells = {"题型": "填空", "题干": "（  ）年", "答案": 1921.0, "难度": 3.0, "分值": 5.0, "编号": 7.0}
    question, problems = check_row(cells, Context(None, {}, {}), 2)
    assert problems == []
    assert (question["answer"], question["difficulty"], question["score"], question["id"]) == (["1921"], 3, 5, "7")


@pytest.mark.parametrize("cell, expected", [(1, 1), ("2", 2), (3.0, 3), ("易", 1), ("中", 2), ("难", 3)])
def test_difficulty_forms(cell, expected):
    question, problems = check_row({"题型": "判断", "题干": "x", "答案": "对", "难度": cell}, Context(None, {}, {}), 2)
    assert (question["difficulty"], problems) == (expected, [])


def test_judge_with_correct_wrong_options_and_letter_answer(proj, capsys):
    rows = [row("判断", "对吗", ["正确", "错误"], "B")]
    import_ok(proj, capsys, make_xlsx(proj.parent / "题库.xlsx", rows).name, "--id", "pd", "--title", "判断")
    [q] = loaded(proj, "pd")
    assert (q.answer, q.options) == (["错"], [])


def test_other_choices_are_an_error_in_judge_rows(proj, capsys):
    rows = [row("判断", "对吗", ["可能", "错误"], "B"), row("填空", "（  ）", ["甲"], "甲")]
    assert import_fail(proj, capsys, make_xlsx(proj.parent / "题库.xlsx", rows).name, "--id", "pd", "--title", "T") == [
        "题库.xlsx:第2行: 判断题不需要选项，请清空选项A、选项B",
        "题库.xlsx:第3行: 填空题不需要选项，请清空选项A",
    ]


# ---- every problem, by sheet row ---------------------------------------------------

def test_every_problem_is_reported_by_row_and_nothing_is_written(proj, capsys):
    ok = row("单选", "甲是（  ）。", ["一", "二", "三"], "A")
    rows = [
        ok,                                                                     # 2
        row("问答", "谈谈体会", (), "略"),                                        # 3
        row("判断", None, (), "对"),                                             # 4
        row("单选", "只有一个选项", ["一"], "A"),                                 # 5
        row("多选", "缺B", ["一", None, "三"], "AC"),                            # 6
        [],                                                                     # 7 blank: skipped
        row("单选", "E?", ["一", "二", "三", "四"], "E"),                         # 8
        row("单选", "两个答案", ["一", "二"], "A,B"),                              # 9
        row("填空", "两空____和（  ）", (), "甲"),                                # 10
        row("判断", "对", (), "对", source="第五条"),                            # 11
        row("判断", "对", (), "对", source="nosuch#1"),                          # 12
        row("判断", "对", (), "对", source="shili#9"),                           # 13
        row("判断", "对", (), "对", difficulty=4),                               # 14
        row("判断", "对", (), "对", score=0),                                    # 15
        row("判断", "对", (), "对", score=1.5),                                  # 16
        row("判断", "对", (), "对", id="dup-1"),                                 # 17
        row("判断", "对", (), "对", id="DUP-1"),                                 # 18
        row("判断", "对", (), "对", id="old-001"),                               # 19
        row("判断", "对", (), "对", id="第一题"),                                 # 20
        row("填空", "（  ）", (), datetime.datetime(2024, 3, 1)),                # 21
        row("判断", "对", (), "大概"),                                            # 22
        row("单选", "没答案", ["一", "二"], None),                                 # 23
        row("单选", None, ["一", "二"], "Z", difficulty="很难"),                   # 24
        row("多选", "重复", ["一", "二"], "AA"),                                   # 25
        row("单选", "写了选项内容", ["一", "二"], "一"),                            # 26
    ]
    make_xlsx(proj.parent / "题库.xlsx", rows)
    assert import_fail(proj, capsys, "题库.xlsx", "--id", "new", "--title", "新题库") == [
        "题库.xlsx:第3行: 题型“问答”无法识别：应为 单选、多选、判断 或 填空",
        "题库.xlsx:第4行: 题干为空",
        "题库.xlsx:第5行: 单选题至少要有 2 个选项，这里只有 1 个",
        "题库.xlsx:第6行: 选项B为空，但其后的选项C有内容：选项要从A起连续填写",
        "题库.xlsx:第8行: 答案“E”不在选项中",
        "题库.xlsx:第9行: 单选题只能有一个答案，这里是“AB”",
        "题库.xlsx:第10行: 填空题的题干有 2 个空（“（  ）”或“____”），答案却有 1 项",
        "题库.xlsx:第11行: 出处“第五条”格式不对：应为“法规编号#条号”（如 jiguan-jiceng-zuzhi#5）或“《法规标题》第五条”",
        "题库.xlsx:第12行: 出处“nosuch#1”中的法规“nosuch”不存在（regulations/ 中没有 nosuch.yml）",
        "题库.xlsx:第13行: 出处“shili#9”：《示例工作条例》没有第9条（共 2 条）",
        "题库.xlsx:第14行: 难度应为 1、2 或 3（1 易，2 中，3 难），这里是“4”",
        "题库.xlsx:第15行: 分值应为正整数（1–100），这里是“0”",
        "题库.xlsx:第16行: 分值应为正整数（1–100），这里是“1.5”",
        "题库.xlsx:第18行: 编号“dup-1”与第17行重复",
        "题库.xlsx:第19行: 编号“old-001”已在 quizzes/old.yml 中使用：题目编号在所有题库中必须唯一",
        "题库.xlsx:第20行: 编号“第一题”不合格：只能用小写字母、数字和“-”，如 jg-001",
        "题库.xlsx:第21行: 答案是日期：Excel 把输入自动转换成了日期，请把单元格格式设为“文本”后重新输入",
        "题库.xlsx:第22行: 判断题的答案应为“对”或“错”（也可写 √/×、正确/错误、是/否、T/F），这里是“大概”",
        "题库.xlsx:第23行: 答案为空",
        "题库.xlsx:第24行: 题干为空",
        "题库.xlsx:第24行: 答案“Z”应为选项字母，如 A 或 ABD",
        "题库.xlsx:第24行: 难度应为 1、2 或 3（1 易，2 中，3 难），这里是“很难”",
        "题库.xlsx:第25行: 答案“AA”中有重复的字母",
        "题库.xlsx:第26行: 答案“一”应为选项字母，如 A 或 ABD",
    ]
    assert not (proj / "quizzes/new.yml").exists()


def test_missing_required_columns_is_one_error(proj, capsys):
    header = ["题干", "选项A", "选项B", "解析"]
    make_xlsx(proj.parent / "题库.xlsx", [["甲", "一", "二", "x"], ["乙", "一", "二", None]], header=header)
    assert import_fail(proj, capsys, "题库.xlsx", "--id", "new", "--title", "T") == [
        "题库.xlsx:第1行: 表头缺少必需的列：题型、答案"]


def test_duplicate_header_and_empty_sheet(proj, capsys):
    make_xlsx(proj.parent / "a.xlsx", [row("判断", "x", (), "对") + ["y"]], header=HEAD + ["试题"])
    assert import_fail(proj, capsys, "a.xlsx", "--id", "new", "--title", "T") == [
        "a.xlsx:第1行: 表头“题干”出现了 2 次（第B列、第N列）"]
    make_xlsx(proj.parent / "b.xlsx", [[], []])
    assert import_fail(proj, capsys, "b.xlsx", "--id", "new", "--title", "T") == [
        "b.xlsx: 表格中没有题目（表头之后都是空行）"]


def test_columns_in_any_order_with_title_row_above(proj, capsys):
    header = ["编号", "答案", "选项B", "选项A", "题干", "题型"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["党章知识题库（2024年版）"])
    for r in [header, ["x-1", "b", "乙", "甲", "选（  ）", "单选"]]:
        ws.append(r)
    wb.save(proj.parent / "题库.xlsx")
    out = import_ok(proj, capsys, "题库.xlsx", "--id", "x", "--title", "T")
    assert "表头在第2行，之前的标题行已跳过" in out
    [q] = loaded(proj, "x")
    assert (q.id, q.options, q.answer) == ("x-1", ["甲", "乙"], ["B"])


def test_sheet_option_selects_sheet_and_prefixes_rows(proj, capsys):
    bad = [row("单选", "x", ["一", "二"], "C")]
    make_xlsx(proj.parent / "题库.xlsx", [row("判断", "x", (), "对")], title="第一套", more={"第二套": bad})
    out = import_ok(proj, capsys, "题库.xlsx", "--id", "one", "--title", "T")
    assert "读取第一个工作表“第一套”（共 2 个，可用 --sheet 指定）" in out
    assert import_fail(proj, capsys, "题库.xlsx", "--sheet", "第二套", "--id", "two", "--title", "T") == [
        "题库.xlsx[第二套]:第2行: 答案“C”不在选项中"]
    assert import_fail(proj, capsys, "题库.xlsx", "--sheet", "第三套", "--id", "two", "--title", "T") == [
        "题库.xlsx: 没有名为“第三套”的工作表（现有：第一套、第二套）"]


# ---- CSV -------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings(proj, capsys, encoding):
    rows = [row("单选", "党的根本组织原则是（  ）。", ["民主集中制", "集体领导"], "A", explanation="见党章，第十条"),
            row("填空", "第一行\n第二行（  ）", (), "甲；", id="CSV-9")]
    make_csv(proj.parent / "题库.csv", rows, encoding=encoding)
    import_ok(proj, capsys, "题库.csv", "--id", "c", "--title", "T")
    assert [fields(q) for q in loaded(proj, "c")] == [
        ("c-001", "单选", "党的根本组织原则是（  ）。", ["民主集中制", "集体领导"], ["A"], "见党章，第十条", None, None, 1),
        ("csv-9", "填空", "第一行\n第二行（  ）", [], ["甲"], None, None, None, 1),
    ]


def test_csv_problem_rows_count_records(proj, capsys):
    rows = [row("判断", "多行\n题干", (), "对"), row("判断", "x", (), "也许")]
    make_csv(proj.parent / "题库.csv", rows, encoding="gbk")
    assert import_fail(proj, capsys, "题库.csv", "--id", "c", "--title", "T") == [
        "题库.csv:第3行: 判断题的答案应为“对”或“错”（也可写 √/×、正确/错误、是/否、T/F），这里是“也许”"]


def test_unreadable_files(proj, capsys):
    (proj.parent / "bad.csv").write_bytes(b"\xff\xfe\x00\xd8garbage\x81")
    (proj.parent / "bad.xlsx").write_bytes(b"not a zip")
    (proj.parent / "old.xls").write_bytes(b"x")
    assert import_fail(proj, capsys, "bad.csv", "--id", "n", "--title", "T") == [
        "bad.csv: CSV 文件不是 UTF-8 或 GBK 编码：请在 Excel 中另存为“CSV UTF-8”"]
    assert import_fail(proj, capsys, "bad.xlsx", "--id", "n", "--title", "T") == [
        "bad.xlsx: 不是有效的 .xlsx 文件（文件损坏，或是改了扩展名的其他格式）"]
    assert import_fail(proj, capsys, "old.xls", "--id", "n", "--title", "T") == [
        "old.xls: 不支持旧版 .xls 格式：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV"]


# ---- ids ---------------------------------------------------------------------------

def test_generated_ids_continue_after_existing_file_and_sheet(proj, capsys):
    (proj / "quizzes/zb.yml").write_text(
        "title: 旧\nregulation: shili\npass: 90\ntags: [纪律]\nquestions:\n"
        "  - {id: zb-007, type: 判断, stem: 七, answer: 对}\n  - {id: zb-002, type: 判断, stem: 二, answer: 错}\n",
        encoding="utf-8")
    rows = [row("判断", "二", (), "错", id="zb-002"), row("判断", "新一", (), "对"),
            row("判断", "有编号", (), "对", id="ZB-009"), row("判断", "新二", (), "对")]
    make_xlsx(proj.parent / "题库.xlsx", rows)
    assert import_fail(proj, capsys, "题库.xlsx", "--id", "zb", "--title", "T") == [
        "quizzes/zb.yml 已存在（确需覆盖请加 --force）"]
    out = import_ok(proj, capsys, "题库.xlsx", "--id", "zb", "--title", "T", "--force")
    assert "原题库中的 1 道题不在表格中，已删除：zb-007" in out
    assert [q.id for q in loaded(proj, "zb")] == ["zb-002", "zb-010", "zb-009", "zb-011"]
    quiz = load(proj).quizzes["zb"]   # settings the sheet cannot carry survive a re-import
    assert (quiz.tags, quiz.regulation, quiz.pass_mark, quiz.title) == (["纪律"], "shili", 90, "T")
    # re-import the same sheet with its ids filled in: nothing moves
    make_xlsx(proj.parent / "题库.xlsx", [r[:-1] + [i] for r, i in zip(rows, ["zb-002", "zb-010", "zb-009", "zb-011"])])
    import_ok(proj, capsys, "题库.xlsx", "--id", "zb", "--title", "T", "--force")
    assert [q.id for q in loaded(proj, "zb")] == ["zb-002", "zb-010", "zb-009", "zb-011"]


def test_generated_ids_skip_ids_of_other_quizzes(proj, capsys):
    make_xlsx(proj.parent / "题库.xlsx", [row("判断", "一", (), "对"), row("判断", "二", (), "对")])
    import_ok(proj, capsys, "题库.xlsx", "--id", "old2", "--title", "T")
    (proj / "quizzes/old.yml").write_text(OLD_QUIZ.replace("old-001", "nw-001"), encoding="utf-8")
    import_ok(proj, capsys, "题库.xlsx", "--id", "nw", "--title", "T")
    assert [q.id for q in loaded(proj, "nw")] == ["nw-002", "nw-003"]


def test_bad_arguments_are_reported(proj, capsys):
    make_xlsx(proj.parent / "题库.xlsx", [row("判断", "一", (), "对")])
    assert import_fail(proj, capsys, "题库.xlsx", "--id", "Bad_Id", "--title", " ", "--regulation", "nosuch",
                       "--pass", "120") == [
        "--id：题库编号“Bad_Id”不合格：只能用小写字母、数字和“-”",
        "--title：标题不能为空",
        "--regulation：法规“nosuch”不存在（regulations/ 中没有 nosuch.yml）",
        "--pass：及格线应为 0–100 的整数，这里是 120",
    ]
    assert sorted(p.name for p in (proj / "quizzes").iterdir()) == ["old.yml"]


def test_article_only_source_with_regulation(proj, capsys):
    make_xlsx(proj.parent / "题库.xlsx", [row("判断", "一", (), "对", source="第二条"),
                                         row("判断", "二", (), "对", source="SHILI＃1")])
    import_ok(proj, capsys, "题库.xlsx", "--id", "s", "--title", "T", "--regulation", "shili")
    assert [q.source for q in loaded(proj, "s")] == ["shili#2", "shili#1"]


def test_tags_column_is_not_imported_but_announced(proj, capsys):
    make_xlsx(proj.parent / "题库.xlsx", [row("判断", "一", (), "对", tags="纪律")])
    out = import_ok(proj, capsys, "题库.xlsx", "--id", "t", "--title", "T")
    assert "“标签”列的内容没有导入：题目没有单独的标签，题库标签写在 quizzes/t.yml 的 tags 中" in out
    assert "tags" not in (proj / "quizzes/t.yml").read_text(encoding="utf-8")


# ---- export and round trips --------------------------------------------------------

BANK = """\
title: 往返测试
regulation: shili
pass: 70
questions:
  - id: rt-a
    type: 单选
    stem: |
      多行题干：第一行
      第二行 "引号" #号 - 横线（  ）
    options: ["=1+1", "100", "yes", "甲: 乙"]
    answer: D
    explanation: 解析**加粗**
    source: shili#2
    difficulty: 3
    score: 4
  - id: rt-b
    type: 多选
    stem: 哪些？
    options: [一, 二, 三]
    answer: [C, A]
  - id: rt-c
    type: 判断
    stem: "- 以横线开头"
    answer: 错
  - id: rt-d
    type: 填空
    stem: （  ）和____
    answer: [甲|乙, "3"]
    difficulty: 1
"""


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_round_trip(project, capsys, tmp_path, fmt):
    root = project({"regulations/shili.yml": REG, "quizzes/rt.yml": BANK})
    original = [fields(q) for q in loaded(root, "rt")]
    out = tmp_path / f"题库.{fmt}"
    assert portal(root, "export-quiz", "rt", f"--{fmt}", str(out)) == 0
    assert f"已导出 {out}（4 题）" in capsys.readouterr().out
    (root / "quizzes/rt.yml").unlink()   # ids are unique across quizzes: free them for the copy
    import_ok(root, capsys, str(out), "--id", "copy", "--title", "副本")
    assert [fields(q) for q in loaded(root, "copy")] == original
    assert check(root).returncode == 0


def test_export_layout_xlsx(project, capsys, tmp_path):
    root = project({"regulations/shili.yml": REG, "quizzes/rt.yml": BANK})
    assert portal(root, "export-quiz", "rt", "--xlsx", str(tmp_path / "o.xlsx")) == 0
    ws = openpyxl.load_workbook(tmp_path / "o.xlsx").worksheets[0]
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    assert values[0] == ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "出处", "难度", "分值",
                         "标签", "编号"]
    assert values[1][2] == "=1+1" and ws["C2"].data_type == "s"     # text, not a formula
    assert [r[6] for r in values[1:]] == ["D", "AC", "错", "甲|乙；3"]
    assert [r[11] for r in values[1:]] == [None] * 4
    assert [r[9:11] for r in values[1:]] == [[3, 4], [None, 1], [None, 1], [1, 1]]


def test_export_csv_has_bom_and_only_used_option_columns(project, capsys, tmp_path):
    bank = BANK.split("  - id: rt-a")[0] + "  - id: j\n    type: 判断\n    stem: x\n    answer: 对\n"
    root = project({"regulations/shili.yml": REG, "quizzes/rt.yml": bank})
    assert portal(root, "export-quiz", "rt", "--csv", str(tmp_path / "o.csv")) == 0
    data = (tmp_path / "o.csv").read_bytes()
    assert data.startswith("\ufeff题型,题干,答案,解析,出处,难度,分值,标签,编号\r\n".encode("utf-8"))
    assert data.decode("utf-8-sig").split("\r\n")[1] == "判断,x,对,,,,1,,j"


def test_export_refuses_exams_and_unknown_quizzes(project, capsys, tmp_path):
    exam = "title: 模拟考试\ndraw:\n  - {type: 判断, count: 1}\n"
    broken = OLD_QUIZ.replace("old-001", "b-1").replace("answer: 对", "answer: 大概")
    root = project({"regulations/shili.yml": REG, "quizzes/old.yml": OLD_QUIZ, "quizzes/exam.yml": exam,
                    "quizzes/broken.yml": broken})
    assert portal(root, "export-quiz", "exam", "--xlsx", str(tmp_path / "o.xlsx")) == 1
    assert capsys.readouterr().err.strip() == "模拟考试“exam”没有固定题目，无法导出"
    assert portal(root, "export-quiz", "nope", "--csv", str(tmp_path / "o.csv")) == 1
    assert capsys.readouterr().err.strip() == "题库“nope”不存在（没有 quizzes/nope.yml）"
    assert portal(root, "export-quiz", "broken", "--csv", str(tmp_path / "o.csv")) == 1
    assert capsys.readouterr().err.strip() == "quizzes/broken.yml 有错误，请先运行 python -m portal check 修正"
    assert not (tmp_path / "o.xlsx").exists() and not (tmp_path / "o.csv").exists()


# ---- the real CLI ------------------------------------------------------------------

def test_cli_exit_codes_end_to_end(proj):
    make_xlsx(proj.parent / "bad.xlsx", [row("单选", "x", ["一", "二"], "E")])
    make_xlsx(proj.parent / "good.xlsx", [row("单选", "x（  ）", ["一", "二"], "B", source="shili#1")])
    bad = run_portal("--root", str(proj), "import-quiz", "bad.xlsx", "--id", "q", "--title", "T", cwd=proj.parent)
    assert (bad.returncode, bad.stderr) == (1, "bad.xlsx:第2行: 答案“E”不在选项中\n共发现 1 处问题，没有写入任何文件。\n")
    assert not (proj / "quizzes/q.yml").exists()
    good = run_portal("--root", str(proj), "import-quiz", "good.xlsx", "--id", "q", "--title", "T", cwd=proj.parent)
    assert good.returncode == 0, good.stderr
    assert check(proj).returncode == 0
    again = run_portal("--root", str(proj), "import-quiz", "good.xlsx", "--id", "q", "--title", "T", cwd=proj.parent)
    assert again.returncode == 1 and "已存在（确需覆盖请加 --force）" in again.stderr
    export = run_portal("--root", str(proj), "export-quiz", "q", "--csv", "q.csv", cwd=proj.parent)
    assert export.returncode == 0 and (proj.parent / "q.csv").is_file()
