"""Write a quiz as a Word question bank (`export-quiz --docx`), in the layout docx_read reads.

    标题
    一、单选题
    1．题干（  ）
    A．选项
    答案：A
    解析：……            (line breaks inside the paragraph)
    出处：… / 难度：… / 分值：… / 编号：…

Questions are numbered 1…N through the whole document; a type heading starts
each run of questions of one type. 编号 lines let a re-import keep every id.
"""
from __future__ import annotations

from pathlib import Path

from portal.content.answers import LETTERS
from portal.content.numerals import int_to_cn
from portal.quizzes.sheet_write import answer_cell, exportable_quiz

HEADINGS = {"单选": "单项选择题", "多选": "多项选择题", "判断": "判断题", "填空": "填空题"}


def export_docx(root: Path, quiz_id: str, out: Path) -> int:
    """Write quiz `quiz_id` to `out` as a Word bank; return the question count."""
    quiz = exportable_quiz(root, quiz_id)
    write_docx(quiz, out)
    return len(quiz.questions)


def write_docx(quiz, out: Path) -> None:
    import docx   # python-docx; heavy import, only needed here
    from docx.shared import Pt

    document = docx.Document()
    document.add_heading(quiz.title, level=1)
    section, last_type = 0, None
    for n, q in enumerate(quiz.questions, 1):
        if q.type != last_type:
            section += 1
            heading = document.add_paragraph()
            heading.add_run(f"{int_to_cn(section)}、{HEADINGS[q.type]}").bold = True
            last_type = q.type
        document.add_paragraph(f"{n}．{q.stem.strip()}")
        for letter, option in zip(LETTERS, q.options):
            document.add_paragraph(f"{letter}．{option.strip()}")
        document.add_paragraph(f"答案：{answer_cell(q)}")
        if q.explanation and q.explanation.strip():
            document.add_paragraph(f"解析：{q.explanation.strip()}")
        extra = [("出处", q.source), ("难度", q.difficulty), ("分值", q.score if q.score != 1 else None),
                 ("编号", q.id)]
        meta = document.add_paragraph("　".join(f"{name}：{value}" for name, value in extra if value is not None))
        for run in meta.runs:
            run.font.size = Pt(9)
    document.save(str(out))
