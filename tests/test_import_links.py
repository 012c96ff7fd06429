"""`motiongen import` links each clause to the catalogue entries it says, in whatever
words it says them, and keeps the words; a near miss is a comment, never a link.

The motions here are our own, written in the layouts motions come in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from motiongen import profiles
from motiongen.agenda import importer, linking, matching
from motiongen.catalogue import Catalogue
from motiongen.cli.commands import app

PROBATION = (
    "When probation was part-privatised, two multinational firms ended up holding more than "
    "half of the contracts, though public money had gone into encouraging mutual and "
    "not-for-profit bids."
)
QUIZ = "Our branch held a quiz night in March and raised £400 for the hospital's children's ward."
NOT_FOR_SALE = (
    "Caring for vulnerable children and protecting them is something that must never be sold "
    "or bought for profit."
)
STOP_SALE = (
    "Insist that the plans to open children's social services to the market are stopped, with "
    "no further privatisation;"
)
TOGETHER = (
    "Work together with every union that organises in children's services on a joint "
    "campaign, in public and in Parliament;"
)
NEAR = "Insist that no child protection decision is ever handed to a company that profits from it;"
HALL = "Book a bigger hall for next year's branch social."

MOTION = f"""\
Keep children's services out of the market

Conference notes:
1. {PROBATION}
2. {QUIZ}

Conference believes:
a) {NOT_FOR_SALE}

Conference calls on the Service Group Executive to:
(i) {STOP_SALE}
(ii) {TOGETHER}
(iii) {NEAR}
(iv) {HALL}

Proposed by: Sam Example
Seconded by: Alex Example
"""

BUSES = """\
Take our buses back

Conference notes that two companies now run most of the county's bus routes.

Conference calls on the General Council to:
1. Press for no further privatisation of bus services, and for the routes to be run in public hands;
2. Work together with every union in the buses on a joint campaign, in public and in Parliament.
"""


@pytest.fixture(scope="module")
def found() -> profiles.ProfileSet:
    return profiles.load(with_user_files=False)


def imported(tmp_path: Path, runner: CliRunner, text: str = MOTION) -> tuple[str, dict[str, Any]]:
    source = tmp_path / "motion.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "motion.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    spec_text = out.read_text(encoding="utf-8")
    return spec_text, YAML(typ="safe").load(spec_text)


def line_above(text: str, clause: str) -> str:
    """The line of the spec above the one that holds ``clause``."""
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if clause in line)
    return lines[at - 1].strip()


def clauses(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each clause of the spec by its words, whichever form the spec is in."""
    found: dict[str, dict[str, Any]] = {}
    lists = [s["items"] for s in data.get("sections", [])] or [
        data.get(k, []) for k in ("notes", "believes", "resolves")
    ]
    for items in lists:
        for item in items:
            assert isinstance(item, dict), f"a clause became an id: {item}"
            found[item["text"]] = item
    return found


