"""The questions `motiongen new` asks, in order, with a way back from each.

Every question is skipped when its answer is already known (from a flag, a
--from spec, or a resumed draft), and every answer is saved to the draft at
once. Esc (or '<' in plain mode) goes back one question with the earlier
answer filled in; before writing, "Change an answer…" jumps to any of them.
What is made of the answers lives in `drafting`; how a question is drawn lives
in `ask`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from typing import Any

from motiongen.catalogue import Catalogue
from motiongen.catalogue.models import NATION_NAMES
from motiongen.checks import DEFAULT_MAX_AGE
from motiongen.cli.new import drafting
from motiongen.cli.new.ask import Asker, Back, Item
from motiongen.cli.new.findings import Plain, plain_findings
from motiongen.errors import InputError
from motiongen.motion.compose import Document, compose
from motiongen.motion.spec import Job, Motion
from motiongen.output import render
from motiongen.prepare import prepare
from motiongen.profiles import Profile, ProfileSet
from motiongen.text import british_date, count_words, parse_date

DEFAULT_TITLE = "Bring children's social care back into public hands"

TEXT_QUESTIONS = {
    "title": "Title of the motion:",
    "submitted_by": "Submitted by (your branch, CLP, union or group):",
    "to": "Where it goes (meeting or body):",
    "commission": "Policy commission:",
    "proposer": "Proposer:",
    "seconder": "Seconder:",
    "moved_by": "Who moves it at conference (the delegate; Enter to leave blank):",
}
# Asked only when chosen from "Change an answer…": most motions need neither,
# and a secretary with a deadline should not be asked what they can skip.
EXTRAS = ("moved_by", "contact")
OWN_QUESTIONS = {
    "notes": "A fact of your own to note (Enter on a blank line to go on):",
    "believes": "A belief of your own (Enter on a blank line to go on):",
    "resolves": "Anything else to resolve, e.g. 'To send this motion to our MP' "
    "(Enter on a blank line to go on):",
}


class Stop(Exception):
    """The user chose to stop; the draft is kept."""


class Walkthrough:
    """The questions in order, a history to go back through, and the review."""

    def __init__(
        self,
        draft: drafting.Draft,
        catalogue: Catalogue,
        profiles: ProfileSet,
        settings: dict[str, Any],
        asker: Asker,
        *,
        today: dt.date | None = None,
    ) -> None:
        self.draft = draft
        self.catalogue = catalogue
        self.profiles = profiles
        self.settings = settings
        self.ask = asker
        self.today = today or dt.date.today()
        self.cutting = False
        if "_asked" not in self.answers:  # answers from flags or a spec are not asked again
            given = [k for k in ("demands", "notes", "believes") if self.answers.get(k)]
            given += [
                f"own-{k}"
                for k in ("notes", "believes", "resolves")
                if any(isinstance(x, dict) for x in self.answers.get(k, []))
            ]
            self.answers["_asked"] = given

    @property
    def answers(self) -> dict[str, Any]:
        return self.draft.answers

    def profile(self) -> Profile:
        return self.profiles.get(self.answers["profile"])

    def remembered(self, key: str) -> str:
        if "profile" not in self.answers:
            return ""
        profile = self.profile()
        value = drafting.remembered(self.settings, profile.kind, profile.id).get(key)
        return str(value or "")

    # --- the order, and the way back ------------------------------------------------------

    def steps(self) -> list[str]:
        out = ["profile", "title", "submitted_by", "to", "meeting_date", "nation"]
        if "profile" in self.answers and "commission" in self.profile().required:
            out.append("commission")
        out += ["proposer", "seconder"]
        if "profile" in self.answers and self.profile().composite is not None:
            out.append("moved_by")  # a conference: a delegate moves the branch's motion
        out += ["contact", "demands", "notes", "own-notes", "believes"]
        return [*out, "own-believes", "own-resolves", "review"]

    def known(self, step: str) -> bool:
        if step == "review":
            return False
        if step in EXTRAS:
            return True
        if step in ("demands", "notes", "believes") or step.startswith("own-"):
            return step in self.answers.get("_asked", [])
        return step in self.answers or step in self.answers.get("_skipped", [])

    def _mark(self, step: str) -> None:
        if step in ("demands", "notes", "believes") or step.startswith("own-"):
            asked = self.answers.setdefault("_asked", [])
            if step not in asked:
                asked.append(step)
            self.draft.save()

    def run(self) -> None:
        """Ask until the user chooses to write; Stop when they choose to stop."""
        back = "type < and Enter" if self.ask.plain else "press Esc"
        self.ask.say(
            f"Drafting a motion. To go back a question, {back}. Your answers are saved as "
            "you go: Ctrl-C stops, and 'motiongen new --resume' carries on.",
            "dim",
        )
        history: list[str] = []
        redo: list[str] = []
        force: str | None = None
        while True:
            steps = self.steps()
            step = force or next(s for s in steps if not self.known(s))
            try:
                outcome = self.step(step, again=force is not None)
            except Back:
                if not history:
                    self.ask.say("This is the first question.", "yellow")
                    force = step
                    continue
                redo.append(step)
                force = history.pop()
                continue
            if step == "review":
                if outcome == "write":
                    return
                redo.clear()
                history.append("review")
                force = outcome
                continue
            self._mark(step)
            history.append(step)
            force = redo.pop() if redo else None
            if force == "review":
                force = None

    def step(self, step: str, *, again: bool) -> str | None:
        if step == "profile":
            self._profile()
        elif step in TEXT_QUESTIONS:
            self._text(step)
        elif step == "contact":
            self._contact()
        elif step == "meeting_date":
            self._date()
        elif step == "nation":
            self._nation()
        elif step == "demands":
            self._demands()
        elif step in ("notes", "believes"):
            self._facts(step)
        elif step.startswith("own-"):
            self._own(step.removeprefix("own-"))
        elif step == "review":
            return self._review()
        return None

    # --- the questions --------------------------------------------------------------------

    def _profile(self) -> None:
        items = [
            Item(p.id, p.name, detail=p.description, hint=f"id: {p.id}")
            for p in self.profiles.profiles.values()
        ]
        default = self.answers.get("profile") or self.settings.get("profile")
        self.draft.set("profile", self.ask.choose("Who is the motion for?", items, default=default))

    def _text(self, key: str) -> None:
        fallback = {"title": DEFAULT_TITLE}.get(key, "")
        if key == "to":
            fallback = self.profile().defaults.to or ""
        if key == "commission":
            fallback = self.profile().defaults.commission or ""
        default = str(self.answers.get(key) or self.remembered(key) or fallback)

        def check(answer: str) -> str | None:
            if key == "title" and not answer:
                return "The motion needs a title: type one, e.g. 'Keep child protection public'"
            return None

        value = self.ask.text(TEXT_QUESTIONS[key], default=default, check=check)
        if value:
            self.draft.set(key, value)
            self._unskip(key)
            return
        self.answers.pop(key, None)
        if key in self.profile().required:
            self.ask.say(
                f"  Left blank: {self.profile().name} motions need this; you can add it "
                "before writing.",
                "yellow",
            )
        self._skip(key)

    def _contact(self) -> None:
        current = drafting.contact_text(self.answers.get("contact"))
        typed = self.ask.text(
            "Contact for the conference office: name, email and phone, in any order "
            "(Enter to leave blank):",
            default=current,
            check=lambda answer: drafting.contact_problem(answer),
        )
        if typed:
            self.draft.set("contact", drafting.parse_contact(typed))
        else:
            self.answers.pop("contact", None)
            self.draft.save()

    def _skip(self, key: str) -> None:
        skipped = self.answers.setdefault("_skipped", [])
        if key not in skipped:
            skipped.append(key)
        self.draft.save()

    def _unskip(self, key: str) -> None:
        skipped = self.answers.get("_skipped", [])
        if key in skipped:
            skipped.remove(key)
            self.draft.save()

    def _date(self) -> None:
        key = "meeting_date"
        default = str(self.answers.get(key) or "")
        if default:
            day = parse_date(default)
            default = f"{day.day:02d}/{day.month:02d}/{day.year}" if day else ""

        def check(answer: str) -> str | None:
            try:
                parse_date(answer)
            except ValueError as exc:
                return str(exc)[0].upper() + str(exc)[1:]
            return None

        while True:
            typed = self.ask.text(
                "Date of the meeting (e.g. 14/01/2027 or 14 January 2027; Enter to leave "
                "it blank):",
                default=default,
                check=check,
            )
            day = parse_date(typed)
            if day is None:
                self.answers.pop(key, None)
                self._skip(key)
                return
            try:
                use = day >= self.today or self._yes_no("That date has passed. Use it anyway?")
            except Back:  # Esc on the yes-or-no goes back to the date, not past it
                use = False
            if use:
                self.draft.set(key, day.isoformat())
                self._unskip(key)
                return
            default = typed

    def _yes_no(self, question: str) -> bool:
        items = [Item("no", "No, change it"), Item("yes", "Yes, use it")]
        return self.ask.choose(question, items) == "yes"

    def _nation(self) -> None:
        items = [Item(key, name) for key, name in NATION_NAMES.items()]
        default = self.answers.get("nation") or self.remembered("nation") or "england"
        self.draft.set("nation", self.ask.choose("Which nation is it for?", items, default=default))

    # --- the lists, with the count ----------------------------------------------------------

    def document(self, answers: dict[str, Any]) -> Document | None:
        try:
            motion = Motion.model_validate(
                {k: v for k, v in {"title": "x", **answers}.items() if k in Motion.model_fields}
            )
            return compose(motion, self.profile(), self.catalogue)
        except Exception:  # a count must never break a question
            return None

    def count(self, answers: dict[str, Any]) -> tuple[str, bool]:
        doc = self.document(answers)
        if doc is None:
            return "", False
        return words_line(doc.words, doc.word_limit), doc.over_limit

    def _demands(self) -> None:
        profile = self.profile()
        existing = list(self.answers.get("demands", []))
        over = self.count(self.answers)[1]
        items = []
        for theme_id, theme in self.catalogue.themes.items():
            for d in self.catalogue.demands.values():
                if d.theme != theme_id:
                    continue
                level, _ = profile.frame(d.acted_on_by)
                words = count_words(d.clause_at(level))
                items.append(
                    Item(
                        d.id,
                        d.title,
                        detail="… to " + d.clause_at(level),
                        note=f"{words} words" if over or self.cutting else "",
                        group=theme.title,
                        checked=d.id in existing,
                        hint=f"id: {d.id} · {words} words",
                    )
                )
        message = "Which demands?"
        if over:
            message = "Which demands? Untick some to cut the motion to the limit."

        def keep(chosen: list[str]) -> None:
            self.answers["demands"] = chosen  # ticks survive Ctrl-C
            self.draft.save()

        picked = self.ask.pick(
            message,
            items,
            noun="demands",
            count=lambda chosen: self.count({**self.answers, "demands": chosen}),
            at_least_one="Pick at least one demand: move to it and press Space",
            keep=keep,
            order=existing,
        )
        self.draft.set("demands", picked)

    def _facts(self, key: str) -> None:
        table: dict[str, Any] = (
            self.catalogue.evidence if key == "notes" else self.catalogue.beliefs
        )
        supporting: list[str] = []
        for demand_id in self.answers.get("demands", []):
            demand = self.catalogue.demands.get(demand_id)
            if demand is None:
                continue
            refs = demand.evidence if key == "notes" else demand.beliefs
            supporting += [r for r in refs if r not in supporting and r in table]
        existing = [x for x in self.answers.get(key, []) if isinstance(x, str)]
        own = [x for x in self.answers.get(key, []) if isinstance(x, dict)]
        over = self.count(self.answers)[1]
        meeting = parse_date(str(self.answers.get("meeting_date") or "")) or self.today
        nation = self.answers.get("nation")

        def item(item_id: str, group: str) -> Item:
            entry = table[item_id]
            words = count_words(entry.statement if key == "notes" else entry.text)
            notes, advice = [], []
            if key == "notes":
                age = meeting.year - (entry.year or meeting.year)
                if entry.kind == "figure" and age > DEFAULT_MAX_AGE:
                    notes.append(f"{age} years old")
                    advice.append(
                        f"This figure is from {entry.year}, {age} years old at the meeting: "
                        "look for a newer one if you can."
                    )
                if nation and entry.holds_for and nation not in entry.holds_for:
                    notes.append(f"{entry.scope} only")
                    advice.append(
                        f"It holds for {entry.scope}, not {NATION_NAMES[nation]}: say so, or "
                        "use a figure for your nation."
                    )
            if over or self.cutting:
                notes.append(f"{words} words")
            detail = entry.statement if key == "notes" else entry.text
            if key == "notes":
                detail += f" [{entry.scope}, {entry.when}]"
            full = " ".join([detail, *advice])
            return Item(
                item_id,
                detail,
                detail=full if len(full) > 60 else "",
                note="; ".join(notes),
                group=group,
                checked=item_id in existing,
                hint=f"id: {item_id}",
            )

        items = [item(i, "Supporting your demands") for i in supporting]
        items += [item(i, "Others") for i in table if i not in supporting]
        noun = "facts" if key == "notes" else "beliefs"
        message = "Facts to note?" if key == "notes" else "What the meeting believes?"

        def keep(chosen: list[str]) -> None:
            self.answers[key] = chosen + own
            self.draft.save()

        picked = self.ask.pick(
            f"{message} (none is fine)",
            items,
            noun=noun,
            count=lambda chosen: self.count({**self.answers, key: chosen + own}),
            keep=keep,
        )
        self.answers[key] = picked + own
        self.draft.save()

    def _own(self, key: str) -> None:
        own = [x for x in self.answers.get(key, []) if isinstance(x, dict)]
        chosen = [x for x in self.answers.get(key, []) if not isinstance(x, dict)]
        if own:
            items = [
                Item(str(n), x["text"], detail=x["text"], checked=True) for n, x in enumerate(own)
            ]
            kept = self.ask.pick(
                f"Your own {'clauses' if key == 'resolves' else key}: untick any to drop",
                items,
                noun="clauses",
                count=lambda ticked: self.count(
                    {**self.answers, key: chosen + [own[int(n)] for n in ticked]}
                ),
            )
            own = [own[int(n)] for n in kept]
            self.answers[key] = chosen + own
            self.draft.save()
        while True:
            words, over = self.count(self.answers)
            if words:
                self.ask.say(f"  {words}", "bold red" if over else "cyan")
            text = self.ask.text(OWN_QUESTIONS[key])
            if not text:
                return
            self.answers.setdefault(key, []).append({"text": text})
            self.draft.save()

    # --- before writing ---------------------------------------------------------------------

    def _review(self) -> str:
        motion = drafting.to_motion(self.answers)
        result = prepare(Job("your motion", motion=motion), self.catalogue, self.profiles)
        if result.document is None:
            raise result.error or InputError("the motion could not be put together")
        doc = result.document
        self._show_preview(render.render(doc, "txt"))
        findings = plain_findings(result.findings, doc, self.catalogue, motion)
        rows = shutil.get_terminal_size().lines
        menu = self._menu(doc, findings)
        room = max(3, rows - len(menu) - 4)
        self._show_findings(findings, room)
        self.ask.say(summary(doc, findings), "bold red" if doc.over_limit else "bold")
        self.cutting = doc.over_limit
        choice = self.ask.choose("What next?", menu, default=menu[0].value)
        if choice == "stop":
            raise Stop
        if choice == "change":
            return self._change()
        if choice == "cut":
            return "demands"
        if choice.startswith("go:"):
            return choice.removeprefix("go:")
        return "write"

    def _show_preview(self, text: str) -> None:
        self.ask.panel("Preview", text.rstrip())

    def _show_findings(self, findings: list[Plain], room: int) -> None:
        """Most serious first, as many as fit above the choice; the rest counted."""
        if not findings:
            self.ask.say("Checks: no problems found.", "green")
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
        self.ask.say("Checks:", "bold")
        used = 1
        for n, (f, block) in enumerate(zip(findings, blocks, strict=True)):
            lines = block.count("\n") + 1
            more = len(findings) - n
            if n and used + lines + (1 if more > 1 else 0) > room:
                self.ask.say(
                    f"  … and {more} more: 'motiongen check' on the saved file lists them all",
                    "dim",
                )
                return
            self.ask.say(block, styles[f.severity])
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

    def _change(self) -> str:
        items = [
            Item(step, f"{STEP_TITLES[step]}: {self.value(step)}") for step in self.steps()[:-1]
        ]
        items.append(Item("review", "Back to the preview"))
        return self.ask.choose("Which answer do you want to change?", items, default="review")

    def value(self, step: str) -> str:
        a = self.answers
        if step == "profile":
            return self.profile().name
        if step in ("demands",):
            names = [
                self.catalogue.demands[d].title
                for d in a.get(step, [])
                if d in self.catalogue.demands
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

    # --- after the review ---------------------------------------------------------------------

    def formats_and_place(self, available: list[str]) -> tuple[list[str], str]:
        names = {"docx": "Word (.docx)", "md": "Markdown (.md)", "txt": "Plain text (.txt)"}
        names["pdf"] = "PDF (.pdf)" if "pdf" in available else "PDF (.pdf) — needs LibreOffice"
        wanted = self.settings.get("formats") or ["docx", "md", "txt"]
        items = [
            Item(fmt, names[fmt], checked=fmt in wanted and fmt in available)
            for fmt in ("docx", "md", "txt", "pdf")
        ]
        while True:
            formats = self.ask.pick(
                "Which formats?", items, noun="formats", at_least_one="Pick at least one format"
            )
            if all(f in available for f in formats):
                break
            self.ask.say("PDF needs LibreOffice, which is not installed here.", "yellow")
        remembered = str(self.settings.get("out_dir") or "")
        place = self.ask.text(
            "Folder to write them in (Enter for the current folder):",
            default=remembered if remembered not in ("", ".") else "",
        )
        # The answer names a folder, even one that does not exist yet.
        return formats, (place or ".").rstrip("/\\") + "/"

    def taken(self, names: str) -> str:
        """What to do about documents already there: replace, copy or folder."""
        self.ask.say(f"Already there: {names}", "yellow")
        items = [
            Item("copy", "Save as a new copy (adds -2 to the name)"),
            Item("folder", "Choose another folder"),
            Item("replace", "Replace them"),
        ]
        return self.ask.choose("A motion of this name is already there. What now?", items)

    def folder(self) -> str:
        place = self.ask.text("Folder to write them in:")
        return (place or ".").rstrip("/\\") + "/"


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


def words_line(words: int, limit: int | None) -> str:
    """The running count: 'N of L words', or 'N over the limit of L' once over."""
    if limit is None:
        return f"{words} words (no limit)"
    if words > limit:
        return f"{words} words: {words - limit} over the limit of {limit}"
    return f"{words} of {limit} words"


def summary(doc: Document, findings: list[Plain]) -> str:
    """One line above the final choice: the count and how many problems."""
    counts = []
    for severity, word in (("error", "problem"), ("warning", "warning")):
        n = sum(1 for f in findings if f.severity == severity)
        if n:
            counts.append(f"{n} {word}{'s' if n > 1 else ''}")
    state = ", ".join(counts) if counts else "no problems"
    return f"{words_line(doc.words, doc.word_limit)}; {state}."
