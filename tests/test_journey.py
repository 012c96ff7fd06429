"""The points of the December journey (JOURNEYS-2026-12.md), each held by a test:
what a branch secretary met, run as they ran it."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import REPO
from motiongen.cli.commands import app
from motiongen.io import datafile

EXAMPLES = REPO / "examples"
ANYTOWN = EXAMPLES / "anytown-branch.yaml"

# --- S4: a '#' in a hand-edited spec ------------------------------------------------------

HASHES = """\
profile: labour-branch
title: Motion #3 keep care public
submitted_by: "Anytown #1 Branch"   # quoted, so the '#1' is kept
proposer: A Example
seconder: B Example
demands: [nationalise-foster-care]
resolves:
  - text: To promote it with #KeepCarePublic
"""


def test_a_hash_that_cuts_a_value_is_found_with_its_line() -> None:
    source = datafile.loads(HASHES, "h.yaml")
    assert set(source.cut) == {("title",), ("resolves", 0, "text")}
    assert source.cut[("title",)].line == 2
    assert source.cut[("resolves", 0, "text")].written == "To promote it with #KeepCarePublic"


def test_a_comment_written_as_one_is_not_a_cut() -> None:
    text = (
        "title: Keep care public   # the GC's wording\n"
        "to: 'Anytown #GC'\n"
        "resolves:\n  - text: >\n      With #KeepCarePublic folded\n"
        "notes:   #the facts\n  - foster-placements-private-share\n"
    )
    assert datafile.loads(text, "c.yaml").cut == {}


def test_check_and_build_warn_of_a_cut_value(runner: CliRunner, tmp_path: Path) -> None:
    spec = tmp_path / "h.yaml"
    spec.write_text(HASHES, encoding="utf-8")
    checked = runner.invoke(app, ["check", "--json", str(spec)])
    (motion,) = json.loads(checked.stdout)["motions"]
    cuts = [f for f in motion["findings"] if f["rule"] == "cut-by-comment"]
    assert [(f["where"], f["severity"]) for f in cuts] == [
        ("title", "warning"),
        ("resolves[1].text", "warning"),
    ]
    assert f"{spec}, line 2" in cuts[0]["message"] and "'Motion'" in cuts[0]["message"]
    assert '"Motion #3 keep care public"' in cuts[0]["fix"]
    assert "line 8" in cuts[1]["message"]
    built = runner.invoke(app, ["build", str(spec), "-f", "txt", "-o", str(tmp_path / "out")])
    assert built.exit_code == 0
    assert "line 8: YAML reads '#KeepCarePublic' as a comment" in built.stderr
    assert "double quotes" in built.stderr
    printed = runner.invoke(app, ["build", str(spec), "-f", "txt", "--out-dir", "-"])
    assert printed.exit_code == 0 and "Keep care public" not in printed.stderr
    assert "line 8: YAML reads '#KeepCarePublic' as a comment" in printed.stderr


def test_a_cut_in_a_batch_s_defaults_is_named_for_each_motion(
    runner: CliRunner, tmp_path: Path
) -> None:
    spec = tmp_path / "b.yaml"
    spec.write_text(
        "defaults:\n  profile: labour-branch\n  to: Anytown #GC\n  proposer: A\n  seconder: B\n"
        "  demands: [nationalise-foster-care]\n"
        "motions:\n  - title: Keep care public\n    submitted_by: Eastby\n"
        "  - title: Keep homes public\n    submitted_by: Westby\n",
        encoding="utf-8",
    )
    checked = runner.invoke(app, ["check", "--json", str(spec)])
    motions = json.loads(checked.stdout)["motions"]
    assert [
        [f["where"] for f in m["findings"] if f["rule"] == "cut-by-comment"] for m in motions
    ] == [
        ["to"],
        ["to"],
    ]


def test_the_examples_have_no_cut_values(runner: CliRunner) -> None:
    specs = [str(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    checked = runner.invoke(app, ["check", "--json", *specs])
    assert "cut-by-comment" not in checked.stdout


# --- M5: a Word file given to build -------------------------------------------------------


def test_build_of_a_word_file_says_to_import_it_first(runner: CliRunner, tmp_path: Path) -> None:
    made = runner.invoke(app, ["build", str(ANYTOWN), "-f", "docx", "-o", str(tmp_path)])
    assert made.exit_code == 0
    (docx_file,) = tmp_path.glob("*.docx")
    result = runner.invoke(app, ["build", str(docx_file)])
    assert result.exit_code == 2
    assert "this is a Word document, not a spec file" in result.stderr
    assert f"motiongen import {docx_file.name} -o {docx_file.stem}.yaml" in result.stderr
    assert "UTF-8" not in result.stderr


def test_an_old_word_file_says_to_save_it_as_docx(runner: CliRunner, tmp_path: Path) -> None:
    old = tmp_path / "motion.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    for command in ("build", "check"):
        result = runner.invoke(app, [command, str(old)])
        assert result.exit_code == 2, command
        assert "old-format Word document (.doc)" in result.stderr, command
        assert "save it as motion.docx" in result.stderr and "UTF-8" not in result.stderr


def test_a_pasted_text_motion_given_to_build_says_to_import_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    pasted = tmp_path / "motion.txt"
    pasted.write_text("Keep care public\n\nThis branch notes:\n1) That it costs more.\n", "utf-8")
    result = runner.invoke(app, ["build", str(pasted)])
    assert result.exit_code == 2
    assert "motiongen import motion.txt -o motion.yaml" in result.stderr


# --- M6: a CSV batch whose motions fail their checks --------------------------------------


def test_a_batch_counts_the_motions_it_wrote(runner: CliRunner, tmp_path: Path) -> None:
    rows = tmp_path / "m.csv"
    rows.write_text("submitted_by,proposer\nA,B\nC,D\n", encoding="utf-8")
    out = tmp_path / "o"
    result = runner.invoke(
        app, ["build", str(EXAMPLES / "region-model.yaml"), "--merge", str(rows), "-o", str(out)]
    )
    assert result.exit_code == 1  # written, but no seconder: the checks fail
    assert len(list(out.iterdir())) == 6
    last = result.stderr.splitlines()[-1]
    assert last == f"Built 2 of 2 motions into {out}; 2 of them fail their checks (see above)."


# --- M8: the words of the errors ----------------------------------------------------------


def _spec(tmp_path: Path, text: str, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_council_motion_s_missing_date_reads_once(runner: CliRunner, tmp_path: Path) -> None:
    spec = _spec(tmp_path, (EXAMPLES / "council.yaml").read_text("utf-8"))
    kept = [row for row in spec.read_text("utf-8").splitlines() if "meeting_date" not in row]
    text = "\n".join(kept)
    spec.write_text(text + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(spec)])
    assert "Council notices of motion need the meeting date" in result.stdout
    assert "motion motions" not in result.stdout


def test_a_date_that_cannot_be_read_says_how_to_write_it_once(runner: CliRunner) -> None:
    result = runner.invoke(app, ["new", "--profile", "council", "--meeting-date", "next thursday"])
    assert result.exit_code == 2
    assert result.stderr.count("write it as") == 1, result.stderr


def test_a_clp_s_profile_is_the_branch_one(runner: CliRunner, tmp_path: Path) -> None:
    spec = _spec(tmp_path, "profile: labour-clp\ntitle: Keep care public\n")
    result = runner.invoke(app, ["check", str(spec)])
    assert "did you mean 'labour-branch'? It is the profile for Labour branch or CLP" in (
        result.stderr + result.stdout
    )


def test_seconded_by_is_taken_for_seconder(runner: CliRunner, tmp_path: Path) -> None:
    spec = _spec(tmp_path, "profile: labour-branch\ntitle: Keep care public\nseconded_by: X\n")
    result = runner.invoke(app, ["check", str(spec)])
    assert "seconded_by: unknown key: did you mean 'seconder'?" in result.stderr + result.stdout


def test_a_branch_column_is_taken_for_submitted_by(runner: CliRunner, tmp_path: Path) -> None:
    rows = _spec(tmp_path, "branch,proposer\nA,B\n", "m.csv")
    out = str(tmp_path / "out")
    result = runner.invoke(
        app, ["build", str(EXAMPLES / "region-model.yaml"), "--merge", str(rows), "-o", out]
    )
    assert result.exit_code == 2
    assert "the column 'branch' is not a spec key (did you mean 'submitted_by'?)" in result.stderr
    assert "schema" not in result.stderr


def test_import_over_a_spec_speaks_of_its_own_options(runner: CliRunner, tmp_path: Path) -> None:
    source = _spec(tmp_path, "Keep care public\n\nThis branch resolves:\n1) To act.\n", "m.txt")
    out = tmp_path / "m.yaml"
    assert runner.invoke(app, ["import", str(source), "-o", str(out)]).exit_code == 0
    again = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert again.exit_code == 2
    assert "--out-dir" not in again.stderr
    assert "add --force to replace it, or choose another name or folder" in again.stderr


def test_one_motion_to_composite_is_said_plainly(runner: CliRunner) -> None:
    result = runner.invoke(app, ["composite", str(EXAMPLES / "composite-anytown.yaml")])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: a composite needs at least two motions")
    assert "SPEC" not in result.stderr


def test_a_colon_in_a_title_says_to_quote_it(runner: CliRunner, tmp_path: Path) -> None:
    spec = _spec(tmp_path, "profile: labour-branch\ntitle: Children first: keep care public\n")
    result = runner.invoke(app, ["check", str(spec)])
    assert "mapping values" not in result.stderr
    assert "'title' holds ': '" in result.stderr
    assert 'title: "Children first: keep care public"' in result.stderr


def test_a_tab_says_to_use_spaces(runner: CliRunner, tmp_path: Path) -> None:
    spec = _spec(tmp_path, "profile: labour-branch\n\ttitle: Keep care public\n")
    result = runner.invoke(app, ["check", str(spec)])
    assert "cannot start any token" not in result.stderr
    assert "indented with a tab" in result.stderr and ":2:" in result.stderr


def test_a_union_and_a_council_motion_name_the_council_one(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["composite", str(EXAMPLES / "union-branch.yaml"), str(EXAMPLES / "council.yaml")]
    )
    assert result.exit_code == 2
    assert "council.yaml" in result.stderr and "full council" in result.stderr
    assert "--profile union-conference" not in result.stderr


# --- M9: a document that cannot be replaced ----------------------------------------------


def _built(runner: CliRunner, out: Path) -> Path:
    assert runner.invoke(app, ["build", str(ANYTOWN), "-f", "docx", "-o", str(out)]).exit_code == 0
    (document,) = out.glob("*.docx")
    return document


def test_a_document_open_in_libreoffice_is_not_replaced(runner: CliRunner, tmp_path: Path) -> None:
    document = _built(runner, tmp_path)
    before = document.read_bytes()
    lock = tmp_path / f".~lock.{document.name}#"
    lock.write_text("Sam,host,12.01.2027 19:30;", encoding="utf-8")
    result = runner.invoke(
        app, ["build", str(ANYTOWN), "-f", "docx", "-o", str(tmp_path), "--force"]
    )
    assert result.exit_code == 2
    assert "open in Word or LibreOffice" in result.stderr and lock.name in result.stderr
    assert document.read_bytes() == before
    lock.unlink()
    again = runner.invoke(
        app, ["build", str(ANYTOWN), "-f", "docx", "-o", str(tmp_path), "--force"]
    )
    assert again.exit_code == 0, again.stderr


def test_a_document_open_in_word_is_not_replaced(runner: CliRunner, tmp_path: Path) -> None:
    document = _built(runner, tmp_path)
    (tmp_path / f"~${document.name[2:]}").write_bytes(b"\0" * 162)
    result = runner.invoke(
        app, ["build", str(ANYTOWN), "-f", "docx", "-o", str(tmp_path), "--force"]
    )
    assert result.exit_code == 2 and "open in Word or LibreOffice" in result.stderr


def test_a_held_document_is_said_to_be_open_or_read_only(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What Windows does to a document open in Word: the folder takes new files, the
    document will not be replaced."""
    document = _built(runner, tmp_path)
    real_replace = os.replace

    def held(source: Any, target: Any) -> None:
        if Path(target) == document:
            raise PermissionError(errno.EACCES, "Permission denied")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", held)
    result = runner.invoke(
        app, ["build", str(ANYTOWN), "-f", "docx", "-o", str(tmp_path), "--force"]
    )
    assert result.exit_code == 2
    assert "may be open in Word or another program, or marked read-only" in result.stderr
    assert "--out-dir" not in result.stderr


