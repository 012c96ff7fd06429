"""The questions `motiongen new` asks, in order, with a way back from each.

Every question is skipped when its answer is already known (from a flag, a
--from spec, or a resumed draft), and every answer is saved to the draft at
once. Esc (or '<' in plain mode) goes back one question with the earlier
answer filled in; before writing, "Change an answer…" jumps to any of them.
The lists (demands, facts, clauses of your own) are in `lists`, the review
before writing in `review`; what is made of the answers lives in `drafting`;
how a question is drawn lives in `ask`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from motiongen.catalogue import Catalogue
from motiongen.catalogue.models import NATION_NAMES
from motiongen.cli.new import drafting
from motiongen.cli.new.ask import Asker, Back, Item
from motiongen.cli.new.lists import Lists
from motiongen.cli.new.review import Review
from motiongen.motion.spec import too_long
from motiongen.profiles import Profile, ProfileSet
from motiongen.text import parse_date

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
            # Numbered among the questions the walk-through asks (EXTRAS come from flags).
            asked = [s for s in steps if s not in EXTRAS] if step not in EXTRAS else steps
            self.ask.at(asked.index(step) + 1)
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
            Lists(self).demands()
        elif step in ("notes", "believes"):
            Lists(self).facts(step)
        elif step.startswith("own-"):
            Lists(self).own(step.removeprefix("own-"))
        elif step == "review":
            return Review(self).run()
        return None

    # --- the questions --------------------------------------------------------------------

    def _profile(self) -> None:
        items = [
            Item(p.id, p.name, detail=p.description, hint=f"id: {p.id}")
            for p in self.profiles.profiles.values()
        ]
        default = self.answers.get("profile") or self.settings.get("profile")
        before = self.answers.get("profile")
        chosen = self.ask.choose("Who is the motion for?", items, default=default)
        if before and chosen != before and before in self.profiles.profiles:
            self._forget_body(self.profiles.get(before))
        self.draft.set("profile", chosen)

    def _forget_body(self, old: Profile) -> None:
        """Where it goes, and the commission, as the old body had them are not the new
        body's: asked again, with the new one's default (a Napo motion kept "To: the
        branch meeting", and remembered it for every Napo motion after)."""
        remembered = drafting.remembered(self.settings, old.kind, old.id)
        own = {
            "to": {old.defaults.to, remembered.get("to")},
            "commission": {old.defaults.commission},
        }
        for key, defaults in own.items():
            value = self.answers.get(key)
            if value is not None and value in defaults - {None, ""}:
                self.answers.pop(key)
                skipped = self.answers.get("_skipped", [])
                if key in skipped:
                    skipped.remove(key)

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
            problem = too_long(answer)  # checked here, as the answer is typed
            return problem[:1].upper() + problem[1:] if problem else None

        value = self.ask.text(TEXT_QUESTIONS[key], default=default, check=check)
        if value:
            self.draft.set(key, value)
            self._unskip(key)
            return
        self.answers.pop(key, None)
        if key in self.profile().required:
            self.ask.say(
                f"  Left blank: {self.profile().motions} need this; you can add it before writing.",
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
        remembered = remembered if remembered not in ("", ".") else ""
        place = self.ask.text(
            # With a folder remembered, Enter keeps it (as the prompt says); without one,
            # Enter is the current folder.
            "Folder to write them in:"
            if remembered
            else "Folder to write them in (Enter for the current folder):",
            default=remembered,
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
