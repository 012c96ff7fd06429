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
from typing import Any

import pexpect
from typer.testing import CliRunner

from conftest import REPO
from motiongen.cli.commands import app
from screen import Screen, wait_for

MOTIONGEN = str(Path(sys.executable).with_name("motiongen"))
DOWN = "\x1b[B"

FLAGS = [
    "new", "--profile", "council", "--title", "Keep our children's homes public",
    "--submitted-by", "Anytown Labour Group", "--to", "Full Council",
    "--meeting-date", "2027-03-01", "--nation", "england",
    "--proposer", "Cllr Sam Example", "--seconder", "Cllr Alex Example",
    "--demand", "council-run-childrens-homes", "--demand", "independent-regulator",
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

    def __init__(
        self, tmp_path: Path, *args: str, term: str = "xterm", size: tuple[int, int] = (24, 100)
    ) -> None:
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
    t.answer(r"What next\?", "\r")  # the preview above it is taller than the screen
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
    assert "take no step that widens the market" in body
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
    assert "Meeting date: 20 May 2027" in text


def test_a_closed_terminal_keeps_the_draft(tmp_path: Path) -> None:
    t = spawn(tmp_path)
    answer_first_half(t)
    t.see("Which demands")
    t.child.kill(signal.SIGHUP)
    t.end()
    draft = (tmp_path / "cfg" / "draft.yaml").read_text("utf-8")
    assert "submitted_by: Anytown Local Government Branch" in draft
    assert "motiongen new --resume" in draft


# --- the ten problems, each in a real terminal ---------------------------------------


def test_an_empty_title_is_asked_again(tmp_path: Path) -> None:
    t = spawn(tmp_path)
    t.answer("Who is the motion for", "\r")
    t.answer("Title of the motion", CLEAR + "\r")
    screen = t.see("The motion needs a title")
    assert "Submitted by" not in screen
    t.send("Keep child protection public\r")
    t.see("Submitted by")
    t.stop()


def answer_conference_start(t: Term) -> None:
    """The Napo AGM: a 200-word limit read on Napo's own page, so a firm one."""
    t.answer("Who is the motion for", DOWN * 6 + "\r")
    t.answer("Title of the motion", CLEAR + "Keep child protection public\r")
    t.answer("Submitted by", "Anytown CLP\r")
    t.answer("Where it goes", "\r")
    t.answer("Date of the meeting", "\r")
    t.answer("Which nation", "\r")
    t.answer("Proposer", "Chris Example\r")
    t.answer("Seconder", "Pat Example\r")


def test_over_the_limit_is_shown_while_picking_and_enter_does_not_write(tmp_path: Path) -> None:
    t = spawn(tmp_path, "--format", "txt", "--output", "out/")
    answer_conference_start(t)
    t.see("Which demands")
    for _ in range(12):
        t.send(" " + DOWN)
    screen = t.see(r"\d+ words: \d+ over the limit of 200")
    assert "Preview" not in screen
    t.send("\r")
    for question in ("Facts to note", "fact of your own", "believes", "belief of your own"):
        t.answer(question, "\r")
    t.answer("Anything else to resolve", "\r")
    screen = t.see(r"What next\?(.*\n)*.*Esc goes back")
    assert re.search(r"over the limit of 200 for Napo", screen)
    assert re.search(r"❯ Cut to the limit", screen), "cutting is the default"
    assert "Write anyway (the body will reject it)" in screen
    assert "the demand '" in screen and "resolves 5" not in screen
    t.send("\r")
    t.see(r"Which demands\? Untick some")
    t.see(r"\d+ words\s+❯? ?●")  # the word cost of each demand, to cut the costliest
    t.stop()
    assert not (tmp_path / "out").exists(), "Enter wrote nothing"


def test_going_back_fixes_the_branch(tmp_path: Path) -> None:
    t = spawn(tmp_path, "--format", "txt", "--output", "out/")
    t.answer("Who is the motion for", DOWN * 3 + "\r")  # union-branch
    t.answer("Title of the motion", CLEAR + "Keep child protection public\r")
    t.answer("Submitted by", "Anytwn UNISON\r")
    t.see("Where it goes")
    t.back(r"(?m)went back\n.*Submitted by.*Anytwn UNISON$")  # the earlier answer, filled in
    t.send(CLEAR + "Anytown UNISON\r")
    t.answer(r"(?m)Anytown UNISON\n.*Where it goes.*meeting$", "\r")
    t.answer("Date of the meeting", "\r")
    t.answer("Which nation", "\r")
    t.answer("Proposer", "Chris Example\r")
    t.answer("Seconder", "Pat Example\r")
    t.see("Which demands")
    pick(t, "agency", "end-agency-staffing")
    t.send("\r")
    for question in ("Facts to note", "fact of your own", "believes", "belief of your own"):
        t.answer(question, "\r")
    t.answer("Anything else to resolve", "\r")
    t.answer(r"What next\?", "\r")
    t.see("Saved the motion as")
    assert t.end() == 0
    (txt,) = (tmp_path / "out").glob("*.txt")
    assert "Submitted by: Anytown UNISON" in txt.read_text("utf-8")


def test_choosing_the_demands_again_keeps_the_ticks_and_their_order(tmp_path: Path) -> None:
    t = spawn(tmp_path, "--format", "txt", "--output", "out/")
    answer_first_half(t)
    t.see("Which demands")
    pick(t, "outsourcing", "ban-outsourcing")  # picked first, listed later
    pick(t, "agency", "end-agency-staffing")
    t.send("\r")
    for question in ("Facts to note", "fact of your own", "believes", "belief of your own"):
        t.answer(question, "\r")
    t.answer("Anything else to resolve", "\r")
    t.answer(r"What next\?(.*\n)*.*Esc goes back", "change")  # typing narrows a menu too
    t.answer(r"❯ Change an answer", "\r")
    t.answer("Which answer do you want to change", "demands")
    t.answer(r"❯ Demands: No further outsourcing.*; End the use", "\r")
    t.see("Which demands")
    t.see(r"● No further outsourcing")
    t.send("agency")
    t.see("● End the use of private staffing agencies")
    t.back("Up/Down")
    t.send("\r")
    t.answer(r"What next\?", "\r")
    t.see("Saved the motion as")
    assert t.end() == 0
    (spec,) = (tmp_path / "out").glob("*.yaml")
    text = spec.read_text("utf-8")
    assert text.index("ban-outsourcing") < text.index("end-agency-staffing")


def test_british_dates_and_an_impossible_one(tmp_path: Path) -> None:
    t = spawn(tmp_path)
    t.answer("Who is the motion for", "\r")
    t.answer("Title of the motion", "\r")
    t.answer("Submitted by", "Anytown CLP\r")
    t.answer("Where it goes", "\r")
    t.answer("Date of the meeting", "31/02/2027\r")
    screen = t.see("February 2027 has 28 days")
    assert screen.index("February 2027 has 28 days") > screen.index("31/02/2027")
    t.send(CLEAR + "14 Jan 2027\r")
    t.see("Which nation")
    t.stop()
    draft = (tmp_path / "cfg" / "draft.yaml").read_text("utf-8")
    assert "meeting_date: '2027-01-14'" in draft or "meeting_date: 2027-01-14" in draft


def test_a_past_date_is_questioned(tmp_path: Path) -> None:
    t = spawn(tmp_path, "--title", "Keep child protection public", "--submitted-by", "A CLP")
    t.answer("Who is the motion for", "\r")
    t.answer("Where it goes", "\r")
    t.answer("Date of the meeting", "14 January 2020\r")
    t.answer("That date has passed. Use it anyway?", "\r")  # No, change it
    t.see(r"(?m)Use it anyway\?  No, change it\n.*Date of the meeting.*: 14 January 2020$")
    t.stop()


def test_a_search_with_no_match_says_so(tmp_path: Path) -> None:
    t = spawn(tmp_path)
    answer_first_half(t)
    t.see("Which demands")
    t.send("agncy")
    t.see("No demands match 'agncy' — did you mean 'agency'?")
    t.send(ESC)
    t.see(r"Which demands\?  0 words \(no limit\)\n  Public ownership")  # the search cleared
    t.send("boards")  # found in the clause, not the title
    t.see("id: co-op-governance")
    t.stop()


def test_a_kept_draft_is_offered_on_the_next_run(tmp_path: Path) -> None:
    t = spawn(tmp_path)
    answer_first_half(t)
    t.see("Which demands")
    t.answer(r"Up/Down", "")
    t.stop()
    t = spawn(tmp_path)
    screen = t.see(r"Carry on, or start a new one\?")
    assert re.search(
        r"You have an unfinished motion, 'Keep child protection public' for\s+Union "
        r"conference, TUC or GFTU,\s+saved today at",
        screen,
    )
    t.send(DOWN)
    t.answer(r"❯ Start a new one \(the old draft is kept as .*draft-", "\r")
    t.see("Who is the motion for")
    t.stop()
    (kept,) = (tmp_path / "cfg").glob("draft-*.yaml")
    assert "Keep child protection public" in kept.read_text("utf-8")


def test_each_kind_of_body_has_its_own_memory(runner: CliRunner, tmp_path: Path) -> None:
    def write(*args: str) -> None:
        done = subprocess.run(
            [
                MOTIONGEN,
                "new",
                *args,
                "--demand",
                "independent-regulator",
                "-f",
                "md",
                "-o",
                "done/",
            ],
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "MOTIONGEN_CONFIG_DIR": str(tmp_path / "cfg")},
            cwd=tmp_path,
        )
        assert done.returncode in (0, 1), done.stderr

    write(
        "--profile", "union-branch", "--title", "Keep it public", "--submitted-by", "Anytown UNISON"
    )
    write(
        "--profile", "labour-branch", "--title", "Keep it public", "--submitted-by", "Anytown CLP"
    )
    t = spawn(tmp_path)
    t.see("Who is the motion for")
    t.send(DOWN * 3 + "\r")  # from labour-branch, remembered, to union-branch
    t.answer("Title of the motion", CLEAR + "Keep child protection public\r")
    screen = t.see(r"Submitted by.*: Anytown UNISON")
    assert "Anytown CLP" not in screen
    t.stop()


