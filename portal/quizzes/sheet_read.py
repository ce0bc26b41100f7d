"""Read a question-bank spreadsheet (.xlsx or .csv) into rows keyed by column name.

Only the shape of the table is handled here (files, encodings, header names,
cell values); what a row means is decided in sheet.py.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from portal.content.answers import LETTERS

OPTION_COLUMNS = tuple(f"选项{c}" for c in LETTERS)
OPTIONS_CELL = "选项"   # all options in one cell: A.甲⏎B.乙 (see options.py)
COLUMNS = ("题型", "题干", *OPTION_COLUMNS, OPTIONS_CELL, "答案", "解析", "出处", "难度", "分值", "标签", "编号")
REQUIRED = ("题型", "题干", "答案")
# Names seen in banks exported from exam systems and WPS templates.
ALIASES = {
    "题目类型": "题型", "试题类型": "题型", "类型": "题型",
    "题目": "题干", "试题": "题干", "题目内容": "题干", "试题内容": "题干", "问题": "题干",
    "正确答案": "答案", "参考答案": "答案", "标准答案": "答案",
    "答案解析": "解析", "试题解析": "解析", "题目解析": "解析",
    "备选项": "选项", "选项内容": "选项", "备选答案": "选项", "答案选项": "选项",
    "依据": "出处", "分数": "分值", "题目编号": "编号", "试题编号": "编号", "ID": "编号",
}
_OPTION = re.compile(r"(?:选项)?([A-H])(?:选项)?")
# Excel keeps control characters such as _x000B_ that YAML cannot hold plainly.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
HEADER_SEARCH = 5   # a title row or two above the header is common in Chinese banks


class SheetError(Exception):
    """The file cannot be read as a table at all (Chinese message)."""


@dataclass
class Table:
    label: str                              # "题库.xlsx" or "题库.xlsx[Sheet名]"
    header_row: int = 0                     # 1-based, as Excel numbers rows
    columns: dict[str, int] = field(default_factory=dict)   # column name → index
    ignored: list[str] = field(default_factory=list)        # header texts not understood
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unit: str = "行"                         # rows of a sheet; 段 (paragraphs) of a Word bank
    quotes: dict[int, str] = field(default_factory=dict)    # row → text quoted in its problems
    broken: set[int] = field(default_factory=set)          # rows already reported as unreadable


def cell_text(value) -> str:
    """A cell as an editor sees it: Excel's 1.0 is "1", dates are ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    text = _CONTROL.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def header_key(value) -> str | None:
    text = re.sub(r"[\s*:]", "", unicodedata.normalize("NFKC", cell_text(value))).upper()
    if text in COLUMNS:
        return text
    if text in ALIASES:
        return ALIASES[text]
    m = _OPTION.fullmatch(text)
    return f"选项{m[1]}" if m else None


def column_letter(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def read_table(path: Path, label: str, sheet: str | None = None) -> Table:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        table, raw = _xlsx(path, label, sheet)
    elif suffix == ".csv":
        if sheet is not None:
            raise SheetError("CSV 文件只有一个表格，不能使用 --sheet")
        table, raw = Table(label), _csv(path)
    elif suffix in (".xls", ".et"):
        raise SheetError("不支持旧版 .xls 格式：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV")
    else:
        raise SheetError("只支持 .xlsx、.csv 和 .docx 文件（旧版 .doc 请在 Word 或 WPS 中另存为 .docx）")
    _map_columns(table, raw)
    return table


def _xlsx(path: Path, label: str, sheet: str | None) -> tuple[Table, list[list]]:
    import openpyxl   # heavy import, only needed here
    from openpyxl.utils.exceptions import InvalidFileException
    try:
        wb = openpyxl.load_workbook(path, data_only=True)   # data_only: formulas give their values
    except OSError as e:
        raise SheetError(f"无法读取文件（{e.strerror or e}）") from None
    except (zipfile.BadZipFile, KeyError, ValueError, InvalidFileException):
        raise SheetError("不是有效的 .xlsx 文件（文件损坏，或是改了扩展名的其他格式）") from None
    if sheet is None:
        ws = wb.worksheets[0]
        table = Table(label)
        if len(wb.worksheets) > 1:
            table.notes.append(f"读取第一个工作表“{ws.title}”（共 {len(wb.worksheets)} 个，可用 --sheet 指定）")
    elif sheet in wb.sheetnames:
        ws, table = wb[sheet], Table(f"{label}[{sheet}]")
    else:
        raise SheetError(f"没有名为“{sheet}”的工作表（现有：{'、'.join(wb.sheetnames)}）")
    return table, [list(r) for r in ws.iter_rows(values_only=True)]


def _csv(path: Path) -> list[list]:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SheetError(f"无法读取文件（{e.strerror or e}）") from None
    for encoding in ("utf-8-sig", "gb18030"):   # Excel on Chinese Windows saves GBK
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SheetError("CSV 文件不是 UTF-8 或 GBK 编码：请在 Excel 中另存为“CSV UTF-8”")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as e:
        raise SheetError(f"CSV 格式有误（{e}）") from None


def _map_columns(table: Table, raw: list[list]) -> None:
    filled = [i for i, r in enumerate(raw) if any(cell_text(v) for v in r)]
    if not filled:
        table.problems.append((None, "表格是空的：第一行应为表头（题型、题干、选项A……答案）"))
        return
    candidates = filled[:HEADER_SEARCH]
    head = next((i for i in candidates
                 if len({header_key(v) for v in raw[i]} & {"题型", "题干", "答案"}) >= 2), filled[0])
    table.header_row = head + 1
    if head != filled[0]:
        table.notes.append(f"表头在第{head + 1}行，之前的标题行已跳过")
    seen: dict[str, list[int]] = {}
    for col, value in enumerate(raw[head]):
        key = header_key(value)
        if key:
            seen.setdefault(key, []).append(col)
        elif cell_text(value):
            table.ignored.append(cell_text(value))
    for key, cols in seen.items():
        if len(cols) > 1:
            where = "、".join(f"第{column_letter(c)}列" for c in cols)
            table.problems.append((table.header_row, f"表头“{key}”出现了 {len(cols)} 次（{where}）"))
        table.columns[key] = cols[0]
    missing = [k for k in REQUIRED if k not in seen]
    if missing:
        table.problems.append((table.header_row, f"表头缺少必需的列：{'、'.join(missing)}"))
    for i in range(head + 1, len(raw)):
        cells = {k: raw[i][c] if c < len(raw[i]) else None for k, c in table.columns.items()}
        if any(cell_text(v) for v in cells.values()):   # rows with only ignored columns count as blank
            table.rows.append((i + 1, cells))
