"""The review before `motiongen new` writes: the preview, the checks that fit, the choices.

Each problem found is offered as "Fix: …", which jumps to the answer concerned;
"Change an answer…" lists every answer.
"""

from __future__ import annotations

import shutil
import textwrap

from motiongen.catalogue.models import NATION_NAMES
from motiongen.cli.new import drafting
from motiongen.cli.new.ask import Item
from motiongen.cli.new.findings import Plain, plain_findings
from motiongen.cli.new.lists import words_line
from motiongen.cli.new.walk import Walk
from motiongen.errors import InputError
from motiongen.motion.compose import Document
from motiongen.motion.spec import Job
from motiongen.output import render
from motiongen.prepare import prepare
from motiongen.text import british_date, parse_date


class Stop(Exception):
    """The user chose to stop; the draft is kept."""


class Review:
    """The last screen of one walk-through; ``run`` says what to do next."""

    def __init__(self, walk: Walk) -> None:
        self.walk = walk

    def run(self) -> str:
        motion = drafting.to_motion(self.walk.answers)
        result = prepare(Job("your motion", motion=motion), self.walk.catalogue, self.walk.profiles)
        if result.document is None:
            raise result.error or InputError("the motion could not be put together")
        doc = result.document
        self._show_preview(render.render(doc, "txt"))
        findings = plain_findings(result.findings, doc, self.walk.catalogue, motion)
        rows = shutil.get_terminal_size().lines
        menu = self._menu(doc, findings)
        room = max(3, rows - len(menu) - 4)
        self._show_findings(findings, room)
        self.walk.ask.say(summary(doc, findings), "bold red" if doc.over_limit else "bold")
        self.walk.cutting = doc.over_limit
        choice = self.walk.ask.choose("What next?", menu, default=menu[0].value)
        if choice == "stop":
            raise Stop
        if choice == "change":
            return self.change()
        if choice == "cut":
            return "demands"
        if choice.startswith("go:"):
            return choice.removeprefix("go:")
        return "write"

    def _show_preview(self, text: str) -> None:
        self.walk.ask.panel("Preview", text.rstrip())

    def _show_findings(self, findings: list[Plain], room: int) -> None:
        """Most serious first, as many as fit above the choice; the rest counted."""
        if not findings:
            self.walk.ask.say("Checks: no problems found.", "green")
            return
        styles = {"error": "bold red", "warning": "yellow", "advice": "cyan"}
        words = {"error": "Problem", "warning": "Warning", "advice": "Advice"}
        width = shutil.get_terminal_size().columns - 1
        blocks = [
            textwrap.fill(
                f"{words[f.severity]}: {f.text}",
                width,
                initial_indent="  ",
                subsequent_indent="      ",
            )
            for f in findings
        ]
        self.walk.ask.say("Checks:", "bold")
        used = 1
        for n, (f, block) in enumerate(zip(findings, blocks, strict=True)):
            lines = block.count("\n") + 1
            more = len(findings) - n
            if n and used + lines + (1 if more > 1 else 0) > room:
                self.walk.ask.say(
                    f"  … and {more} more: 'motiongen check' on the saved file lists them all",
                    "dim",
                )
                return
            self.walk.ask.say(block, styles[f.severity])
            used += lines

    def _menu(self, doc: Document, findings: list[Plain]) -> list[Item]:
        errors = [f for f in findings if f.severity == "error"]
        menu: list[Item] = []
        if doc.over_limit:
            assert doc.word_limit is not None
            menu.append(
                Item(
                    "cut",
                    f"Cut to the limit ({doc.words - doc.word_limit} words to cut: "
                    "back to the demands, word costs shown)",
                )
            )
        seen = {"cut"}
        for f in findings:
            if f.step and f"go:{f.step}" not in seen and f.rule != "word-limit":
                seen.add(f"go:{f.step}")
                menu.append(Item(f"go:{f.step}", f"Fix: {f.short}"))
            if len(menu) >= 4:
                break
        write = "Write anyway (the body will reject it)" if errors else "Write the documents"
        write_item = Item("write", write)
        if errors:
            menu.append(write_item)
        else:
            menu.insert(0, write_item)
        menu.append(Item("change", "Change an answer…"))
        menu.append(Item("stop", "Stop here and keep the draft"))
        return menu

    def change(self) -> str:
        items = [
            Item(step, f"{STEP_TITLES[step]}: {self.value(step)}")
            for step in self.walk.steps()[:-1]
        ]
        items.append(Item("review", "Back to the preview"))
        return self.walk.ask.choose("Which answer do you want to change?", items, default="review")

    def value(self, step: str) -> str:
        a = self.walk.answers
        if step == "profile":
            return self.walk.profile().name
        if step in ("demands",):
            names = [
                self.walk.catalogue.demands[d].title
                for d in a.get(step, [])
                if d in self.walk.catalogue.demands
            ]
            return "; ".join(names) or "none"
        if step in ("notes", "believes"):
            n = len([x for x in a.get(step, []) if isinstance(x, str)])
            return f"{n} chosen"
        if step.startswith("own-"):
            n = len([x for x in a.get(step.removeprefix("own-"), []) if isinstance(x, dict)])
            return f"{n} of your own"
        if step == "nation":
            return NATION_NAMES.get(a.get("nation", ""), "not given")
        if step == "contact":
            return drafting.contact_text(a.get("contact")) or "(blank)"
        if step == "meeting_date" and a.get(step):
            day = parse_date(str(a[step]))
            return british_date(day) if day else str(a[step])
        return str(a.get(step) or "(blank)")


STEP_TITLES = {
    "profile": "Who it is for",
    "title": "Title",
    "submitted_by": "Submitted by",
    "to": "Where it goes",
    "meeting_date": "Meeting date",
    "nation": "Nation",
    "commission": "Policy commission",
    "proposer": "Proposer",
    "seconder": "Seconder",
    "moved_by": "Moved at conference by (optional)",
    "contact": "Contact for the conference office (optional)",
    "demands": "Demands",
    "notes": "Facts to note",
    "own-notes": "Facts of your own",
    "believes": "Beliefs",
    "own-believes": "Beliefs of your own",
    "own-resolves": "Clauses of your own",
}


def summary(doc: Document, findings: list[Plain]) -> str:
    """One line above the final choice: which motion (its preview may have scrolled off
    the top of the screen), the count and how many problems."""
    counts = []
    for severity, word in (("error", "problem"), ("warning", "warning")):
        n = sum(1 for f in findings if f.severity == severity)
        if n:
            counts.append(f"{n} {word}{'s' if n > 1 else ''}")
    state = ", ".join(counts) if counts else "no problems"
    return f"'{doc.title}': {words_line(doc.words, doc.word_limit)}; {state}."
