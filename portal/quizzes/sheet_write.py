"""Write a quiz as YAML (import) and a quiz as a spreadsheet (`export-quiz`)."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from portal.content.answers import LETTERS

SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/quiz.schema.json\n"
FLOW_WIDTH = 60
QUESTION_KEYS = ("id", "type", "stem", "options", "answer", "explanation", "source", "difficulty", "score")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")   # openpyxl refuses these


class ExportProblem(Exception):
    """The quiz cannot be exported; the message is Chinese, for editors."""


def _text(value: str):
    return LiteralScalarString(value.rstrip("\n") + "\n") if "\n" in value.strip() else value


def _flow(items: list[str]):
    seq = CommentedSeq(items)
    if not any("\n" in x for x in items) and sum(len(x) + 2 for x in items) <= FLOW_WIDTH:
        seq.fa.set_flow_style()   # short lists read best on one line, as in the contract
    return seq


def quiz_yaml(*, title: str, questions: list[dict], regulation: str | None = None,
              pass_mark: int | None = None, tags: list[str] | None = None) -> str:
    data = CommentedMap()
    data["title"] = title
    if regulation:
        data["regulation"] = regulation
    if pass_mark is not None:
        data["pass"] = pass_mark
    if tags:
        data["tags"] = _flow(tags)
    data["questions"] = CommentedSeq()
    for q in questions:
        item = CommentedMap()
        for key in QUESTION_KEYS:
            value = q.get(key)
            if value is None or (key == "score" and value == 1):   # 1 is the default
                continue
            if isinstance(value, list):
                value = _flow(value)
            elif key in ("stem", "explanation"):
                value = _text(value)
            item[key] = value
        data["questions"].append(item)
    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 1_000_000          # never fold long lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    yaml.dump(data, buf)
    # a blank line between questions; deeper block text is indented more, so this is exact
    body = re.sub(r"(?<!questions:)\n  - id: ", "\n\n  - id: ", buf.getvalue())
    return SCHEMA_LINE + body


def answer_cell(q) -> str:
    if q.type == "填空":
        return "；".join(q.answer)
    return "".join(q.answer)   # letters "ABD", or the single 对/错


def sheet_rows(quiz) -> list[list]:
    """Header plus one row per question, in the layout import-quiz reads."""
    width = max((len(q.options) for q in quiz.questions), default=0)
    header = ["题型", "题干", *(f"选项{c}" for c in LETTERS[:width]), "答案", "解析", "出处",
              "难度", "分值", "标签", "编号"]
    rows = [header]
    for q in quiz.questions:
        options = [o.strip() for o in q.options] + [""] * (width - len(q.options))
        rows.append([q.type, q.stem.strip(), *options, answer_cell(q), (q.explanation or "").strip(),
                     q.source or "", q.difficulty, q.score, "", q.id])
    return rows


def exportable_quiz(root: Path, quiz_id: str):
    """The quiz `quiz_id` when it can be exported; ExportProblem (Chinese) otherwise."""
    from portal.content.loader import load
    lib = load(root)
    rel = f"quizzes/{quiz_id}.yml"
    quiz = lib.quizzes.get(quiz_id)
    if quiz is None:
        if (Path(root) / rel).is_file():
            raise ExportProblem(f"{rel} 有错误，请先运行 python -m portal check 修正")
        raise ExportProblem(f"题库“{quiz_id}”不存在（没有 {rel}）")
    if quiz.draw:
        raise ExportProblem(f"模拟考试“{quiz_id}”没有固定题目，无法导出")
    if any(p.path == rel and not p.warning for p in lib.problems):
        # questions with errors are left out by the loader: exporting would lose them
        raise ExportProblem(f"{rel} 有错误，请先运行 python -m portal check 修正")
    return quiz


def export_quiz(root: Path, quiz_id: str, out: Path, fmt: str) -> int:
    """Write quiz `quiz_id` to `out` as "xlsx" or "csv"; return the question count."""
    quiz = exportable_quiz(root, quiz_id)
    rows = sheet_rows(quiz)
    (_write_xlsx if fmt == "xlsx" else _write_csv)(rows, out)
    return len(quiz.questions)


def _write_csv(rows: list[list], out: Path) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(
        [["" if v is None else v for v in row] for row in rows])
    out.write_text(buf.getvalue(), encoding="utf-8-sig", newline="")   # BOM: Excel then reads UTF-8


def _write_xlsx(rows: list[list], out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    wb = Workbook()
    ws = wb.active
    ws.title = "题库"
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            cell = ws.cell(r, c)
            if isinstance(value, str):
                cell.value = _CONTROL.sub("", value)
                cell.data_type = "s"         # a stem starting with "=" is text, not a formula
                cell.number_format = "@"     # and edits stay text (no 1-2 → date)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.value = value
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for c, name in enumerate(rows[0], 1):
        ws.column_dimensions[ws.cell(1, c).column_letter].width = \
            {"题干": 50, "解析": 40, "出处": 24, "编号": 16}.get(name, 18 if name.startswith("选项") else 8)
    wb.save(out)
