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


def names_from(text: str) -> list[str]:
    """The names of a names file: one a line, blank lines and # comments left out."""
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _without_names(tokens: list[str], names: list[list[str]]) -> list[str]:
    """Each name replaced by a mark of its own, so that no run passes through it."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        name = next((n for n in names if tokens[i : i + len(n)] == n), None)
        if name is None:
            out.append(tokens[i])
            i += 1
        else:
            out.append(f"<name {len(out)} {id(tokens)}>")
            i += len(name)
    return out


def shared_runs(
    ours: Iterable[str], theirs: Iterable[str], n: int = 10, names: Iterable[str] = ()
) -> list[str]:
    """Each run of ``n`` words of a text in ``ours`` that also stands in ``theirs``;
    a run passing through one of ``names`` does not count."""
    listed = sorted((words(name) for name in names), key=len, reverse=True)
    listed = [name for name in listed if name]
    known: set[tuple[str, ...]] = set()
    for text in theirs:
        known.update(runs(_without_names(words(text), listed), n))
    found = []
    for text in ours:
        for run in runs(_without_names(words(text), listed), n):
            if run in known:
                found.append(" ".join(run))
    return found
