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

from motiongen.cli import boundary

F = TypeVar("F", bound=Callable[..., Any])

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
