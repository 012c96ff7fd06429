"""`motiongen brief`: the mover's speech notes, timed, sourced, and laid out for a rostrum."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from motiongen import catalogue, profiles
from motiongen.cli.commands import app
from motiongen.conference import brief, composite
from motiongen.motion import spec
from motiongen.output import paper
from motiongen.text import md_escape

EXAMPLES = REPO / "examples"
CAT = catalogue.load(with_user_files=False)
PROFILES = profiles.load(with_user_files=False)
SINGLE = sorted(p.name for p in EXAMPLES.glob("*.yaml") if len(spec.read(p)) == 1)
THREE = [EXAMPLES / f"composite-{name}.yaml" for name in ("anytown", "barrow", "carlisle")]


def notes_for(name: str, minutes: float = 3, **kwargs: object) -> brief.Brief:
    motion, profile = brief.read(EXAMPLES / name, CAT, PROFILES)
    return brief.make(motion, profile, CAT, minutes=minutes, **kwargs)  # type: ignore[arg-type]


def composite_brief(minutes: float = 3) -> brief.Brief:
    request = composite.Request(number=3, prefer=("council-run-childrens-homes",), max_words=250)
    result = composite.build(THREE, CAT, PROFILES, request)
    return brief.make(result.motion, result.profile, CAT, minutes=minutes)


@pytest.mark.parametrize("name", SINGLE)
@pytest.mark.parametrize("minutes", [2, 3])
def test_each_example_fits_its_minutes_within_ten_per_cent(name: str, minutes: float) -> None:
    notes = notes_for(name, minutes)
    target = minutes * brief.WORDS_A_MINUTE
    assert 0.9 * target <= notes.words <= 1.1 * target, (notes.words, target)


def test_the_composite_fits_its_minutes() -> None:
    notes = composite_brief()
    assert 0.9 * 390 <= notes.words <= 1.1 * 390


@pytest.mark.parametrize("name", [*SINGLE[:3], "composite-barrow.yaml"])
def test_every_fact_has_its_source_and_year(name: str) -> None:
    notes = notes_for(name)
    facts = [line for part in notes.parts for line in part.lines if line.kind == "fact"]
    assert facts
    for line in facts:
        fact = next(e for e in CAT.evidence.values() if line.text.startswith(e.statement[:40]))
        source = CAT.sources[fact.sources[0].source]
        spoken = source.label.replace(" (", ", ").replace(")", "")
        assert f"(Source: {spoken}" in line.text and line.source
        if fact.year is not None:
            assert str(fact.year) in line.text
    md = paper.render(brief.paper(notes), "md").decode("utf-8")
    for line in facts:
        assert md_escape(line.source) in md  # listed in full at the end too


def test_the_brief_has_its_parts_in_order_with_timing_marks() -> None:
    notes = notes_for("composite-barrow.yaml")
    headings = [p.heading for p in notes.parts]
    assert headings[0] == "Opening" and headings[-1] == "Close"
    assert headings[1].startswith("Demand 1 of 5: ")  # four demands and its own resolve
    assert "Objections you may hear, and the answers" in headings
    starts = [p.start for p in notes.parts]
    assert starts == sorted(starts) and starts[0] == 0
    md = paper.render(brief.paper(notes), "md").decode("utf-8")
    assert md.count("**\\[0:00\\] Opening**") == 1
    assert "about 130 words a minute (390 words): " in md
    assert f"{notes.words} words to say" in md
    opening = notes.parts[0].lines[0].text
    assert opening.startswith("Chair, Conference, I move this motion, ")
    assert notes.parts[-1].lines[-1].text == "I ask Conference to support the motion. I move."
    objections = next(p for p in notes.parts if p.heading.startswith("Objections"))
    kinds = [line.kind for line in objections.lines]
    assert kinds[0] == "claim" and kinds[1] == "reply"  # never a claim left unanswered
    for i, kind in enumerate(kinds):
        if kind == "claim":
            assert kinds[i + 1] == "reply"


def test_objections_match_the_motions_demands() -> None:
    notes = notes_for("composite-barrow.yaml")
    claims = [line.text for p in notes.parts for line in p.lines if line.kind == "claim"]
    wanted = {
        "nationalise-foster-care",
        "co-op-governance",
        "definancialise",
        "end-agency-staffing",
    }
    for claim in claims:
        counter = next(c for c in CAT.counter_arguments.values() if c.claim[:30] in claim)
        assert wanted & set(counter.against)


def test_old_figures_are_marked() -> None:
    notes = notes_for("composite-barrow.yaml", 5)  # meeting in 2027; figures from 2021
    marked = [line for p in notes.parts for line in p.lines if line.note.startswith("OLD")]
    assert marked and "6 years old at the meeting" in marked[0].note
    assert "OLD FIGURE" in paper.render(brief.paper(notes), "md").decode("utf-8")
    fresh = notes_for("composite-barrow.yaml", 5, max_age=10)
    assert not [line for p in fresh.parts for line in p.lines if line.note.startswith("OLD")]
    assert dt.date(2027, 9, 26).year - 2021 == 6


def test_a_composite_brief_names_whose_point_each_part_carries() -> None:
    notes = composite_brief()
    opening = notes.parts[0].lines[0].text
    assert "I move Composite 3, " in opening
    assert opening.endswith("on behalf of Anytown, Barrow and Carlisle CLPs.")
    demands = [p for p in notes.parts if p.heading.startswith("Demand")]
    assert demands and all(p.carries.startswith("Carries the point of ") for p in demands)
    homes = next(p for p in demands if "children's homes" in p.heading)
    assert homes.carries == "Carries the point of Anytown CLP, Barrow CLP and Carlisle CLP"
    md = paper.render(brief.paper(notes), "md").decode("utf-8")
    assert "> Carries the point of " in md


def test_a_short_time_leaves_demands_out_and_says_so() -> None:
    notes = notes_for("union-conference.yaml", minutes=0.5)
    assert notes.words <= 65
    md = paper.render(brief.paper(notes), "md").decode("utf-8")
    assert "## Not in the time" in md


def test_brief_through_the_cli(runner: CliRunner, tmp_path: Path) -> None:
    args = ["brief", str(EXAMPLES / "labour-conference.yaml"), "-o", str(tmp_path)]
    result = runner.invoke(app, [*args, "--minutes", "2"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "labour-conference-brief.docx",
        "labour-conference-brief.md",
    ]
    assert "for 2 minutes (260 at 130 a minute)" in result.stderr
    again = runner.invoke(app, [*args, "--format", "md"])
    assert again.exit_code == 2 and "already there" in again.stderr
    forced = runner.invoke(app, [*args, "--format", "md", "--force"])
    assert forced.exit_code == 0
    assert "Sized for 3 minutes" in (tmp_path / "labour-conference-brief.md").read_text()


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("motion.odt", "save it as .docx"),
        ("region-batch.yaml", "a brief is for one motion"),
        ("missing.yaml", "missing.yaml"),
    ],
)
def test_unusable_input_exits_2(
    runner: CliRunner, tmp_path: Path, target: str, expected: str
) -> None:
    result = runner.invoke(app, ["brief", str(EXAMPLES / target), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and expected in result.stderr


def test_bad_format_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["brief", str(EXAMPLES / "council.yaml"), "-f", "odt"])
    assert result.exit_code == 2 and "choose from md, txt, docx, pdf" in result.stderr


def test_a_brief_from_a_word_motion(runner: CliRunner, tmp_path: Path) -> None:
    built = runner.invoke(
        app, ["build", str(EXAMPLES / "labour-conference.yaml"), "-f", "docx", "-o", str(tmp_path)]
    )
    assert built.exit_code == 0, built.stderr
    (docx,) = tmp_path.glob("*.docx")
    out = tmp_path / "brief"
    result = runner.invoke(app, ["brief", str(docx), "--format", "md", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    (md,) = out.glob("*.md")
    assert "Sized for 3 minutes" in md.read_text("utf-8")
