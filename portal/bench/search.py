"""`python -m portal bench --search`: site search at a real library's scale.

The eight real texts of ../shared/corpus/regulations are imported the way an editor
imports them (`python -m portal new regulation --from`, default ids), buried in the
R1 content of gen.py, and the site is built with the real pipeline. The queries of
search_queries.yml (what members type) then run in Node through the real query code
(docs/assets/portal/search.js), each as a browser's first query: recall@5 at
regulation and article level, queries with no result, query time, bytes loaded.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

from portal.bench.gen import Scale, generate
from portal.regulations.importer import new_regulation

PROJECT = Path(__file__).resolve().parents[2]
CORPUS = PROJECT.parent / "shared" / "corpus" / "regulations"
QUERIES = Path(__file__).with_name("search_queries.yml")
TOP_PAGES = 5
# What the editor types where the text itself does not say it (the default id is kept).
IMPORT_OPTIONS = {
    "zgcdzc-2022.txt": {"issuer": "中国共产党全国代表大会"},
    "jlcftl-2018.txt": {"issuer": "中共中央", "status": "已修改"},     # superseded by the 2023 edition
    "dyjyglgztl-2019.txt": {"issuer": "中共中央"},                    # no 题注 in this copy
    "gbrsdagztl-2018.txt": {"issuer": "中共中央办公厅"},              # no 题注 in this copy
}
TARGETS = {"regulation": 0.97, "article": 0.90, "first_query_kb": 300}


@dataclass
class SearchReport:
    scale: float
    queries: int = 0
    regulation_recall: float = 0.0
    article_recall: float = 0.0
    zero_results: list = field(default_factory=list)
    median_ms: float = 0.0
    p95_ms: float = 0.0
    first_query_bytes_mean: int = 0
    first_query_bytes_max: int = 0
    misses: list = field(default_factory=list)      # (query, level, expected, first pages)
    build_seconds: float = 0.0


def load_queries(path: Path = QUERIES) -> list[dict]:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))["queries"]


def expected(q: dict) -> list[tuple[str, int]]:
    """(regulation id, article number) pairs that answer a query."""
    out = [(q["reg"], a) for a in q["art"]]
    for extra in q.get("also") or []:
        reg, _, art = extra.partition("#")
        out.append((reg, int(art)))
    return out


def first_pages(results: list[str], n: int = TOP_PAGES) -> dict[str, list[str]]:
    """The first `n` result pages as the box groups them: page URL → anchors shown."""
    pages: dict[str, list[str]] = {}
    for url in results:
        page, _, anchor = url.partition("#")
        if page not in pages:
            if len(pages) >= n:
                continue
            pages[page] = []
        pages[page].append(anchor)
    return pages


def score(q: dict, results: list[str]) -> tuple[bool, bool]:
    """(right regulation among the first five result pages, right article among them)."""
    pages = first_pages(results)
    want = expected(q)
    reg_hit = any(f"regulations/{reg}/" in pages for reg, _ in want)
    art_hit = any(f"art-{art}" in pages.get(f"regulations/{reg}/", []) for reg, art in want)
    return reg_hit, art_hit


def make_content(root: Path, scale: float, log=print) -> Path:
    generate(root, Scale().times(scale))
    for src in sorted(CORPUS.glob("*.txt")):
        result = new_regulation(src, root, **IMPORT_OPTIONS.get(src.name, {}))
        log(f"导入 {src.name} → regulations/{result.id}.yml（{result.articles} 条）")
    return root


def build_site(content: Path, site: Path) -> float:
    from portal.bench.preview import content_env
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(PROJECT / "mkdocs.yml"), "-d", str(site)]
    result = subprocess.run(cmd, env=content_env(content), cwd=PROJECT, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError("构建失败：\n" + result.stderr[-3000:])
    return time.perf_counter() - started


def measure(site: Path, queries: list[dict], scale: float = 1.0) -> SearchReport:
    from portal.search.index import run_queries
    runs = run_queries(site, [q["q"] for q in queries], timeout=1800)
    if runs is None:
        raise RuntimeError("需要 node（Node.js）才能运行检索基准")
    r = SearchReport(scale=scale, queries=len(queries))
    regs = arts = 0
    for q, run in zip(queries, runs):
        reg_hit, art_hit = score(q, run["results"])
        regs += reg_hit
        arts += art_hit
        if not run["results"]:
            r.zero_results.append(q["q"])
        if not (reg_hit and art_hit):
            r.misses.append((q["q"], "法规" if not reg_hit else "条文", " ".join(f"{a}#{b}" for a, b in expected(q)),
                             list(first_pages(run["results"]))))
    times = sorted(run["ms"] for run in runs)
    sizes = [run["bytes"] for run in runs]
    r.regulation_recall, r.article_recall = regs / len(queries), arts / len(queries)
    r.median_ms = round(statistics.median(times), 1)
    r.p95_ms = round(times[min(len(times) - 1, int(0.95 * len(times)))], 1)
    r.first_query_bytes_mean, r.first_query_bytes_max = int(statistics.mean(sizes)), max(sizes)
    return r


def targets(r: SearchReport) -> dict:
    return {
        f"法规 recall@5 ≥ {TARGETS['regulation']:.0%}": (f"{r.regulation_recall:.1%}", r.regulation_recall >= TARGETS["regulation"]),
        f"条文 recall@5 ≥ {TARGETS['article']:.0%}": (f"{r.article_recall:.1%}", r.article_recall >= TARGETS["article"]),
        "没有结果的查询：0": (len(r.zero_results), not r.zero_results),
        f"首次检索下载 ≤ {TARGETS['first_query_kb']} KB（最大）":
            (f"{r.first_query_bytes_max / 1024:.0f} KB", r.first_query_bytes_max <= TARGETS["first_query_kb"] * 1024),
    }


def format_report(r: SearchReport) -> str:
    lines = [f"规模 {r.scale}；查询 {r.queries} 个（{QUERIES.relative_to(PROJECT)}）；构建 {r.build_seconds:.1f} 秒", "",
             "| 指标 | 测得 |", "| --- | --- |",
             f"| recall@5，法规（前五个结果页面中有应找到的法规） | {r.regulation_recall:.1%} |",
             f"| recall@5，条文（前五个结果页面中有应找到的条文） | {r.article_recall:.1%} |",
             f"| 没有结果的查询 | {len(r.zero_results)}{'（' + '、'.join(r.zero_results) + '）' if r.zero_results else ''} |",
             f"| 查询时间（Node，首次查询，含读取索引文件）中位数 / 95 分位 | {r.median_ms:.0f} 毫秒 / {r.p95_ms:.0f} 毫秒 |",
             f"| 首次检索下载 平均 / 最大 | {r.first_query_bytes_mean / 1024:.0f} KB / {r.first_query_bytes_max / 1024:.0f} KB |",
             "", "| 目标 | 测得 | 达成 |", "| --- | --- | --- |"]
    lines += [f"| {name} | {value} | {'是' if ok else '否'} |" for name, (value, ok) in targets(r).items()]
    if r.misses:
        lines += ["", "未命中："]
        lines += [f"- {q}（{level}；应为 {want}）：前五个页面 {' '.join(pages) or '无'}" for q, level, want, pages in r.misses]
    return "\n".join(lines)


def run(scale: float = 1.0, keep: Path | None = None, log=print) -> SearchReport | None:
    if not CORPUS.is_dir() or not any(CORPUS.glob("*.txt")):
        log(f"找不到语料目录 {CORPUS}（需要完整工作区中的 ../shared/corpus/regulations），检索基准未运行。")
        return None
    work = Path(tempfile.mkdtemp(prefix="portal-bench-search-"))
    try:
        content = make_content(work / "content", scale, log)
        seconds = build_site(content, work / "site")
        log(f"构建：{seconds:.1f} 秒")
        report = measure(work / "site", load_queries(), scale)
        report.build_seconds = seconds
        return report
    finally:
        if keep:
            shutil.copytree(work, keep, dirs_exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)


def main(scale: float, json_out: str | None, keep: str | None) -> int:
    import json
    from dataclasses import asdict
    report = run(scale, Path(keep) if keep else None)
    if report is None:
        return 2
    print(format_report(report))
    if json_out:
        Path(json_out).write_text(json.dumps(asdict(report), ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if all(ok for _, ok in targets(report).values()) else 1
