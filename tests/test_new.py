"""`motiongen new`: the flag-only path through CliRunner, and the walk-through
driven in a real pseudo-terminal."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pexpect
from typer.testing import CliRunner

from conftest import REPO
from motiongen.cli import app

MOTIONGEN = str(Path(sys.executable).with_name("motiongen"))
DOWN = "\x1b[B"

FLAGS = [
    "new", "--profile", "council", "--title", "Keep our children's homes public",
    "--submitted-by", "Anytown Labour Group", "--to", "Full Council",
    "--meeting-date", "2027-03-01", "--nation", "england",
    "--proposer", "Cllr Sam Example", "--seconder", "Cllr Alex Example",
    "--demand", "council-run-childrens-homes", "--demand", "halt-nass",
    "--note", "councils-without-childrens-homes",
    "--note", "Our borough closed its last children's home in 2019.",
    "--believe", "risk-stays-public",
    "--resolve", "To send this motion to our MP.",
]  # fmt: skip


def test_flags_alone_write_documents_and_a_spec(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, [*FLAGS, "--output", f"{out}/", "--format", "docx,md,txt"])
    assert result.exit_code == 0, result.stderr
    stem = "anytown-labour-group-keep-our-childrens-homes-public"
    assert sorted(p.name for p in out.iterdir()) == [
        f"{stem}.{ext}" for ext in ("docx", "md", "txt", "yaml")
    ]
    md = (out / f"{stem}.md").read_text(encoding="utf-8")
    assert "Our borough closed its last children's home in 2019." in md
    assert "This Council resolves to write to the Secretary of State" in md
    assert f"motiongen build {out / stem}.yaml" in result.stderr


def test_the_saved_spec_rebuilds_the_same_documents(runner: CliRunner, tmp_path: Path) -> None:
    first = tmp_path / "first"
    runner.invoke(app, [*FLAGS, "--output", f"{first}/", "--format", "md,txt,docx"])
    (spec,) = first.glob("*.yaml")
    second = tmp_path / "second"
    rebuilt = runner.invoke(app, ["build", str(spec), "--out-dir", str(second)])
    assert rebuilt.exit_code == 0, rebuilt.stderr
    for made in first.glob("*.md"):
        assert (second / made.name).read_text("utf-8") == made.read_text("utf-8")
    for made in first.glob("*.txt"):
        assert (second / made.name).read_text("utf-8") == made.read_text("utf-8")
    (docx_a,) = first.glob("*.docx")
    with zipfile.ZipFile(docx_a) as a, zipfile.ZipFile(second / docx_a.name) as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")


def test_output_as_a_file_name(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, [*FLAGS, "--output", str(tmp_path / "council-motion"), "-f", "md"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "council-motion.md",
        "council-motion.yaml",
    ]
    assert "output: council-motion" in (tmp_path / "council-motion.yaml").read_text("utf-8")


def test_missing_answers_without_a_terminal_name_the_flags(runner: CliRunner) -> None:
    result = runner.invoke(app, ["new", "--title", "A motion"], input="\n\n\n")
    assert result.exit_code == 2
    assert "--profile" in result.stderr and "--demand" in result.stderr
    assert "--title" not in result.stderr.split("missing:")[1].split("(")[0]


def test_a_pipe_is_never_read_as_answers(tmp_path: Path) -> None:
    env = {**os.environ, "MOTIONGEN_CONFIG_DIR": str(tmp_path / "cfg")}
    done = subprocess.run(
        [MOTIONGEN, "new"],
        input="\n" * 50,
        capture_output=True,
        text=True,
        timeout=20,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert "without a terminal to ask in" in done.stderr
    assert list(tmp_path.glob("*.docx")) == []


def test_yes_uses_remembered_settings(runner: CliRunner, tmp_path: Path) -> None:
    runner.invoke(app, [*FLAGS, "--output", f"{tmp_path}/a/", "-f", "md"])
    result = runner.invoke(
        app,
        [
            "new",
            "--title",
            "Stop agency staffing",
            "--demand",
            "end-agency-staffing",
            "--yes",
            "--meeting-date",
            "2027-04-01",
            "--output",
            f"{tmp_path}/b/",
            "-f",
            "txt",
        ],
    )
    assert result.exit_code == 0, result.stderr
    (txt,) = (tmp_path / "b").glob("*.txt")
    text = txt.read_text("utf-8")
    assert "Submitted by: Anytown Labour Group" in text
    assert "Proposer: Cllr Sam Example" in text
    assert "This Council resolves to:" in text


def test_from_an_existing_spec(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "new",
            "--from",
            str(REPO / "examples" / "napo-agm.yaml"),
            "--proposer",
            "Pat New",
            "--output",
            f"{tmp_path}/",
            "-f",
            "txt",
        ],
    )
    assert result.exit_code == 0, result.stderr
    (txt,) = tmp_path.glob("*.txt")
    assert "Proposer: Pat New" in txt.read_text("utf-8")


def test_an_existing_file_is_kept_and_so_are_the_answers(runner: CliRunner, tmp_path: Path) -> None:
    args = [*FLAGS, "--output", f"{tmp_path}/", "-f", "md"]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, args)
    assert again.exit_code == 2 and "already there" in again.stderr
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0


def test_bad_meeting_date(runner: CliRunner) -> None:
    result = runner.invoke(app, [*FLAGS[:9], "--meeting-date", "next week"])
    assert result.exit_code == 2 and "'next week' is not a date" in result.stderr


def test_resume_with_nothing_to_resume(runner: CliRunner) -> None:
    result = runner.invoke(app, ["new", "--resume", "--yes"])
    assert result.exit_code == 2 and "no unfinished motion" in result.stderr


# --- in a real terminal ---------------------------------------------------------------------


def spawn(tmp_path: Path, *args: str) -> pexpect.spawn:
    env = {
        **os.environ,
        "MOTIONGEN_CONFIG_DIR": str(tmp_path / "cfg"),
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",  # pexpect does not answer cursor-position requests
    }
    child = pexpect.spawn(
        MOTIONGEN,
        ["new", *args],
        env=env,
        dimensions=(24, 100),
        encoding="utf-8",
        timeout=15,
        cwd=str(tmp_path),
    )
    child.logfile_read = (tmp_path / "terminal.log").open("w", encoding="utf-8")
    return child


def answer_first_half(child: pexpect.spawn) -> None:
    child.expect("Who is the motion for")
    for _ in range(4):  # to the fifth profile: union-conference
        child.send(DOWN)
    child.send("\r")
    child.expect("Title of the motion")
    child.send("\x15Keep child protection public\r")  # Ctrl-U clears the suggestion
    child.expect("Submitted by")
    child.send("Anytown Local Government Branch\r")
    child.expect("Where it goes")
    child.send("\r")
    child.expect("Date of the meeting")
    child.send("2027-05-20\r")
    child.expect("Which nation")
    child.send("\r")
    child.expect("Proposer")
    child.send("Chris Example\r")
    child.expect("Seconder")
    child.send("Pat Example\r")


def answer_second_half(child: pexpect.spawn, out: str) -> None:
    child.expect("Which demands")
    child.send("agency")  # the search narrows the list
    child.expect(r"end-agency-staffing")
    child.send(" ")
    child.expect("●.*end-agency-staffing")
    child.send("\x7f" * 6 + "outsourcing")
    child.expect("ban-outsourcing")
    child.send(" ")
    child.expect("●.*ban-outsourcing")  # the screen is redrawn in part: look for the mark
    child.send("\r")
    child.expect("Facts to note")
    child.expect("Supporting your demands")
    child.send(" \r")
    child.expect("fact of your own")
    child.send("Our council spent a record sum on agency staff last year.\r")
    child.expect("fact of your own")
    child.send("\r")
    child.expect("believes")
    child.send("\r")
    child.expect("belief of your own")
    child.send("\r")
    child.expect("Anything else to resolve")
    child.send("\r")
    child.expect("Preview")
    child.expect("What next")
    child.send("\r")
    child.expect("Which formats")
    child.send("\r")
    child.expect("Folder to write them in")
    child.send(out + "\r")
    child.expect("Saved the motion as")
    child.expect(pexpect.EOF)
    child.close()


def test_the_whole_walk_through_writes_a_docx(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    answer_first_half(child)
    answer_second_half(child, "motions")
    assert child.exitstatus == 0
    screen = (tmp_path / "terminal.log").read_text("utf-8")
    assert re.search(r"[1-9][0-9]* words so far", screen), "the running word count"
    (docx_file,) = (tmp_path / "motions").glob("*.docx")
    with zipfile.ZipFile(docx_file) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "Keep child protection public" in body
    assert "Our council spent a record sum on agency staff last year." in body
    assert "Campaign for the Government to" in body
    assert "end councils" in body
    assert "stop every plan to create a market" in body
    (spec,) = (tmp_path / "motions").glob("*.yaml")
    text = spec.read_text("utf-8")
    assert "profile: union-conference" in text and "end-agency-staffing" in text
    assert not (tmp_path / "cfg" / "draft.yaml").exists()
    settings = (tmp_path / "cfg" / "settings.yaml").read_text("utf-8")
    assert "Anytown Local Government Branch" in settings


def test_interrupt_half_way_and_resume(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    answer_first_half(child)
    child.expect("Which demands")
    child.sendcontrol("c")
    child.expect("Stopped. Your answers so far are saved in")
    child.expect("motiongen new --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    draft = (tmp_path / "cfg" / "draft.yaml").read_text("utf-8")
    assert "seconder: Pat Example" in draft

    child = spawn(tmp_path, "--resume")
    answer_second_half(child, "out")  # the first half is not asked again
    assert child.exitstatus == 0
    (txt,) = (tmp_path / "out").glob("*.txt")
    text = txt.read_text("utf-8")
    assert "Proposer: Chris Example" in text and "Seconder: Pat Example" in text
    assert "Meeting date: 20 May 2027" in text


def test_a_closed_terminal_keeps_the_draft(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    answer_first_half(child)
    child.expect("Which demands")
    child.kill(signal.SIGHUP)
    child.expect(pexpect.EOF)
    child.close()
    draft = (tmp_path / "cfg" / "draft.yaml").read_text("utf-8")
    assert "submitted_by: Anytown Local Government Branch" in draft
    assert "motiongen new --resume" in draft
