"""Problems found in content, reported as `path:LINE:COL: 中文说明`."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str            # repo-relative, forward slashes
    line: int | None     # 1-based; None when no line applies
    col: int | None      # 1-based
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        kind = "警告：" if self.warning else ""
        return f"{where}: {kind}{self.message}"


class ContentError(Exception):
    """Raised by the build when the content has errors; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(format_report(problems))


def format_report(problems: list[Problem]) -> str:
    errors = [p for p in problems if not p.warning]
    lines = [str(p) for p in sorted(problems, key=sort_key)]
    if errors:
        lines.append(f"共发现 {len(errors)} 处错误，构建已停止，未发布任何内容。")
    return "\n".join(lines)


def sort_key(p: Problem):
    return (p.path, p.line or 0, p.col or 0, p.message)


class Collector:
    """Collects problems for one file; positions come from the YAML source map."""

    def __init__(self, path: str, sink: list[Problem]):
        self.path = path
        self.sink = sink

    def at(self, pos: tuple[int, int] | None, message: str, warning: bool = False) -> None:
        line, col = (pos[0] + 1, pos[1] + 1) if pos else (None, None)
        self.sink.append(Problem(self.path, line, col, message, warning))
