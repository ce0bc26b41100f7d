"""CLI verb of the regulations package: `new regulation`."""
from __future__ import annotations

import sys
from pathlib import Path


def cmd_new_regulation(args) -> int:
    from portal.regulations.importer import ImportProblem, new_regulation
    try:
        result = new_regulation(Path(args.source), args.root_path, id=args.id, issuer=args.issuer,
                                category=args.category, status=args.status, source=args.text_source,
                                force=args.force)
    except ImportProblem as e:
        print(f"{args.source}: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"{args.source}: 无法读取文件（{e.strerror}）", file=sys.stderr)
        return 1
    rel = result.path.relative_to(args.root_path).as_posix()
    print(f"已写入 {rel}（{result.articles} 条）")
    if result.dropped:
        print("已去掉 PDF 的页面附属文字：" + "；".join(result.dropped))
    for note in result.notes:
        print(note)
    lines = result.path.read_text(encoding="utf-8").split("\n")
    first = lines.index("text: |") + 2 if "text: |" in lines else 1
    for p in result.problems:   # numbering problems in the pasted text: fix before building
        print(f"{rel}:{first + p.line}:{p.col + 3}: {p.message}", file=sys.stderr)
    print("请补充 tags、summary 等可选项，然后运行 python -m portal check。")
    return 0


def register_new(nsub) -> None:
    r = nsub.add_parser("regulation", help="从官方文本（.txt、Word .docx 或 PDF）导入一部法规")
    r.add_argument("--from", dest="source", required=True,
                   help="官方文本文件（.txt、.docx 或有文字层的 .pdf）：首行标题，其后可有题注，然后是正文；"
                        "PDF 的页码、页眉页脚会去掉，被分页和换行打断的段落会接上")
    r.add_argument("--id", help="编号（文件名），默认由标题拼音首字母和年份生成")
    r.add_argument("--issuer", help="制定机关，多个用“、”分隔；默认从题注推断")
    r.add_argument("--category", help="类别：党章 准则 条例 规则 规定 办法 细则 其他；默认从标题推断")
    r.add_argument("--status", help="状态：有效 已修改 已废止 尚未生效（默认 有效）")
    r.add_argument("--source", dest="text_source", help="来源，如“新华社 2020年1月5日电”")
    r.add_argument("--force", action="store_true", help="覆盖已有文件")
    r.set_defaults(func=cmd_new_regulation)
