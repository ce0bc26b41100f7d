"""CLI verb of the ledger package: `python -m portal ledger 记录/*.json --plan … --xlsx 台账.xlsx`."""
from __future__ import annotations

import sys
import time
from pathlib import Path


def _expand(items: list[str]) -> list[str]:
    """Files as given; a folder stands for every .json file under it (sorted)."""
    out = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            out.extend(str(f) for f in sorted(p.rglob("*")) if f.is_file() and f.suffix.lower() == ".json")
        else:
            out.append(item)
    return out


def cmd_ledger(args) -> int:
    from portal.content.loader import load
    from portal.ledger.aggregate import aggregate
    from portal.ledger.data import plan_data
    from portal.ledger.files import read_files, write_csv, write_xlsx
    from portal.study.plan import build_date

    given = Path(args.plan)
    plan_path = (given if given.is_absolute() or given.exists() else args.root_path / given).resolve()
    root = plan_path.parents[1] if plan_path.parent.name == "regulations" else args.root_path
    if not plan_path.is_file():
        print(f"{args.plan}: 找不到学习计划文件", file=sys.stderr)
        return 1
    lib = load(root)
    if lib.errors:
        print("\n".join(str(p) for p in lib.problems), file=sys.stderr)
        print("内容有错误，请先修正（python -m portal check）。", file=sys.stderr)
        return 1
    plan = plan_data(lib)
    if plan is None or Path(lib.root / lib.plan.path).resolve() != plan_path:
        print(f"{args.plan}: 不是 {root} 的学习计划（应为 regulations/study-plan.yml）", file=sys.stderr)
        return 1
    names = _expand(args.files)
    missing = [n for n in names if not Path(n).is_file()]
    if missing:
        print("\n".join(f"{n}: 找不到文件" for n in missing), file=sys.stderr)
        return 1
    try:
        today = args.today or build_date().isoformat()
    except ValueError as e:
        print(e, file=sys.stderr)
        return 1
    started = time.monotonic()
    ledger = aggregate(plan, read_files(names), today)
    quarters = {q["key"] for q in ledger["quarters"]}
    if args.quarter and args.quarter not in quarters:
        print(f"--quarter {args.quarter}: 计划中没有这个季度（可用：{'、'.join(sorted(quarters))}）", file=sys.stderr)
        return 1
    try:
        if args.xlsx:
            write_xlsx(ledger, Path(args.xlsx))
        if args.csv:
            write_csv(ledger, Path(args.csv), args.quarter)
    except OSError as e:
        print(f"无法写入文件（{e.strerror or e}）", file=sys.stderr)
        return 1
    print(f"读入 {ledger['read']} 个文件（共 {ledger['files']} 个），{len(ledger['members'])} 人，"
          f"用时 {time.monotonic() - started:.1f} 秒；统计到 {today}。")
    for item in ledger["setAside"]:
        print(f"未读入 {item['file']}：{item['message']}")
    for item in ledger["notes"]:
        print(f"说明 {item.get('file') or item.get('member')}：{item['message']}")
    for out in (args.xlsx, args.csv):
        if out:
            print(f"已写入 {out}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("ledger", help="把党员导出的学习记录文件汇总成学习台账（.xlsx / .csv）",
                       description="与网站“学习台账”页的统计规则相同：按学习计划逐周统计每人是否已测、最好成绩、"
                                   "是否及格和日期，每季度一张工作表另加汇总表。无法读入或合并的文件会逐个说明原因。")
    p.add_argument("files", nargs="+", help="学习记录文件（.json），也可以是文件夹（读取其中全部 .json 文件）")
    p.add_argument("--plan", default="regulations/study-plan.yml", help="学习计划文件（默认 regulations/study-plan.yml）")
    p.add_argument("--xlsx", help="写出 Excel 文件：汇总表和每季度一张表")
    p.add_argument("--csv", help="写出 CSV 文件（UTF-8，带 BOM）：全部周次，或 --quarter 指定的季度")
    p.add_argument("--quarter", metavar="YYYY-QN", help="CSV 只含这个季度，如 2026-Q4")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="统计截止日期（默认今天；已过完的周才算“应学”）")
    p.set_defaults(func=cmd_ledger)
