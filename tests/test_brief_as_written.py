"""The brief speaks to the motion as written (issue 23, part 6).

Its asks quoted in the motion's own words, catalogue or not; the facts of the
entries it is linked to; objections only against those entries; its minutes
filled within 15% for any motion; a close on the motion's own subject. The
motions here are our own writing.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from motiongen import catalogue, profiles
from motiongen.cli.commands import app
from motiongen.conference import brief, likeness
from motiongen.motion.compose import Clause
from motiongen.output import paper

CAT = catalogue.load(with_user_files=False)
PROFILES = profiles.load(with_user_files=False)

LIBRARIES = """\
profile: union-branch
title: Keep our libraries open
submitted_by: Westby Branch
sections:
  - kind: notes
    items:
      - text: The county plans to close nine of its twenty libraries next spring.
  - kind: believes
    items:
      - text: A library is often the only warm, free public space left in a small town.
  - kind: calls_on
    to: the county council
    items:
      - text: withdraw the plan to close nine libraries and consult every town it affects;
      - text: keep library staff employed directly by the county, on their present terms.
"""

BUSES = """\
Buses for passengers, not shareholders

This branch notes:
1. Private operators have cut bus routes, leaving villages with no evening or Sunday bus.
2. Fares on the remaining bus routes have risen faster than wages.

This branch believes that buses are a public service, run for passengers and not for profit.

This branch calls on the county council to:
1. take the county's buses into public ownership through franchising;
2. restore the evening and Sunday buses cut since 2020.
"""

LINKED = """\
profile: union-conference
title: Fostering belongs in public hands
submitted_by: Northby Branch
sections:
  - kind: notes
    items:
      - text: Most foster placements in our county are now made through private agencies.
        link: foster-placements-private-share
  - kind: calls_on
    to: the National Executive Council
    items:
      - text: campaign for foster care to be brought into public ownership, agency by agency.
        link: nationalise-foster-care
"""


def made(path: Path, minutes: float = 3) -> brief.Brief:
    motion, profile = brief.read(path, CAT, PROFILES)
    return brief.make(motion, profile, CAT, minutes=minutes)


def spoken(notes: brief.Brief) -> list[str]:
    return [line.text for part in notes.parts for line in part.lines if line.text]


def words_of(text: str) -> set[str]:
    return set(likeness.content_words(text))


@pytest.mark.parametrize("minutes", [2, 3, 5])
def test_a_motion_of_its_own_words_is_quoted_timed_and_closed_on_its_subject(
    tmp_path: Path, minutes: float
) -> None:
    path = tmp_path / "libraries.yaml"
    path.write_text(LIBRARIES, encoding="utf-8")
    notes = made(path, minutes)
    said = " ".join(spoken(notes))
    for ask in (
        "withdraw the plan to close nine libraries and consult every town it affects;",
        "keep library staff employed directly by the county, on their present terms.",
    ):
        assert f"\u201c{ask}\u201d" in said  # in its own words, as printed
    assert "This branch calls on the county council to:" in said
    assert "The county plans to close nine of its twenty libraries next spring." in said
    # Within 15% of the time at the code's own pace (130 words a minute).
    assert brief.WORDS_A_MINUTE == 130
    assert abs(notes.seconds - minutes * 60) <= 0.15 * minutes * 60, notes.seconds
    close = " ".join(line.text for line in notes.parts[-1].lines)
    assert words_of(close) & {"library", "librarie"}
    assert not re.search(r"child|care", close, re.IGNORECASE)
    claims = [ln for p in notes.parts for ln in p.lines if ln.kind in ("claim", "reply")]
    assert claims == []  # the catalogue has no objection to a library motion
    md = paper.render(brief.paper(notes), "md").decode("utf-8")
    assert "In your own words" in md and "Keep our libraries open" in md


def test_a_pasted_bus_motion_never_closes_on_childrens_care(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "buses.txt"
    path.write_text(BUSES, encoding="utf-8")
    notes = made(path)
    close = " ".join(line.text for line in notes.parts[-1].lines)
    assert "bus" in close.casefold()
    assert not re.search(r"child|care", close, re.IGNORECASE)
    assert "for shareholders' returns" not in close  # the campaign's line is not this one's
    assert not re.search(r"children", " ".join(spoken(notes)), re.IGNORECASE)
    assert abs(notes.seconds - 180) <= 27
    out = tmp_path / "out"
    cli = runner.invoke(app, ["brief", str(path), "-o", str(out), "-f", "md"])
    assert cli.exit_code == 0, cli.stderr
    assert "in your own words for 3 minutes (390 at 130 a minute)" in cli.stderr
    text = (out / "buses-brief.md").read_text("utf-8")
    assert "take the county's buses into public ownership through franchising" in text


def test_linked_entries_bring_their_facts_and_only_their_objections(tmp_path: Path) -> None:
    path = tmp_path / "linked.yaml"
    path.write_text(LINKED, encoding="utf-8")
    notes = made(path)
    facts = [ln for p in notes.parts for ln in p.lines if ln.kind == "fact"]
    statement = CAT.evidence["foster-placements-private-share"].statement
    assert any(ln.text.startswith(statement[:40]) and ln.source for ln in facts)
    claims = [ln.text for p in notes.parts for ln in p.lines if ln.kind == "claim"]
    assert claims
    for claim in claims:
        counter = next(c for c in CAT.counter_arguments.values() if c.claim[:30] in claim)
        assert "nationalise-foster-care" in counter.against
    said = " ".join(spoken(notes))
    assert "\u201ccampaign for foster care to be brought into public ownership" in said
    assert abs(notes.seconds - 180) <= 27


def test_a_link_may_name_one_entry_or_a_list() -> None:
    assert likeness.link_ids(SimpleNamespace(link="definancialise")) == ["definancialise"]
    assert likeness.link_ids(SimpleNamespace(link=["definancialise", "halt-nass"])) == [
        "definancialise",
        "halt-nass",
    ]
    assert likeness.link_ids(SimpleNamespace(link=None)) == []
    # A clause of one's own words linked to a list: the first is its ref, all its links.
    listed = Clause("1.", "Our words.", "text", "definancialise", ("definancialise", "halt-nass"))
    assert brief._refs(listed) == ["definancialise", "halt-nass"]
    assert brief._refs(Clause("1.", "Our words.", "text", "halt-nass")) == ["halt-nass"]
