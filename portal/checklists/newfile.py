"""`python -m portal new checklist`: a commented checklist file to fill in."""
from __future__ import annotations

import re
from pathlib import Path

from portal.content.library import RESERVED_IDS
from portal.content.schema import ID_HINT, ID_PATTERN
from portal.web.render import render


class NewChecklistProblem(Exception):
    """Why `python -m portal new checklist` wrote nothing (Chinese)."""


def new_checklist(root: Path | str, checklist_id: str, kind: str = "标准化") -> Path:
    """Write checklists/<id>.yml from the commented template; never overwrites. Returns the path."""
    if not re.match(ID_PATTERN, checklist_id or ""):
        raise NewChecklistProblem(f"编号“{checklist_id}”不能用：{ID_HINT}，不能以“-”开头或结尾，如 2026-q3-ducha")
    reserved = RESERVED_IDS["checklist"]
    if checklist_id in reserved:
        raise NewChecklistProblem(f"编号“{checklist_id}”已被{reserved[checklist_id]}占用（网址 checklists/{checklist_id}/），请换一个")
    path = Path(root) / "checklists" / f"{checklist_id}.yml"
    if path.exists():
        raise NewChecklistProblem(f"checklists/{checklist_id}.yml 已存在，没有覆盖：请直接编辑它，或换一个编号")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as f:   # "x": never replace a file
        f.write(render("checklist-new.yml.j2", id=checklist_id, kind=kind))
    return path
