"""CLI verbs of the quizzes package: `import-quiz` and `export-quiz`."""
from __future__ import annotations

import sys
from pathlib import Path


def cmd_import_quiz(args) -> int:
    from portal.quizzes.sheet import import_quiz
    result = import_quiz(Path(args.file), args.root_path, quiz_id=args.id, title=args.title,
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
    rel = result.path.relative_to(args.root_path).as_posix()
    print(f"已写入 {rel}（{len(result.questions)} 题，其中 {len(result.generated)} 题新生成编号）")
    print("请运行 python -m portal check 检查。")
    return 0


def cmd_export_quiz(args) -> int:
    from portal.quizzes.sheet_write import ExportProblem, export_quiz
    fmt, out = next((f, getattr(args, f)) for f in ("xlsx", "csv", "docx") if getattr(args, f))
    try:
        if fmt == "docx":
            from portal.quizzes.docx_write import export_docx
            count = export_docx(args.root_path, args.id, Path(out))
        else:
            count = export_quiz(args.root_path, args.id, Path(out), fmt)
    except ExportProblem as e:
        print(e, file=sys.stderr)
        return 1
    except OSError as e:
        print(f"{out}: 无法写入文件（{e.strerror or e}）", file=sys.stderr)
        return 1
    print(f"已导出 {out}（{count} 题）")
    return 0


def register(sub) -> None:
    i = sub.add_parser("import-quiz", help="从 Excel（.xlsx）、CSV 题库表格或 Word（.docx）题库导入题库，写入 quizzes/<编号>.yml",
                       description="表格的表头：题型、题干、选项A…选项H（或一个“选项”列）、答案、解析、出处、难度、分值、标签、编号；"
                                   "Word 题库：题目以“1.”开头，选项以“A.”开头，答案以“答案：”开头（格式见 CONTRIBUTING.md）。"
                                   "有问题时按行列出全部问题，不写入任何文件。没有“编号”的题目生成"
                                   "“题库编号-001”式的永久编号；重新导入（--force）时请保留表格中的编号，"
                                   "编号才能保持不变（可先用 export-quiz 导出）；未指定的 --regulation、--pass 和题库标签沿用原文件。")
    i.add_argument("file", help="题库表格（.xlsx 或 .csv；CSV 可为 UTF-8 或 GBK 编码）或 Word 题库（.docx）")
    i.add_argument("--id", required=True, help="题库编号（文件名），如 jiguan-zice")
    i.add_argument("--title", required=True, help="题库标题，如“《机关基层组织工作条例》自测”")
    i.add_argument("--regulation", help="本题库考查的法规编号；指定后“出处”可只写“第五条”")
    i.add_argument("--pass", dest="pass_mark", type=int, metavar="N", help="及格线（百分制，默认 60）")
    i.add_argument("--sheet", help="要读取的工作表名称（默认第一个工作表）")
    i.add_argument("--force", action="store_true", help="覆盖已有的题库文件")
    i.set_defaults(func=cmd_import_quiz)
    e = sub.add_parser("export-quiz", help="把题库导出为 Excel、CSV 表格或 Word 文档（修改后可用 import-quiz 导回）")
    e.add_argument("id", help="题库编号（quizzes/ 下的文件名，不含 .yml）")
    out = e.add_mutually_exclusive_group(required=True)
    out.add_argument("--xlsx", help="导出为 Excel 文件（.xlsx）")
    out.add_argument("--csv", help="导出为 CSV 文件（UTF-8，带 BOM，Excel 可直接打开）")
    out.add_argument("--docx", help="导出为 Word 题库（.docx），版式与 import-quiz 读取的相同")
    e.set_defaults(func=cmd_export_quiz)
