"""The benchmark is not a timed test: these only check that its generator writes
valid content and that `python -m portal bench --scale 0.01` runs and reports."""
from __future__ import annotations

import json

from conftest import check, run_portal
from portal.bench.gen import Scale, generate


def test_generator_writes_valid_content_at_the_requested_scale(tmp_path):
    scale = Scale().times(0.02)
    generate(tmp_path, scale)
    result = check(tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"法规 {scale.regulations} 部" in result.stdout
    assert f"（{scale.quizzes * scale.questions} 题）" in result.stdout
    assert f"品牌 {scale.brands} 个" in result.stdout


def test_bench_runs_at_a_tiny_scale_and_reports_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    result = run_portal("bench", "--scale", "0.01", "--json", str(out), timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "| 完整构建 ≤ 1.3 × 基线 |" in result.stdout and "编辑到预览" in result.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["content"]["regulations"] == 3 and report["content"]["articles"] == 150
    for side in ("portal", "floor"):
        assert report[side]["wall"] > 0 and report[side]["pages"] > 0 and report[side]["html_max"] > 0
        assert len(report[side]["walls"]) == 2 and round(report[side]["wall"], 2) == min(report[side]["walls"])
    assert report["portal"]["first_query_bytes"] > 0
    assert report["check_seconds"] > 0 and report["edit_loop_seconds"] > 0
