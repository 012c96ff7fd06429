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
from screen import Screen, wait_for
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
    assert again.exit_code == 1 and "already there" in again.stderr
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0


def test_bad_meeting_date(runner: CliRunner) -> None:
    result = runner.invoke(app, [*FLAGS[:9], "--meeting-date", "next week"])
    assert result.exit_code == 2 and "'next week' is not a date I can read" in result.stderr


def test_resume_with_nothing_to_resume(runner: CliRunner) -> None:
    result = runner.invoke(app, ["new", "--resume", "--yes"])
    assert result.exit_code == 2 and "no unfinished motion" in result.stderr


# --- in a real terminal ---------------------------------------------------------------------

ESC = "\x1b"
UP = "\x1b[A"
CLEAR = "\x15"  # Ctrl-U empties the line, suggestion and all


class Term:
    """`motiongen new` in a real pseudo-terminal, and the screen it draws."""

    def __init__(self, tmp_path: Path, *args: str, term: str = "xterm", size=(24, 100)) -> None:
        env = {
            **os.environ,
            "MOTIONGEN_CONFIG_DIR": str(tmp_path / "cfg"),
            "TERM": term,
            "PROMPT_TOOLKIT_NO_CPR": "1",  # pexpect does not answer cursor-position requests
        }
        self.child = pexpect.spawn(
            MOTIONGEN,
            ["new", *args],
            env=env,
            dimensions=size,
            encoding="utf-8",
            timeout=5,
            cwd=str(tmp_path),
        )
        self.child.logfile_read = (tmp_path / "terminal.log").open("a", encoding="utf-8")
        self.screen = Screen(*size)

    def see(self, pattern: str, timeout: float = 5) -> str:
        return wait_for(self.child, self.screen, pattern, timeout)

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def answer(self, question: str, keys: str) -> None:
        self.see(question)
        self.send(keys)

    def back(self, then: str) -> None:
        """Esc alone (the escape-key wait has to pass before anything else is sent)."""
        self.send(ESC)
        self.see(then)

    def end(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        return int(self.child.exitstatus if self.child.exitstatus is not None else -1)

    def stop(self) -> None:
        self.child.sendcontrol("c")
        self.end()


def spawn(tmp_path: Path, *args: str) -> Term:
    return Term(tmp_path, *args)


def answer_first_half(t: Term, profile_downs: int = 4) -> None:
    t.see("Who is the motion for")
    t.send(DOWN * profile_downs + "\r")  # 4: the fifth profile, union-conference
    t.answer("Title of the motion", CLEAR + "Keep child protection public\r")
    t.answer("Submitted by", "Anytown Local Government Branch\r")
    t.answer("Where it goes", "\r")
    t.answer("Date of the meeting", "2027-05-20\r")
    t.answer("Which nation", "\r")
    t.answer("Proposer", "Chris Example\r")
    t.answer("Seconder", "Pat Example\r")


def pick(t: Term, search: str, demand_id: str) -> None:
    """Search, tick the highlighted item, and clear the search."""
    t.send(search)
    t.see(f"id: {demand_id}")
    t.send(" ")
    t.see(r"❯ ●")
    t.back(r"Up/Down move")  # Esc clears the search


def answer_second_half(t: Term, out: str) -> None:
    t.see("Which demands")
    pick(t, "agency", "end-agency-staffing")
    pick(t, "outsourcing", "ban-outsourcing")
    t.send("\r")
    t.see("Facts to note")
    t.see("Supporting your demands")
    t.send(" \r")
    t.answer("fact of your own", "Our council spent a record sum on agency staff last year.\r")
    t.see(r"record sum(.*\n){1,4}.*fact of your own")
    t.send("\r")
    t.answer("believes", "\r")
    t.answer("belief of your own", "\r")
    t.answer("Anything else to resolve", "\r")
    t.see("Preview")
    t.answer(r"What next\?", "\r")
    t.answer("Which formats", "\r")
    t.answer("Folder to write them in", out + "\r")
    t.see("Saved the motion as")


def test_the_whole_walk_through_writes_a_docx(tmp_path: Path) -> None:
    t = spawn(tmp_path)
    answer_first_half(t)
    answer_second_half(t, "motions")
    assert t.end() == 0
    screen = (tmp_path / "terminal.log").read_text("utf-8")
    assert re.search(r"[1-9][0-9]* words", screen), "the running word count"
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
    t = spawn(tmp_path)
    answer_first_half(t)
    t.see("Which demands")
    t.child.sendcontrol("c")
    t.see("Stopped. Your answers so far are saved in")
    t.see("motiongen new --resume")
    assert t.end() == 130
    draft = (tmp_path / "cfg" / "draft.yaml").read_text("utf-8")
    assert "seconder: Pat Example" in draft

    t = spawn(tmp_path, "--resume")
    answer_second_half(t, "out")  # the first half is not asked again
    assert t.end() == 0
    (txt,) = (tmp_path / "out").glob("*.txt")
    text = txt.read_text("utf-8")
    assert "Proposer: Chris Example" in text and "Seconder: Pat Example" in text
    assert "Meeting: 20 May 2027" in text


def test_a_closed_terminal_keeps_the_draft(tmp_path: Path) -> None:
    t = spawn(tmp_path)
    answer_first_half(t)
    t.see("Which demands")
    t.child.kill(signal.SIGHUP)
    t.end()
    draft = (tmp_path / "cfg" / "draft.yaml").read_text("utf-8")
    assert "submitted_by: Anytown Local Government Branch" in draft
    assert "motiongen new --resume" in draft