def test_an_existing_output_saved_as_a_new_copy(tmp_path: Path) -> None:
    first = subprocess.run(
        [MOTIONGEN, *FLAGS, "-f", "txt", "-o", "out/"],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "MOTIONGEN_CONFIG_DIR": str(tmp_path / "other")},
        cwd=tmp_path,
    )
    assert first.returncode == 0, first.stderr
    t = spawn(tmp_path, *FLAGS[1:], "--format", "txt", "--output", "out/")
    t.answer("A belief of your own", "\r")  # the only answer the flags did not give
    t.see(r"What next\?")
    t.send("\r")
    t.see("A motion of this name is already there")
    t.answer(r"❯ Save as a new copy", "\r")
    t.see("Saved the motion as")
    assert t.end() == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    stem = "anytown-labour-group-keep-our-childrens-homes-public"
    assert names == [f"{stem}-2.txt", f"{stem}-2.yaml", f"{stem}.txt", f"{stem}.yaml"]


def test_a_dumb_terminal_gets_numbered_questions_to_a_docx(tmp_path: Path) -> None:
    t = Term(tmp_path, term="dumb")
    t.answer(r"1\. Who is the motion for", "4\r")  # union-branch
    t.answer(r"2\. Title of the motion", "Keep child protection public\r")
    t.answer(r"3\. Submitted by", "Anytown UNISON\r")
    t.answer(r"4\. Where it goes", "\r")
    t.answer(r"5\. Date of the meeting", "14/01/2027\r")
    t.answer(r"6\. Which nation", "\r")
    t.answer(r"7\. Proposer", "<\r")  # back one question: it keeps its number
    t.answer(r"(?s)Proposer.*6\. Which nation", "2\r")  # Wales
    t.answer(r"(?s)Wales.*7\. Proposer", "Chris Example\r")
    t.answer(r"8\. Seconder", "Pat Example\r")
    t.answer(r"9\. Which demands\? Type numbers", "agency\r")
    t.see(r"\d+\. \[ \] End the use of private staffing agencies")
    number = re.findall(r"(\d+)\. \[ \] End the use", t.screen.text())[-1]
    t.send(number + "\r")
    t.see(r"Ticked now: End the use of private staffing agencies")
    t.send("\r")
    for question in ("Facts to note", "fact of your own", "believes", "belief of your own"):
        t.answer(question, "\r")
    t.answer("Anything else to resolve", "\r")
    t.answer(r"What next\?", "\r")
    t.answer(r"Which formats", "\r")
    t.answer(r"Folder to write them in", "out\r")
    t.see("Saved the motion as")
    assert t.end() == 0
    log = (tmp_path / "terminal.log").read_text("utf-8")
    assert "\x1b[" not in log, "no cursor movement or colour"
    (docx_file,) = (tmp_path / "out").glob("*.docx")
    with zipfile.ZipFile(docx_file) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "Anytown UNISON" in body
    assert "nation: wales" in docx_file.with_suffix(".yaml").read_text("utf-8")
    assert "8. Seconder" in log and "9. Which demands" in log  # no number skipped


