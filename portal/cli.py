"""`python -m portal …`: the single entry for every content chore.

Each package registers its own verbs (its commands.py); this module only puts them
in one parser, in the order `--help` lists them.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from portal.audit import commands as audit
from portal.bench import commands as bench
from portal.brands import commands as brands
from portal.checklists import commands as checklists
from portal.content import commands as content
from portal.ledger import commands as ledger
from portal.publish import commands as publish
from portal.quizzes import commands as quizzes
from portal.regulations import commands as regulations


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m portal", description="党建学习门户：内容检查与编辑工具")
    p.add_argument("--root", default=".", help="项目根目录（默认当前目录）")
    sub = p.add_subparsers(dest="command", required=True, metavar="命令")
    content.register(sub, checks=audit.CHECKS)
    n = sub.add_parser("new", help="新建内容文件")
    nsub = n.add_subparsers(dest="kind", required=True, metavar="类型")
    regulations.register_new(nsub)
    brands.register_new(nsub)
    checklists.register_new(nsub)
    quizzes.register(sub)
    ledger.register(sub)
    audit.register(sub)
    publish.register(sub)
    bench.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.root_path = Path(args.root).resolve()
    return args.func(args)
