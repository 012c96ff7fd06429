"""`motiongen new` as the December journey met it (JOURNEYS-2026-12.md S1, M1–M3, M7,
M17, M18 and the walk-through's minor points), in a real pseudo-terminal where the
point is what the screen does, and on the core where it is what the answers hold."""

from __future__ import annotations

import datetime as dt
import os
import termios
import time
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from motiongen import catalogue, profiles
from motiongen.checks import run as run_checks
from motiongen.cli.commands import app
from motiongen.cli.new import drafting
from motiongen.cli.new.ask import Item, ListScreen, PlainAsker
from motiongen.cli.new.findings import plain_findings
from motiongen.cli.new.lists import Lists
from motiongen.cli.new.prompts import Walkthrough
from motiongen.cli.new.review import summary
from motiongen.motion.compose import compose
from motiongen.motion.spec import Motion
from test_new import DOWN, Term, spawn

CAT = catalogue.load(with_user_files=False)
PROFILES = profiles.load()
PASTE = "\x1b[200~{}\x1b[201~"
RIGHT = "\x1b[C"


def draft_of(tmp_path: Path) -> str:
    return (tmp_path / "cfg" / "draft.yaml").read_text("utf-8")


# --- S1: typing into an answer shown replaces it ------------------------------------------


def test_typing_replaces_the_answer_shown(tmp_path: Path) -> None:
    t = spawn(tmp_path)
    t.answer("Who is the motion for", "\r")
    t.answer("Title of the motion: Bring children's", "Keep child protection public\r")
    t.see("Submitted by")
    assert "title: Keep child protection public\n" in draft_of(tmp_path)
    t.stop()


def test_a_remembered_branch_is_replaced_too(tmp_path: Path) -> None:
    settings = tmp_path / "cfg" / "settings.yaml"
    settings.parent.mkdir(parents=True)
    settings.write_text(
        "profile: labour-branch\nbodies:\n  party:\n    submitted_by: Anytown Labour Group\n",
        encoding="utf-8",
    )
    t = spawn(tmp_path)
    t.answer("Who is the motion for", "\r")
    t.answer("Title of the motion", "\r")
    t.answer("Submitted by.*Anytown Labour Group", "Hangup Branch\r")
    t.see("Where it goes")
    assert "submitted_by: Hangup Branch\n" in draft_of(tmp_path)
    t.stop()


def test_a_paste_replaces_it_and_an_arrow_keeps_it_to_edit(tmp_path: Path) -> None:
    t = spawn(tmp_path)
    t.answer("Who is the motion for", "\r")
    t.answer("Title of the motion: Bring", PASTE.format("Keep care public") + "\r")
    t.answer("Submitted by", "Anytown Branch\r")
    t.see("Where it goes")
    t.back(r"(?m)went back\n.*Submitted by.*Anytown Branch$")
    t.back(r"(?m)went back\n.*Title of the motion: Keep care public$")
    t.send(RIGHT + " now\r")
    t.see(r"(?m)Title of the motion: Keep care public now\n.*Submitted by")
    assert "title: Keep care public now\n" in draft_of(tmp_path)
    t.stop()


def test_enter_keeps_the_answer_shown(tmp_path: Path) -> None:
    t = spawn(tmp_path)
    t.answer("Who is the motion for", "\r")
    t.answer("Title of the motion: Bring", "\r")
    t.see("Submitted by")
    assert "title: Bring children's social care back into public hands" in draft_of(tmp_path)
    t.stop()


# --- keys typed while new starts ----------------------------------------------------------


def test_arrows_typed_before_the_first_list_wait_for_it(tmp_path: Path) -> None:
    t = Term(tmp_path)
    deadline = time.monotonic() + 10
    while termios.tcgetattr(t.child.child_fd)[3] & termios.ECHO:  # until motiongen holds keys
        assert time.monotonic() < deadline, "the keys were never held"
        time.sleep(0.01)
    while True:  # everything written so far, read
        try:
            t.screen.feed(t.child.read_nonblocking(4096, timeout=0.1))
        except pexpect.TIMEOUT:
            break
    assert "Drafting a motion" not in t.screen.text(), "held as it starts, not once it asks"
    t.send(DOWN + DOWN)  # long before the first list is drawn
    t.send("\r")
    t.see("Title of the motion")
    screen = t.screen.text()
    assert "^[[B" not in screen and "^[" not in screen
    assert "? Who is the motion for?  Labour National Policy Forum" in screen  # the third
    t.stop()


