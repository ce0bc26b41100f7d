"""The search index, made on the other core while the site is being written.

Reading the built HTML is most of the index's cost. A worker process reads each page
from disk once the generator has written it (only the page's path crosses the pipe:
no threads and no pickled HTML in the generator's process), cuts it into documents and
tokens, and when the build ends assembles and writes the index itself. If the worker
cannot start or fails, the index is written here from the built files as before.

    ahead = IndexAhead(site_dir)
    ahead.add("regulations/x/index.html")   # each page, just before it is written
    ahead.finish()                          # after the build: the index is written
"""
from __future__ import annotations

import os
import sys
import threading
from multiprocessing import get_context
from pathlib import Path

from .searchindex import indexed, read_page, titles_only, write_index


class IndexAhead:
    def __init__(self, site_dir: Path | str):
        self.site_dir = str(site_dir)
        self._last: str | None = None        # handed over before it is written: sent with the next
        self._proc = self._inbox = self._outbox = None
        self._failed = (os.cpu_count() or 1) < 2      # one core: everything at the end

    def add(self, rel: str) -> None:
        """`rel`, a page about to be written under the site (MkDocs' on_post_page)."""
        if self._failed or not indexed(rel):
            return
        if self._last is not None:
            self._send(self._last)
        self._last = rel

    def _send(self, message) -> None:
        try:
            if self._proc is None:
                # fork only when single-threaded (`mkdocs serve` runs threads: spawn there)
                ctx = get_context("fork" if threading.active_count() == 1 and sys.platform == "linux" else "spawn")
                (inbox_r, self._inbox), (self._outbox, outbox_w) = ctx.Pipe(False), ctx.Pipe(False)
                self._proc = ctx.Process(target=_worker, args=(self.site_dir, inbox_r, outbox_w))
                self._proc.start()
                inbox_r.close()
                outbox_w.close()
            self._inbox.send(message)
        except (OSError, ValueError):
            self._failed = True

    def finish(self) -> dict:
        """Write the index into the built site; returns its figures (searchindex.write_index)."""
        stats = None
        if self._last is not None and not self._failed:
            self._send(self._last)
            self._send(None)
            try:
                stats = None if self._failed else self._outbox.recv()
            except (OSError, EOFError):
                stats = None
        self.close()
        return stats if isinstance(stats, dict) else write_index(self.site_dir)

    def close(self) -> None:
        if self._inbox is not None:
            try:
                self._inbox.send(False)   # a worker still waiting for pages stops (a failed build)
            except (OSError, ValueError):
                pass
            self._inbox.close()
        if self._proc is not None:
            self._proc.join(timeout=5)
            if self._proc.is_alive():
                self._proc.kill()
        self._proc = self._inbox = self._outbox = self._last = None


def _worker(site_dir: str, inbox, outbox) -> None:
    read = {}
    while True:
        rel = _next(inbox)
        if rel is None:                   # the build is done: assemble and write the index
            break
        if rel is False or rel is _CLOSED:   # the build failed (or vanished): write nothing
            return
        try:
            html = (Path(site_dir) / rel).read_text(encoding="utf-8")
        except OSError:
            continue                      # not written after all: write_index reads what is there
        read[rel] = read_page(html, titles_only(rel))
    try:
        outbox.send(write_index(site_dir, read))
    except Exception as e:                # reported by the build's own retry (IndexAhead.finish)
        outbox.send(repr(e))


_CLOSED = object()


def _next(inbox):
    try:
        return inbox.recv()
    except (EOFError, OSError):
        return _CLOSED
