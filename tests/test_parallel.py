"""A full build makes its generated pages on both cores (portal/web/parallel.py): the
pages are those a serial build makes, in order, and a page's error still stops the build."""
from __future__ import annotations

import os

import pytest

from portal.web import parallel
from portal.web.pagecache import Deferred
from portal.web.generated import Generated


def page(n: int) -> str:
    return f"第{n}页 · 进程 {os.getpid()}"


def items(count: int) -> list[Generated]:
    return [Generated(f"p/{n}.md", Deferred(lambda n=n: page(n))) for n in range(count)] + \
        [Generated("assets/x.js", "ready")]


@pytest.mark.skipif((os.cpu_count() or 1) < 2 or not hasattr(os, "fork"), reason="需要两个以上处理器核心和 fork")
def test_pages_are_made_in_two_processes_in_order(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    out = items(9)
    parallel.make_all(out)
    texts = [g.content for g in out]
    assert [t.split(" ·")[0] for t in texts[:9]] == [f"第{n}页" for n in range(9)] and texts[9] == "ready"
    makers = {t.rsplit(" ", 1)[1] for t in texts[:9]}
    assert str(os.getpid()) in makers and len(makers) == 2          # this process and one child


def test_an_error_in_a_page_made_by_the_child_is_raised_here(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)

    def broken():
        raise ValueError("第1页的模板出错")
    out = items(4)
    out[1] = Generated("p/1.md", Deferred(broken))       # odd pages are the child's
    with pytest.raises(ValueError, match="第1页的模板出错"):
        parallel.make_all(out)


def test_small_sites_are_made_here(monkeypatch):
    out = items(3)
    parallel.make_all(out)
    assert all(g.content.endswith(str(os.getpid())) for g in out[:3])
