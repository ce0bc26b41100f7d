"""CLI verbs of the content core: `check` and `schemas`."""
from __future__ import annotations

import sys

from portal.content.problems import format_report


def cmd_check(args) -> int:
    from portal.content.loader import load
    lib = load(args.root_path)
    if lib.problems:
        print(format_report(lib.problems), file=sys.stderr)
    if lib.errors:
        return 1
    print(f"检查通过：法规 {len(lib.regulations)} 部，题库 {len(lib.quizzes)} 个"
          f"（{len(lib.questions)} 题），品牌 {len(lib.brands)} 个，学习问答 {len(lib.qa)} 个。")
    return 0


def cmd_schemas(args) -> int:
    from portal.content import reference
    from portal.content.jsonschema_gen import write
    for p in [*write(args.root_path), reference.write(args.root_path)]:
        print(f"已写入 {p.relative_to(args.root_path)}")
    return 0


def register(sub) -> None:
    c = sub.add_parser("check", help="检查全部内容，列出所有错误（有错误时退出码为 1）")
    c.set_defaults(func=cmd_check)
    s = sub.add_parser("schemas", help="重新生成 schemas/*.schema.json、.vscode/settings.json 和内容格式说明 CONTENT-FORMAT.md")
    s.set_defaults(func=cmd_schemas)
