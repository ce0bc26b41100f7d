"""CLI verb of the checklists package: `new checklist`."""
from __future__ import annotations

from portal.content.newfile import run_new


def cmd_new_checklist(args) -> int:
    from portal.checklists.newfile import new_checklist
    return run_new(args, lambda: new_checklist(args.root_path, args.id, args.kind))


def register_new(nsub) -> None:
    from portal.content.schema import CHECKLIST_KINDS
    c = nsub.add_parser("checklist", help="新建一份清单 checklists/<编号>.yml（带填写说明的模板）")
    c.add_argument("--id", required=True, help="清单编号（文件名），小写字母、数字和“-”，如 2026-q3-ducha")
    c.add_argument("--kind", default="标准化", choices=CHECKLIST_KINDS, help="清单类别（默认：标准化）")
    c.set_defaults(func=cmd_new_checklist)
