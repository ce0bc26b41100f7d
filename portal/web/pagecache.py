"""Generated page sources kept between preview rebuilds (`make serve`).

A page is made again only when what it was made from changed. Its inputs are given
as model objects and plain values: the loader hands back the very same objects for
a file that did not change (library.load with a cache), so "unchanged" is an
identity test for objects and an equality test for values. A full build keeps no
cache and makes every page (deferred, to make them on every core: parallel.py).
"""
from __future__ import annotations

from typing import Callable


class PageCache:
    def __init__(self):
        self._entries: dict[str, tuple[tuple, object, str | bytes]] = {}
        self.made = 0
        self.reused = 0

    def page(self, path: str, objects: tuple, values: object, make: Callable[[], str | bytes]) -> str | bytes:
        old = self._entries.get(path)
        # the entry holds its objects, so their ids cannot be reused while it is here
        if old is not None and old[1] == values and len(old[0]) == len(objects) \
                and all(a is b for a, b in zip(old[0], objects)):
            self.reused += 1
            return old[2]
        content = make()
        self._entries[path] = (objects, values, content)
        self.made += 1
        return content


class Deferred:
    """A page to be made later, together with the others (parallel.make_all)."""
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], str | bytes]):
        self.make = make


class NoCache:
    """A full build: every page is made, all together at the end (on every core)."""

    def page(self, path: str, objects: tuple, values: object, make: Callable[[], str | bytes]) -> Deferred:
        return Deferred(make)


def now(content: str | bytes | Deferred) -> str | bytes:
    """The content itself, made here if it was deferred (for what other pages need, like bank.js)."""
    return content.make() if isinstance(content, Deferred) else content


NO_CACHE = NoCache()
