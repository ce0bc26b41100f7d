"""Reading members' files and writing the ledger as .xlsx and .csv (`python -m portal ledger`)."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from portal.ledger.aggregate import MAX_CHARS, quarter_label
from portal.ledger.table import csv_text, sheet_rows, summary_rows

SUMMARY_SHEET = "汇总"


def read_files(paths: list[str]) -> list[tuple[str, str]]:
    """(name as given, text) of each file; bytes that are not UTF-8 read as U+FFFD, as a browser does."""
    out = []
    for p in paths:
        path = Path(p)
        if path.stat().st_size > MAX_CHARS * 4:
            out.append((p, None))       # too big to be a record: set aside unread
            continue
        out.append((p, path.read_bytes().decode("utf-8", errors="replace")))
    return out


def _width(value) -> float:
    """Display width in characters: CJK and full-width characters count double."""
    return sum(2 if ord(c) > 0x2e80 else 1 for c in str(value))


def _sheet(ws, rows: list[list], frozen_cols: int = 2) -> None:
    bold = Font(bold=True)
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            cell = ws.cell(row=r, column=c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = TYPE_STRING          # never a formula, whatever a name starts with
            if r == 1:
                cell.font = bold
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for c in range(1, max(len(r) for r in rows) + 1):
        widest = max((_width(row[c - 1]) for row in rows[1:] if c - 1 < len(row)), default=0)
        head = _width(rows[0][c - 1]) if c - 1 < len(rows[0]) else 0
        ws.column_dimensions[get_column_letter(c)].width = min(max(widest, min(head, 16), 6) + 2, 60)
    ws.freeze_panes = ws.cell(row=2, column=frozen_cols + 1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4


def write_xlsx(ledger: dict, target: Path) -> None:
    """One sheet “汇总” and one per quarter (“2026年第四季度”), Chinese headers, frozen header row."""
    wb = Workbook()
    ws = wb.active
    ws.title = SUMMARY_SHEET
    _sheet(ws, summary_rows(ledger))
    for q in ledger["quarters"]:
        _sheet(wb.create_sheet(quarter_label(q["key"])), sheet_rows(ledger, q["key"]))
    wb.save(target)


def write_csv(ledger: dict, target: Path, quarter: str | None = None) -> None:
    Path(target).write_bytes(csv_text(sheet_rows(ledger, quarter)).encode("utf-8"))
