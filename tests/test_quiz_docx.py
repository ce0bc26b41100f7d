"""Word question banks (.docx), built here with python-docx in the layouts units send."""
from __future__ import annotations

import docx
import pytest

from conftest import REG, ROOT, check
from portal.cli import main
from portal.content.loader import load


@pytest.fixture
def proj(project, monkeypatch):
    root = project({"regulations/shili.yml": REG})
    monkeypatch.chdir(root.parent)
    return root


def make_docx(path, *blocks):
    """Each block: a str paragraph, ("u", [(text, underlined), …]) runs, or ("table", rows)."""
    d = docx.Document()
    for b in blocks:
        if isinstance(b, str):
            d.add_paragraph(b)
        elif b[0] == "u":
            p = d.add_paragraph()
            for text, under in b[1]:
                p.add_run(text).underline = under
        else:
            rows = b[1]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            for i, r in enumerate(rows):
                for j, v in enumerate(r):
                    t.cell(i, j).text = v
    d.save(path)
    return path


def run(root, capsys, *args):
    code = main(["--root", str(root), "import-quiz", *args])
    out, err = capsys.readouterr()
    return code, out, err


def questions(root, quiz_id):
    lib = load(root)
    assert not lib.errors, [str(p) for p in lib.errors]
    return [(q.type, q.stem.strip(), q.options, q.answer) for q in lib.quizzes[quiz_id].questions]


def test_common_layouts_import_and_pass_check(proj, capsys):
    path = make_docx(
        proj.parent / "题库.docx",
        "机关党委2026年党规知识题库",
        "说明：本题库供自学使用。",
        "一、单项选择题（每题2分，共6分）",
        "1．下列关于“A.类组织”的说法，正确的是（  ）。",        # trap: the stem contains "A."
        "A．甲", "B．乙", "C．丙",
        "答案：B",
        "解析：见第一条。",
        "第二行解析。",
        "2、党的最高领导机关是（  ）。A.全国代表大会 B.中央委员会 C.中央政治局",   # options inline
        "【答案】A",
        "（3）机关党员100人以上的，设立党的（B）。",               # answer marked in the stem
        "A.总支部委员会  B.基层委员会",
        "二、多项选择题",
        "第4题 下列属于党的纪律的有（  ）",
        "A.政治纪律|B.组织纪律|C.廉洁纪律",
        "参考答案：A、B、C",
        "三、判断题",
        "5. 党员应当学习党章。（√）",                              # trap: 判断 written （√）
        "6. 党员可以不交党费。",                                    # answer in the key table
        "四、填空题",
        ("u", [("7. 党的最高领导机关是", False), ("全国代表大会", True), ("。", False)]),   # underlined answer
        ("u", [("8. 党的基层组织的任期是", False), ("      ", True)]),   # trap: blank at the end of the stem
        "答案：三年|五年",
        "9. 党的基层组织是（ ）和____。",
        "答案：党的支部；党的委员会",
        "参考答案",
        ("table", [["题号", "答案"], ["6", "×"], ["1", "B"]]),     # trap: key out of order
    )
    code, out, err = run(proj, capsys, path.name, "--id", "wd", "--title", "Word 题库")
    assert (code, err) == (0, "")
    assert "第一道题之前的 2 段（标题、说明）已跳过" in out
    assert "已写入 quizzes/wd.yml（9 题，其中 9 题新生成编号）" in out
    assert questions(proj, "wd") == [
        ("单选", "下列关于“A.类组织”的说法，正确的是（  ）。", ["甲", "乙", "丙"], ["B"]),
        ("单选", "党的最高领导机关是（  ）。", ["全国代表大会", "中央委员会", "中央政治局"], ["A"]),
        ("单选", "机关党员100人以上的，设立党的（  ）。", ["总支部委员会", "基层委员会"], ["B"]),
        ("多选", "下列属于党的纪律的有（  ）", ["政治纪律", "组织纪律", "廉洁纪律"], ["A", "B", "C"]),
        ("判断", "党员应当学习党章。", [], ["对"]),
        ("判断", "党员可以不交党费。", [], ["错"]),
        ("填空", "党的最高领导机关是____。", [], ["全国代表大会"]),
        ("填空", "党的基层组织的任期是____", [], ["三年|五年"]),
        ("填空", "党的基层组织是（ ）和____。", [], ["党的支部", "党的委员会"]),
    ]
    q1 = load(proj).quizzes["wd"].questions[0]
    assert (q1.explanation.strip(), q1.score) == ("见第一条。\n第二行解析。", 2)
    result = check(proj)
    assert result.returncode == 0, result.stderr


