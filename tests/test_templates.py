"""Templates: every packaged one renders a minimal motion under StrictUndefined; a
user's folder comes first, can extend the packaged template, and runs sandboxed."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from motiongen import catalogue, profiles
from motiongen.cli.commands import app
from motiongen.errors import InputError
from motiongen.motion.compose import compose
from motiongen.motion.spec import Motion
from motiongen.output import render
from motiongen.output.formats import TEXT_FORMATS
from motiongen.output.paper import Paper

CAT = catalogue.load(with_user_files=False)
PROFILES = profiles.load(with_user_files=False)
MINIMAL = Motion(profile="labour-branch", title="Keep care public", demands=["halt-nass"])


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("profile_id", sorted(PROFILES.profiles))
def test_each_template_renders_a_minimal_motion(fmt: str, profile_id: str) -> None:
    motion = MINIMAL.model_copy(update={"profile": profile_id})
    text = render.render(compose(motion, PROFILES.get(profile_id), CAT), fmt)
    assert "Keep care public" in text and "Assessment and Accreditation" in text
    assert "Sources for the facts noted" not in text  # no facts, no empty heading


def test_every_packaged_template_is_known() -> None:
    """One template for each text format and each kind of document, and no other."""
    on_disk = {p.name for p in (REPO / "templates").glob("*.j2")}
    assert on_disk == {f"{kind}.{fmt}.j2" for kind in ("motion", "paper") for fmt in TEXT_FORMATS}


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_each_paper_template_renders_every_kind_of_block(fmt: str) -> None:
    paper = Paper("Speech notes: Keep care public", "Anytown", "The mover's speech")
    paper.heading("The motion [amended], *clause* by clause")
    paper.para("A paragraph.")
    paper.line("A line.")
    paper.mark("[0:30] Demand 1 of 2")
    paper.note("A note for the speaker.")
    paper.table(("Clause", "Text"), [("C1", "Keep | care public"), ("C2", "")])
    text = render.render_paper(paper, fmt)
    for said in ("Speech notes: Keep care public", "A paragraph.", "A line.", "Demand 1 of 2"):
        assert said in text, said
    assert "A note for the speaker." in text and "C2" in text
    assert text.count("Clause") >= 1 and "{{" not in text


def document() -> object:
    return compose(MINIMAL, PROFILES.get("labour-branch"), CAT)


def test_a_user_template_extends_the_packaged_one(tmp_path: Path) -> None:
    (tmp_path / "motion.txt.j2").write_text(
        '{% extends "default:motion.txt.j2" %}', encoding="utf-8"
    )
    (tmp_path / "motion.md.j2").write_text(
        "ANYTOWN BRANCH\n\n{% include 'default:motion.md.j2' %}", encoding="utf-8"
    )
    txt = render.render(document(), "txt", template_dir=tmp_path)  # type: ignore[arg-type]
    assert txt == render.render(document(), "txt")  # type: ignore[arg-type]
    md = render.render(document(), "md", template_dir=tmp_path)  # type: ignore[arg-type]
    assert md.startswith("ANYTOWN BRANCH\n\n# Keep care public")


def test_user_templates_are_sandboxed(tmp_path: Path) -> None:
    (tmp_path / "motion.txt.j2").write_text(
        "{{ doc.__class__.__init__.__globals__ }}", encoding="utf-8"
    )
    with pytest.raises(InputError, match="the template failed"):
        render.render(document(), "txt", template_dir=tmp_path)  # type: ignore[arg-type]


def test_a_missing_name_in_a_template_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "motion.txt.j2").write_text("{{ doc.no_such_thing }}\n", encoding="utf-8")
    with pytest.raises(InputError, match="no_such_thing"):
        render.render(document(), "txt", template_dir=tmp_path)  # type: ignore[arg-type]


def test_templates_option_through_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "motion.txt.j2").write_text(
        "From {{ doc.submitted_by }}\n{% include 'default:motion.txt.j2' %}", encoding="utf-8"
    )
    result = CliRunner().invoke(
        app,
        [
            "build",
            str(REPO / "examples" / "anytown-branch.yaml"),
            "--templates",
            str(folder),
            "-f",
            "txt",
            "-o",
            "-",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("From Anytown Central Branch Labour Party\n")


def test_a_bad_reference_docx_is_one_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "build",
            str(REPO / "examples" / "region-batch.yaml"),
            "-f",
            "docx",
            "-o",
            str(tmp_path / "out"),
            "--reference-docx",
            str(tmp_path / "missing.docx"),
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.count("Error:") == 1 and "missing.docx" in result.stderr
    assert not (tmp_path / "out").exists()