# --- M19: help for people, not programmers ------------------------------------------------

HELPS = [
    [], ["new"], ["build"], ["check"], ["import"], ["amend"], ["composite"], ["brief"],
    ["demands", "list"], ["demands", "show"], ["demands", "search"], ["profiles", "show"],
]  # fmt: skip


def test_help_names_values_in_words(runner: CliRunner) -> None:
    for words in HELPS:
        result = runner.invoke(app, [*words, "--help"])
        assert result.exit_code == 0, words
        for python in ("<str>", "<path>", "list[", "range>", "{SPEC}", "{FILE}", "{ID}"):
            assert python not in result.stdout, (words, python)
    build = runner.invoke(app, ["build", "--help"]).stdout
    assert "Usage: motiongen build [OPTIONS] SPEC..." in build
    assert "--out-dir FOLDER" in build and "--merge FILE.csv" in build


def test_every_date_option_shows_the_same_form(runner: CliRunner) -> None:
    new = " ".join(runner.invoke(app, ["new", "--help"]).stdout.split())
    assert "YYYY-MM-DD" not in new
    assert "--submitted-on DATE The date you send it in, e.g. 14/01/2027." in new
    for words in (["check"], ["amend"]):
        assert "YYYY-MM-DD" not in runner.invoke(app, [*words, "--help"]).stdout


