"""The content audit (issue 15): answers grounded in the cited article, review states,
confirmations, revisions, and the policy `portal check` applies."""
from __future__ import annotations

import re
from datetime import date

import pytest

from conftest import check
from portal.audit.normalise import normalise
from portal.cli import main

REG = """\
title: 中国共产党示例工作条例
short_title: 示例条例
category: 条例
issuer: 中共中央
status: 有效
text: |
  第一条　为了示例，制定本条例。
  第二条　党支部每月召开一次支部委员会会议，每3个月召开一次党员大会。
  （一）坚持把党的政治建设摆在首位；
  （二）担负直接教育党员、管理党员、监督党员的职责。
  第三条　党员应当“支部建在连上”，按期交纳党费。
"""

OLD_REG = """\
title: 中国共产党旧示例条例
category: 条例
issuer: 中共中央
status: 已废止
superseded_by: shili
text: |
  第一条　党支部每季度召开一次党员大会。
"""


def quiz(questions: str) -> str:
    return "title: 示例自测\nregulation: shili\nquestions:\n" + questions


FILL_OK = """\
  - id: sl-001
    type: 填空
    stem: 党支部每（  ）召开一次党员大会，每月召开一次（  ）。
    answer: [三个月, 支部委员会会议]
    source: shili#2
"""
FILL_WRONG = """\
  - id: sl-002
    type: 填空
    stem: 党支部每（  ）召开一次党员大会。
    answer:
      - 季度
    source: shili#2
"""
CHOICE_OK = """\
  - id: sl-003
    type: 多选
    stem: 党支部担负直接（  ）党员的职责。
    options: [教育, 管理, 监督, 考核]
    answer: ABC
    source: shili#2
"""
JUDGE = """\
  - id: sl-004
    type: 判断
    stem: 党支部每月召开一次党员大会。
    answer: 错
    source: shili#2
"""
STALE = """\
  - id: sl-005
    type: 填空
    stem: 党支部每（  ）召开一次党员大会。
    answer: [季度]
    source: jiu-shili#1
"""


def audit(root, *args) -> int:
    return main(["--root", str(root), "audit", *args])


def states(root, capsys) -> dict[str, str]:
    """question id → state, read from the audit report (text format)."""
    capsys.readouterr()
    audit(root)
    out = capsys.readouterr().out
    found, state = {}, None
    for line in out.splitlines():
        if line and not line.startswith(" ") and "（" in line and line.endswith("题）："):
            state = line.split("（")[0]
        elif line.startswith("  quizzes/") and state:
            qid = line.split(": ", 1)[1].split("（")[0]
            found[qid] = state
    return found, out


@pytest.mark.parametrize("a, b", [("（一）", "(一)"), ("3个月", "三个月"), ("第十九条", "第19条"),
                                  ("“支部建在连上”，", "支部建在连上"), ("ＡＢＣ　１２", "abc12"),
                                  ("一百人以下", "100人以下")])
def test_normalisation_folds_width_numerals_and_punctuation(a, b):
    assert normalise(a) == normalise(b)


def test_normalisation_keeps_different_numbers_apart():
    assert normalise("三个月") != normalise("六个月")
    assert normalise("100人以下") != normalise("10人以下")


def test_a_fill_in_answer_not_in_the_article_stops_the_check_with_file_line_and_column(project):
    root = project({"regulations/shili.yml": REG, "quizzes/shili-zice.yml": quiz(FILL_OK + FILL_WRONG)})
    result = check(root)
    assert result.returncode == 1
    # sl-002 is the 2nd question; its answer item 季度 is on line 13, column 9
    assert "quizzes/shili-zice.yml:13:9: 第2题第1空的答案“季度”不在《示例条例》第二条中" in result.stderr
    assert "第1题" not in result.stderr         # 三个月 matches 3个月, the other blank is verbatim


def test_a_fill_in_answer_given_as_a_scalar_is_reported_at_the_answer(project):
    root = project({"regulations/shili.yml": REG, "quizzes/shili-zice.yml": quiz(
        FILL_WRONG.replace("answer:\n      - 季度", "answer: 季度|每季度"))})
    result = check(root)
    assert "quizzes/shili-zice.yml:7:13: 第1题第1空的答案“季度”不在《示例条例》第二条中" in result.stderr
    assert "quizzes/shili-zice.yml:7:13: 第1题第1空的答案“每季度”不在" in result.stderr


