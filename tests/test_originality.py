"""Facts carry over from the source documents; their sentences must not."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import REPO, SHARED_EVIDENCE, SHARED_SEEDS
from motiongen.catalogue import Catalogue
from motiongen.io import datafile
from textruns import shared_runs

NATIONS = {
    "england": {"england"},
    "wales": {"wales"},
    "scotland": {"scotland"},
    "uk": {"england", "wales", "scotland", "northern-ireland"},
}


def evidence_entries(text: str) -> dict[str, dict[str, str]]:
    """The newer facts' notes, by id: `### id` then `- key: value` lines."""
    entries: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in text.splitlines():
        if line.startswith("### "):
            current = entries.setdefault(line[4:].strip(), {})
        elif current is not None and line.startswith("- ") and ":" in line:
            key, _, value = line[2:].partition(":")
            current[key.strip()] = value.strip()
    return entries


def quotes(text: str) -> list[str]:
    return [e["quote"] for e in evidence_entries(text).values() if "quote" in e]


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


def test_evidence_entries_reads_ids_years_nations_and_quotes() -> None:
    text = (
        "### some-fact-2025\n- fact: A thing.\n- figure year: 2025   nation: wales\n"
        '- quote: "the words of the source"\n\n### other\n- fact: B.\n'
    )
    entries = evidence_entries(text)
    assert set(entries) == {"some-fact-2025", "other"}
    assert entries["some-fact-2025"]["figure year"] == "2025   nation: wales"
    assert quotes(text) == ['"the words of the source"']


@pytest.mark.skipif(
    not SHARED_EVIDENCE.is_file(), reason="the newer evidence notes are not beside the repo"
)
def test_no_ten_word_run_of_the_catalogue_stands_in_a_newer_source_quote() -> None:
    found = quotes(SHARED_EVIDENCE.read_text(encoding="utf-8"))
    assert len(found) >= 15
    copied = shared_runs(catalogue_texts(), found, n=10)
    assert copied == [], f"copied from a quoted source: {copied}"


@pytest.mark.skipif(
    not SHARED_EVIDENCE.is_file(), reason="the newer evidence notes are not beside the repo"
)
def test_every_newer_fact_is_in_the_catalogue_with_its_nations(cat: Catalogue) -> None:
    entries = evidence_entries(SHARED_EVIDENCE.read_text(encoding="utf-8"))
    facts = {k: v for k, v in entries.items() if "fact" in v}
    assert len(facts) >= 17
    for fact_id, entry in facts.items():
        fact = cat.fact(fact_id)
        nation = entry["figure year"].split("nation:")[1].strip()
        assert set(fact.holds_for) == NATIONS[nation], fact_id
        assert fact.sources[0].source not in {
            "npf-submission-2018",
            "lswg-meeting-2017",
            "gftu-resolution-9",
            "lswg-briefing-2021",
            "jones-community-care-2014",
        }, fact_id
