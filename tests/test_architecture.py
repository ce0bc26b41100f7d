"""The architecture of portal/ (README "代码结构"), checked so that a change breaking it fails make test:
the layers and the no-MkDocs rule of .importlinter, no import cycle between modules, and no
module reaching into another module's private (_underscore) names."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PORTAL = ROOT / "portal"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PORTAL.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> list[tuple[str, list[str], int]]:
    """(imported portal module, names taken from it, line) for every import, at any depth."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in modules:            # `from portal.web import render`: a module
                    out.append((sub, [], node.lineno))
                elif base in modules:
                    out.append((base, [alias.name], node.lineno))
        elif isinstance(node, ast.Import):
            out.extend((a.name, [], node.lineno) for a in node.names if a.name in modules)
    return out


def test_import_contracts_hold():
    linter = Path(sys.executable).with_name("lint-imports")
    if not linter.exists():
        pytest.skip("import-linter 未安装（requirements.txt 中有它：运行 make test 会安装）")
    run = subprocess.run([str(linter), str(ROOT / ".importlinter"), "--no-cache"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_no_module_imports_another_modules_private_names():
    modules = _modules()
    found = []
    for name, path in modules.items():
        for target, names, line in _imports(name, path, modules):
            for n in names:
                if n.startswith("_") and not n.startswith("__") and target != name:
                    found.append(f"{path.relative_to(ROOT)}:{line}: imports {target}.{n}")
    assert not found, "\n".join(found)


def test_no_import_cycle_between_modules():
    modules = _modules()
    graph = {name: sorted({t for t, _, _ in _imports(name, path, modules)
                           if t != name and not name.startswith(t + ".")})   # a package's own __init__
             for name, path in modules.items()}
    # Tarjan's strongly connected components: any component of two or more modules is a cycle
    index, low, stack, on, cycles, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    assert not cycles, "import cycles: " + "; ".join(" ↔ ".join(c) for c in cycles)


def test_the_layers_are_those_the_readme_describes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 代码结构", 1)[1].split("\n## ", 1)[0]
    for package in ("content", "web", "regulations", "quizzes", "brands", "study", "search",
                    "publish", "bench", "build.py", "cli.py"):
        assert f"portal/{package}" in section, package
