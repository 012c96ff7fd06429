"""Word runs shared between two texts: the test that our catalogue is in our own words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

WORD = re.compile(r"[a-z0-9£%]+")


def words(text: str) -> list[str]:
    text = text.casefold().replace("’", "").replace("'", "")
    return WORD.findall(text)


def runs(tokens: list[str], n: int) -> Iterator[tuple[str, ...]]:
    for i in range(len(tokens) - n + 1):
        yield tuple(tokens[i : i + n])


def shared_runs(ours: Iterable[str], theirs: Iterable[str], n: int = 10) -> list[str]:
    """Each run of ``n`` words of a text in ``ours`` that also stands in ``theirs``."""
    known: set[tuple[str, ...]] = set()
    for text in theirs:
        known.update(runs(words(text), n))
    found = []
    for text in ours:
        for run in runs(words(text), n):
            if run in known:
                found.append(" ".join(run))
    return found
