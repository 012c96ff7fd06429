"""Facts carry over from the source documents; their sentences must not."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import REPO, SHARED_SEEDS
from motiongen.io import datafile
from textruns import shared_runs


def strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def catalogue_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted((REPO / "seeds").rglob("*.y*ml")):
        texts.extend(strings(datafile.load(path).data))
    return texts


def test_shared_runs_finds_a_copied_sentence() -> None:
    source = "One two three four five six seven eight nine ten eleven twelve."
    assert shared_runs(["Zero one two three four five six seven eight nine ten."], [source])
    assert not shared_runs(["one two three four five six seven eight nine"], [source])


@pytest.mark.skipif(
    not SHARED_SEEDS.is_dir(), reason="the source documents are not beside the repo"
)
def test_no_ten_word_run_of_the_catalogue_stands_in_a_source() -> None:
    sources = [p.read_text(encoding="utf-8") for p in sorted(SHARED_SEEDS.glob("*.txt"))]
    assert len(sources) == 5
    copied = shared_runs(catalogue_texts(), sources, n=10)
    assert copied == [], f"copied from a source document: {copied}"