def test_the_terminal_is_given_back_as_it_was(tmp_path: Path) -> None:
    """After new, the shell's terminal shows what is typed again (echo on)."""
    env = {**os.environ, "MOTIONGEN_CONFIG_DIR": str(tmp_path / "cfg"), "TERM": "xterm",
           "PROMPT_TOOLKIT_NO_CPR": "1"}  # fmt: skip
    motiongen = Path(__import__("sys").executable).with_name("motiongen")
    shell = pexpect.spawn(
        "/bin/sh", ["-c", f"{motiongen} new; stty -a"], env=env, dimensions=(24, 100),
        encoding="utf-8", timeout=10, cwd=str(tmp_path),
    )  # fmt: skip
    shell.expect("Who is the motion for")
    shell.sendcontrol("c")
    shell.expect(pexpect.EOF)
    flags = shell.before.split("speed", 1)[-1]
    assert " echo " in flags and " icanon " in flags, flags


# --- M18: plain questions -----------------------------------------------------------------


def test_plain_mode_takes_a_word_of_the_choice(capsys: pytest.CaptureFixture[str]) -> None:
    items = [Item(p.id, p.name) for p in PROFILES.profiles.values()]
    asker = PlainAsker()
    import io
    import sys

    stdin = sys.stdin
    sys.stdin = io.StringIO("council\nlabour\n2\n")
    try:
        assert asker.choose("Who is the motion for?", items) == "council"
        assert asker.choose("Who is the motion for?", items) == "labour-conference"
    finally:
        sys.stdin = stdin
    out = capsys.readouterr().out
    assert "'labour' fits 1. Labour branch or CLP, 2. Labour Annual Conference" in out


def test_plain_mode_never_says_press_space(tmp_path: Path) -> None:
    t = Term(tmp_path, term="dumb")
    t.answer(r"1\. Who is the motion for", "\r")
    for _ in range(7):
        t.send("\r")
        time.sleep(0.2)
    t.answer(r"Which demands\? Type numbers", "\r")  # Enter with nothing ticked
    screen = t.see("Pick at least one demand")
    assert "Space" not in screen.split("Pick at least one demand")[-1].splitlines()[0]
    assert "type its number" in screen
    t.stop()


# --- the core under the walk-through -------------------------------------------------------


class Scripted:
    """An asker that answers from a list: each ``choose`` and ``text`` takes the next."""

    plain = True

    def __init__(self, answers: list[str]) -> None:
        self.answers = answers
        self.said: list[str] = []

    def at(self, number: int) -> None:
        pass

    def say(self, text: str, style: str = "") -> None:
        self.said.append(text)

    def panel(self, title: str, text: str) -> None:
        self.said.append(text)

    def text(self, message: str, *, default: str = "", check: object = None) -> str:
        answer = self.answers.pop(0)
        return default if answer == "" else answer

    def choose(self, message: str, items: list[Item], *, default: str | None = None) -> str:
        return self.answers.pop(0)

    def pick(self, message: str, items: list[Item], **kwargs: object) -> list[str]:
        return [a for a in self.answers.pop(0).split(",") if a]


def walk(tmp_path: Path, answers: dict[str, object], asker: Scripted) -> Walkthrough:
    draft = drafting.Draft(answers=dict(answers), path=tmp_path / "draft.yaml")
    return Walkthrough(draft, CAT, PROFILES, {}, asker, today=dt.date(2027, 1, 1))  # type: ignore[arg-type]