def test_types_inferred_without_headings_and_keys_as_lines(proj, capsys):
    path = make_docx(
        proj.parent / "无标题.docx",
        "1. 单选无标题（  ）", "A.一", "B.二",
        "2. 多选无标题（  ）", "A.一", "B.二", "C.三",
        "3. 判断无标题",
        "4. 填空无标题（  ）",
        "5.【多选题】标明题型的题（  ）", "A.一", "B.二",
        "参考答案",
        "1-3 ABC× 4.全会",                       # wrong: 1-3 needs 3 answers, gets 4
    )
    code, out, err = run(proj, capsys, path.name, "--id", "inf", "--title", "T")
    assert code == 1
    assert "无标题.docx:第14段: 答案“1-3 ABC×”：第1至3题共 3 题，答案却有 4 个" in err
    path = make_docx(
        proj.parent / "无标题.docx",
        "1. 单选无标题（  ）", "A.一", "B.二",
        "2. 多选无标题（  ）", "A.一", "B.二", "C.三",
        "3. 判断无标题",
        "4. 填空无标题（  ）",
        "5.【多选题】标明题型的题（  ）", "A.一", "B.二",
        "参考答案",
        "1-3 B AC × 4.全会 5．A",
    )
    code, out, err = run(proj, capsys, path.name, "--id", "inf", "--title", "T")
    assert (code, err) == (0, "")
    assert [(t, a) for t, _, _, a in questions(proj, "inf")] == [
        ("单选", ["B"]), ("多选", ["A", "C"]), ("判断", ["错"]), ("填空", ["全会"]), ("多选", ["A"])]


def test_numbering_restarting_per_section_needs_sections_in_the_key(proj, capsys):
    body = ["一、单选题", "1. 单（  ）", "A.一", "B.二", "二、判断题", "1. 判", "参考答案"]
    path = make_docx(proj.parent / "分节.docx", *body,
                     ("table", [["一、单选题", ""], ["1", "B"], ["二、判断题", ""], ["1", "对"]]))
    code, out, err = run(proj, capsys, path.name, "--id", "fj", "--title", "T")
    assert (code, err) == (0, "")
    assert [a for *_, a in questions(proj, "fj")] == [["B"], ["对"]]
    path = make_docx(proj.parent / "分节.docx", *body, ("table", [["题号", "答案"], ["1", "B"]]))
    code, out, err = run(proj, capsys, path.name, "--id", "fj2", "--title", "T")
    assert code == 1
    assert "分节.docx:第2段: 题号在各部分中重复，答案部分却没有按题型分开" in err


def test_horizontal_key_table(proj, capsys):
    path = make_docx(proj.parent / "横.docx", "1. 甲（  ）", "A.一", "B.二", "2. 乙", "答案",
                     ("table", [["题号", "2", "1"], ["答案", "√", "B"]]))
    code, out, err = run(proj, capsys, path.name, "--id", "h", "--title", "T")
    assert (code, err) == (0, "")
    assert [(t, a) for t, _, _, a in questions(proj, "h")] == [("单选", ["B"]), ("判断", ["对"])]


