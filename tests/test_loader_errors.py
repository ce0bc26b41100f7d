"""Every error class of the contract: exact `file:LINE:COL: 中文说明`, all at once, exit 1."""
from __future__ import annotations

import pytest

from conftest import REG, check

QUIZ_HEAD = """\
title: 示例自测
regulation: shili
questions:
"""

CASES = {
    "yaml-syntax": (
        {"regulations/shili.yml": "title: 示例\ncategory: 条例\n  issuer: 中共中央\n"},
        ["regulations/shili.yml:3:9: YAML 语法错误：此处不能出现“: ”"]),
    "tab-indent": (
        {"regulations/shili.yml": "title: 示例\nnotes:\n\t5: x\n"},
        ["regulations/shili.yml:3:1: YAML 语法错误：含有制表符（Tab）"]),
    "duplicate-key": (
        {"regulations/shili.yml": REG + "title: 又一个标题\n"},
        ["regulations/shili.yml:8:1: 重复的键“title”（第1行已经写过）"]),
    "unknown-key": (
        {"regulations/shili.yml": "titel: 示例\n" + REG.split("\n", 1)[1]},
        ["regulations/shili.yml:1:1: 未知的键“titel”：是不是想写“title”？",
         "regulations/shili.yml:1:1: 缺少必填项“title”（标题）"]),
    "wrong-type": (
        {"regulations/shili.yml": REG + "trial: 是\nkey_articles: 第一条\n"},
        ["regulations/shili.yml:8:8: “trial”（试行）应为 true 或 false，这里是文字“是”",
         "regulations/shili.yml:9:15: “key_articles”（学习要点）应为列表"]),
    "enum-value": (
        {"regulations/shili.yml": REG.replace("category: 条例", "category: 条规")},
        ["regulations/shili.yml:2:11: “category”（类别）的值文字“条规”无效，可选：党章、准则、条例、规则、规定、办法、细则、其他"]),
    "impossible-date": (
        {"regulations/shili.yml": REG + "published: 2020-02-30\n"},
        ["regulations/shili.yml:8:12: 日期“2020-02-30”不存在，请检查年月日"]),
    "date-format": (
        {"regulations/shili.yml": REG + "effective: 2020年1月5日\n"},
        ["regulations/shili.yml:8:12: “effective”（施行日期）应为日期，格式 YYYY-MM-DD"]),
    "bad-file-name": (
        {"regulations/Shili_Tiaoli.yml": REG},
        ["regulations/Shili_Tiaoli.yml: 文件名“Shili_Tiaoli.yml”不能作为编号：只能用小写字母、数字和“-”"]),
    "missing-superseded": (
        {"regulations/shili.yml": REG.replace("status: 有效", "status: 已修改\nsuperseded_by: shili-2024")},
        ["regulations/shili.yml:5:16: “superseded_by”指向的法规“shili-2024”不存在"]),
    "article-gap": (
        {"regulations/shili.yml": REG + "  第四条　跳过了第三条。\n"},
        ["regulations/shili.yml:8:3: 条文编号不连续"]),
    "article-repeat": (
        {"regulations/shili.yml": REG + "  第二条　重复的第二条。\n"},
        ["regulations/shili.yml:8:3: 条文编号重复"]),
    "key-article-missing": (
        {"regulations/shili.yml": REG + "key_articles: [1, 9]\n"},
        ["regulations/shili.yml:8:19: 学习要点中的第9条不存在（本法规共 2 条）"]),
    "note-article-missing": (
        {"regulations/shili.yml": REG + "notes:\n  7: 不存在的条\n"},
        ["regulations/shili.yml:9:3: 学习笔记对应的第7条不存在"]),
    "python-tag": (
        {"regulations/shili.yml": REG + "source: !!python/object/apply:os.system [echo hi]\n"},
        ["regulations/shili.yml:8:9: 不允许的 YAML 标签“!!python/object/apply:os.system”"]),
    "empty-file": (
        {"regulations/shili.yml": "# 只有注释\n"},
        ["regulations/shili.yml: 文件为空"]),
    "not-utf8": (
        {"regulations/shili.yml": REG.replace("示例工作条例", "示例").encode("utf-8").replace(
            "示例".encode(), "示例".encode("gbk"), 1)},
        ["regulations/shili.yml:1:9: 文件不是 UTF-8 编码（可能是 GBK）"]),
    "quiz-answer-not-option": (
        {"regulations/shili.yml": REG, "quizzes/shili-zice.yml": QUIZ_HEAD + """\
  - id: sl-001
    type: 单选
    stem: 示例题（  ）。
    options: [甲, 乙, 丙]
    answer: E
"""},
        ["quizzes/shili-zice.yml:8:13: 答案“E”不在选项中（本题只有 A–C 3 个选项）"]),
    "quiz-blank-mismatch": (
        {"regulations/shili.yml": REG, "quizzes/shili-zice.yml": QUIZ_HEAD + """\
  - id: sl-001
    type: 填空
    stem: 第一空（  ），第二空____。
    answer: [甲]
"""},
        ["quizzes/shili-zice.yml:7:13: 填空题的题干有 2 个空（“（  ）”或“____”），答案却有 1 项"]),
    "quiz-duplicate-question-id": (
        {"regulations/shili.yml": REG,
         "quizzes/a.yml": QUIZ_HEAD + "  - {id: sl-001, type: 判断, stem: 对吗, answer: 对}\n",
         "quizzes/b.yml": QUIZ_HEAD + "  - {id: sl-001, type: 判断, stem: 错吗, answer: 错}\n"},
        ["quizzes/b.yml:4:10: 题目编号“sl-001”重复：quizzes/a.yml 中已经使用"]),
    "quiz-missing-source-article": (
        {"regulations/shili.yml": REG, "quizzes/shili-zice.yml": QUIZ_HEAD + """\
  - {id: sl-001, type: 判断, stem: 对吗, answer: 对, source: shili#9}
  - {id: sl-002, type: 判断, stem: 对吗, answer: 对, source: nope#1}
"""},
        ["quizzes/shili-zice.yml:4:57: 出处“shili#9”：《示例工作条例》没有第9条（共 2 条）",
         "quizzes/shili-zice.yml:5:57: 出处“nope#1”中的法规“nope”不存在"]),
    "quiz-missing-regulation": (
        {"quizzes/shili-zice.yml": QUIZ_HEAD + "  - {id: sl-001, type: 判断, stem: 对吗, answer: 对}\n"},
        ["quizzes/shili-zice.yml:2:13: “regulation”指向的法规“shili”不存在"]),
    "plan-references": (
        {"regulations/shili.yml": REG, "regulations/study-plan.yml": """\
title: 学习计划
start: 2026-03-04
weeks:
  - regulation: shili
    focus: [1, 5]
  - regulation: meiyou
    quiz: meiyou-zice
"""},
        ["regulations/study-plan.yml:2:8: “start”应为星期一",
         "regulations/study-plan.yml:5:16: 第1周的重点条文第5条在《示例工作条例》中不存在",
         "regulations/study-plan.yml:6:17: 第2周的法规“meiyou”不存在",
         "regulations/study-plan.yml:7:11: 第2周的测试“meiyou-zice”不存在"]),
    "brand-missing-image": (
        {"brands/hongse.yml": """\
name: 红色引擎
unit: 市财政局
summary: 简介
connotation: 内涵
practices:
  - {title: 做法, text: 内容}
logo: images/none.png
"""},
        ["brands/hongse.yml:7:7: 图片“images/none.png”不存在（路径相对于 brands/）"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_error_is_reported_with_file_line_and_column(project, name):
    files, expected = CASES[name]
    result = check(project(files))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for message in expected:
        assert any(line.startswith(message) for line in lines), f"missing {message!r} in:\n{result.stderr}"
    errors = [line for line in lines[:-1] if ": 警告：" not in line]   # the audit warns of unconfirmed questions
    assert lines[-1].startswith(f"共发现 {len(errors)} 处错误")


def test_all_errors_of_all_files_at_once(project):
    files = {}
    for name in ("duplicate-key", "enum-value", "bad-file-name", "quiz-blank-mismatch"):
        for path, text in CASES[name][0].items():
            files[path.replace("shili.yml", f"{name}.yml") if name != "quiz-blank-mismatch" or
                  path.startswith("quizzes") else path] = text
    result = check(project(files))
    assert result.returncode == 1
    for name in ("duplicate-key", "enum-value", "bad-file-name", "quiz-blank-mismatch"):
        message = CASES[name][1][0].split(": ", 1)[1]
        assert message in result.stderr, name


def test_valid_content_passes(project):
    result = check(project({"regulations/shili.yml": REG}))
    assert result.returncode == 0, result.stderr
    assert "检查通过：法规 1 部" in result.stdout


def test_yes_no_on_off_and_leading_zeros_stay_text(project):
    """YAML 1.1 would turn these into booleans and octal numbers; editors mean text."""
    from portal.content.loader import load
    root = project({"regulations/shili.yml": REG, "quizzes/shili-zice.yml": QUIZ_HEAD + """\
  - id: sl-001
    type: 单选
    stem: 选出正确的一项（  ）
    options: [on, off, yes, 010]
    answer: D
"""})
    lib = load(root)
    assert not lib.errors, lib.problems
    assert lib.quizzes["shili-zice"].questions[0].options == ["on", "off", "yes", "010"]
