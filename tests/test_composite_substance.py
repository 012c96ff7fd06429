"""A composite keeps each motion's substance (issue 23, part 5).

A clause is left out only where another motion says it in full: in the very same
words, or as a catalogue demand whose ``covers:`` names it. Everything else stays,
merged by section; motions that share little are warned of and never grouped;
bodies are named as they submitted; --max-words says what will not fit.
The motions here are our own writing.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from typer.testing import CliRunner

from motiongen import catalogue, profiles
from motiongen.cli.commands import app
from motiongen.conference import composite, grouping, likeness, report
from motiongen.motion.spec import FreeText
from motiongen.output import paper

CAT = catalogue.load(with_user_files=False)
PROFILES = profiles.load(with_user_files=False)

HOMES_A = """\
profile: union-conference
title: Children's homes run by councils again
submitted_by: Northby Branch
sections:
  - kind: notes
    items:
      - text: Northby has no council-run children's homes left, and most of its looked-after
          children live in homes owned by private equity firms.
  - kind: believes
    items:
      - text: Children's homes should be run for the children who live in them, not for investors.
  - kind: calls_on
    to: the Regional Committee
    items:
      - text: Campaign for councils to open and run their own children's homes, close to the towns
          the children come from;
      - text: press the Government to fund councils to buy back homes sold to private providers.
"""

HOMES_B = """\
profile: union-conference
title: Bring fostering and children's homes back in house
submitted_by: Southby Branch
sections:
  - kind: notes
    items:
      - text: Private fostering agencies and private children's homes take a growing share of
          council budgets for looked-after children.
  - kind: believes
    items:
      - text: Profit has no place in the care of children.
  - kind: calls_on
    to: The Regional Committee
    items:
      - text: campaign for councils to open and run their own children's homes, close to the towns
          the children come from.
      - text: campaign for foster care to be brought back into public hands, with foster carers
          supported by council social workers.
"""

BUSES = """\
profile: union-conference
title: Buses for passengers, not shareholders
submitted_by: Eastby Branch
sections:
  - kind: notes
    items:
      - text: Bus routes across the county have been cut by private operators, leaving villages
          with no evening or Sunday bus.
      - text: Fares on the remaining bus routes have risen faster than wages.
  - kind: believes
    items:
      - text: Buses are a public service, and should be run for passengers rather than for the
          profit of private operators.
  - kind: calls_on
    to: the Regional Committee
    items:
      - text: campaign for the county to take its buses into public ownership through franchising;
      - text: support bus workers in their fight for fair pay and safe rotas.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def catalogue_motion(folder: Path, name: str, body: str, demands: list[str]) -> Path:
    data = {
        "profile": "labour-conference",
        "title": "Children's care is not for profit",
        "submitted_by": body,
        "nation": "england",
        "demands": demands,
    }
    return write(folder, name, json.dumps(data))  # JSON is YAML too


def live_demands(result: composite.Composite) -> list[str]:
    return list(result.motion.all_demands(links=False))


def test_overlapping_demands_that_are_not_the_same_are_both_kept(tmp_path: Path) -> None:
    # The catalogue says these overlap; neither states the other in full.
    assert "nationalise-foster-care" in CAT.demand("council-run-childrens-homes").overlaps
    paths = [
        catalogue_motion(tmp_path, "a.yaml", "Anytown CLP", ["council-run-childrens-homes"]),
        catalogue_motion(tmp_path, "b.yaml", "Barrow CLP", ["nationalise-foster-care"]),
    ]
    result = composite.build(paths, CAT, PROFILES)
    assert set(live_demands(result)) == {"council-run-childrens-homes", "nationalise-foster-care"}
    assert all(part.item is not None and not part.why for part in result.parts)
    texts = [c.text for s in result.document.sections for c in s.clauses]
    assert any("children's homes and foster care themselves" in t for t in texts)
    assert any("independent fostering agencies" in t for t in texts)


def test_a_clause_in_the_same_words_is_kept_once_in_its_addressees_section(
    tmp_path: Path,
) -> None:
    paths = [write(tmp_path, "a.yaml", HOMES_A), write(tmp_path, "b.yaml", HOMES_B)]
    result = composite.build(paths, CAT, PROFILES)
    sections = result.motion.sections
    assert [s.kind for s in sections] == ["notes", "believes", "calls_on"]  # merged by section
    (calls,) = [s for s in sections if s.kind == "calls_on"]
    assert calls.to == "the Regional Committee"
    texts = [i.text for i in calls.items if isinstance(i, FreeText)]
    # The same ask, differing only in case and its last mark, is there once; the rest stay.
    assert len(texts) == 3
    assert sum("open and run their own children's homes" in t for t in texts) == 1
    assert any("buy back homes" in t for t in texts) and any("foster care" in t for t in texts)
    notes = next(s for s in sections if s.kind == "notes")
    assert len(notes.items) == 2  # both motions' notes, together
    md = paper.render(report.paper(result, "c.yaml"), "md").decode("utf-8")
    assert "the same words as the clause from Northby Branch" in md


