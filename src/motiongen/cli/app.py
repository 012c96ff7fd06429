"""The command-line application: its groups, shared options and the one error boundary.

Only typer is imported at start-up; the catalogue, pydantic and rich come in
with the commands that use them, so ``motiongen --version`` stays quick.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer

from motiongen import __version__, signals
from motiongen.errors import EXIT_INTERRUPTED, MotiongenError, terminal_safe
from motiongen.text import parse_date

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


class State:
    debug = False
    catalogues: tuple[Path, ...] = ()
    profiles: tuple[Path, ...] = ()


def guard(func: F) -> F:
    """The one error boundary: a known error is one line on stderr and a fixed exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with signals.handled():
                return func(*args, **kwargs)
        except MotiongenError as exc:
            if State.debug:
                raise
            _error(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _error("stopped; nothing was left half-written")
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return wrapper  # type: ignore[return-value]


def _error(message: str) -> None:
    # Plain write, not rich: a message may hold brackets that rich would eat.
    say(f"Error: {message}")


def say(line: str) -> None:
    """Lines on stderr, made safe for the terminal; quiet if stderr is closed."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write("\n".join(terminal_safe(part) for part in line.split("\n")) + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass  # nowhere left to say it


def _version(value: bool) -> None:
    if value:
        typer.echo(f"motiongen {__version__}")
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
    State.debug = debug
    State.catalogues = tuple(catalogue)
    State.profiles = tuple(profile_files)


def _catalogue() -> Any:
    from motiongen import catalogue

    return catalogue.load(State.catalogues)


def _profiles() -> Any:
    from motiongen import profiles

    return profiles.load(State.profiles)


def _print_json(data: Any) -> None:
    print_json(data)


def print_json(data: Any) -> None:
    """JSON on stdout; plain ASCII escapes where stdout cannot take UTF-8 (a cp1252 pipe)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    emit(json.dumps(data, ensure_ascii=encoding not in ("utf8", "utf8sig"), indent=2) + "\n")


def emit(text: str) -> None:
    """A document or JSON on stdout, whatever stdout is: closed, or not UTF-8."""
    stream = sys.stdout
    try:
        if stream is None:
            raise OSError("closed")
        try:
            stream.write(text)
        except UnicodeEncodeError:
            # A redirect in a legacy encoding: the bytes of the document as UTF-8,
            # which every editor opens, rather than a crash or lost characters.
            stream.flush()
            stream.buffer.write(text.encode("utf-8"))
        stream.flush()
    except (OSError, ValueError, AttributeError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing more to flush at exit
        raise MotiongenError(
            "standard output is closed, so there is nowhere to print to",
            hint="send it to a file with > FILE, or leave stdout open",
        ) from None


THEME_OPTION = typer.Option(None, "--theme", help="Only demands of this theme, e.g. ownership.")
JSON_OPTION = typer.Option(False, "--json", help="Print JSON for scripts instead of a table.")


def _date_option(text: str | None, name: str) -> Any:
    """A date given on the command line, in any form `parse_date` reads."""
    try:
        return parse_date(text)
    except ValueError as exc:
        hint = "write it as 14/01/2027 or 2027-01-14"
        raise MotiongenError(str(exc), field=name, hint=hint) from None
