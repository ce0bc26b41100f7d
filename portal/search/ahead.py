"""The search index, made on the other core while the site is being written.

Reading the built HTML is most of the index's cost. A worker process reads each page
while the generator goes on: the page's content as soon as it is rendered (written to
a scratch file: only paths cross the pipe, so the generator never waits on the worker
and keeps no extra threads), or, for the few pages the theme still adds to, the built
page once it is written. It cuts pages into documents and tokens, and when the build
ends assembles and writes the index itself. If the worker cannot start or fails, the
index is written here from the built files as before.

    ahead = IndexAhead(site_dir)
    ahead.add_content(rel, title, meta, html)   # on_page_content: rendered content
    ahead.add(rel)                              # on_post_page: before it is written
    ahead.finish()                              # after the build: the index is written
"""
from __future__ import annotations

import os
import select
import shutil
import sys
import tempfile
import threading
from collections import deque
from multiprocessing import get_context
from pathlib import Path

from portal.search.index import indexed, read_content, read_page, titles_only, write_index


_SCRATCH_DIR = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None   # memory


class IndexAhead:
    def __init__(self, site_dir: Path | str, synonyms: list[list[str]] | None = None):
        self.site_dir = str(site_dir)
        self.synonyms = synonyms or []           # search.yml: applied by search.js at query time
        self._last: str | None = None        # handed over before it is written: sent with the next
        self._given: set[str] = set()        # pages whose content went already
        self._queue: deque = deque()         # messages the pipe had no room for yet
        self._scratch: str | None = None
        self._proc = self._inbox = self._outbox = None
        self._failed = (os.cpu_count() or 1) < 2      # one core: everything at the end

    def add_content(self, rel: str, title: str, meta: dict, html: str) -> None:
        """A page's rendered content (MkDocs' on_page_content), long before it is written."""
        if self._failed or not indexed(rel) or "<h1" not in html:   # the theme adds an h1: read the page
            return
        search = meta.get("search") if isinstance(meta, dict) else None
        flags = (bool(search.get("exclude")), bool(search.get("title_only"))) if isinstance(search, dict) \
            else (False, False)
        excluded, title_only = flags
        if excluded:                                  # nothing of it is read: no scratch file
            self._send(("content", rel, None, title or "", flags))
            self._given.add(rel)
            return
        if title_only:
            h1_end = html.find("</h1>")               # nothing after the h1 is read
            html = html[:h1_end + len("</h1>")] if h1_end >= 0 else html
        try:
            if self._scratch is None:
                self._scratch = tempfile.mkdtemp(prefix="portal-index-", dir=_SCRATCH_DIR)
            path = os.path.join(self._scratch, f"{len(self._given)}.html")
            with open(path, "w", encoding="utf-8") as f:
                f.write(html)
        except OSError:
            return                                    # read from the built page instead
        self._send(("content", rel, path, title or "", flags))
        self._given.add(rel)

    def add(self, rel: str) -> None:
        """`rel`, a page about to be written under the site (MkDocs' on_post_page)."""
        if self._failed or not indexed(rel) or rel in self._given:
            self._flush()                             # keep the worker fed while pages are written
            return
        if self._last is not None:
            self._send(("page", self._last))
        self._last = rel

    def _send(self, message, wait: bool = False) -> None:
        """Queue a message and pass on what the pipe takes (`wait`: all of it)."""
        self._queue.append(message)
        try:
            if self._proc is None:
                # fork only when single-threaded (`mkdocs serve` runs threads: spawn there)
                ctx = get_context("fork" if threading.active_count() == 1 and sys.platform == "linux" else "spawn")
                (inbox_r, self._inbox), (self._outbox, outbox_w) = ctx.Pipe(False), ctx.Pipe(False)
                # daemon: the worker never outlives the build, even one ended by sys.exit()
                self._proc = ctx.Process(target=_worker, daemon=True,
                                         args=(self.site_dir, inbox_r, outbox_w, (self._inbox, self._outbox),
                                               self.synonyms))
                self._proc.start()
                inbox_r.close()
                outbox_w.close()
        except (OSError, ValueError):
            self._failed = True
            return
        self._flush(wait)

    def _flush(self, wait: bool = False) -> None:
        """Pass on queued messages without blocking: a worker that falls behind must never
        hold up the generator (a pipe with room takes one short message whole)."""
        if self._inbox is None or self._failed:
            return
        try:
            fd = self._inbox.fileno()
            while self._queue and (wait or select.select([], [fd], [], 0)[1]):
                self._inbox.send(self._queue.popleft())
        except (OSError, ValueError):
            self._failed = True

    def finish(self) -> dict:
        """Write the index into the built site; returns its figures (searchindex.write_index)."""
        stats = None
        if (self._last is not None or self._given) and not self._failed:
            if self._last is not None:
                self._send(("page", self._last))
            self._send(None, wait=True)
            try:
                stats = None if self._failed else self._outbox.recv()
            except (OSError, EOFError):
                stats = None
        self.close()
        return stats if isinstance(stats, dict) else write_index(self.site_dir, synonyms=self.synonyms)

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
        if self._scratch:
            shutil.rmtree(self._scratch, ignore_errors=True)
        self._scratch, self._given = None, set()


def _worker(site_dir: str, inbox, outbox, parents_ends: tuple, synonyms: list[list[str]]) -> None:
    for end in parents_ends:             # inherited by fork: closed, so the parent's exit is an EOF here
        end.close()
    read = {}
    while True:
        message = _next(inbox)
        if message is None:               # the build is done: assemble and write the index
            break
        if message is False or message is _CLOSED:   # the build failed (or vanished): write nothing
            return
        try:
            if message[0] == "content":
                _, rel, path, title, flags = message
                html = ""
                if path is not None:
                    html = Path(path).read_text(encoding="utf-8")
                    os.unlink(path)
                read[rel] = read_content(html, title, flags, titles_only(rel))
            else:
                rel = message[1]
                html = (Path(site_dir) / rel).read_text(encoding="utf-8")
                read[rel] = read_page(html, titles_only(rel))
        except OSError:
            continue                      # not there after all: write_index reads what the site has
    try:
        outbox.send(write_index(site_dir, read, synonyms))
    except Exception as e:                # reported by the build's own retry (IndexAhead.finish)
        outbox.send(repr(e))


_CLOSED = object()


def _next(inbox):
    try:
        return inbox.recv()
    except (EOFError, OSError):
        return _CLOSED
