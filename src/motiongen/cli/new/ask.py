"""How `motiongen new` asks a question: in a full terminal, or plainly.

`TermAsker` draws lists with prompt_toolkit (a running count, search over title
and text, the highlighted item in full); `PlainAsker` asks numbered questions
and reads typed answers, with no cursor movement, for TERM=dumb and screen
readers. Both raise `Back` when the user asks to go back one question, so the
walk-through never depends on which one it has.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from motiongen.errors import terminal_safe

Count = Callable[[list[str]], tuple[str, bool]]  # chosen values -> (words line, over the limit)
Check = Callable[[str], "str | None"]  # an answer -> what is wrong with it, or None

BACK_WORD = "<"


class Back(Exception):
    """The user asked to go back one question."""


@dataclass
class Item:
    """One entry of a list: what is shown, and what is recorded."""

    value: str
    title: str
    detail: str = ""  # shown in full, wrapped, under the highlighted item
    note: str = ""  # short advice shown beside the title, e.g. that a figure is old
    group: str = ""  # the heading it is listed under
    checked: bool = False
    hint: str = ""  # dim text for the highlighted item only, e.g. the id


class Asker(Protocol):
    plain: bool

    def at(self, number: int) -> None:
        """The next question is this one of the walk-through (plain mode numbers it so)."""

    def say(self, text: str, style: str = "") -> None: ...

    def panel(self, title: str, text: str) -> None: ...

    def text(self, message: str, *, default: str = "", check: Check | None = None) -> str: ...

    def choose(self, message: str, items: list[Item], *, default: str | None = None) -> str: ...

    def pick(
        self,
        message: str,
        items: list[Item],
        *,
        noun: str,
        count: Count | None = None,
        at_least_one: str | None = None,
        keep: Callable[[list[str]], None] | None = None,
        order: list[str] | None = None,
    ) -> list[str]: ...


def plain_wanted() -> bool:
    """A terminal that cannot move its cursor, or a user who asked for plain questions."""
    return os.environ.get("TERM", "") in ("dumb", "") or bool(os.environ.get("MOTIONGEN_PLAIN"))


def _haystack(item: Item) -> str:
    return f"{item.title} {item.detail} {item.hint}".lower()


def matches(item: Item, query: str) -> bool:
    """Every word of the search is in the title, the text or the id."""
    haystack = _haystack(item)
    return all(word in haystack for word in query.lower().split())


def no_match(noun: str, query: str, items: list[Item]) -> str:
    """'No demands match 'agncy' — did you mean 'agency'?'"""
    words = sorted({w for i in items for w in re.findall(r"[a-z']{4,}", _haystack(i))})
    close = difflib.get_close_matches(query.lower().strip(), words, n=1, cutoff=0.6)
    guess = f" — did you mean '{close[0]}'?" if close else ""
    return f"No {noun} match '{query}'{guess}"


def first_ticks(items: list[Item], order: list[str] | None) -> list[str]:
    """The ticks a list opens with, in the order they were first made."""
    ticked = [i.value for i in items if i.checked]
    earlier = [v for v in order or [] if v in ticked]
    return earlier + [v for v in ticked if v not in earlier]


def shown_safely(text: str) -> str:
    """Text for the screen, each line as the terminal-safe printer shows it: a name
    with a control, bidirectional or zero-width character is shown, never obeyed."""
    return "\n".join(terminal_safe(line) for line in text.split("\n"))


def _print(text: str = "", *, flush: bool = False) -> None:
    print(shown_safely(text), flush=flush)


# --- plain: numbered questions, typed answers ----------------------------------------


class PlainAsker:
    """Numbered questions and typed answers: nothing but lines of text."""

    plain = True

    def __init__(self) -> None:
        self.number = 0

    def at(self, number: int) -> None:
        # A question keeps its number when it is asked again ('<' goes back to it).
        self.number = number - 1

    def say(self, text: str, style: str = "") -> None:
        _print(text, flush=True)

    def panel(self, title: str, text: str) -> None:
        _print(f"\n{title}:\n{text}\n", flush=True)

    def _read(self) -> str:
        sys.stdout.write("> ")
        sys.stdout.flush()
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        line = line.rstrip("\r\n").strip()
        if line == BACK_WORD:
            raise Back
        return line

    def _head(self, message: str) -> None:
        self.number += 1
        _print(f"\n{self.number}. {message}", flush=True)

    def text(self, message: str, *, default: str = "", check: Check | None = None) -> str:
        self._head(message)
        if default:
            _print(f"   (Enter keeps: {default})")
        while True:
            answer = self._read() or default
            problem = check(answer) if check else None
            if problem is None:
                return answer
            _print(f"   {problem}", flush=True)

    def choose(self, message: str, items: list[Item], *, default: str | None = None) -> str:
        self._head(message)
        for n, item in enumerate(items, 1):
            note = f" ({item.note})" if item.note else ""
            detail = f": {item.detail}" if item.detail else ""
            _print(f"   {n}. {item.title}{note}{detail}")
        start = next((n for n, i in enumerate(items, 1) if i.value == default), 1)
        _print(f"   Type a number, or a word of the choice (Enter for {start}).")
        while True:
            answer = self._read()
            if not answer:
                return items[start - 1].value
            if answer.isdigit() and 1 <= int(answer) <= len(items):
                return items[int(answer) - 1].value
            found = [n for n, item in enumerate(items, 1) if matches(item, answer)]
            if len(found) == 1:
                return items[found[0] - 1].value
            if found:
                listed = ", ".join(f"{n}. {items[n - 1].title}" for n in found)
                _print(f"   '{answer}' fits {listed}: type its number.", flush=True)
            else:
                _print(
                    f"   {no_match('choices', answer, items)}: type a number from 1 to "
                    f"{len(items)}.",
                    flush=True,
                )

    def pick(
        self,
        message: str,
        items: list[Item],
        *,
        noun: str,
        count: Count | None = None,
        at_least_one: str | None = None,
        keep: Callable[[list[str]], None] | None = None,
        order: list[str] | None = None,
    ) -> list[str]:
        self._head(message)
        chosen = first_ticks(items, order)
        shown: list[Item] | None = items
        while True:
            group = None
            for item in shown or []:
                if item.group != group and item.group:
                    _print(f"   {item.group}")
                group = item.group
                mark = "[x]" if item.value in chosen else "[ ]"
                note = f" ({item.note})" if item.note else ""
                _print(f"   {items.index(item) + 1:>2}. {mark} {item.title}{note}")
            if count is not None:
                _print(f"   {count(chosen)[0]}")
            _print(
                f"   {self.number}. {message} Type numbers to tick or untick (e.g. 1 4 7), a "
                "word to search, ? for the whole list, Enter when done, < to go back.",
                flush=True,
            )
            answer = self._read()
            numbers = answer.replace(",", " ").split()
            shown = None
            if not answer:
                if at_least_one and not chosen:
                    _print(f"   {at_least_one}")
                    continue
                return chosen
            if answer == "?":
                shown = items
            elif all(n.isdigit() and 1 <= int(n) <= len(items) for n in numbers):
                for n in numbers:
                    value = items[int(n) - 1].value
                    if value in chosen:
                        chosen.remove(value)
                    else:
                        chosen.append(value)
                if keep:
                    keep(list(chosen))
                titles = {i.value: i.title for i in items}
                ticked = "; ".join(titles[v] for v in chosen) or "nothing"
                _print(f"   Ticked now: {ticked}")
            else:
                found = [i for i in items if matches(i, answer)]
                if found:
                    shown = found
                else:
                    _print(f"   {no_match(noun, answer, items)}")


# --- a full terminal -----------------------------------------------------------------

KEYS_LIST = (
    "Up/Down move · Space ticks or unticks · type to search · Enter when done · Esc goes back"
)
KEYS_CHOOSE = "Up/Down move · Enter chooses · Esc goes back"
KEYS_TEXT = (
    "Typing replaces the answer shown · Left/Right to edit it · Enter keeps it · Esc goes back"
)


def select_all(buffer: Any) -> None:
    """The answer filled in, selected as a form's field is: typing or pasting replaces
    it, an arrow key keeps it to edit, Enter keeps it as it is. (Left as plain text,
    what was typed was added to its end: 'public handsKeep child protection public'.)"""
    from prompt_toolkit.selection import SelectionType

    if not buffer.text:
        return
    buffer.cursor_position = 0
    buffer.start_selection(selection_type=SelectionType.CHARACTERS)
    if buffer.selection_state is not None:
        buffer.selection_state.enter_shift_mode()
    buffer.cursor_position = len(buffer.text)


class TermAsker:
    """Lists and questions drawn with prompt_toolkit, without leaving the screen."""

    plain = False

    def __init__(self, console: Any) -> None:
        self.console = console

    def at(self, number: int) -> None:
        pass  # the screen shows the questions answered above: no numbers needed

    def say(self, text: str, style: str = "") -> None:
        from motiongen.cli.display import Text

        self.console.print(Text(text, style=style))

    def panel(self, title: str, text: str) -> None:
        from rich.panel import Panel

        from motiongen.cli.display import Text

        self.console.print(Panel(Text(text), title=title, title_align="left"))

    def text(self, message: str, *, default: str = "", check: Check | None = None) -> str:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.filters import has_selection
        from prompt_toolkit.formatted_text import FormattedText
        from prompt_toolkit.key_binding import KeyBindings
        from prompt_toolkit.keys import Keys

        keys = KeyBindings()

        @keys.add("escape", eager=True)
        def _(event: Any) -> None:
            event.app.exit(exception=Back())

        @keys.add("c-u", filter=has_selection)
        def _(event: Any) -> None:
            # Ctrl-U empties the line, the answer shown included.
            event.current_buffer.cut_selection()
            event.current_buffer.delete_before_cursor(len(event.current_buffer.text))

        @keys.add(Keys.BracketedPaste, filter=has_selection)
        def _(event: Any) -> None:
            # Pasting over the suggested answer replaces it, as typing does.
            event.current_buffer.cut_selection()
            data = event.data.replace("\r\n", "\n").replace("\r", "\n")
            event.current_buffer.insert_text(data)

        session: PromptSession[str] = PromptSession(key_bindings=keys)
        session.app.ttimeoutlen = 0.05
        session.app.timeoutlen = 0.05
        while True:
            prompt = FormattedText([("ansigreen bold", "? "), ("bold", message + " ")])
            try:
                answer = session.prompt(
                    prompt,
                    default=default,
                    pre_run=lambda: select_all(session.default_buffer),
                    bottom_toolbar=KEYS_TEXT if default else None,
                ).strip()
            except Back:
                self.say("  ← went back", "dim")
                raise
            problem = check(answer) if check else None
            if problem is None:
                return answer
            self.say(f"  ✗ {problem}", "bold red")
            default = answer

    def choose(self, message: str, items: list[Item], *, default: str | None = None) -> str:
        start = next((n for n, i in enumerate(items) if i.value == default), 0)
        screen = ListScreen(message, items, multiple=False, noun="choices", cursor=start)
        return screen.run()[0]

    def pick(
        self,
        message: str,
        items: list[Item],
        *,
        noun: str,
        count: Count | None = None,
        at_least_one: str | None = None,
        keep: Callable[[list[str]], None] | None = None,
        order: list[str] | None = None,
    ) -> list[str]:
        screen = ListScreen(
            message, items, multiple=True, noun=noun, count=count, at_least_one=at_least_one,
            keep=keep,
        )  # fmt: skip
        screen.chosen = first_ticks(items, order)
        return screen.run()


class ListScreen:
    """One list on screen: a window of it around the cursor, searchable, with the
    highlighted item's full text wrapped under it and a count that turns red."""

    def __init__(
        self,
        message: str,
        items: list[Item],
        *,
        multiple: bool,
        noun: str,
        cursor: int = 0,
        count: Count | None = None,
        at_least_one: str | None = None,
        keep: Callable[[list[str]], None] | None = None,
    ) -> None:
        self.message = message
        self.items = items
        self.multiple = multiple
        self.noun = noun
        self.count = count
        self.at_least_one = at_least_one
        self.keep = keep
        self.chosen = [i.value for i in items if i.checked]
        self.query = ""
        self.cursor = cursor
        self.top = 0
        self.problem = ""
        self.done = False
        self.back = False

    def shown(self) -> list[Item]:
        return [i for i in self.items if matches(i, self.query)] if self.query else self.items

    def toggle(self) -> None:
        shown = self.shown()
        if not shown:
            return
        value = shown[self.cursor].value
        if value in self.chosen:
            self.chosen.remove(value)
        else:
            self.chosen.append(value)
        self.problem = ""
        if self.keep:
            self.keep(list(self.chosen))

    def move(self, step: int) -> None:
        shown = self.shown()
        if shown:
            self.cursor = max(0, min(len(shown) - 1, self.cursor + step))

    def lines(self, width: int, rows: int) -> list[tuple[str, str]]:
        """The screen as (style, text) fragments, never taller than ``rows``, every
        title and wording shown safely."""
        return [(style, shown_safely(text)) for style, text in self._lines(width, rows)]

    def _lines(self, width: int, rows: int) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []

        def line(*parts: tuple[str, str]) -> None:
            out.extend(parts)
            out.append(("", "\n"))

        head, room_left = self._question(line, width)
        if self.back or self.done:
            out.extend(self._answered(line, head, room_left, width))
            return out
        line(*head)
        shown = self.shown()
        if self.query:
            line(("bold", "  Search: "), ("", self.query), ("ansibrightblack", "  (Esc clears it)"))
            if not shown:
                line(("ansiyellow bold", "  " + no_match(self.noun, self.query, self.items)))
        detail = self._detail(shown, width)
        footer = self._footer(width)
        used = out.count(("", "\n")) + len(footer) + len(detail) + 1
        room = max(3, rows - used - 1)
        self._scroll(room, len(shown))
        listed = self._list(line, shown, room, width, detail)
        if len(shown) > self.top + listed:
            line(("ansibrightblack", f"  … {len(shown) - self.top - listed} more below"))
        for style, text in footer:
            line((style, "  " + text))
        if out and out[-1] == ("", "\n"):
            out.pop()
        return out

    def _question(self, line: Callable[..., None], width: int) -> tuple[list[tuple[str, str]], int]:
        """The question, wrapped; its last line is returned unfinished, with the word
        count after it, and the room left on it."""
        said = textwrap.wrap(self.message, max(20, width - 3)) or [""]
        for text in said[:-1]:
            line(("ansigreen bold", "? " if text is said[0] else "  "), ("bold", text))
        head: list[tuple[str, str]] = [
            ("ansigreen bold", "? " if len(said) == 1 else "  "),
            ("bold", said[-1]),
        ]
        room_left = width - 3 - len(said[-1])
        if self.count is not None:
            words, over = self.count(self.chosen)
            if len(words) + 2 > room_left:
                line(*head)
                head, room_left = [("", "  ")], width - 3
            head.append(("", "  "))
            head.append(("ansired bold" if over else "ansicyan", words))
            room_left -= len(words) + 2
        return head, room_left

    def _answered(
        self, line: Callable[..., None], head: list[tuple[str, str]], room_left: int, width: int
    ) -> list[tuple[str, str]]:
        """The question once answered (or left with Esc): one line, with what was picked."""
        if self.back:
            return [*head, ("ansibrightblack", "  ← went back")]
        titles = {i.value: i.title for i in self.items}
        picked = [titles[v] for v in self.chosen if v in titles]
        summary = ", ".join(picked) if picked else "none"
        if room_left < 20:
            line(*head)
            head, room_left = [("", "  ")], width - 3
        return [*head, ("ansicyan", "  " + textwrap.shorten(summary, room_left - 2))]

    def _detail(self, shown: list[Item], width: int) -> list[str]:
        """The lines shown under the item pointed at: its wording, then its hint."""
        if not shown:
            return []
        pointed = shown[self.cursor]
        text = pointed.detail
        room = max(20, width - 8 - len(pointed.note))
        if text.startswith(pointed.title) and len(pointed.title) <= room:
            # The title is on the line above in full: under it, only what it lacks.
            text = text[len(pointed.title) :].strip()
        detail = textwrap.wrap(text, max(20, width - 6)) if text else []
        return [*detail, pointed.hint] if pointed.hint else detail

    def _footer(self, width: int) -> list[tuple[str, str]]:
        return [
            ("ansired bold" if text == self.problem else "ansibrightblack", wrapped)
            for text in (self.problem, KEYS_LIST if self.multiple else KEYS_CHOOSE)
            if text
            for wrapped in textwrap.wrap(text, max(20, width - 3))
        ]

    def _scroll(self, room: int, count: int) -> None:
        """Move the first item shown so that the cursor stays in the room there is."""
        if self.cursor < self.top:
            self.top = self.cursor
        if self.cursor >= self.top + room:
            self.top = self.cursor - room + 1
        self.top = max(0, min(self.top, max(0, count - room)))

    def _list(
        self,
        line: Callable[..., None],
        shown: list[Item],
        room: int,
        width: int,
        detail: list[str],
    ) -> int:
        """The items that fit, each group under its heading; returns how many are shown."""
        group = shown[self.top - 1].group if self.top else None
        hinted = bool(shown) and bool(shown[self.cursor].hint)
        used_rows = listed = 0
        for n in range(self.top, len(shown)):
            item = shown[n]
            if used_rows >= room:
                break
            if item.group and item.group != group:
                if used_rows + 1 >= room:
                    break
                line(("bold", f"  {item.group}"))
                used_rows += 1
            group = item.group
            here = n == self.cursor
            mark = ("● " if item.value in self.chosen else "○ ") if self.multiple else ""
            title = textwrap.shorten(
                item.title, max(20, width - 8 - len(item.note)), placeholder="…"
            )
            parts: list[tuple[str, str]] = [
                ("ansicyan bold" if here else "", "❯ " if here else "  "),
                ("ansigreen" if item.value in self.chosen else "", mark),
                ("bold" if here else "", title),
            ]
            if item.note:
                parts.append(("ansiyellow", f"  {item.note}"))
            line(*parts)
            used_rows += 1
            listed += 1
            if here:
                for text in detail[:-1] if hinted else detail:
                    line(("", "      " + text))
                if hinted:
                    line(("ansibrightblack", "      " + detail[-1]))
        return listed

    def run(self) -> list[str]:
        from prompt_toolkit.application import Application
        from prompt_toolkit.formatted_text import FormattedText
        from prompt_toolkit.key_binding import KeyBindings
        from prompt_toolkit.keys import Keys
        from prompt_toolkit.layout import FormattedTextControl, HSplit, Layout, Window

        keys = KeyBindings()

        def text() -> FormattedText:
            size = shutil.get_terminal_size()
            return FormattedText(self.lines(size.columns, size.lines))

        @keys.add("up")
        def _(event: Any) -> None:
            self.move(-1)

        @keys.add("down")
        def _(event: Any) -> None:
            self.move(1)

        @keys.add("pageup")
        def _(event: Any) -> None:
            self.move(-10)

        @keys.add("pagedown")
        def _(event: Any) -> None:
            self.move(10)

        @keys.add(" ")
        def _(event: Any) -> None:
            if self.multiple:
                self.toggle()
            else:
                self.query += " "

        @keys.add("enter")
        def _(event: Any) -> None:
            shown = self.shown()
            if not self.multiple:
                if shown:
                    self.chosen = [shown[self.cursor].value]
                    self.done = True
                    event.app.exit(result=self.chosen)
                return
            if self.at_least_one and not self.chosen:
                self.problem = self.at_least_one
                return
            self.done = True
            event.app.exit(result=list(self.chosen))

        @keys.add("escape", eager=True)
        def _(event: Any) -> None:
            if self.query:
                self.query = ""
                self.cursor = 0
            else:
                self.back = True
                event.app.exit(exception=Back())

        @keys.add("backspace")
        def _(event: Any) -> None:
            self.query = self.query[:-1]
            self.cursor = 0

        @keys.add("c-c")
        def _(event: Any) -> None:
            event.app.exit(exception=KeyboardInterrupt())

        @keys.add(Keys.Any)
        def _(event: Any) -> None:
            if event.data.isprintable():
                self.query += event.data
                self.cursor = 0

        control = FormattedTextControl(text, focusable=True, show_cursor=False)
        app: Application[list[str]] = Application(
            layout=Layout(HSplit([Window(control, wrap_lines=False)])),
            key_bindings=keys,
            full_screen=False,
        )
        app.ttimeoutlen = 0.05
        app.timeoutlen = 0.05
        return app.run()