def test_items_and_full_width_punctuation_are_matched(project):
    root = project({"regulations/shili.yml": REG, "quizzes/shili-zice.yml": quiz("""\
  - id: sl-010
    type: 填空
    stem: 第（  ）项：坚持把党的（  ）摆在首位
    answer: ["(一)", "政治建设"]
    source: shili#2
  - id: sl-011
    type: 填空
    stem: 党员应当“（  ）”。
    answer: ["支部建在连上,按期交纳党费"]
    source: shili#3
""")})
    assert check(root).returncode == 0


def test_choice_heuristics(project, capsys):
    suspicious = """\
  - id: sl-020
    type: 单选
    stem: 党支部担负直接（  ）党员的职责。
    options: [考核, 监督, 评议, 奖励]
    answer: A
    source: shili#2
"""
    negative = """\
  - id: sl-021
    type: 单选
    stem: 下列不属于党支部职责的是（  ）。
    options: [考核党员, 教育党员]
    answer: A
    source: shili#2
"""
    root = project({"regulations/shili.yml": REG, "quizzes/shili-zice.yml": quiz(CHOICE_OK + suspicious + negative)})
    found, out = states(root, capsys)
    assert "sl-003" not in found                 # 已核实: not listed
    assert "已核实 1" in out
    assert found["sl-020"] == "待确认" and "干扰项B“监督”在条文中紧接题干的上下文出现" in out
    assert "正确选项A“考核”在条文中找不到原文" in out
    assert found["sl-021"] == "待确认" and "否定问法" in out


def test_every_state_from_yaml_and_a_real_revision(project, capsys):
    root = project({"regulations/shili.yml": REG, "regulations/jiu-shili.yml": OLD_REG,
                    "quizzes/shili-zice.yml": quiz(FILL_OK + CHOICE_OK + JUDGE + STALE),
                    "quizzes/qita-zice.yml": quiz(JUDGE.replace("sl-004", "qt-001"))})
    found, out = states(root, capsys)
    assert found == {"sl-004": "待确认", "qt-001": "待确认", "sl-005": "引用已失效"}
    assert "已核实 2" in out
    assert "所引《中国共产党旧示例条例》已废止，已由《中国共产党示例工作条例》取代" in out

    assert audit(root, "--confirm", "sl-004", "qt-001") == 0
    record = (root / "quizzes/review/confirmations.yml").read_text(encoding="utf-8")
    assert f"{{id: 'sl-004', article: shili#2, date: {date.today().isoformat()}, text: '" in record
    assert record.count("\n  - {id:") == 2
    found, out = states(root, capsys)
    assert found == {"sl-005": "引用已失效"} and "已确认 2" in out
    # the review record is not taken for a quiz; the one error left is sl-005's stale citation
    result = check(root)
    assert "quizzes/review/" not in result.stderr
    assert "共发现 1 处错误" in result.stderr and "第4题引用已失效" in result.stderr

    # a real revision of 第二条: its confirmed question is flagged, the other regulation's is not
    reg = root / "regulations/shili.yml"
    reg.write_text(REG.replace("每3个月召开一次党员大会", "每3个月至少召开一次党员大会"), encoding="utf-8")
    found, out = states(root, capsys)
    assert found == {"sl-004": "条文已修订", "qt-001": "条文已修订", "sl-005": "引用已失效"}
    (root / "quizzes/qita-zice.yml").write_text(quiz(JUDGE.replace("sl-004", "qt-001").replace("#2", "#1")),
                                                encoding="utf-8")
    found, _ = states(root, capsys)
    assert found["qt-001"] == "待确认"          # the question changed (now cites 第一条): confirm again
    assert found["sl-004"] == "条文已修订"
    assert audit(root, "--confirm-file", "quizzes/shili-zice.yml") == 0
    found, _ = states(root, capsys)
    assert found == {"qt-001": "待确认", "sl-005": "引用已失效"}


def test_policy_in_the_check(project):
    root = project({"regulations/shili.yml": REG, "regulations/jiu-shili.yml": OLD_REG,
                    "quizzes/shili-zice.yml": quiz(JUDGE + STALE)})
    result = check(root)
    assert result.returncode == 1
    assert ("quizzes/shili-zice.yml:13:13: 第2题引用已失效：所引《中国共产党旧示例条例》已废止，"
            "已由《中国共产党示例工作条例》取代，请改为引用现行条文") in result.stderr
    assert "quizzes/shili-zice.yml:4:9: 警告：第1题（sl-004）待确认：" in result.stderr

    (root / "quizzes/shili-zice.yml").write_text(quiz(JUDGE), encoding="utf-8")
    assert check(root).returncode == 0          # 待确认 is only a warning by default
    (root / "quizzes/review").mkdir()
    (root / "quizzes/review/confirmations.yml").write_text("require_confirmed: true\nconfirmations: []\n",
                                                           encoding="utf-8")
    result = check(root)
    assert result.returncode == 1
    assert "quizzes/shili-zice.yml:4:9: 第1题（sl-004）待确认" in result.stderr


