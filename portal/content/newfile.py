"""`python -m portal new brand|checklist`: a new content file from a commented template.

One place for the rules every new file follows: a valid id, not one the site has taken
for its own pages, never over an existing file.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Callable

from portal.content.library import FOLDERS, RESERVED_IDS
from portal.content.schema import ID_HINT, ID_PATTERN
from portal.web.render import render
from portal.web.urls import page_url


class NewFileProblem(Exception):
    """Why `python -m portal new …` wrote nothing (Chinese)."""


def new_file(root: Path | str, content_kind: str, item_id: str, template: str, example: str, **context) -> Path:
    """Write <folder>/<id>.yml from `template`; never overwrites. Returns the path."""
    if not re.match(ID_PATTERN, item_id or ""):
        raise NewFileProblem(f"编号“{item_id}”不能用：{ID_HINT}，不能以“-”开头或结尾，如 {example}")
    reserved = RESERVED_IDS.get(content_kind, {})
    if item_id in reserved:
        raise NewFileProblem(f"编号“{item_id}”已被{reserved[item_id]}占用（网址 {page_url(content_kind, item_id)}），请换一个")
    rel = f"{FOLDERS[content_kind]}/{item_id}.yml"
    path = Path(root) / rel
    if path.exists():
        raise NewFileProblem(f"{rel} 已存在，没有覆盖：请直接编辑它，或换一个编号")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as f:   # "x": never replace a file
        f.write(render(template, id=item_id, **context))
    return path


def run_new(args, make: Callable[[], Path]) -> int:
    """A `new` command: write the file, or say why not (exit code 1)."""
    try:
        path = make()
    except NewFileProblem as e:
        print(e, file=sys.stderr)
        return 1
    print(f"已写入 {path.relative_to(args.root_path).as_posix()}：请按文件中的注释填写，"
          f"然后运行 python -m portal check（必填项未填写时会逐项报错）。")
    return 0
