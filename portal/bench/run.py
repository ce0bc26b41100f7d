"""`python -m portal bench`: the scale benchmark (R1) against its floor, in one run.

Figures, not timed tests: every number is measured in this run on this machine,
and the targets are checked as ratios of figures from the same run.
"""
from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from portal.bench.floor import write_floor
from portal.bench.gen import Scale, generate
from portal.bench.preview import content_env, preview, wait_for
from portal.content.loader import load

PROJECT = Path(__file__).resolve().parents[2]
QUERY = "党费"


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    returncode: int
    walls: list = field(default_factory=list)    # every repetition, fastest reported


@dataclass
class SiteFigures:
    bytes: int = 0
    pages: int = 0
    html_median: int = 0
    html_max: int = 0
    html_max_page: str = ""
    search_bytes: int = 0
    first_query_bytes: int | None = None


@dataclass
class Report:
    scale: float
    machine: str
    content: dict = field(default_factory=dict)
    check_seconds: float = 0.0
    portal: dict = field(default_factory=dict)
    floor: dict = field(default_factory=dict)
    edit_loop_seconds: float | None = None
    targets: dict = field(default_factory=dict)


def timed(cmd: list[str], env: dict | None = None, cwd: Path | None = None, log: Path | None = None) -> Run:
    """Run a command; wall and CPU seconds (with its child processes) and peak memory: the
    largest sum over the process and its children (proportional set size, shared pages
    split), sampled every 0.1 s where /proc allows, else the largest single process."""
    started = time.perf_counter()
    peak = [0]
    with open(log or os.devnull, "w") as out:
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        done = threading.Event()
        sampler = threading.Thread(target=_sample_tree, args=(proc.pid, done, peak), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        done.set()
        sampler.join()
    wall = time.perf_counter() - started
    peak_mb = max(peak[0] / 1024, usage.ru_maxrss / 1024)
    return Run(wall, usage.ru_utime + usage.ru_stime, peak_mb, os.waitstatus_to_exitcode(status))


def _sample_tree(pid: int, done: threading.Event, peak: list) -> None:
    while not done.wait(0.1):
        total = 0
        for p in [pid, *_descendants(pid)]:
            try:
                with open(f"/proc/{p}/smaps_rollup") as f:
                    total += next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
            except (OSError, ValueError):
                pass
        peak[0] = max(peak[0], total)    # KiB


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    kids = [int(k) for k in f.read().split()]
                out += kids
                todo += kids
        except (OSError, ValueError):
            pass
    return out


def site_figures(site: Path) -> SiteFigures:
    fig = SiteFigures()
    sizes = {}
    for p in site.rglob("*"):
        if p.is_file():
            size = p.stat().st_size
            fig.bytes += size
            if p.suffix == ".html":
                sizes[p.relative_to(site).as_posix()] = size
            if p.relative_to(site).parts[0] == "search":
                fig.search_bytes += size
    if sizes:
        fig.pages = len(sizes)
        fig.html_median = int(statistics.median(sizes.values()))
        fig.html_max_page, fig.html_max = max(sizes.items(), key=lambda kv: kv[1])
    return fig


def first_query_bytes(site: Path, query: str) -> int | None:
    """Bytes the browser loads for its first query, as the engine itself reports them."""
    try:
        from portal.search.index import first_query_bytes as measure
    except ImportError:
        return None
    return measure(site, query)


def edit_loop(content: Path, reg_id: str, timeout: float = 600) -> float | None:
    """Seconds from saving a changed YAML file to `mkdocs serve` serving the new text."""
    with preview(content) as base:
        url = f"{base}regulations/{reg_id}/"
        if wait_for(url, lambda body: "art-1" in body, timeout) is None:
            return None
        path = content / "regulations" / f"{reg_id}.yml"
        marker = f"基准测试修改标记{int(time.time())}"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(第一条　)", rf"\g<1>{marker}", text, count=1)
        started = time.perf_counter()
        path.write_text(text, encoding="utf-8")
        if wait_for(url, lambda body: marker in body, timeout) is None:
            return None
        return time.perf_counter() - started


def _fastest(runs: list[Run]) -> Run:
    best = min(runs, key=lambda r: r.wall)
    return Run(best.wall, best.cpu, max(r.peak_mb for r in runs), best.returncode, [round(r.wall, 2) for r in runs])


def run(scale: float = 1.0, keep: Path | None = None, with_edit_loop: bool = True, log=print,
        repeat: int = 2) -> Report:
    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    report = Report(scale=scale, machine=f"{platform.machine()}, {os.cpu_count()} 核, Python {platform.python_version()}")
    try:
        content = generate(work / "content", Scale().times(scale))
        lib = load(content)
        report.content = {**lib.counts(), "yaml_bytes": sum(p.stat().st_size for p in content.rglob("*.yml"))}
        log(f"内容：{report.content}")
        check = timed([sys.executable, "-m", "portal", "--root", str(content), "check"], cwd=PROJECT)
        report.check_seconds = round(check.wall, 2)
        log(f"check：{check.wall:.2f} 秒")
        portal_site, floor_site = work / "site", work / "floor-site"
        floor_root = write_floor(lib, work / "floor")
        portal_cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(PROJECT / "mkdocs.yml"),
                      "-d", str(portal_site)]
        floor_cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(floor_root / "mkdocs.yml"), "-d", str(floor_site)]
        builds: dict[str, list[Run]] = {"portal": [], "floor": []}
        # the machine is shared: the two builds alternate, and each side's fastest counts
        for _ in range(max(1, repeat)):
            run_ = timed(portal_cmd, env=content_env(content), cwd=PROJECT, log=work / "build.log")
            if run_.returncode:
                raise RuntimeError(f"门户构建失败，见 {work / 'build.log'}")
            builds["portal"].append(run_)
            run_ = timed(floor_cmd, env=content_env(content), cwd=floor_root, log=work / "floor.log")
            if run_.returncode:
                raise RuntimeError(f"基线构建失败，见 {work / 'floor.log'}")
            builds["floor"].append(run_)
            log(f"门户构建：{builds['portal'][-1].wall:.1f} 秒；基线构建：{run_.wall:.1f} 秒")
        build, floor = (_fastest(builds[side]) for side in ("portal", "floor"))
        figures = site_figures(portal_site)
        figures.first_query_bytes = first_query_bytes(portal_site, QUERY)
        report.portal = {**asdict(build), **asdict(figures)}
        report.floor = {**asdict(floor), **asdict(site_figures(floor_site))}
        if with_edit_loop:
            report.edit_loop_seconds = edit_loop(content, next(iter(lib.regulations)))
        report.targets = targets(report)
        return report
    finally:
        if keep:
            shutil.copytree(work, keep, dirs_exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)