# --- the core under the walk-through ---------------------------------------------------------


def test_memory_is_kept_for_each_kind_of_body() -> None:
    from motiongen.cli.new import drafting

    drafting.save_settings(
        {"profile": "labour-branch", "submitted_by": "Anytown CLP", "to": "the GC"}, "party"
    )
    drafting.save_settings({"profile": "union-branch", "submitted_by": "Anytown UNISON"}, "union")
    settings = drafting.load_settings()
    assert drafting.remembered(settings, "union", "union-branch") == {
        "submitted_by": "Anytown UNISON"
    }
    party = drafting.remembered(settings, "party", "labour-branch")
    assert party == {"submitted_by": "Anytown CLP", "to": "the GC"}
    assert "to" not in drafting.remembered(settings, "party", "labour-conference")
    assert drafting.remembered(settings, "council", "council") == {}


def test_a_taken_name_gets_the_first_free_copy_number(tmp_path: Path) -> None:
    from motiongen.cli.new import drafting

    for name in ("m.docx", "m.yaml", "m-2.yaml"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in drafting.taken(tmp_path, "m", ["docx", "md"])] == ["m.docx", "m.yaml"]
    assert drafting.free_stem(tmp_path, "m", ["docx"]) == "m-3"


def test_an_old_draft_is_put_aside_not_lost(tmp_path: Path) -> None:
    from motiongen.cli.new import drafting

    old = drafting.Draft(answers={"title": "Keep it public"}, path=tmp_path / "draft.yaml")
    old.save()
    assert old.describe("Trade-union branch").startswith(
        "'Keep it public' for Trade-union branch, saved today at"
    )
    aside = old.aside_path()
    assert old.put_aside() == aside and not old.path.exists()
    assert "Keep it public" in aside.read_text("utf-8")
    old.save()
    assert old.aside_path() != aside  # a second one never overwrites the first