def test_line_numbers_say_the_same_in_new_and_build(runner: CliRunner) -> None:
    def line_numbers(command: str) -> str:
        text = " ".join(runner.invoke(app, [command, "--help"]).stdout.split())
        return text.split("--line-numbers", 1)[1].split("--", 1)[0].strip()

    assert line_numbers("new") == line_numbers("build")


# --- M20: the smaller points that are not the catalogue's --------------------------------


def test_a_title_that_caps_profits_says_what_it_does(runner: CliRunner, tmp_path: Path) -> None:
    spec = _spec(tmp_path, (EXAMPLES / "anytown-branch.yaml").read_text("utf-8"))
    spec.write_text(
        spec.read_text("utf-8").replace(
            "title: Bring children's social care back into public hands", "title: Cap the profits"
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", "--json", str(spec)])
    (motion,) = json.loads(result.stdout)["motions"]
    assert motion["title"] == "Cap the profits"
    assert "title-vague" not in {f["rule"] for f in motion["findings"]}


def test_the_proposer_and_seconder_stay_on_one_page(runner: CliRunner, tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "o"
    result = runner.invoke(
        app, ["build", str(EXAMPLES / "council.yaml"), "-f", "docx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    (docx_file,) = out.glob("*.docx")
    with zipfile.ZipFile(docx_file) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    proposer = body[: body.index("Proposer: </w:t>")].rsplit("<w:p>", 1)[1]
    seconder = body[: body.index("Seconder: </w:t>")].rsplit("<w:p>", 1)[1]
    assert "<w:keepNext/>" in proposer, "the proposer's line keeps with the seconder's"
    assert "<w:keepNext/>" not in seconder


def test_a_long_name_keeps_the_whole_title(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert runner.invoke(app, ["build", str(ANYTOWN), "-f", "md", "-o", str(out)]).exit_code == 0
    (md,) = out.glob("*.md")
    assert (
        md.stem
        == "anytown-central-branch-labour-bring-childrens-social-care-back-into-public-hands"
    )
    assert len(md.stem) <= 80


def test_two_branches_with_a_long_title_still_have_their_own_files() -> None:
    from motiongen.motion.spec import Motion
    from motiongen.text import slug

    title = "Bring every children's home and fostering service back into public ownership now"
    names = {
        slug(
            Motion(profile="x", title=title, submitted_by=f"{b} Central Branch").default_name(),
            limit=80,
        )
        for b in ("Anytown", "Barrow")
    }
    assert len(names) == 2


def test_a_belief_of_one_s_own_that_repeats_another_is_noted(
    runner: CliRunner, tmp_path: Path
) -> None:
    spec = _spec(
        tmp_path,
        "profile: labour-branch\ntitle: Keep care public\nsubmitted_by: A\nproposer: B\n"
        "seconder: C\ndemands: [end-agency-staffing]\nbelieves:\n  - care-not-for-profit\n"
        "  - text: Children's care should never be run for profit.\n",
    )
    result = runner.invoke(app, ["check", "--json", str(spec)])
    (motion,) = json.loads(result.stdout)["motions"]
    repeats = [f for f in motion["findings"] if f["rule"] == "repeated-clause"]
    assert [(f["where"], f["severity"]) for f in repeats] == [("believes 2", "advice")]
    assert "believes 1" in repeats[0]["message"]