def test_bad_confirmation_files_are_reported_with_line(project, capsys):
    root = project({"regulations/shili.yml": REG, "quizzes/shili-zice.yml": quiz(JUDGE)})
    assert audit(root, "--confirm", "sl-004") == 0
    path = root / "quizzes/review/confirmations.yml"
    good = path.read_text(encoding="utf-8")
    line = good.splitlines().index(next(l for l in good.splitlines() if "sl-004" in l)) + 1

    fingerprint = re.search(r"text: '([0-9a-f]{16})'", good).group(1)      # an editor "fixes" the fingerprint
    hand = good.replace(fingerprint, ("1" if fingerprint[0] == "0" else "0") + fingerprint[1:])
    path.write_text(hand, encoding="utf-8")
    result = check(root)
    assert result.returncode == 1
    assert f"quizzes/review/confirmations.yml:{line}:5: 题目“sl-004”的复核记录被手工改动过（校验码不符）" in result.stderr
    assert audit(root, "--confirm", "sl-004") == 1   # nothing is written over a bad record
    assert path.read_text(encoding="utf-8") == hand

    path.write_text(good.replace("sl-004", "sl-999"), encoding="utf-8")
    result = check(root)
    assert f"quizzes/review/confirmations.yml:{line}:5: 题目“sl-999”的复核记录被手工改动过" in result.stderr

    path.write_text(good + "  - {id: 'sl-004'}\n  - 随便写\n", encoding="utf-8")
    result = check(root)
    assert f"quizzes/review/confirmations.yml:{line + 1}:5: 复核记录格式不对：缺少 article、date、text、question、seal" \
        in result.stderr
    assert f"quizzes/review/confirmations.yml:{line + 2}:5: 复核记录的每一条应为" in result.stderr

    path.write_text("confirmations: [\n", encoding="utf-8")
    result = check(root)
    assert result.returncode == 1 and "quizzes/review/confirmations.yml:2:" in result.stderr


def test_an_unknown_question_in_the_record_is_an_error(project):
    root = project({"regulations/shili.yml": REG, "quizzes/shili-zice.yml": quiz(JUDGE)})
    assert audit(root, "--confirm", "sl-004") == 0
    (root / "quizzes/shili-zice.yml").write_text(quiz(JUDGE.replace("sl-004", "sl-040")), encoding="utf-8")
    result = check(root)
    assert result.returncode == 1
    assert "quizzes/review/confirmations.yml:6:5: 复核记录中的题目“sl-004”在题库中不存在" in result.stderr


def test_confirming_refuses_unknown_and_wrong_questions(project, capsys):
    root = project({"regulations/shili.yml": REG, "quizzes/shili-zice.yml": quiz(FILL_WRONG)})
    assert audit(root, "--confirm", "sl-002", "nope") == 1
    err = capsys.readouterr().err
    assert "题目“nope”不存在" in err and "题目“sl-002”不能确认：第1题第1空的答案“季度”不在" in err
    assert not (root / "quizzes/review/confirmations.yml").exists()


def test_markdown_report(project, capsys):
    root = project({"regulations/shili.yml": REG, "quizzes/shili-zice.yml": quiz(FILL_OK + JUDGE)})
    audit(root, "--format", "markdown")
    out = capsys.readouterr().out
    assert out.startswith("# 题目复核报告")
    assert "| 判断 | 1 | 0 | 0 | 1 | 0 | 0 |" in out
    assert "## 待确认（1 题）" in out and "| quizzes/shili-zice.yml:9:9 | sl-004 | 判断 |" in out


def test_qa_quotes_are_grounded_in_the_articles_their_sentence_names(project):
    qa = """\
title: 问答
items:
  - id: wd-001
    q: 多久开一次党员大会？
    a: |
      条例第二条规定“每3个月召开一次党员大会”。这与“三会一课”有关。
    refs: [shili#2]
  - id: wd-002
    q: 多久开一次党员大会？
    a: |
      条例第二条规定“每季度召开一次党员大会”。
    refs: [shili#2]
"""
    root = project({"regulations/shili.yml": REG, "docs/study/wenda.yml": qa})
    result = check(root)
    assert result.returncode == 1
    assert "docs/study/wenda.yml:11:15: 问答“wd-002”引用的“每季度召开一次党员大会”不在所引的《示例条例》第二条中" \
        in result.stderr
    assert "wd-001" not in result.stderr


