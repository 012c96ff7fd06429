"""A clause in the movers' own words linked to the catalogue entries it says (``link:``):
the words printed are theirs, and check and brief use the entries' facts and sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from motiongen.catalogue import Catalogue
from motiongen.cli.commands import app

MOTION = """\
profile: union-branch
title: Keep our children's care public
submitted_by: Anytown Social Care Branch
proposer: Sam Example
seconder: Alex Example
nation: {nation}
notes:
  - text: Our county buys ever more of its foster placements from agencies run for profit.
    link: {note_link}
resolves:
  - text: To stand with every other union in our services against any more selling off.
    link: {resolve_link}
"""


def write(tmp_path: Path, **values: str) -> Path:
    given = {
        "nation": "england",
        "note_link": "foster-placements-private-share",
        "resolve_link": "[ban-outsourcing, unions-campaign-together]",
        **values,
    }
    path = tmp_path / "motion.yaml"
    path.write_text(MOTION.format(**given), encoding="utf-8")
    return path


def one_line_error(result: object) -> str:
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == 2, stderr  # type: ignore[attr-defined]
    assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
    return stderr


@pytest.mark.parametrize("command", ["check", "build", "brief"])
def test_an_unknown_id_in_a_link_list_names_file_line_and_key(
    command: str, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = write(
        tmp_path, resolve_link="\n      - ban-outsourcing\n      - unions-campaign-togther"
    )
    args = [command, str(path)] + (["-o", "-", "-f", "txt"] if command == "build" else [])
    stderr = one_line_error(runner.invoke(app, args))
    assert "motion.yaml:14:" in stderr  # the line of the second id
    assert "resolves[1].link[2]" in stderr
    assert "'unions-campaign-togther'" in stderr and "'unions-campaign-together'" in stderr


def test_an_unknown_single_link_names_its_key(tmp_path: Path, runner: CliRunner) -> None:
    path = write(tmp_path, note_link="foster-placements-private-shares")
    stderr = one_line_error(runner.invoke(app, ["check", str(path)]))
    assert "motion.yaml:9:" in stderr and "notes[1].link:" in stderr


@pytest.mark.parametrize(
    ("link", "says"),
    [("[ban-outsourcing, ban-outsourcing]", "named twice"), ("[]", "at least one")],
)
def test_a_link_list_names_each_entry_once(
    link: str, says: str, tmp_path: Path, runner: CliRunner
) -> None:
    path = write(tmp_path, resolve_link=link)
    stderr = one_line_error(runner.invoke(app, ["check", str(path)]))
    assert "motion.yaml:" in stderr and "resolves[1].link" in stderr and says in stderr


def test_the_words_printed_are_the_movers_alone(
    tmp_path: Path, runner: CliRunner, cat: Catalogue
) -> None:
    """Linked or not, a clause prints as its movers wrote it, with nothing of the
    catalogue's added under the motion (check and brief use the entries)."""
    path = write(tmp_path, note_link="[foster-placements-private-share, regulations-2014]")
    result = runner.invoke(app, ["build", str(path), "-f", "md", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert (
        "Our county buys ever more of its foster placements from agencies run for profit." in text
    )
    assert "To stand with every other union in our services against any more selling off." in text
    for ref in ("foster-placements-private-share", "regulations-2014"):
        assert cat.evidence[ref].statement not in text
    assert "Sources" not in text


def test_check_uses_each_linked_entry(tmp_path: Path, runner: CliRunner) -> None:
    """A fact linked second, and a demand linked second, are checked like the first."""
    path = write(
        tmp_path,
        nation="wales",
        note_link="[regulations-moderated-2014, foster-placements-private-share]",
        resolve_link="[unions-campaign-together, end-agency-staffing]",
    )
    result = runner.invoke(app, ["check", str(path), "--json"])
    assert result.exit_code in (0, 1), result.stderr
    findings = json.loads(result.stdout)["motions"][0]["findings"]
    messages = [f["message"] for f in findings]
    assert any("'foster-placements-private-share' holds for England" in m for m in messages)
    assert any("'end-agency-staffing' concerns England" in m for m in messages), messages


def brief_of(path: Path, runner: CliRunner) -> str:
    result = runner.invoke(app, ["brief", str(path), "-f", "md", "--force"])
    assert result.exit_code == 0, result.stderr
    return path.with_name(f"{path.stem}-brief.md").read_text(encoding="utf-8")


def test_brief_speaks_from_every_entry_the_words_are_linked_to(
    tmp_path: Path, runner: CliRunner, cat: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    unlinked = brief_of(write(tmp_path, note_link="null", resolve_link="null"), runner)
    assert "Sources, if you are asked" not in unlinked  # nothing of the catalogue's
    brief = brief_of(write(tmp_path), runner)
    sources = brief.split("Sources, if you are asked", 1)[1]
    # A fact behind each demand the one clause is linked to, with its source.
    for ref in ("ban-outsourcing", "unions-campaign-together"):
        demand = cat.demands[ref]
        facts = [cat.evidence[e] for e in demand.evidence if e in cat.evidence]
        beliefs = [cat.beliefs[b].text for b in demand.beliefs if b in cat.beliefs]
        said = [f.statement for f in facts] + beliefs
        assert any(text[:40] in brief for text in said), ref
    # The linked note's fact, and its source, are there for the mover.
    fact = cat.evidence["foster-placements-private-share"]
    source, _ = cat.cited(fact.sources)[0]
    assert source.title in sources


def test_the_motion_as_amended_keeps_a_list_of_links(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An amendment to one clause leaves the others' links as they were, lists too."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, note_link="[foster-placements-private-share, regulations-2014]")
    (tmp_path / "amendment.yaml").write_text(
        "amends: motion.yaml\nsubmitted_by: Northby Branch\nchanges:\n"
        '  - in: resolves\n    delete: "any more selling off"\n'
        '    insert: "any more outsourcing"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["amend", "amendment.yaml", "-f", "txt", "-o", "out"])
    assert result.exit_code == 0, result.stderr
    (spec_file,) = (tmp_path / "out").glob("*.yaml")
    data = YAML(typ="safe").load(spec_file.read_text(encoding="utf-8"))
    items = [i for s in data["sections"] for i in s["items"]]
    assert {
        "text": "Our county buys ever more of its foster placements from agencies run for profit.",
        "link": ["foster-placements-private-share", "regulations-2014"],
    } in items


@pytest.mark.parametrize(
    ("values", "where", "says"),
    [
        # A note may be an id or {text: ...}: the error is the one its form has.
        (
            {"note_link": "[regulations-2014, regulations-2014]"},
            "notes[1].link:",
            "'regulations-2014' is named twice",
        ),
        (
            {"resolve_link": "[ban-outsourcing, Ban Outsourcing]"},
            "resolves[1].link[2]:",
            "ids are written in lower case with hyphens",
        ),
        ({"note_link": "Regulations 2014"}, "notes[1].link:", "lower case with hyphens"),
    ],
)
def test_a_bad_link_is_named_as_itself(
    values: dict[str, str], where: str, says: str, tmp_path: Path, runner: CliRunner
) -> None:
    stderr = one_line_error(runner.invoke(app, ["check", str(write(tmp_path, **values))]))
    assert where in stderr and says in stderr, stderr
    assert "unknown key" not in stderr and "more problem" not in stderr


def test_a_note_too_long_says_so(tmp_path: Path, runner: CliRunner) -> None:
    """Not "unknown key: text", which the form a note is not (an id by 'id:') says."""
    path = write(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "Our county buys ever more", "Our county buys ever more " + "and more " * 400
    )
    path.write_text(text, encoding="utf-8")
    stderr = one_line_error(runner.invoke(app, ["check", str(path)]))
    assert "notes[1].text:" in stderr and "characters long" in stderr, stderr