def test_a_rewritten_clause_links_to_the_entry_it_says(
    tmp_path: Path, runner: CliRunner, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    _, data = imported(tmp_path, runner)
    spec = clauses(data)
    assert spec[NOT_FOR_SALE]["link"] == "care-not-for-profit"
    assert spec[STOP_SALE]["link"] == "ban-outsourcing"
    assert spec[TOGETHER]["link"] == "unions-campaign-together"
    assert "probation-precedent" in spec[PROBATION]["link"]
    # The words are rewritten: the old measure, the words in order, found none of them.
    profile = found.get("union-conference")
    for clause, kind in ((NOT_FOR_SALE, "believes"), (STOP_SALE, "calls_on")):
        pool = matching.candidates(kind, profile, cat, "the Service Group Executive")
        assert matching.best_match(clause, pool) is None


def test_an_unrelated_clause_links_to_nothing(tmp_path: Path, runner: CliRunner) -> None:
    text, data = imported(tmp_path, runner)
    spec = clauses(data)
    for clause in (QUIZ, HALL):
        assert spec[clause] == {"text": clause}
        assert not line_above(text, clause).startswith("#")  # nor is anything offered


def test_a_near_miss_is_a_comment_and_never_a_link(tmp_path: Path, runner: CliRunner) -> None:
    text, data = imported(tmp_path, runner)
    assert clauses(data)[NEAR] == {"text": NEAR}
    above = line_above(text, NEAR)
    assert above.startswith("# near: no-profit-child-protection (0.")
    assert above.endswith("— add 'link: no-profit-child-protection' if this clause says it")
    assert "1 near miss" in text.splitlines()[0]


def test_a_motion_that_is_not_about_children_is_linked_to_nothing(
    tmp_path: Path, runner: CliRunner
) -> None:
    """Buses share the catalogue's words for public services, not its subject."""
    text, data = imported(tmp_path, runner, BUSES)
    assert all("link" not in item for item in clauses(data).values())
    assert "# near:" not in text and "0 linked to the catalogue" in text


def test_import_then_build_keeps_every_word(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    imported(tmp_path, runner)
    built = runner.invoke(app, ["build", "motion.yaml", "-f", "txt", "-o", "-"])
    assert built.exit_code in (0, 1), built.stderr
    for clause in (PROBATION, QUIZ, NOT_FOR_SALE, STOP_SALE, TOGETHER, NEAR, HALL):
        assert clause in built.stdout, clause
    assert "Sources" not in built.stdout  # nothing of the catalogue's is printed


def test_brief_and_check_use_the_entries_the_words_are_linked_to(
    tmp_path: Path, runner: CliRunner, cat: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    imported(tmp_path, runner)
    brief = runner.invoke(app, ["brief", "motion.yaml", "-f", "md"])
    assert brief.exit_code == 0, brief.stderr
    notes = (tmp_path / "motion-brief.md").read_text(encoding="utf-8")
    # The belief the words are linked to is spoken, in the catalogue's words.
    assert cat.beliefs["care-not-for-profit"].text[1:40] in notes
    # The linked fact's source is there for the mover, though the motion never cites it.
    source, _ = cat.cited(cat.evidence["probation-precedent"].sources)[0]
    assert source.title in notes.split("Sources, if you are asked", 1)[1]
    # check reads a linked fact for where it holds, as it would the catalogue's words.
    spec_file = tmp_path / "motion.yaml"
    spec_file.write_text(
        spec_file.read_text(encoding="utf-8").replace("profile:", "nation: scotland\nprofile:"),
        encoding="utf-8",
    )
    checked = runner.invoke(app, ["check", "motion.yaml"])
    assert "'probation-precedent' holds for England and Wales" in checked.stdout
    assert "not Scotland" in checked.stdout.split("'probation-precedent' holds for", 1)[1]


def test_the_catalogues_own_words_link_to_that_entry_alone(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    demand = cat.demands["council-run-childrens-homes"]
    source = tmp_path / "ours.txt"
    source.write_text(
        "Our homes\n\nThis branch calls on the Labour Government to:\n"
        f"1. {demand.clause[0].upper()}{demand.clause[1:]}.\n",
        encoding="utf-8",
    )
    data = importer.import_file(source, cat, found, profile_id="union-branch").data
    (item,) = clauses(data).values()
    assert item["link"] == "council-run-childrens-homes"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("privatisation", "privatized"),
        ("marketisation", "market"),
        ("sold", "selling"),
        ("social workers", "social work"),
        ("no further outsourcing", "stopped"),
    ],
)
def test_words_of_one_root_meet(one: str, other: str) -> None:
    assert linking.stems(one) & linking.stems(other)


def test_social_work_is_not_work() -> None:
    assert not linking.stems("social work") & linking.stems("unions work together")


def test_an_entry_for_another_nation_needs_a_clause_that_names_it(
    cat: Catalogue, found: profiles.ProfileSet
) -> None:
    linker = linking.Linker.of(cat, found)
    linked, _ = linker.link("Press for councils to run their own children's homes again.")
    assert [s.ref for s in linked] == ["council-run-childrens-homes"]
    linked, _ = linker.link("Press for Scotland's councils to run their own children's homes.")
    assert "scotland-council-care" in [s.ref for s in linked]