def test_findings_name_what_was_chosen(cat: Any) -> None:
    from motiongen import profiles as profile_set
    from motiongen.checks import run as run_checks
    from motiongen.cli.new.findings import plain_findings
    from motiongen.motion.compose import compose
    from motiongen.motion.spec import Motion

    demands = list(cat.demands)[:14]
    motion = Motion.model_validate(
        {
            "profile": "labour-conference",
            "title": "Keep it public",
            "demands": demands,
            "resolves": [{"text": "To write to our MP [insert name]"}],
        }
    )
    profile = profile_set.load(with_user_files=False).get("labour-conference")
    doc = compose(motion, profile, cat)
    found = plain_findings(run_checks(motion, doc, cat), doc, cat, motion)
    assert found[0].severity == "error"
    texts = " ".join(f.text for f in found)
    assert "over the limit of 250" in texts and "the demand '" in texts
    assert "Your own clause 1" in texts
    assert not re.search(r"resolves \d|submitted_by|meeting_date|'text:'", texts)
    over = next(f for f in found if f.rule == "word-limit")
    assert over.step == "demands"


def test_ticks_survive_ctrl_c(tmp_path: Path) -> None:
    t = spawn(tmp_path)
    answer_first_half(t)
    t.see("Which demands")
    pick(t, "agency", "end-agency-staffing")
    t.stop()
    t = spawn(tmp_path, "--resume")
    t.see("Which demands")  # asked again, not skipped, with the tick kept
    t.send("agency")
    t.see("● End the use of private staffing agencies")
    t.stop()


