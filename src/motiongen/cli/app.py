"""The typer application: its groups, its global options, and the guard on each command.

Only typer is imported at start-up; the catalogue, pydantic and rich come in
with the commands that use them, so ``motiongen --help`` stays quick. The
everyday commands and ``--version`` do not come here at all (``cli.quick``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer
import typer.core

from motiongen.cli import boundary

F = TypeVar("F", bound=Callable[..., Any])


# --- help in words, not types ------------------------------------------------------
# typer shows each value's Python type in the help ("--title <str>", "SPEC
# <list[Path]>", "{SPEC}..."): words a branch secretary does not read. Each option
# gets a name for what it takes, and an argument its name alone, "SPEC...".
METAVARS = {
    "profile": "ID", "demand": "ID", "prefer": "ID", "theme": "THEME",
    "formats": "FORMATS", "output": "PATH", "out_dir": "FOLDER", "templates": "FOLDER",
    "reference_docx": "FILE.docx", "merge": "FILE.csv", "from_spec": "FILE", "catalogue": "FILE",
    "profile_files": "PATH", "meeting_date": "DATE", "deadline": "DATE",
    "submitted_on": "DATE", "carried_on": "DATE", "today": "DATE", "minutes": "MINUTES",
    "max_age": "YEARS", "max_words": "WORDS", "line_width": "CHARACTERS", "number": "N",
    "contact_email": "EMAIL", "contact_phone": "PHONE", "nation": "NATION",
}  # fmt: skip


def plain_help(typer_app: typer.Typer) -> None:
    """Give every option with a value a metavar in words (see METAVARS; else TEXT)."""
    import inspect

    from typer.models import OptionInfo

    groups = [typer_app, *(g.typer_instance for g in typer_app.registered_groups)]
    for group in groups:
        if group is None:
            continue
        for command in group.registered_commands:
            callback = command.callback
            if callback is None:
                continue
            for name, parameter in inspect.signature(callback).parameters.items():
                info = parameter.default
                if isinstance(info, OptionInfo) and info.metavar is None:
                    if isinstance(info.default, bool):
                        continue  # a flag takes no value
                    info.metavar = METAVARS.get(name, "TEXT")


def _argument_help(self: Any, ctx: Any) -> str | None:
    return None  # the argument's name ("SPEC") says it; its help says the rest


def _argument_usage(self: Any) -> str:
    name = self.display_name_raw
    name = name if self.required else f"[{name}]"
    return name + ("..." if self.nargs != 1 else "")


typer.core.TyperArgument.display_type_rich = _argument_help  # type: ignore[method-assign]
typer.core.TyperArgument._usage_display_name = _argument_usage  # type: ignore[method-assign]

app = typer.Typer(
    name="motiongen",
    help=(
        "Draft a conference-ready motion against the privatisation of children's social "
        "care: pick demands from a catalogue drawn from campaign documents, check the "
        "motion against the rules of the body it goes to, and write Word, Markdown and "
        "text.\n\nExample: motiongen demands search foster"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
demands_app = typer.Typer(
    help=(
        "Browse the catalogue of demands.\n\n"
        "Examples: motiongen demands list --theme ownership; "
        "motiongen demands show nationalise-foster-care; motiongen demands search agency"
    ),
    no_args_is_help=False,
    rich_markup_mode=None,
)
app.add_typer(demands_app, name="demands")
profiles_app = typer.Typer(
    help=(
        "Browse the profiles: the bodies a motion can go to, with their rules.\n\n"
        "Examples: motiongen profiles list; motiongen profiles show labour-conference"
    ),
    rich_markup_mode=None,
)
app.add_typer(profiles_app, name="profiles")


def guard(func: F) -> F:
    """Run a typer command inside the one error boundary (`boundary.call`)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return boundary.call(func, *args, **kwargs)
        except boundary.Stop as stop:
            raise typer.Exit(stop.code) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        boundary.show_version()
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and stop."
    ),
    catalogue: list[Path] = typer.Option(
        [],
        "--catalogue",
        help="Your own catalogue file (YAML) to add to the built-in one; may be repeated.",
        metavar="FILE",
    ),
    profile_files: list[Path] = typer.Option(
        [],
        "--profiles",
        help="A profile file of your own, or a folder of them; may be repeated.",
        metavar="PATH",
    ),
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback of an error."),
) -> None:
    """Draft conference-ready motions against the privatisation of children's social care."""
    boundary.set_globals(catalogue=catalogue, profile_files=profile_files, debug=debug)


THEME_OPTION = typer.Option(None, "--theme", help="Only demands of this theme, e.g. ownership.")
JSON_OPTION = typer.Option(False, "--json", help="Print JSON for scripts instead of a table.")
TEMPLATES_OPTION = typer.Option(
    None,
    "--templates",
    help="Your own templates and sentences.toml, used before the built-in ones.",
)