def test_changing_the_body_asks_again_where_it_goes(tmp_path: Path) -> None:
    union = PROFILES.get("union-branch")
    w = walk(tmp_path, {"profile": "union-branch", "to": union.defaults.to}, Scripted(["napo-agm"]))
    w.step("profile", again=True)
    assert "to" not in w.answers, "the old body's default is not the new one's"
    assert not w.known("to")
    kept = walk(tmp_path, {"profile": "union-branch", "to": "Our own AGM"}, Scripted(["napo-agm"]))
    kept.step("profile", again=True)
    assert kept.answers["to"] == "Our own AGM", "an answer of one's own is kept"


class Offered(Scripted):
    """Keeps the items each list offers."""

    def pick(self, message: str, items: list[Item], **kwargs: object) -> list[str]:
        self.offered = items
        return super().pick(message, items, **kwargs)


def test_the_demand_list_says_where_a_demand_holds_and_hides_the_retired(tmp_path: Path) -> None:
    asker = Offered(["end-agency-staffing"])
    w = walk(tmp_path, {"profile": "labour-branch", "nation": "wales"}, asker)
    Lists(w).demands()
    notes = {i.value: i.note for i in asker.offered}
    retired = [d.id for d in CAT.demands.values() if d.retired]
    assert retired and not set(retired) & set(notes)
    english = next(d.id for d in CAT.demands.values() if d.applies_in == ["england"])
    assert notes[english] == "England only"
    assert notes["wales-profit-timetable"] == ""
    kept = Offered([retired[0]])
    w = walk(tmp_path, {"profile": "labour-branch", "demands": [retired[0]]}, kept)
    Lists(w).demands()
    assert retired[0] in {i.value for i in kept.offered}  # a motion that has it keeps it


def _findings(answers: dict[str, object]) -> list[str]:
    motion = Motion.model_validate({"title": "Keep care public", **answers})
    profile = PROFILES.get(motion.profile)
    doc = compose(motion, profile, CAT)
    found = run_checks(motion, doc, CAT, today=dt.date(2027, 1, 1))
    return [p.text for p in plain_findings(found, doc, CAT, motion)]


def test_a_demand_with_an_apostrophe_is_named_once_and_whole() -> None:
    capped = next(d for d in CAT.demands.values() if "'" in d.title and "wales" not in d.applies_in)
    texts = _findings({"profile": "labour-conference", "nation": "wales", "demands": [capped.id]})
    (line,) = [t for t in texts if capped.title in t]
    assert line.startswith(f"The demand '{capped.title}' concerns England")
    assert "':" not in line


def test_a_demand_for_another_nation_reads_without_a_stray_colon() -> None:
    texts = _findings(
        {"profile": "labour-conference", "nation": "wales", "demands": ["reverse-2014-regulations"]}
    )
    title = CAT.demands["reverse-2014-regulations"].title
    (line,) = [t for t in texts if title in t]
    assert line.startswith(f"The demand '{title}' concerns ")


def test_an_own_clause_that_does_not_act_is_named_and_offered_as_a_fix() -> None:
    motion = Motion.model_validate(
        {"profile": "labour-branch", "title": "Keep care public",
         "demands": ["end-agency-staffing"], "resolves": [{"text": "send this motion to our MP"}]}
    )  # fmt: skip
    doc = compose(motion, PROFILES.get("labour-branch"), CAT)
    found = run_checks(motion, doc, CAT, today=dt.date(2027, 1, 1))
    plain = [
        p for p in plain_findings(found, doc, CAT, motion) if p.rule == "resolve-without-action"
    ]
    assert plain and plain[0].text.startswith("Your own clause 1")
    assert plain[0].step == "own-resolves"


def test_the_word_cost_shown_is_what_unticking_saves(tmp_path: Path) -> None:
    """Napo's framing ('campaign for the Government to') is part of what a demand costs."""
    ticked = ["nationalise-foster-care", "end-agency-staffing"]
    w = walk(tmp_path, {"profile": "napo-agm", "title": "x", "demands": ticked}, Scripted([]))
    lists = Lists(w)
    with_both = lists.document(w.answers)
    without = lists.document({**w.answers, "demands": ["end-agency-staffing"]})
    assert with_both is not None and without is not None
    cost = lists.cost("nationalise-foster-care", ticked)
    assert cost == with_both.words - without.words
    bare = len(CAT.demands["nationalise-foster-care"].clause_at("national").split())
    assert cost > bare