def test_contact_details_are_offered_among_the_answers_and_reach_the_spec(tmp_path: Path) -> None:
    t = spawn(tmp_path, "--format", "txt", "--output", "out/")
    answer_first_half(t)
    t.see("Which demands")
    pick(t, "agency", "end-agency-staffing")
    t.send("\r")
    for question in ("Facts to note", "fact of your own", "believes", "belief of your own"):
        t.answer(question, "\r")
    t.answer("Anything else to resolve", "\r")
    t.answer(r"What next\?(.*\n)*.*Esc goes back", "change")
    t.answer(r"❯ Change an answer", "\r")
    t.answer("Which answer do you want to change", "contact")
    t.answer(r"❯ Contact for the conference office \(optional\): \(blank\)", "\r")
    t.answer("Contact for the conference office", "Sam Example, sam@example.org, 07700 900123\r")
    t.answer(r"Contact: Sam Example(.*\n)*.*What next\?(.*\n)*.*Esc goes back", "\r")
    t.see("Saved the motion as")
    assert t.end() == 0
    (spec,) = (tmp_path / "out").glob("*.yaml")
    text = spec.read_text("utf-8")
    assert "email: sam@example.org" in text and "phone: 07700 900123" in text
    assert "name: Sam Example" in text


def test_a_typed_contact_is_read_into_its_parts() -> None:
    from motiongen.cli.new import drafting

    assert drafting.parse_contact("07700 900123; Pat Example, pat@example.org") == {
        "email": "pat@example.org",
        "phone": "07700 900123",
        "name": "Pat Example",
    }
    assert drafting.contact_problem("Pat, pat@") == (
        "An email address looks like secretary@example.org"
    )
    assert drafting.contact_problem("") is None
    assert drafting.contact_text({"name": "Pat", "phone": "0123 456 7890"}) == "Pat, 0123 456 7890"


def test_the_list_says_how_many_items_are_below_it_not_counting_headings() -> None:
    """A long list in a short terminal: the rows left out are counted as items, and every
    screen fits its rows, whatever the cursor."""
    from motiongen.cli.new.ask import Item, ListScreen

    items = [Item(f"d{n}", f"Demand {n}", group=f"Theme {n // 3}") for n in range(30)]
    screen = ListScreen("Which demands?", items, multiple=True, noun="demands")
    for cursor in (0, 7, 29):
        screen.cursor = cursor
        text = "".join(t for _, t in screen.lines(80, 14))
        assert text.count("\n") + 1 <= 14
        listed = [n for n in range(30) if f"Demand {n}\n" in text + "\n"]
        below = re.search(r"… (\d+) more below", text)
        if listed[-1] < 29:
            assert below and int(below.group(1)) == 29 - listed[-1], text
        else:
            assert below is None
