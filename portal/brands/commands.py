"""CLI verb of the brands package: `new brand`."""
from __future__ import annotations

import sys


def cmd_new_brand(args) -> int:
    from portal.brands.pages import NewBrandProblem, new_brand
    try:
        path = new_brand(args.root_path, args.id)
    except NewBrandProblem as e:
        print(e, file=sys.stderr)
        return 1
    print(f"已写入 {path.relative_to(args.root_path).as_posix()}：请按文件中的注释填写，"
          f"然后运行 python -m portal check（必填项未填写时会逐项报错）。")
    return 0


def register_new(nsub) -> None:
    b = nsub.add_parser("brand", help="新建一个党建品牌文件 brands/<编号>.yml（带填写说明的模板）")
    b.add_argument("--id", required=True, help="品牌编号（文件名），小写字母、数字和“-”，如 hongse-yinqing")
    b.set_defaults(func=cmd_new_brand)
