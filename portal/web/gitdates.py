"""Last-commit dates of content files, from one `git log` run."""
from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path


def last_commit_dates(root: Path, folders: list[str]) -> dict[str, date]:
    """Repo-relative path → date of the last commit touching it (empty outside git)."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True,
                             text=True, timeout=10, check=True).stdout.strip()
        out = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--",
                              *folders], cwd=root, capture_output=True, text=True, timeout=60,
                             check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    prefix = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    dates: dict[str, date] = {}
    current = None
    for line in out.splitlines():
        if line.startswith("\x00"):
            current = date.fromisoformat(line[1:])
        elif line and current:
            rel = line[len(prefix):] if line.startswith(prefix) else line
            dates.setdefault(rel, current)   # newest first: keep the first seen
    return dates
