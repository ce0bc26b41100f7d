"""No document in the repository points outside it, and every relative link resolves.

Covers every tracked Markdown file and the Markdown page templates: Markdown links
[text](target), reference definitions and HTML href/src. Web addresses (http, https),
mailto and in-page anchors are not paths; code blocks and code spans are not links.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

from conftest import ROOT

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LINKS = [re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]*)"),                 # [text](target)
          re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M),  # [name]: target
          re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.I)]
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
WEB = ("http:", "https:", "mailto:")


def documents() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--", "*.md", "*.md.j2"], cwd=ROOT,
                             capture_output=True, text=True, check=True, timeout=60).stdout
        names = [n for n in out.split("\0") if n]
    except (OSError, subprocess.CalledProcessError):      # not a git checkout: every file but tools'
        names = [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*")
                 if p.name.endswith((".md", ".md.j2")) and not {".venv", "node_modules", "site", ".git"}
                 & set(p.relative_to(ROOT).parts)]
    return [ROOT / n for n in sorted(names)]


def link_targets(text: str) -> list[str]:
    """Link targets outside code blocks, code spans and comments."""
    text = _COMMENT.sub("", _CODE.sub("", _FENCE.sub("", text)))
    text = re.sub(r"(?m)^(?: {4}|\t).*$", "", text)          # indented code blocks
    return [m for pattern in _LINKS for m in pattern.findall(text)]


def problems(doc: Path, text: str, root: Path, exists=None) -> list[str]:
    """What is wrong with the links of one document (repository-relative path in each message)."""
    exists = exists or (lambda p: p.exists())
    rel = doc.relative_to(root).as_posix()
    template = doc.name.endswith(".j2")
    out = []
    for target in link_targets(text):
        if not target or target.startswith("#") or target.lower().startswith(WEB):
            continue
        if "{{" in target or "{%" in target:          # filled in at build time (templates)
            continue
        if _SCHEME.match(target):
            out.append(f"{rel}: 链接“{target}”不是网址也不是仓库中的路径")
            continue
        path = unquote(target.split("#")[0].split("?")[0])
        if "shared" in Path(path).parts:
            out.append(f"{rel}: 链接“{target}”指向仓库以外的 shared/")
            continue
        if path.startswith("/"):
            out.append(f"{rel}: 链接“{target}”是绝对路径：请写相对于本文件的路径")
            continue
        if template:            # relative to the page the template makes, not to the template
            continue
        resolved = (doc.parent / path).resolve()
        if not resolved.is_relative_to(root.resolve()):
            out.append(f"{rel}: 链接“{target}”指向仓库以外")
        elif path and not exists(resolved):
            out.append(f"{rel}: 链接“{target}”指向的文件不存在")
    return out


def built_or_present(site: Path):
    """A target exists in the repository, or (for docs/) is a page the build makes."""
    docs = (ROOT / "docs").resolve()

    def exists(p: Path) -> bool:
        if p.exists():
            return True
        if not p.is_relative_to(docs):
            return False
        rel = p.relative_to(docs).as_posix()
        if rel.endswith(".md"):
            rel = rel[:-3]
            rel = rel[:-len("index")] if rel.endswith("index") else rel + "/"
            return (site / rel / "index.html").is_file()
        return (site / rel).exists()
    return exists


def test_no_document_links_outside_the_repository_or_to_a_missing_file(sample_site):
    docs = documents()
    assert ROOT / "README.md" in docs and ROOT / "CONTRIBUTING.md" in docs
    assert any(d.name.endswith(".md.j2") for d in docs)
    found = []
    for doc in docs:
        found += problems(doc, doc.read_text(encoding="utf-8"), ROOT, built_or_present(sample_site))
    assert found == []


def test_the_link_check_finds_links_out_of_the_repository(tmp_path):
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "ok.md").write_text("x", encoding="utf-8")
    doc = root / "docs" / "page.md"
    text = ("格式见[约定](../../shared/content-format.md)，[说明](../ok.md)，[站外](https://example.org/)。\n"
            "<a href=\"../../../etc/passwd\">x</a> <img src=\"../missing.png\">\n"
            "[旧]: ../../elsewhere.md\n"
            "`[代码](../../shared/x.md)` 和 [锚点](#top)、[邮件](mailto:a@b.c)、[文件](file:///etc/hosts)\n\n"
            "```\n[围栏](../../shared/y.md)\n```\n")
    assert problems(doc, text, root) == [
        "docs/page.md: 链接“../../shared/content-format.md”指向仓库以外的 shared/",
        "docs/page.md: 链接“file:///etc/hosts”不是网址也不是仓库中的路径",
        "docs/page.md: 链接“../../elsewhere.md”指向仓库以外",
        "docs/page.md: 链接“../../../etc/passwd”指向仓库以外",
        "docs/page.md: 链接“../missing.png”指向的文件不存在",
    ]
    template = root / "portal" / "t.md.j2"
    assert problems(template, '<a href="{{ url }}">x</a> [s](../shared/a.md) [p](paper/)', root) == [
        "portal/t.md.j2: 链接“../shared/a.md”指向仓库以外的 shared/"]
