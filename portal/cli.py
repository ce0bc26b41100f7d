"""`python -m portal …`: the single entry for every content chore."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import format_report


def _root(args) -> Path:
    return Path(args.root).resolve()


def cmd_check(args) -> int:
    from .library import load
    lib = load(_root(args))
    if lib.problems:
        print(format_report(lib.problems), file=sys.stderr)
    if lib.errors:
        return 1
    print(f"检查通过：法规 {len(lib.regulations)} 部，题库 {len(lib.quizzes)} 个"
          f"（{len(lib.questions)} 题），品牌 {len(lib.brands)} 个，学习问答 {len(lib.qa)} 个。")
    return 0


def cmd_schemas(args) -> int:
    from .jsonschema_gen import write
    for p in write(_root(args)):
        print(f"已写入 {p.relative_to(_root(args))}")
    return 0


def cmd_new_regulation(args) -> int:
    from .regimport import ImportProblem, new_regulation
    try:
        result = new_regulation(Path(args.source), _root(args), id=args.id, issuer=args.issuer,
                                category=args.category, status=args.status, source=args.text_source,
                                force=args.force)
    except ImportProblem as e:
        print(f"{args.source}: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"{args.source}: 无法读取文件（{e.strerror}）", file=sys.stderr)
        return 1
    rel = result.path.relative_to(_root(args)).as_posix()
    print(f"已写入 {rel}（{result.articles} 条）")
    lines = result.path.read_text(encoding="utf-8").split("\n")
    first = lines.index("text: |") + 2 if "text: |" in lines else 1
    for p in result.problems:   # numbering problems in the pasted text: fix before building
        print(f"{rel}:{first + p.line}:{p.col + 3}: {p.message}", file=sys.stderr)
    print("请补充 tags、summary 等可选项，然后运行 python -m portal check。")
    return 0


def cmd_import_quiz(args) -> int:
    from .quizsheet import import_quiz
    result = import_quiz(Path(args.file), _root(args), quiz_id=args.id, title=args.title,
                         regulation=args.regulation, pass_mark=args.pass_mark, force=args.force,
                         sheet=args.sheet, label=args.file)
    if result.ignored:
        print(f"忽略的列：{'、'.join(result.ignored)}")
    for note in result.notes:
        print(note)
    if result.problems:
        print("\n".join(result.problems), file=sys.stderr)
        print(f"共发现 {len(result.problems)} 处问题，没有写入任何文件。", file=sys.stderr)
        return 1
    rel = result.path.relative_to(_root(args)).as_posix()
    print(f"已写入 {rel}（{len(result.questions)} 题，其中 {len(result.generated)} 题新生成编号）")
    print("请运行 python -m portal check 检查。")
    return 0


def cmd_export_quiz(args) -> int:
    from .quizsheet_write import ExportProblem, export_quiz
    fmt, out = ("xlsx", args.xlsx) if args.xlsx else ("csv", args.csv)
    try:
        count = export_quiz(_root(args), args.id, Path(out), fmt)
    except ExportProblem as e:
        print(e, file=sys.stderr)
        return 1
    except OSError as e:
        print(f"{out}: 无法写入文件（{e.strerror or e}）", file=sys.stderr)
        return 1
    print(f"已导出 {out}（{count} 题）")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m portal", description="党建学习门户：内容检查与编辑工具")
    p.add_argument("--root", default=".", help="项目根目录（默认当前目录）")
    sub = p.add_subparsers(dest="command", required=True, metavar="命令")
    c = sub.add_parser("check", help="检查全部内容，列出所有错误（有错误时退出码为 1）")
    c.set_defaults(func=cmd_check)
    s = sub.add_parser("schemas", help="重新生成 schemas/*.schema.json 和 .vscode/settings.json")
    s.set_defaults(func=cmd_schemas)
    n = sub.add_parser("new", help="新建内容文件")
    nsub = n.add_subparsers(dest="kind", required=True, metavar="类型")
    r = nsub.add_parser("regulation", help="从官方文本（.txt）导入一部法规")
    r.add_argument("--from", dest="source", required=True, help="官方文本文件：首行标题，其后可有题注，然后是正文")
    r.add_argument("--id", help="编号（文件名），默认由标题拼音首字母和年份生成")
    r.add_argument("--issuer", help="制定机关，多个用“、”分隔；默认从题注推断")
    r.add_argument("--category", help="类别：党章 准则 条例 规则 规定 办法 细则 其他；默认从标题推断")
    r.add_argument("--status", help="状态：有效 已修改 已废止 尚未生效（默认 有效）")
    r.add_argument("--source", dest="text_source", help="来源，如“新华社 2020年1月5日电”")
    r.add_argument("--force", action="store_true", help="覆盖已有文件")
    r.set_defaults(func=cmd_new_regulation)
    i = sub.add_parser("import-quiz", help="从 Excel（.xlsx）或 CSV 题库表格导入题库，写入 quizzes/<编号>.yml",
                       description="表头：题型、题干、选项A…选项H、答案、解析、出处、难度、分值、标签、编号。"
                                   "有问题时按行列出全部问题，不写入任何文件。没有“编号”的题目生成"
                                   "“题库编号-001”式的永久编号；重新导入（--force）时请保留表格中的编号，"
                                   "编号才能保持不变（可先用 export-quiz 导出）；未指定的 --regulation、--pass 和题库标签沿用原文件。")
    i.add_argument("file", help="题库表格（.xlsx 或 .csv；CSV 可为 UTF-8 或 GBK 编码）")
    i.add_argument("--id", required=True, help="题库编号（文件名），如 jiguan-zice")
    i.add_argument("--title", required=True, help="题库标题，如“《机关基层组织工作条例》自测”")
    i.add_argument("--regulation", help="本题库考查的法规编号；指定后“出处”可只写“第五条”")
    i.add_argument("--pass", dest="pass_mark", type=int, metavar="N", help="及格线（百分制，默认 60）")
    i.add_argument("--sheet", help="要读取的工作表名称（默认第一个工作表）")
    i.add_argument("--force", action="store_true", help="覆盖已有的题库文件")
    i.set_defaults(func=cmd_import_quiz)
    e = sub.add_parser("export-quiz", help="把题库导出为 Excel 或 CSV 表格（修改后可用 import-quiz 导回）")
    e.add_argument("id", help="题库编号（quizzes/ 下的文件名，不含 .yml）")
    out = e.add_mutually_exclusive_group(required=True)
    out.add_argument("--xlsx", help="导出为 Excel 文件（.xlsx）")
    out.add_argument("--csv", help="导出为 CSV 文件（UTF-8，带 BOM，Excel 可直接打开）")
    e.set_defaults(func=cmd_export_quiz)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