def test_every_problem_names_its_paragraph_and_quotes_it_and_nothing_is_written(proj, capsys):
    path = make_docx(
        proj.parent / "题库.docx",
        "一、单选题",                            # 1
        "1．选项跳了字母（  ）",                  # 2
        "A．甲", "C．丙",                        # 3 4
        "2．答案对不上（  ）A.甲 B.乙",            # 5
        "答案：A",                               # 6
        "这一段不知道是什么",                     # 7
        "3．没有答案的题（  ）", "A.甲", "B.乙",   # 8 9 10
        "二、判断题",                            # 11
        "4. 什么",                               # 12
        "答案：也许",                            # 13
        "5. 选项含歧义（  ）", "A.含B.字B.乙",      # 14 15
        "参考答案",                              # 16
        ("table", [["题号", "答案"], ["9", "A"], ["2", "B"]]),
    )
    code, out, err = run(proj, capsys, path.name, "--id", "bad", "--title", "T")
    lines = err.strip().split("\n")
    assert code == 1 and lines[-1] == f"共发现 {len(lines) - 1} 处问题，没有写入任何文件。"
    assert lines[:-1] == [
        "题库.docx: 答案部分（第16段之后的答案表第2行）有第9题的答案“A”，但没有这道题",
        "题库.docx:第4段: 选项字母次序不对：这里应为选项B，却是选项C（“C．丙”）",
        "题库.docx:第5段: 题后的答案“A”与答案部分的“B”不一致（“2．答案对不上（  ）A.甲 B.乙”）",
        "题库.docx:第7段: 无法识别这一段：不是题目、选项、答案或解析（题目应以“1.”“1、”“（1）”或“第1题”开头，"
        "选项以“A.”开头，答案以“答案：”开头）（“这一段不知道是什么”）",
        "题库.docx:第8段: 答案为空（“3．没有答案的题（  ）”）",
        "题库.docx:第12段: 判断题的答案应为“对”或“错”（也可写 √/×、正确/错误、是/否、T/F），这里是“也许”（“4. 什么”）",
        "题库.docx:第15段: 选项无法拆分：“B”选项的开头不确定：“B.字B.乙”、“B.乙” 都可能是选项B，"
        "请每个选项单独一行（或用“|”分隔），选项文字中的“B.”才不会被当作选项（“A.含B.字B.乙”）",
    ]
    assert not (proj / "quizzes/bad.yml").exists()
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = [line for line in guide.splitlines() if line.startswith("题库.docx:")]
    assert len(shown) == 4 and all(line in lines for line in shown), shown


def test_not_a_docx_and_no_questions(proj, capsys):
    (proj.parent / "假.docx").write_bytes(b"not a zip")
    code, out, err = run(proj, capsys, "假.docx", "--id", "x", "--title", "T")
    assert code == 1 and "假.docx: 不是有效的 .docx 文件" in err
    path = make_docx(proj.parent / "空.docx", "只有标题", "和说明")
    code, out, err = run(proj, capsys, path.name, "--id", "x", "--title", "T")
    assert code == 1 and "空.docx: 文档中没有找到题目" in err


# ---- export-quiz --docx and re-import ----------------------------------------------------

def fields(q):
    return (q.id, q.type, q.stem.strip(), q.options, q.answer, (q.explanation or "").strip() or None,
            q.source, q.difficulty, q.score)


def test_sample_quizzes_survive_export_docx_and_reimport(tmp_path, monkeypatch, capsys):
    import shutil

    root = tmp_path / "proj"
    for folder in ("regulations", "quizzes", "brands"):
        shutil.copytree(ROOT / folder, root / folder)
    before = load(root)
    fixed = [q for q in before.quizzes.values() if not q.draw]
    assert len(fixed) >= 3
    for quiz in fixed:
        out = tmp_path / f"{quiz.id}.docx"
        assert main(["--root", str(root), "export-quiz", quiz.id, "--docx", str(out)]) == 0
        code, stdout, err = run(root, capsys, str(out), "--id", quiz.id, "--title", quiz.title, "--force")
        assert (code, err) == (0, "")
        assert f"（{len(quiz.questions)} 题，其中 0 题新生成编号）" in stdout
    after = load(root)
    assert not after.errors, [str(p) for p in after.errors]
    for quiz in fixed:
        assert [fields(q) for q in after.quizzes[quiz.id].questions] == [fields(q) for q in quiz.questions]
    assert check(root).returncode == 0


