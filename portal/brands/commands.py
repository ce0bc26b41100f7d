"""CLI verb of the brands package: `new brand`."""
from __future__ import annotations

from portal.content.newfile import run_new


def cmd_new_brand(args) -> int:
    from portal.brands.pages import new_brand
    return run_new(args, lambda: new_brand(args.root_path, args.id))


def register_new(nsub) -> None:
    b = nsub.add_parser("brand", help="新建一个党建品牌文件 brands/<编号>.yml（带填写说明的模板）")
    b.add_argument("--id", required=True, help="品牌编号（文件名），小写字母、数字和“-”，如 hongse-yinqing")
    b.set_defaults(func=cmd_new_brand)
