"""学习台账: the aggregation on the shared fixtures (tests/js/ledger.test.js checks
ledger.js against the same expected results), the rows of the .csv, and the command
`python -m portal ledger` writing .xlsx and .csv read back with openpyxl.

Set LEDGER_REGEN=1 to rewrite a fixture's expected.json from the Python side (then
read the diff: it is the contract both languages are held to)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import ROOT, write
from portal.ledger.aggregate import aggregate
from portal.ledger.table import csv_text, sheet_rows, summary_rows

FIXTURES = ROOT / "tests" / "fixtures" / "ledger"
CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "case.json").is_file())


def run_case(name: str) -> dict:
    base = FIXTURES / name
    case = json.loads((base / "case.json").read_text(encoding="utf-8"))
    files = [(p.name, p.read_bytes().decode("utf-8", errors="replace"))
             for p in sorted((base / "files").iterdir(), key=lambda p: p.name)] if (base / "files").is_dir() else []
    ledger = aggregate(case["plan"], files, case["today"])
    return {"ledger": ledger, "csv": csv_text(sheet_rows(ledger)),
            "quarters": {q["key"]: csv_text(sheet_rows(ledger, q["key"])) for q in ledger["quarters"]},
            "summary": csv_text(summary_rows(ledger))}


@pytest.mark.parametrize("name", CASES)
def test_fixture_matches_expected(name):
    got = run_case(name)
    path = FIXTURES / name / "expected.json"
    if os.environ.get("LEDGER_REGEN"):
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))


def record(name: str, branch: str, attempts: dict, plan: str | None = None) -> str:
    data = {"app": "dangjian-portal-quiz", "version": 1, "exported": "2027-01-12T02:00:00.000Z",
            "member": {"name": name, "branch": branch}, "portal": {"record": 1, "site": None},
            "questions": {}, "quizzes": {q: {"best": None, "attempts": a} for q, a in attempts.items()}}
    if plan:
        data["plan"] = plan
    return json.dumps(data, ensure_ascii=False)


def test_command_writes_xlsx_and_csv(tmp_path):
    from test_study_plan import CONTENT      # four weeks across New Year: 2026-12-21 … 2027-01-17
    root = tmp_path / "project"
    write(root, CONTENT)
    folder = tmp_path / "记录"
    write(folder, {
        "zhang.json": record("=张三", "第一党支部", {"shili-zice": [
            {"at": "2026-12-22T02:00:00.000Z", "score": 2, "total": 2, "passed": True}]}),
        "li.json": record("李四", "第一党支部", {"lingyi-zice": [
            {"at": "2027-01-02T02:00:00.000Z", "score": 1, "total": 2, "passed": False}]}),
        "bad.json": "{not json",
    })
    out, csv_out = tmp_path / "台账.xlsx", tmp_path / "台账.csv"
    done = subprocess.run([sys.executable, "-m", "portal", "ledger", str(folder),
                           "--plan", str(root / "regulations" / "study-plan.yml"),
                           "--xlsx", str(out), "--csv", str(csv_out), "--today", "2027-01-12"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "读入 2 个文件（共 3 个），2 人" in done.stdout
    assert f"未读入 {folder / 'bad.json'}：文件已损坏或不完整" in done.stdout

    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "2026年第四季度", "2027年第一季度"]
    summary, q4, q1 = wb["汇总"], wb["2026年第四季度"], wb["2027年第一季度"]
    assert [c.value for c in summary[1]] == ["支部", "姓名", "2026年第四季度", "2027年第一季度",
                                             "应学周数", "已完成", "缺学", "完成率", "记录文件"]
    # Week 1 (shili) and week 2 (lingyi) are in 2026 Q4 (week 2's Thursday is 31 December);
    # weeks 3 and 4 in 2027 Q1. Due by 2027-01-12: the weeks with a quiz that ended (1, 2, 4 has not).
    assert [c.value for c in q4[1]] == ["支部", "姓名", "第1周（12月21日—12月27日）", "第2周（12月28日—1月3日）",
                                        "应学周数", "已完成", "缺学", "完成率"]
    rows = {r[1].value: [c.value for c in r] for r in q4.iter_rows(min_row=2)}
    assert rows["=张三"] == ["第一党支部", "=张三", "100% 及格 12月22日", "未测", 2, 1, 1, "50%"]
    assert q4["B2"].data_type == "s", "a name starting with = is text, not a formula"
    assert rows["李四"] == ["第一党支部", "李四", "未测", "50% 未及格 1月2日", 2, 1, 1, "50%"]
    assert rows["各周完成情况"][2:4] == ["1/2人 平均100%", "1/2人 平均50%"]
    assert [c.value for c in q1[1]][2:4] == ["第3周（1月4日—1月10日）", "第4周（1月11日—1月17日）"]
    for ws in (summary, q4, q1):
        assert ws.freeze_panes == "C2", "header row and names stay in view"
        assert ws.column_dimensions["C"].width > 10 and ws.column_dimensions["A"].width >= 8
    assert q4.page_setup.orientation == "landscape"

    text = csv_out.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel opens it in Chinese"
    lines = text.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("支部,姓名,第1周（12月21日—12月27日）,第2周")
    assert "'=张三" in text.decode("utf-8-sig"), "no formula from a name in the CSV either"


def test_command_errors_are_plain(tmp_path):
    from test_study_plan import CONTENT
    root = tmp_path / "project"
    write(root, CONTENT)
    plan = str(root / "regulations" / "study-plan.yml")
    done = subprocess.run([sys.executable, "-m", "portal", "ledger", str(tmp_path / "无此文件.json"), "--plan", plan,
                           "--xlsx", str(tmp_path / "a.xlsx")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "无此文件.json: 找不到文件" in done.stderr
    write(tmp_path, {"a.json": record("张三", "", {})})
    done = subprocess.run([sys.executable, "-m", "portal", "ledger", str(tmp_path / "a.json"), "--plan", plan,
                           "--csv", str(tmp_path / "a.csv"), "--quarter", "2031-Q1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "计划中没有这个季度（可用：2026-Q4、2027-Q1）" in done.stderr
