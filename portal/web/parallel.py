"""Making the generated pages of a full build on both cores.

Page generation is pure computation over the loaded library. A forked child shares
the library without copying it, makes every other page and sends back only the text,
while this process makes the rest. Where forking is unsafe or pointless (threads
running, as in `mkdocs serve`; one core; a small site) the pages are made here, one
after another; so they are too if the child fails, which also raises any error of a
page here, as a serial build would.
"""
from __future__ import annotations

import os
import sys
import threading
from multiprocessing import get_context

from portal.web.pagecache import Deferred

PARALLEL_FROM = 200                # pages; below this a fork costs more than it saves
_pending: list[Deferred] = []      # what the forked child makes (inherited, never pickled)


def make_all(items: list) -> None:
    """Replace every Deferred `content` of `items` (site.Generated) by the page it makes."""
    pending = [g for g in items if isinstance(g.content, Deferred)]
    deferred = [g.content for g in pending]
    made = _make_parallel(deferred) if _can_fork(len(deferred)) else [d.make() for d in deferred]
    for g, content in zip(pending, made):
        g.content = content


def _can_fork(count: int) -> bool:
    return (count >= PARALLEL_FROM and sys.platform == "linux" and (os.cpu_count() or 1) > 1
            and threading.active_count() == 1)


def _make_parallel(deferred: list[Deferred]) -> list:
    global _pending
    _pending = deferred
    ctx = get_context("fork")
    theirs = None
    try:
        receive, send = ctx.Pipe(False)
        child = ctx.Process(target=_make_odd, args=(send,))
        child.start()
        send.close()
    except OSError:
        child = None
    try:
        mine = [d.make() for d in deferred[0::2]]
        if child is not None:
            try:
                theirs = receive.recv()
            except (OSError, EOFError):
                theirs = None
    finally:
        if child is not None:
            receive.close()
            child.join()
        _pending = []
    if theirs is None:               # no child, or it failed: make its share here
        theirs = [d.make() for d in deferred[1::2]]
    out: list = [None] * len(deferred)
    out[0::2], out[1::2] = mine, theirs
    return out


def _make_odd(send) -> None:
    try:
        made = [d.make() for d in _pending[1::2]]
    except Exception:                # the parent makes these pages again and reports the error
        made = None
    send.send(made)
    send.close()
