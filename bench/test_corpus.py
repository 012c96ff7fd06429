"""The corpus bench's measures, on motions of our own writing with known answers.

Run with: .venv/bin/python -m pytest bench/test_corpus.py -q
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import corpus

TRUTH: dict[str, Any] = {
    "name": "northby-buses",
    "title": "Keep the 7 running",
    "body": {"profile": "union-branch", "kind": "union branch"},
    "fields": {"submitted_by": "Northby Branch"},
    "sections": [
        {
            "kind": "notes",
            "lead": "This branch notes that",
            "inline": True,
            "clauses": [
                {"text": "the county plans to withdraw the number 7 bus; and"},
                {"text": "the route serves two schools and a clinic."},
            ],
        },
        {
            "kind": "calls on",
            "lead": "This branch calls on the County Council to:",
            "addressee": "the County Council",
            "list": True,
            "clauses": [
                {"text": "keep the number 7 running;", "links": ["local-campaign"]},
                {"text": "publish the passenger counts."},
            ],
        },
    ],
    "not_motion": ["Keep the 7 running", "Northby Branch"],
    "expected_errors": [{"rule": "required-field", "where": "proposer"}],
}

SOURCE = """\
Keep the 7 running

This branch notes that the county plans to withdraw the number 7 bus; and

the route serves two schools and a clinic.

This branch calls on the County Council to:
1)keep the number 7 running;
2) publish the passenger counts.

Northby Branch
"""

RIGHT = """\
Keep the 7 running
==================

Submitted by: Northby Branch

This branch notes that the county plans to withdraw the number 7 bus; and

the route serves two schools and a clinic.

This branch calls on the County Council to:

1. keep the number 7 running;
2. publish the passenger counts.

31 words.
"""

# What today's import does to such a motion: its own leads, capitals, a full stop
# after "and", the branch's name as a clause, and no addressee.
WRONG = """\
Keep the 7 running
==================

To: the CLP General Committee

This branch notes:
------------------

1. The county plans to withdraw the number 7 bus; and.
2. The route serves two schools and a clinic.

This branch resolves:
---------------------

1. Keep the number 7 running;
2. Publish the passenger counts.
3. Northby Branch.

40 words.
"""


def measured(rebuilt: str, spec: dict[str, Any], findings: list[dict[str, Any]]) -> Any:
    result = corpus.Result("f.txt", "northby-buses", "txt", "union-branch")
    units = corpus.units_of(TRUTH)
    result.clauses = sum(u.role == "clause" for u in units)
    result.leads = sum(u.role == "lead" for u in units)
    result.truth_words = sum(len(u.tokens) for u in units)
    result.addressees = 1
    corpus.compare(result, TRUTH, units, spec, rebuilt, findings, {"local-campaign"})
    return result


def test_numbering_is_set_aside_but_punctuation_and_case_count() -> None:
    assert corpus.tokens("1)keep the (2) 7; and. ii. ·  e.g. No. 1, a) b.") == [
        "keep",
        "the",
        "7;",
        "and.",
        "e.g.",
        "No.",
        "1,",
    ]
    assert corpus.tokens("Keep") != corpus.tokens("keep")


def test_a_faithful_rebuild_scores_right_on_every_measure() -> None:
    spec = {"profile": "union-branch", "title": "Keep the 7 running", "demands": ["local-campaign"]}
    result = measured(RIGHT, spec, [])
    assert result.body_right and result.title_right
    assert (result.leads_found, result.lead_kinds_right, result.leads_right) == (2, 2, 2)
    assert result.clauses_right and result.clause_count_right
    assert (result.lost, result.added, result.changed) == (0, 0, 0)
    assert result.words_kept
    assert result.addressees_kept == 1
    assert result.links_right == 1 and not result.links_wrong and not result.links_missed


def test_todays_rewrites_are_counted_where_they_happen() -> None:
    findings = [
        {"rule": "required-field", "severity": "error", "where": "proposer"},
        {"rule": "required-field", "severity": "error", "where": "seconder"},
        {"rule": "resolve-without-action", "severity": "advice", "where": "resolves 1"},
    ]
    result = measured(WRONG, {"profile": "labour-branch", "title": "Keep the 7 running"}, findings)
    assert not result.body_right
    # "This branch notes:" is not the printed lead, though it is the right kind;
    # "This branch resolves:" is neither.
    assert (result.leads_found, result.lead_kinds_right) == (0, 1)
    assert result.extra_blocks == ["Northby Branch."]
    assert not result.clauses_right
    # "notes that the" -> "notes: The" (2 changed, 1 lost); "and the" -> "and. The"
    # (2 changed); "calls on the County Council to: keep" -> "resolves: Keep" (2
    # changed, 5 lost); "publish" -> "Publish" (1 changed); "Northby Branch." added.
    assert (result.lost, result.added, result.changed, result.truth_words) == (6, 2, 7, 39)
    assert round(result.per100, 2) == 38.46 and not result.words_kept
    assert result.addressees_missing == ["the County Council"]
    # The proposer was never printed, so only the seconder's error is false.
    assert result.false_errors == ["required-field: seconder ()"]
    assert result.links_missed == ["local-campaign"]


def test_a_clause_split_in_two_and_two_clauses_run_together_are_caught() -> None:
    split = RIGHT.replace("the route serves two schools", "the route serves\n\ntwo schools")
    assert measured(split, {}, []).splits == 1
    merged = RIGHT.replace("1. keep the number 7 running;\n2. ", "1. keep the number 7 running; ")
    result = measured(merged, {}, [])
    assert result.merges == 1 and not result.clauses_right


def test_a_rebuild_that_drops_everything_loses_every_clause() -> None:
    result = measured("Keep the 7 running\n\n", {}, [])
    assert result.lost_clauses == 4 and result.lost == result.truth_words
    assert result.per100 == 100


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    from ruamel.yaml import YAML

    (tmp_path / "northby-buses.txt").write_text(SOURCE, encoding="utf-8")
    with (tmp_path / "northby-buses.truth.yaml").open("w", encoding="utf-8") as handle:
        YAML().dump(TRUTH, handle)
    return tmp_path


def test_validate_accepts_the_truth_of_its_file(folder: Path) -> None:
    assert corpus.validate(folder / "northby-buses.txt", {"local-campaign"}) == []


def test_validate_names_a_word_the_truth_does_not_have(folder: Path) -> None:
    path = folder / "northby-buses.txt"
    path.write_text(SOURCE.replace("two schools", "three schools"), encoding="utf-8")
    problems = corpus.validate(path, {"local-campaign"})
    assert problems == ["replace: truth 'two' / file 'three'"]


def test_validate_names_a_lead_whose_verb_is_not_its_kind(folder: Path) -> None:
    from ruamel.yaml import YAML

    truth = {**TRUTH, "sections": [dict(TRUTH["sections"][0], kind="believes")]}
    truth["sections"] += TRUTH["sections"][1:]
    with (folder / "northby-buses.truth.yaml").open("w", encoding="utf-8") as handle:
        YAML().dump(truth, handle)
    problems = corpus.validate(folder / "northby-buses.txt", {"local-campaign"})
    assert problems == ["lead 'This branch notes that' reads as 'notes', not 'believes'"]


def test_a_crash_in_the_bench_counts_the_file_as_failed(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path, known: set[str]) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(corpus, "measure", broken)
    result = corpus.measure_safely((folder / "northby-buses.txt", set()))
    assert result.failed == "bench: RuntimeError: boom"
    assert corpus.summary([result])["failed"] == 1