def test_the_last_line_before_the_choice_names_the_motion() -> None:
    motion = Motion.model_validate(
        {
            "profile": "labour-branch",
            "title": "Keep care public",
            "demands": ["end-agency-staffing"],
        }
    )
    doc = compose(motion, PROFILES.get("labour-branch"), CAT)
    assert summary(doc, []).startswith("'Keep care public': ")


def test_the_highlighted_fact_does_not_say_its_text_twice() -> None:
    text = "About three quarters of children's homes are run for profit [England, 2025]"
    item = Item("x", text[:40], detail=text)
    screen = ListScreen("Facts?", [item], multiple=True, noun="facts")
    lines = "".join(t for _, t in screen.lines(100, 20))
    assert lines.count(text[:40]) == 1
    assert "[England, 2025]" in lines


# --- M7: --yes and what it takes from earlier motions -------------------------------------


def test_yes_says_which_answers_came_from_earlier_motions(
    runner: CliRunner, tmp_path: Path
) -> None:
    first = runner.invoke(
        app,
        ["new", "--profile", "labour-conference", "--title", "Keep care public",
         "--submitted-by", "Anytown CLP", "--nation", "wales", "--demand", "end-agency-staffing",
         "--yes", "-o", f"{tmp_path}/a/", "-f", "txt"],
    )  # fmt: skip
    assert first.exit_code == 0, first.stderr
    assert "Note: --yes used" not in first.stderr
    second = runner.invoke(
        app, ["new", "--profile", "labour-branch", "--demand", "end-agency-staffing", "--yes"]
    )
    assert second.exit_code in (0, 1), second.stderr
    lines = second.stderr.splitlines()
    note = next(line for line in lines if line.startswith("Note: --yes used"))
    for said in ("submitted by 'Anytown CLP'", "nation Wales", "the formats txt", "the title"):
        assert said in note, said


def test_yes_with_a_draft_that_cannot_be_made_is_one_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    first = runner.invoke(
        app,
        ["new", "--profile", "labour-branch", "--title", "Keep care public",
         "--submitted-by", "Anytown CLP", "--demand", "end-agency-staffing",
         "--yes", "-o", f"{tmp_path}/a/", "-f", "txt"],
    )  # fmt: skip
    assert first.exit_code in (0, 1), first.stderr
    draft = drafting.Draft()
    draft.answers.update(
        {"profile": "labour-branch", "title": "T", "demands": ["end-agency-staffing"]}
    )
    draft.save()
    (tmp_path / "b").write_text("a file where the folder should be", encoding="utf-8")
    again = runner.invoke(app, ["new", "--resume", "--yes", "-f", "txt", "-o", f"{tmp_path}/b/"])
    assert again.exit_code == 2
    assert again.stderr.count("\n") == 1, again.stderr  # no note before the error


def test_resume_names_the_motion_it_carries_on_with(tmp_path: Path) -> None:
    t = spawn(tmp_path)
    t.answer("Who is the motion for", "\r")
    t.answer("Title of the motion", "Keep care public\r")
    t.see("Submitted by")
    t.stop()
    t = spawn(tmp_path, "--resume")
    t.see("Carrying on with your motion 'Keep care public' for Labour branch or CLP, saved today")
    t.stop()


def test_the_folder_question_says_what_enter_does(tmp_path: Path) -> None:
    asked: list[str] = []

    class Folder(Scripted):
        def text(self, message: str, *, default: str = "", check: object = None) -> str:
            asked.append(f"{message}|{default}")
            return default

    w = walk(tmp_path, {}, Folder(["docx"]))
    w.settings = {"out_dir": "motions"}
    w.formats_and_place(["docx", "md", "txt"])
    assert asked == ["Folder to write them in:|motions"]
    w.settings = {}
    w.ask = Folder(["docx"])
    w.formats_and_place(["docx", "md", "txt"])
    assert asked[-1] == "Folder to write them in (Enter for the current folder):|"