def test_covers_drops_the_demand_stated_in_full_and_only_that(tmp_path: Path) -> None:
    own = write(
        tmp_path,
        "own.yaml",
        """\
demands:
  - id: close-all-private-homes
    title: Every private children's home brought into council hands
    theme: ownership
    clause: >-
      bring every children's home now run for profit into council hands, and let no
      new one open
    acted_on_by: [national]
    applies_in: [england]
    sources: [{source: npf-submission-2018, at: our own wording}]
    covers: [no-new-private-homes]
  - id: no-new-private-homes
    title: No new private children's homes
    theme: ownership
    clause: let no new children's home run for profit open
    acted_on_by: [national]
    applies_in: [england]
    sources: [{source: npf-submission-2018, at: our own wording}]
""",
    )
    cat = catalogue.load([own], with_user_files=False)
    paths = [
        catalogue_motion(tmp_path, "a.yaml", "Anytown CLP", ["close-all-private-homes"]),
        catalogue_motion(
            tmp_path, "b.yaml", "Barrow CLP", ["no-new-private-homes", "end-agency-staffing"]
        ),
    ]
    result = composite.build(paths, cat, PROFILES)
    assert live_demands(result) == ["close-all-private-homes", "end-agency-staffing"]
    (covered,) = [p for p in result.parts if p.ref == "no-new-private-homes"]
    assert (
        covered.why == "close-all-private-homes states it in full, as the catalogue's covers: says"
    )
    md = paper.render(report.paper(result, "c.yaml"), "md").decode("utf-8")
    assert "states it in full, as the catalogue's covers: says" in md
    kept = result.items[covered.item or 0]
    assert kept.ref == "close-all-private-homes" and result.origin_names(kept.origins) == (
        "Anytown CLP and Barrow CLP"
    )
    # One motion making both keeps both: no other motion states it for it.
    alone = [
        catalogue_motion(
            tmp_path, "c.yaml", "Carlisle CLP", ["close-all-private-homes", "no-new-private-homes"]
        ),
        catalogue_motion(tmp_path, "d.yaml", "Dover CLP", ["end-agency-staffing"]),
    ]
    both = composite.build(alone, cat, PROFILES)
    assert {"close-all-private-homes", "no-new-private-homes"} <= set(live_demands(both))


def test_covers_must_name_a_demand_and_never_its_own_cover(tmp_path: Path) -> None:
    text = """\
demands:
  - id: first-demand
    title: One
    theme: ownership
    clause: do one thing
    acted_on_by: [national]
    applies_in: [england]
    sources: [{source: npf-submission-2018, at: our own wording}]
    covers: [second-demand]
  - id: second-demand
    title: Two
    theme: ownership
    clause: do another thing
    acted_on_by: [national]
    applies_in: [england]
    sources: [{source: npf-submission-2018, at: our own wording}]
    covers: [first-demand]
"""
    path = write(tmp_path, "circle.yaml", text)
    try:
        catalogue.load([path], with_user_files=False)
    except Exception as exc:  # the message is what is tested
        assert "cannot cover a demand that covers it" in str(exc)
    else:
        raise AssertionError("a circle of covers: was accepted")


def test_unrelated_motions_are_warned_of_and_never_grouped(
    runner: CliRunner, tmp_path: Path
) -> None:
    homes_a, homes_b = write(tmp_path, "a.yaml", HOMES_A), write(tmp_path, "b.yaml", HOMES_B)
    buses = write(tmp_path, "buses.yaml", BUSES)
    result = composite.build([homes_a, buses], CAT, PROFILES)
    (apart,) = result.apart
    assert apart.likeness.score < likeness.RELATED
    (warning,) = result.warnings()
    assert warning.startswith("Northby Branch and Eastby Branch share little")
    assert composite.build([homes_a, homes_b], CAT, PROFILES).warnings() == []
    cli = runner.invoke(
        app, ["composite", str(homes_a), str(buses), "-o", str(tmp_path / "c.yaml")]
    )
    assert cli.exit_code == 0, cli.stderr
    assert "Warning: Northby Branch and Eastby Branch share little" in cli.stderr
    assert "## Before the meeting agrees the text" in (tmp_path / "c-report.md").read_text("utf-8")

    entries, problems = grouping.read([homes_a, buses, homes_b], CAT, PROFILES)
    assert not problems
    groups = grouping.group(entries, CAT, PROFILES)
    proposed = [g for g in groups if len(g.members) > 1]
    assert [sorted(m.submitted_by for m in g.members) for g in proposed] == [
        ["Northby Branch", "Southby Branch"]
    ]
    text = runner.invoke(app, ["composite", "--group", str(homes_a), str(buses), str(homes_b)])
    assert text.exit_code == 0, text.stderr
    assert "Group 1 (2 motions)" in text.stdout and "Group 2" not in text.stdout
    assert "Not grouped (too little in common with the others):\n  Eastby Branch" in text.stdout


