"""Generated page sources kept between preview rebuilds (`make serve`).

A page is made again only when what it was made from changed. Its inputs are given
as model objects and plain values: the loader hands back the very same objects for
a file that did not change (library.load with a cache), so "unchanged" is an
identity test for objects and an equality test for values. A full build keeps no
cache and makes every page.
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


class NoCache:
    """A full build: every page is made."""

    def page(self, path: str, objects: tuple, values: object, make: Callable[[], str | bytes]) -> str | bytes:
        return make()


NO_CACHE = NoCache()