def targets(r: Report) -> dict:
    p, f = r.portal, r.floor
    ratio = p["wall"] / f["wall"] if f["wall"] else None
    fq = p.get("first_query_bytes")
    return {
        "完整构建 ≤ 1.3 × 基线": (round(ratio, 2) if ratio else None, bool(ratio and ratio <= 1.3)),
        "check ≤ 3 秒": (r.check_seconds, r.check_seconds <= 3),
        "单页 HTML ≤ 150 KB": (p["html_max"], p["html_max"] <= 150 * 1024),
        "首次检索传输 ≤ 300 KB": (fq, fq is not None and fq <= 300 * 1024),
        "峰值内存 ≤ 1 GB": (round(p["peak_mb"]), p["peak_mb"] <= 1024),
        "编辑到预览 ≤ 5 秒": (None if r.edit_loop_seconds is None else round(r.edit_loop_seconds, 1),
                          r.edit_loop_seconds is not None and r.edit_loop_seconds <= 5),
    }


def _walls(side: dict) -> str:
    return " / ".join(f"{w:.1f}" for w in side.get("walls") or [side["wall"]])


def format_report(r: Report) -> str:
    def kb(n):
        return "—" if n is None else f"{n / 1024:,.0f} KB"

    p, f = r.portal, r.floor
    rows = [
        ("墙钟时间（秒，取最快）", f"{p['wall']:.1f}（{_walls(p)}）", f"{f['wall']:.1f}（{_walls(f)}）"),
        ("CPU 时间（秒）", f"{p['cpu']:.1f}", f"{f['cpu']:.1f}"),
        ("CPU/墙钟", f"{p['cpu'] / p['wall']:.2f}", f"{f['cpu'] / f['wall']:.2f}"),
        ("峰值内存（含子进程，PSS）", f"{p['peak_mb']:.0f} MB", f"{f['peak_mb']:.0f} MB"),
        ("网站大小", f"{p['bytes'] / 1048576:.1f} MB", f"{f['bytes'] / 1048576:.1f} MB"),
        ("HTML 页数", str(p["pages"]), str(f["pages"])),
        ("HTML 中位数", kb(p["html_median"]), kb(f["html_median"])),
        ("最大 HTML", f"{kb(p['html_max'])}（{p['html_max_page']}）", kb(f["html_max"])),
        ("检索文件（磁盘）", kb(p["search_bytes"]), "—"),
        (f"首次检索传输（{QUERY}）", kb(p["first_query_bytes"]), "—"),
    ]
    lines = [f"机器：{r.machine}；规模 {r.scale}；内容 {r.content}", "",
             "| 指标 | 门户 | 基线（纯 Markdown，无检索） |", "| --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    lines += ["", f"python -m portal check：{r.check_seconds:.2f} 秒",
              f"编辑到预览：{'—' if r.edit_loop_seconds is None else f'{r.edit_loop_seconds:.1f} 秒'}", "",
              "| 目标 | 测得 | 达成 |", "| --- | --- | --- |"]
    lines += [f"| {name} | {value} | {'是' if ok else '否'} |" for name, (value, ok) in r.targets.items()]
    return "\n".join(lines)


def main(scale: float, json_out: str | None, keep: str | None, edit: bool, repeat: int = 2) -> int:
    report = run(scale, Path(keep) if keep else None, with_edit_loop=edit, repeat=repeat)
    print(format_report(report))
    if json_out:
        Path(json_out).write_text(json.dumps(asdict(report), ensure_ascii=False, indent=2), encoding="utf-8")
    return 0