def test_no_group_proposed_holds_two_motions_that_share_little(tmp_path: Path) -> None:
    paths = [
        write(tmp_path, "a.yaml", HOMES_A),
        write(tmp_path, "b.yaml", HOMES_B),
        write(tmp_path, "c.yaml", BUSES),
        write(tmp_path, "d.yaml", BUSES.replace("Eastby", "Westby")),
    ]
    entries, _ = grouping.read(paths, CAT, PROFILES)
    groups = [g for g in grouping.group(entries, CAT, PROFILES) if len(g.members) > 1]
    assert len(groups) == 2
    for found in groups:
        for a, b in itertools.combinations(found.members, 2):
            assert a.motion is not None and b.motion is not None
            measured = likeness.compare(
                likeness.Profile.of(a.motion, CAT), likeness.Profile.of(b.motion, CAT), CAT
            )
            assert measured.related, (a.submitted_by, b.submitted_by)


def test_the_from_line_names_each_body_as_it_submitted(tmp_path: Path) -> None:
    paths = [
        catalogue_motion(tmp_path, "anytown-1.yaml", "Anytown CLP", ["nationalise-foster-care"]),
        catalogue_motion(tmp_path, "anytown-2.yaml", "Anytown CLP", ["end-agency-staffing"]),
        catalogue_motion(tmp_path, "barrow.yaml", "Barrow CLP", ["nationalise-foster-care"]),
    ]
    result = composite.build(paths, CAT, PROFILES, composite.Request(number=4))
    assert result.motion.submitted_by == "Composite 4, from Anytown and Barrow CLPs"
    assert ".yaml" not in result.motion.submitted_by
    unnamed = write(
        tmp_path, "zz-unnamed-file.yaml", HOMES_A.replace("submitted_by: Northby Branch\n", "")
    )
    other = write(tmp_path, "b.yaml", HOMES_B)
    line = composite.build([unnamed, other], CAT, PROFILES).motion.submitted_by or ""
    assert "zz-unnamed-file" not in line
    assert line == (
        "Composite, from the movers of \u201cChildren's homes run by councils again\u201d "
        "and Southby Branch"
    )


def test_max_words_says_what_will_not_fit_and_cuts_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    paths = [write(tmp_path, "a.yaml", HOMES_A), write(tmp_path, "b.yaml", HOMES_B)]
    whole = composite.build(paths, CAT, PROFILES)
    result = composite.build(paths, CAT, PROFILES, composite.Request(max_words=100))
    assert result.limit == 100 and result.document.words == whole.document.words > 100
    assert result.motion.sections == whole.motion.sections  # nothing cut
    past = result.not_fitting()
    assert past and past[-1].number == max(
        (i.number for i in result.items), key=lambda n: int(n[1:])
    )
    assert sum(i.words for i in past) >= result.over
    cli = runner.invoke(
        app, ["composite", *map(str, paths), "--max-words", "100", "-o", str(tmp_path / "c.yaml")]
    )
    assert cli.exit_code == 1
    error = cli.stderr.strip().splitlines()[-1]
    assert error.startswith(
        f"Error: the composite runs to {result.document.words} words, {result.over} over "
        "the limit of 100; what will not fit: "
    )
    for item in past:
        assert f"{item.number} ({item.words} words, from " in error
    assert (tmp_path / "c.yaml").is_file()


def test_a_lead_its_clauses_read_on_from_keeps_its_section(tmp_path: Path) -> None:
    own_lead = HOMES_A.replace(
        "  - kind: notes\n    items:",
        "  - kind: notes\n    lead: 'Conference notes that Northby Branch:'\n    items:\n"
        "      - text: has run a children's homes campaign since 2025.",
    )
    paths = [write(tmp_path, "a.yaml", own_lead), write(tmp_path, "b.yaml", HOMES_B)]
    result = composite.build(paths, CAT, PROFILES)
    notes = [s for s in result.motion.sections if s.kind == "notes"]
    assert [s.lead for s in notes] == ["Conference notes that Northby Branch:", None]
    assert [s.kind for s in result.motion.sections][:2] == ["notes", "notes"]  # side by side
    assert "has run a children's homes campaign since 2025." in notes[0].items[0].text