def test_every_sample_regulation_page_states_its_provenance():
    from conftest import ROOT
    from portal.content.loader import load
    from portal.regulations.pages import regulation_page
    lib = load(ROOT)
    for reg in lib.regulations.values():
        md = regulation_page(lib, reg)
        assert f"<dt>来源</dt><dd>{reg.source}</dd>" in md
        assert "<dt>修订</dt>" in md and "以官方发布的文本为准" in md
        if reg.published:
            assert "<dt>发布日期</dt>" in md
        if reg.effective:
            assert "<dt>施行日期</dt>" in md
        n = len(reg.parsed.articles)
        if reg.excerpt:
            assert f"<dd>节选：{reg.excerpt}（本页收录第一条至" in md and f"共 {n} 条）" in md
            assert "本页为节选，未收录全文" in md
        else:
            assert "<dd>全文（第一条至" in md and f"共 {n} 条）" in md
    wenze = regulation_page(lib, lib.regulations["wenze-tiaoli"])
    assert "<dd>节选：第一条至第五条（本页收录第一条至第五条，共 5 条）</dd>" in wenze
    assert "自2019年9月1日起施行" in wenze


def test_an_excerpt_must_say_which_articles_it_holds(project):
    root = project({"regulations/shili.yml": REG.replace("status: 有效\n", "status: 有效\nsource: 某报（节选）\n")})
    result = check(root)
    assert result.returncode == 1
    assert "regulations/shili.yml:6:1: 来源注明了“节选”：请用“excerpt”写明本页收录了哪些条文" in result.stderr
    (root / "regulations/shili.yml").write_text(
        REG.replace("status: 有效\n", "status: 有效\nsource: 某报（节选）\nexcerpt: 第一条至第三条\n"), encoding="utf-8")
    assert check(root).returncode == 0


@pytest.mark.parametrize("option", ["以上都是", "以上都不对", "以上各项均正确", "上述说法都不对", "全部正确", "以上皆是"])
def test_catch_all_options_are_recognised(option):
    from portal.content.answers import is_catch_all
    assert is_catch_all(option)
    assert not is_catch_all("以上级党组织为主")


def test_the_printed_paper_keeps_one_seeded_order_with_fixed_options_in_place():
    from portal.content.models import Question
    from portal.quizzes.data import answer_text, paper_order
    orders = set()
    for n in range(40):
        q = Question(f"q-{n}", "多选", "", ["A", "C"], options=["甲", "乙", "丙", "以上都是"])
        order = paper_order(q)
        assert order == paper_order(q) and order[3] == 3 and sorted(order) == [0, 1, 2, 3]
        shown = sorted("ABCD"[order.index(i)] for i in (0, 2))        # where 甲 and 丙 are printed
        assert answer_text(q) == "、".join(shown)
        orders.add(tuple(order))
    assert len(orders) == 6


def test_a_revised_question_is_marked_in_the_pages_and_the_bank(project):
    from portal.audit.commands import CHECKS
    from portal.content.loader import load
    from portal.quizzes.data import bank_data
    from portal.quizzes.pages import paper_page, practice_page
    root = project({"regulations/shili.yml": REG, "quizzes/shili-zice.yml": quiz(JUDGE + JUDGE.replace("sl-004", "sl-006")
                                                                                 .replace("#2", "#1"))})
    assert audit(root, "--confirm", "sl-004", "sl-006") == 0
    (root / "regulations/shili.yml").write_text(REG.replace("每月召开", "每月至少召开"), encoding="utf-8")
    lib = load(root, checks=CHECKS)
    assert lib.review_notes == {"sl-004": "所引条文已修订，本题待复核"}
    quiz_ = lib.quizzes["shili-zice"]
    for html in (practice_page(lib, quiz_), paper_page(lib, quiz_, answers=True)):
        assert html.count('<p class="quiz-q__note">⚠ 所引条文已修订，本题待复核</p>') == 1
    bank = {q["id"]: q for q in bank_data(lib)["questions"]}
    assert bank["sl-004"]["note"] == "所引条文已修订，本题待复核" and "note" not in bank["sl-006"]
