"""The questions `motiongen new` asks in a terminal.

Every question is skipped when its answer is already known (from a flag, a
--from spec, or a resumed draft), and every answer is saved to the draft at
once. Questions use questionary; this module only asks and records: what is
made of the answers lives in `drafting`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from motiongen.catalogue import Catalogue
from motiongen.catalogue.models import NATION_NAMES
from motiongen.cli.new.draft import Draft, to_motion
from motiongen.errors import InputError
from motiongen.motion.compose import compose
from motiongen.motion.spec import Job, Motion
from motiongen.output import render
from motiongen.prepare import prepare
from motiongen.profiles import Profile, ProfileSet
from motiongen.text import parse_date

DEFAULT_TITLE = "Bring children's social care back into public hands"


class Stop(Exception):
    """The user chose to stop; the draft is kept."""


def _ask(question: Any) -> Any:
    """Ask, letting Ctrl-C through as KeyboardInterrupt (questionary would swallow it)."""
    answer = question.unsafe_ask()
    return answer


class LiveMessage:
    """A prompt message redrawn with the screen: the running word count, and the
    highlighted item in full at the top, where a long list cannot push it off."""

    def __init__(
        self, label: str, count: Callable[[list[str]], str] | None = None, lead: str = ""
    ) -> None:
        self.label = label
        self.count = count
        self.lead = lead
        self.control: Any = None

    def __format__(self, spec: str) -> str:
        try:
            return self._text()
        except Exception:  # drawing the prompt must never fail
            return self.label

    def _text(self) -> str:
        import shutil
        import textwrap

        chosen: list[str] = []
        pointed = ""
        control = self.control
        if control is not None:
            chosen = [c.value for c in control.get_selected_values()]
            try:
                description = control.get_pointed_at().description
            except (IndexError, AttributeError):
                description = None
            if description and not control.is_answered:
                width = max(40, shutil.get_terminal_size().columns - 4)
                wrapped = textwrap.fill(
                    f"{self.lead}{description}",
                    width,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
                pointed = f"\n{wrapped}\n"
        counted = f" ({self.count(chosen)})" if self.count is not None else ""
        return f"{self.label}{counted}{pointed}"


def _checklist(
    live: LiveMessage,
    choices: list[Any],
    instruction: str,
    validate: Callable[[list[str]], bool | str] = lambda chosen: True,
) -> list[str]:
    """A searchable checklist whose prompt shows the highlighted item in full."""
    import questionary

    question = questionary.checkbox(
        live,  # type: ignore[arg-type]
        choices=choices,
        use_search_filter=True,
        use_jk_keys=False,
        show_description=False,
        instruction=instruction,
        validate=validate,
    )
    live.control = _find_control(question)
    return list(_ask(question))


def _find_control(question: Any) -> Any:
    from questionary.prompts.common import InquirerControl

    for window in question.application.layout.find_all_windows():
        if isinstance(window.content, InquirerControl):
            return window.content
    return None


class Walkthrough:
    def __init__(
        self,
        draft: Draft,
        catalogue: Catalogue,
        profiles: ProfileSet,
        settings: dict[str, Any],
        console: Console,
    ) -> None:
        self.draft = draft
        self.catalogue = catalogue
        self.profiles = profiles
        self.settings = settings
        self.console = console

    @property
    def answers(self) -> dict[str, Any]:
        return self.draft.answers

    def profile(self) -> Profile:
        return self.profiles.get(self.answers["profile"])

    # --- the steps, in order -------------------------------------------------------

    def run(self) -> None:
        import questionary

        a = self.answers
        self.console.print(
            Text(
                "Drafting a motion. Your answers are saved as you go: press Ctrl-C at any "
                "time and carry on later with 'motiongen new --resume'.",
                style="dim",
            )
        )
        if "profile" not in a:
            choices = [
                questionary.Choice(p.name, value=p.id, description=p.description)
                for p in self.profiles.profiles.values()
            ]
            default = self.settings.get("profile")
            self.draft.set(
                "profile",
                _ask(
                    questionary.select(
                        "Who is the motion for?",
                        choices=choices,
                        default=default if default in self.profiles.profiles else None,
                    )
                ),
            )
        profile = self.profile()
        self._text("title", "Title of the motion:", DEFAULT_TITLE)
        self._text("submitted_by", "Submitted by (your branch, CLP, union or group):", "")
        self._text("to", "Where it goes (meeting or body):", profile.defaults.to or "")
        self._date("meeting_date", "Date of the meeting (YYYY-MM-DD, or leave blank):")
        if "nation" not in a:
            nations = [questionary.Choice(name, value=key) for key, name in NATION_NAMES.items()]
            default = self.settings.get("nation", "england")
            self.draft.set(
                "nation",
                _ask(
                    questionary.select("Which nation is it for?", choices=nations, default=default)
                ),
            )
        if "commission" in profile.required:
            self._text("commission", "Policy commission:", profile.defaults.commission or "")
        self._text("proposer", "Proposer:", "")
        self._text("seconder", "Seconder:", "")
        while True:
            self._demands()
            self._facts("notes", "Facts to note", self.catalogue.evidence)
            self._own("notes", "A fact of your own to note (Enter on a blank line to go on):")
            self._facts("believes", "What the meeting believes", self.catalogue.beliefs)
            self._own("believes", "A belief of your own (Enter on a blank line to go on):")
            self._own(
                "resolves",
                "Anything else to resolve, e.g. 'To send this motion to our MP' "
                "(Enter on a blank line to go on):",
            )
            choice = self._preview()
            if choice == "write":
                return
            if choice == "stop":
                raise Stop
            for key in ("demands", "notes", "believes", "resolves"):
                self.answers.pop(key, None)
            self.answers["_asked"] = []
            self.draft.save()

    def _text(self, key: str, message: str, fallback: str) -> None:
        import questionary

        if key in self.answers or key in self.answers.get("_skipped", []):
            return
        default = str(self.settings.get(key) or fallback)
        value = _ask(questionary.text(message, default=default)).strip()
        if value:
            self.draft.set(key, value)
        else:
            self._skip(key)

    def _skip(self, key: str) -> None:
        skipped = self.answers.setdefault("_skipped", [])
        if key not in skipped:
            skipped.append(key)
        self.draft.save()

    def _date(self, key: str, message: str) -> None:
        import questionary

        if key in self.answers or key in self.answers.get("_skipped", []):
            return

        def valid(text: str) -> bool | str:
            try:
                parse_date(text)
            except ValueError:
                return "Write the date as YYYY-MM-DD, e.g. 2027-01-14"
            return True

        value = parse_date(_ask(questionary.text(message, validate=valid)))
        if value:
            self.draft.set(key, value.isoformat())
        else:
            self._skip(key)

    def _demands(self) -> None:
        import questionary

        if self.answers.get("demands"):
            return
        profile = self.profile()
        choices: list[Any] = []
        for theme_id, theme in self.catalogue.themes.items():
            group = [d for d in self.catalogue.demands.values() if d.theme == theme_id]
            if not group:
                continue
            choices.append(questionary.Separator(f"── {theme.title} ──"))
            for d in group:
                choices.append(
                    questionary.Choice(f"{d.title}  [{d.id}]", value=d.id, description=d.clause)
                )
        live = LiveMessage(
            "Which demands?", lambda chosen: self._count(chosen, profile), lead="… to "
        )
        picked = _checklist(
            live,
            choices,
            "type to search, space to pick, Enter when done",
            validate=lambda chosen: bool(chosen) or "Pick at least one demand with the space bar",
        )
        self.draft.set("demands", picked)

    def _count(self, chosen: list[str], profile: Profile) -> str:

        try:
            motion = Motion.model_validate(
                {"profile": profile.id, "title": self.answers.get("title", "x"), "demands": chosen}
            )
            words = compose(motion, profile, self.catalogue).words
        except Exception:  # a count must never break the prompt
            return f"{len(chosen)} chosen"
        limit = f" of {profile.word_limit}" if profile.word_limit else ""
        return f"{len(chosen)} chosen, {words}{limit} words so far"

    def _facts(self, key: str, message: str, table: dict[str, Any]) -> None:
        import questionary

        asked = self.answers.setdefault("_asked", [])
        if key in asked:
            return
        supporting: list[str] = []
        for demand_id in self.answers.get("demands", []):
            demand = self.catalogue.demands[demand_id]
            refs = demand.evidence if key == "notes" else demand.beliefs
            supporting += [r for r in refs if r not in supporting]
        nation = self.answers.get("nation")

        existing_ids = [x for x in self.answers.get(key, []) if isinstance(x, str)]

        def choice(item_id: str) -> Any:
            item = table[item_id]
            if key == "notes":
                elsewhere = nation and item.holds_for and nation not in item.holds_for
                here = NATION_NAMES.get(nation or "", "")
                note = f" (holds for {item.scope}, not {here})" if elsewhere else ""
                return questionary.Choice(
                    _short(item.statement),
                    value=item_id,
                    description=f"{item.statement} [{item.scope}, {item.when}]{note}",
                    checked=item_id in existing_ids,
                )
            return questionary.Choice(
                _short(item.text),
                value=item_id,
                description=item.text,
                checked=item_id in existing_ids,
            )

        choices: list[Any] = []
        if supporting:
            choices.append(questionary.Separator("── Supporting your demands ──"))
            choices += [choice(i) for i in supporting]
        others = [i for i in table if i not in supporting]
        if others:
            choices.append(questionary.Separator("── Others ──"))
            choices += [choice(i) for i in others]
        picked = _checklist(
            LiveMessage(f"{message}?"),
            choices,
            "type to search, space to pick, Enter when done; none is fine",
        )
        existing = [x for x in self.answers.get(key, []) if isinstance(x, dict)]
        self.answers[key] = picked + existing
        asked.append(key)
        self.draft.save()

    def _own(self, key: str, message: str) -> None:
        import questionary

        asked = self.answers.setdefault("_asked", [])
        marker = f"own-{key}"
        if marker in asked:
            return
        while True:
            text = _ask(questionary.text(message)).strip()
            if not text:
                break
            self.answers.setdefault(key, []).append({"text": text})
            self.draft.save()
        asked.append(marker)
        self.draft.save()

    def _preview(self) -> str:
        import questionary

        motion = to_motion(self.answers)
        result = prepare(Job("your motion", motion=motion), self.catalogue, self.profiles)
        if result.document is None:
            raise result.error or InputError("the motion could not be put together")
        text = render.render(result.document, "txt")
        self.console.print(Panel(Text(text.rstrip()), title="Preview", title_align="left"))
        show_findings(self.console, result.findings)
        return str(
            _ask(
                questionary.select(
                    "What next?",
                    choices=[
                        questionary.Choice("Write the documents", value="write"),
                        questionary.Choice("Choose the demands and facts again", value="again"),
                        questionary.Choice("Stop here and keep the draft", value="stop"),
                    ],
                )
            )
        )

    def formats_and_place(self, available: list[str]) -> tuple[list[str], str]:
        import questionary

        wanted = self.settings.get("formats") or ["docx", "md", "txt"]
        choices = [
            questionary.Choice(
                {
                    "docx": "Word (.docx)",
                    "md": "Markdown (.md)",
                    "txt": "Plain text (.txt)",
                    "pdf": "PDF (.pdf)",
                }[fmt],
                value=fmt,
                checked=fmt in wanted,
                disabled=None if fmt in available else "needs LibreOffice",
            )
            for fmt in ("docx", "md", "txt", "pdf")
        ]
        formats = _ask(
            questionary.checkbox(
                "Which formats?",
                choices=choices,
                validate=lambda chosen: bool(chosen) or "Pick at least one format",
            )
        )
        remembered = str(self.settings.get("out_dir") or "")
        place = _ask(
            questionary.text(
                "Folder to write them in:",
                default=remembered if remembered not in ("", ".") else "",
                instruction="(Enter for the current folder)",
            )
        ).strip()
        # The answer names a folder, even one that does not exist yet.
        return formats, (place or ".").rstrip("/\\") + "/"


def show_findings(console: Console, findings: list[Any]) -> None:
    if not findings:
        console.print(Text("Checks: no problems found.", style="green"))
        return
    styles = {"error": "bold red", "warning": "yellow", "advice": "cyan"}
    console.print(Text("Checks:", style="bold"))
    for finding in findings:
        first, *rest = finding.lines(sources=False)
        console.print(Text("  " + first, style=styles[finding.severity]))
        for line in rest:
            console.print(Text("  " + line))


def _short(text: str, width: int = 72) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