def test_reimport_of_a_changed_bank_without_ids_keeps_ids_of_unchanged_questions(proj, capsys):
    first = make_docx(proj.parent / "第一版.docx",
                      "一、单选题", "1. 甲是（  ）", "A.一", "B.二", "答案：A",
                      "2. 乙是（ ）", "A.一", "B.二", "答案：B",
                      "二、判断题", "3. 丙对吗", "答案：对")
    assert run(proj, capsys, first.name, "--id", "bank", "--title", "T")[0] == 0
    before = {q.stem.strip(): q.id for q in load(proj).quizzes["bank"].questions}
    assert sorted(before.values()) == ["bank-001", "bank-002", "bank-003"]
    # the unit sends it back reordered, one stem reworded, one question added, no 编号 lines
    second = make_docx(proj.parent / "第二版.docx",
                       "一、判断题", "1. 丙对吗", "答案：√",
                       "二、单选题", "2. 乙是（  ）", "A.一", "B.二", "C.三", "答案：B",
                       "3. 甲是下列哪一个（  ）", "A.一", "B.二", "答案：A",
                       "4. 丁是（  ）", "A.一", "B.二", "答案：A")
    code, out, err = run(proj, capsys, second.name, "--id", "bank", "--title", "T", "--force")
    assert (code, err) == (0, "")
    assert "2 道没有编号的题与原题库中的题目题干相同，沿用了原编号" in out
    assert "原题库中的 1 道题不在文档中，已删除：bank-001" in out
    after = {q.stem.strip(): q.id for q in load(proj).quizzes["bank"].questions}
    assert after == {"丙对吗": before["丙对吗"], "乙是（  ）": before["乙是（ ）"],
                     "甲是下列哪一个（  ）": "bank-004", "丁是（  ）": "bank-005"}


def test_word_automatic_numbering_numbers_questions_and_letters_options(proj, capsys):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    d = docx.Document()
    numbering = d.part.numbering_part.element   # a list: 1. 2. … at level 0, A. B. … at level 1
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%2."/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text, level):
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    d.add_paragraph("一、单选题")
    numbered("党的最高领导机关是（  ）。", 0)
    numbered("全国代表大会", 1)
    numbered("中央委员会", 1)
    d.add_paragraph("答案：A")
    d.add_paragraph("党的基层组织是（  ）。", style="List Number")   # numbered through its style
    d.add_paragraph("A.党支部")
    d.add_paragraph("B.党小组")
    d.add_paragraph("答案：A")
    d.save(proj.parent / "自动编号.docx")
    code, out, err = run(proj, capsys, "自动编号.docx", "--id", "auto", "--title", "T")
    assert (code, err) == (0, "")
    assert questions(proj, "auto") == [("单选", "党的最高领导机关是（  ）。", ["全国代表大会", "中央委员会"], ["A"]),
                                       ("单选", "党的基层组织是（  ）。", ["党支部", "党小组"], ["A"])]


def test_key_lines_under_section_headings_and_answers_marked_in_the_stem(proj, capsys):
    blocks = ["党章知识测试题",
              "一、单选题（每小题1分，共3分）",
              "1．党的最高领导机关是（ A ）。", "A．全国代表大会\tB．中央委员会\tC．中央政治局",
              "2．预备党员的预备期为（  ）。", "A．半年\tB．一年\tC．两年",
              "二、判断题",
              "1. 党员应当按期交纳党费。（  ）",
              "2. 党员可以不参加组织生活。（  ）",
              "参考答案：",
              "一、单选题：1-2 AB",
              "二、判断题：1.√ 2.×"]
    make_docx(proj.parent / "测试题.docx", *blocks)
    code, out, err = run(proj, capsys, "测试题.docx", "--id", "cs", "--title", "T")
    assert (code, err) == (0, "")
    assert questions(proj, "cs") == [
        ("单选", "党的最高领导机关是（  ）。", ["全国代表大会", "中央委员会", "中央政治局"], ["A"]),
        ("单选", "预备党员的预备期为（  ）。", ["半年", "一年", "两年"], ["B"]),
        ("判断", "党员应当按期交纳党费。（  ）", [], ["对"]),
        ("判断", "党员可以不参加组织生活。（  ）", [], ["错"]),
    ]
    blocks[-2] = "一、单选题：1-2 CB"
    make_docx(proj.parent / "测试题.docx", *blocks)
    code, out, err = run(proj, capsys, "测试题.docx", "--id", "cs2", "--title", "T")
    assert code == 1
    assert "测试题.docx:第3段: 题干中标出的答案“A”与答案“C”不一致（“1．党的最高领导机关是（ A ）。”）" in err


def test_answer_on_the_paragraph_after_a_bare_answer_line(proj, capsys):
    path = make_docx(proj.parent / "下一段.docx",
                     "1. 甲（  ）", "A.一", "B.二", "答案：", "B",
                     "2. 乙（  ）", "A.一", "B.二",
                     "参考答案：", "2.A")
    code, out, err = run(proj, capsys, path.name, "--id", "xy", "--title", "T")
    assert (code, err) == (0, "")
    assert [a for *_, a in questions(proj, "xy")] == [["B"], ["A"]]
