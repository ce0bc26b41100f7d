"""CLI verb of the checklists package: `new checklist`."""
from __future__ import annotations

import sys


def cmd_new_checklist(args) -> int:
    from portal.checklists.newfile import NewChecklistProblem, new_checklist
    try:
        path = new_checklist(args.root_path, args.id, args.kind)
    except NewChecklistProblem as e:
        print(e, file=sys.stderr)
        return 1
    print(f"已写入 {path.relative_to(args.root_path).as_posix()}：请按文件中的注释填写，"
          f"然后运行 python -m portal check（必填项未填写时会逐项报错）。")
    return 0


def register_new(nsub) -> None:
    from portal.content.schema import CHECKLIST_KINDS
    c = nsub.add_parser("checklist", help="新建一份清单 checklists/<编号>.yml（带填写说明的模板）")
    c.add_argument("--id", required=True, help="清单编号（文件名），小写字母、数字和“-”，如 2026-q3-ducha")
    c.add_argument("--kind", default="标准化", choices=CHECKLIST_KINDS, help="清单类别（默认：标准化）")
    c.set_defaults(func=cmd_new_checklist)
