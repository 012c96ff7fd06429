"""Facts carry over from the source documents; their sentences must not.

A run of five words that the catalogue or an example shares with a source is
copied, unless it passes through a name or title listed in
``tests/data/originality-names.txt`` (a body, an Act, a document's title).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import REPO, SHARED_EVIDENCE, SHARED_SEEDS
from motiongen.catalogue import Catalogue
from motiongen.io import datafile
from textruns import names_from, shared_runs

RUN = 5  # words in a row that make a copied run
NAMES = REPO / "tests" / "data" / "originality-names.txt"
NATIONS = {
    "england": {"england"},
    "wales": {"wales"},
    "scotland": {"scotland"},
    "northern-ireland": {"northern-ireland"},
    "gb": {"england", "wales", "scotland"},
    "uk": {"england", "wales", "scotland", "northern-ireland"},
}


def year_of(figure_year: str) -> int:
    """A financial year "2022/23" is catalogued by the year it ends in."""
    start, _, end = figure_year.partition("/")
    return int(start[:2] + end) if end else int(start)


def allowed_names() -> list[str]:
    return names_from(NAMES.read_text(encoding="utf-8"))


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
    """Every string of the catalogue, the profiles and the shipped examples."""
    texts: list[str] = []
    paths = [*sorted((REPO / "seeds").rglob("*.y*ml")), *sorted((REPO / "examples").glob("*.yaml"))]
    for path in paths:
        texts.extend(strings(datafile.load(path).data))
    return texts


def test_shared_runs_finds_a_copied_sentence() -> None:
    source = "One two three four five six seven eight nine ten eleven twelve."
    assert shared_runs(["Zero one two three four five six seven eight nine ten."], [source])
    assert not shared_runs(["one two three four five six seven eight nine"], [source])


def test_five_words_in_a_row_are_a_copied_run() -> None:
    source = "Conference believes a market would create perverse incentives for companies."
    assert shared_runs(["We say it would create perverse incentives for them."], [source], n=RUN)
    assert not shared_runs(["We say it would create perverse rewards for them."], [source], n=RUN)


def test_a_run_through_a_listed_name_is_not_copied() -> None:
    source = "They introduced the National Assessment and Accreditation Scheme in 2017."
    ours = ["We opposed the National Assessment and Accreditation Scheme in 2017."]
    assert shared_runs(ours, [source], n=RUN)
    names = ["National Assessment and Accreditation Scheme"]
    assert not shared_runs(ours, [source], n=RUN, names=names)
    # The name does not excuse a copied run beside it.
    longer = "the National Assessment and Accreditation Scheme will waste much needed time"
    assert shared_runs(["It will waste much needed time."], [longer], n=RUN, names=names)


def test_the_names_file_is_read_without_its_comments() -> None:
    names = allowed_names()
    assert "Children Act 1989" in names
    assert not any(name.startswith("#") for name in names)
    assert len(names) == len(set(names))


@pytest.mark.skipif(
    not SHARED_SEEDS.is_dir(), reason="the source documents are not beside the repo"
)
def test_no_five_word_run_of_the_catalogue_stands_in_a_source() -> None:
    sources = [p.read_text(encoding="utf-8") for p in sorted(SHARED_SEEDS.glob("*.txt"))]
    assert len(sources) == 5
    copied = shared_runs(catalogue_texts(), sources, n=RUN, names=allowed_names())
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
def test_no_five_word_run_of_the_catalogue_stands_in_a_newer_source_quote() -> None:
    found = quotes(SHARED_EVIDENCE.read_text(encoding="utf-8"))
    assert len(found) >= 15
    copied = shared_runs(catalogue_texts(), found, n=RUN, names=allowed_names())
    assert copied == [], f"copied from a quoted source: {copied}"


@pytest.mark.skipif(
    not SHARED_EVIDENCE.is_file(), reason="the newer evidence notes are not beside the repo"
)
def test_every_newer_fact_is_in_the_catalogue_with_its_nations(cat: Catalogue) -> None:
    entries = evidence_entries(SHARED_EVIDENCE.read_text(encoding="utf-8"))
    facts = {k: v for k, v in entries.items() if "fact" in v}
    assert len(facts) >= 20
    for fact_id, entry in facts.items():
        fact = cat.fact(fact_id)
        # "nation: gb (England, Scotland and Wales: ...)": the code comes first.
        nation = entry["figure year"].split("nation:")[1].split()[0]
        assert set(fact.holds_for) == NATIONS[nation], fact_id
        # A stage of a law is catalogued by the Act's year and the day it takes effect.
        years = {fact.year, fact.takes_effect.year if fact.takes_effect else None}
        assert year_of(entry["figure year"].split()[0]) in years, fact_id
        assert fact.sources[0].source not in {
            "npf-submission-2018",
            "lswg-meeting-2017",
            "gftu-resolution-9",
            "lswg-briefing-2021",
            "jones-community-care-2014",
        }, fact_id
