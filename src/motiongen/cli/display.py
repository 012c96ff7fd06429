"""Tables and panels that show the catalogue and the profiles to people.

Everything from the catalogue or the user goes in as rich Text, never as markup,
and the consoles read no emoji codes: a title such as "Conference [amended] notes"
or "Cuts :x: now" prints as written.
"""

from __future__ import annotations

import errno
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from motiongen.errors import terminal_safe


class Text(RichText):
    """rich's Text with the characters a terminal would obey shown escaped instead:
    controls, and the bidirectional and zero-width marks that reorder or hide words."""

    def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(_safe(text), *args, **kwargs)

    def append(self, text: Any, style: Any = None) -> Text:
        super().append(_safe(text) if isinstance(text, str) else text, style)
        return self


def _safe(text: str) -> str:
    """Each line made safe, the line breaks kept."""
    return "\n".join(terminal_safe(line) for line in text.split("\n"))


class SafeConsole(Console):
    """A console that lets a closed pipe end the command as every other one does
    (rich's own way is exit 1, the code for a motion that failed its checks)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "standard output is closed")


LEVEL_NAMES = {
    "national": "Government and Parliament",
    "council": "councils",
    "party": "the party",
    "union": "unions",
}

# The plain view of `view.build` (read without pydantic), and one demand's or profile's part.
View = dict[str, Any]
Entry = dict[str, Any]


def nations(items: list[str], names: dict[str, str]) -> str:
    if not items:
        return "not stated"
    if len(items) == len(names):
        return "the whole UK"
    return ", ".join(names[n] for n in items)


def demand_table(demands: list[Entry], title: str, *, show_theme: bool = False) -> Table:
    table = Table(
        title=Text(title, style="table.title"), title_justify="left", show_lines=False, expand=False
    )
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("demand", ratio=3, min_width=16)
    if show_theme:
        table.add_column("theme", style="magenta", ratio=1, min_width=9)
    table.add_column("from", style="dim", ratio=2, min_width=12)
    for entry in demands:
        d = entry["record"]
        row = [Text(d["id"]), Text(d["title"])]
        if show_theme:
            row.append(Text(d["theme_title"]))
        # The source as a secretary knows it ("LSWG 2021"), not its archive file number.
        names = dict.fromkeys(ref["label"] for ref in d["sources"])
        row.append(Text(", ".join(names)))
        table.add_row(*row)
    return table


def demand_detail(view: View, entry: Entry) -> Panel:
    d = entry["full"]
    parts: list[RichText | Table] = []
    parts.append(Text.assemble(("Theme: ", "bold"), d["theme_title"]))
    parts.append(Text.assemble(("Clause: ", "bold"), "… to " + d["clause"] + "."))
    parts.append(
        Text.assemble(
            ("Who can act: ", "bold"), ", ".join(LEVEL_NAMES[level] for level in d["acted_on_by"])
        )
    )
    parts.append(Text.assemble(("Applies in: ", "bold"), nations(d["applies_in"], view["nations"])))
    parts.append(Text.assemble(("How firm the sources are: ", "bold"), entry["firmness"]))
    if d["note"]:
        parts.append(Text.assemble(("Note: ", "bold"), d["note"]))
    parts.append(Text("Sources:", style="bold"))
    for citation in entry["citations"]:
        parts.append(Text(f"  • {citation}"))
    if entry["facts"]:
        parts.append(Text("Evidence:", style="bold"))
        for fact in entry["facts"]:
            parts.append(
                Text.assemble(
                    "  • ",
                    (fact["id"], "cyan"),
                    f": {fact['statement']} [{fact['scope']}, {fact['when']}]",
                )
            )
    if d["beliefs"]:
        parts.append(Text("Beliefs it draws on:", style="bold"))
        for belief in d["beliefs"]:
            parts.append(Text.assemble("  • ", (belief["id"], "cyan"), f": {belief['text']}"))
    if d["overlaps"]:
        parts.append(Text.assemble(("Overlaps with: ", "bold"), ", ".join(d["overlaps"])))
    for conflict in d["conflicts"]:
        parts.append(
            Text.assemble(
                ("Conflicts with ", "bold"), (conflict["with"], "cyan"), f": {conflict['why']}"
            )
        )
    return Panel(Group(*parts), title=Text(f"{d['id']} — {d['title']}"), title_align="left")


def stdout() -> Console:
    # No emoji codes: a title such as "Cuts :x: and more" is data, to print as
    # written (and rich's table of codes is slow to load).
    return SafeConsole(highlight=False, emoji=False)


def stderr() -> Console:
    return SafeConsole(stderr=True, highlight=False, emoji=False)


def profile_table(profiles: list[Entry]) -> Table:
    table = Table(title="Profiles", title_justify="left")
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("body")
    table.add_column("word limit", justify="right")
    table.add_column("rules", no_wrap=True)
    for entry in profiles:
        p = entry["record"]
        limit = str(p["word_limit"]) if p["word_limit"] else "none"
        table.add_row(
            Text(p["id"]),
            Text(p["description"]),
            Text(limit),
            Text("verified" if entry["verified"] else "partly verified"),
        )
    return table


def profile_detail(entry: Entry) -> Panel:
    p = entry["record"]
    parts: list[RichText] = [Text(p["description"])]
    for key in ("notes", "believes", "resolves", "mandates"):
        lead = p["sections"][key]
        if lead:
            parts.append(Text.assemble((f"{key.capitalize()}: ", "bold"), lead))
    limit = f"{p['word_limit']} words" if p["word_limit"] else "no limit known"
    title = "counted" if p["count_title"] else "not counted"
    parts.append(Text.assemble(("Word limit: ", "bold"), f"{limit} (title {title})"))
    if p["title_word_limit"]:
        parts.append(Text.assemble(("Title: ", "bold"), f"at most {p['title_word_limit']} words"))
    parts.append(Text.assemble(("Required: ", "bold"), ", ".join(p["required"]) or "nothing"))
    if p["defaults"]["calls_on"]:
        parts.append(Text.assemble(("Calls on (default): ", "bold"), p["defaults"]["calls_on"]))
    period = p["period"]
    if period:
        # Dates are ISO text in the view, as they were written with isoformat().
        since = _day(period["since"])
        when = f"{since} to {_day(period['until'])}" if period["until"] else f"since {since}"
        parts.append(
            Text.assemble(("Worded for: ", "bold"), f"the time {when} ({period['context']})")
        )
    notice = p["notice"]
    if notice:
        when = f"{notice['days']} days before, " if notice["days"] else ""
        parts.append(Text.assemble(("Notice: ", "bold"), when + notice["what"]))
    parts.append(Text("Rules and their sources:", style="bold"))
    for rule in p["rules"]:
        state = "verified" if rule["verified"] else "not verified"
        parts.append(Text(f"  • {rule['what']} [{rule['source']}; {state}]"))
    return Panel(Group(*parts), title=Text(f"{p['id']} — {p['name']}"), title_align="left")


def _day(iso: str) -> str:
    """'2024-07-05' as people write it: '5 July 2024'."""
    import datetime as dt

    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B} {day.year}"
