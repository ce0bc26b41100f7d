"""`python -m portal new checklist`: a commented checklist file to fill in."""
from __future__ import annotations

from pathlib import Path

from portal.content.newfile import new_file


def new_checklist(root: Path | str, checklist_id: str, kind: str = "标准化") -> Path:
    """Write checklists/<id>.yml from the commented template; never overwrites. Returns the path."""
    return new_file(root, "checklist", checklist_id, "checklist-new.yml.j2", "2026-q3-ducha", kind=kind)
