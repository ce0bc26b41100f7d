"""Filter values (facets) shared by the section index pages' chips and cards."""
from __future__ import annotations

from collections import Counter


def facet_value(value: str) -> str:
    """A filter value as stored in the cards' data attributes, where "|" separates values."""
    return value.replace("|", "｜")


def facet_counts(values: list[list[str]]) -> list[tuple[str, int]]:
    counts = Counter(v for vs in values for v in vs)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
