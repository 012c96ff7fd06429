"""The command line: parse options, call the core, print.

Only typer is imported at start-up; the catalogue, pydantic and rich come in
with the commands that use them, so ``motiongen --version`` stays quick.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer

from motiongen import __version__
from motiongen.errors import EXIT_BAD_INPUT, MotiongenError

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
    add_completion=False,
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
            return func(*args, **kwargs)
        except MotiongenError as exc:
            if State.debug:
                raise
            _error(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _error("stopped; nothing was left half-written")
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def _error(message: str) -> None:
    # Plain write, not rich: a message may hold brackets that rich would eat.
    sys.stderr.write(f"Error: {message}\n")


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
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


THEME_OPTION = typer.Option(None, "--theme", help="Only demands of this theme, e.g. ownership.")
JSON_OPTION = typer.Option(False, "--json", help="Print JSON for scripts instead of a table.")


@demands_app.callback(invoke_without_command=True)
@guard
def demands_root(
    ctx: typer.Context, theme: str | None = THEME_OPTION, as_json: bool = JSON_OPTION
) -> None:
    """Browse the catalogue of demands (with no command: list them)."""
    if ctx.invoked_subcommand is None:
        _list_demands(theme, as_json)


@demands_app.command("list")
@guard
def demands_list(theme: str | None = THEME_OPTION, as_json: bool = JSON_OPTION) -> None:
    """List the demands, grouped by theme.

    Example: motiongen demands list --theme workforce
    """
    _list_demands(theme, as_json)


def _list_demands(theme: str | None, as_json: bool) -> None:
    from motiongen import records

    cat = _catalogue()
    demands = cat.demands_in(theme)
    if as_json:
        _print_json([records.demand(cat, d) for d in demands])
        return
    from motiongen import display

    console = display.stdout()
    for theme_id, info in cat.themes.items():
        group = [d for d in demands if d.theme == theme_id]
        if group:
            console.print(display.demand_table(cat, group, title=_escape(info.title)))
    console.print(
        f"{len(demands)} demands. 'motiongen demands show ID' gives the clause, sources "
        "and evidence of one.",
        style="dim",
        markup=False,
    )


@demands_app.command("show")
@guard
def demands_show(
    demand_id: str = typer.Argument(..., metavar="ID", help="The demand's id."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one demand: its clause, sources, evidence and related demands.

    Example: motiongen demands show nationalise-foster-care
    """
    from motiongen import records

    cat = _catalogue()
    demand = cat.demand(demand_id)
    if as_json:
        _print_json(records.demand(cat, demand, full=True))
        return
    from motiongen import display

    display.stdout().print(display.demand_detail(cat, demand))


@demands_app.command("search")
@guard
def demands_search(
    words: list[str] = typer.Argument(..., metavar="WORDS", help="Words to look for."),
    theme: str | None = THEME_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Find demands whose title, id or clause hold every word.

    Example: motiongen demands search foster care
    """
    from motiongen import records

    cat = _catalogue()
    found = cat.search(words, theme)
    if as_json:
        _print_json([records.demand(cat, d) for d in found])
        return
    from motiongen import display

    phrase = " ".join(words)
    if not found:
        display.stderr().print(
            f"No demand holds every word of '{phrase}'. Try fewer words, or "
            "'motiongen demands list'.",
            markup=False,
        )
        return
    display.stdout().print(
        display.demand_table(
            cat, found, title=_escape(f"Demands matching '{phrase}'"), show_theme=True
        )
    )


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


# --- profiles -----------------------------------------------------------------


@profiles_app.callback(invoke_without_command=True)
@guard
def profiles_root(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """Browse the profiles (with no command: list them)."""
    if ctx.invoked_subcommand is None:
        _list_profiles(as_json)


@profiles_app.command("list")
@guard
def profiles_list(as_json: bool = JSON_OPTION) -> None:
    """List the bodies a motion can go to, with their word limits.

    Example: motiongen profiles list
    """
    _list_profiles(as_json)


def _list_profiles(as_json: bool) -> None:
    found = _profiles()
    if as_json:
        _print_json([p.model_dump(mode="json") for p in found.profiles.values()])
        return
    from motiongen import display

    display.stdout().print(display.profile_table(list(found.profiles.values())))


@profiles_app.command("show")
@guard
def profiles_show(
    profile_id: str = typer.Argument(..., metavar="ID", help="The profile's id."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one profile: its wording, limits, required fields and their sources.

    Example: motiongen profiles show napo-agm
    """
    profile = _profiles().get(profile_id)
    if as_json:
        _print_json(profile.model_dump(mode="json"))
        return
    from motiongen import display

    display.stdout().print(display.profile_detail(profile))


@app.command()
@guard
def new(
    profile: str | None = typer.Option(None, "--profile", help="Who the motion is for."),
    title: str | None = typer.Option(None, "--title", help="The motion's title."),
    submitted_by: str | None = typer.Option(None, "--submitted-by", help="Your branch or group."),
    to: str | None = typer.Option(None, "--to", help="The meeting or body it goes to."),
    meeting_date: str | None = typer.Option(
        None, "--meeting-date", help="The meeting's date, YYYY-MM-DD."
    ),
    nation: str | None = typer.Option(
        None, "--nation", help="england, wales, scotland or northern-ireland."
    ),
    proposer: str | None = typer.Option(None, "--proposer", help="Who proposes it."),
    seconder: str | None = typer.Option(None, "--seconder", help="Who seconds it."),
    calls_on: str | None = typer.Option(
        None, "--calls-on", help="Whom the motion calls on, where the profile's default is wrong."
    ),
    commission: str | None = typer.Option(
        None, "--commission", help="The policy commission (labour-npf)."
    ),
    deadline: str | None = typer.Option(
        None, "--deadline", help="When the motion must be in, YYYY-MM-DD."
    ),
    demand: list[str] = typer.Option([], "--demand", help="A demand id; may be repeated."),
    note: list[str] = typer.Option(
        [], "--note", help="A fact id, or a fact in your own words; may be repeated."
    ),
    believe: list[str] = typer.Option(
        [], "--believe", help="A belief id, or a belief in your own words; may be repeated."
    ),
    resolve: list[str] = typer.Option(
        [], "--resolve", help="A clause of your own to resolve; may be repeated."
    ),
    formats: str | None = typer.Option(None, "--format", "-f", help="Formats, e.g. docx,md."),
    output: str | None = typer.Option(
        None, "--output", "-o", help="A folder (ending in /) or a file name without extension."
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help="Accept the defaults; ask nothing."),
    from_spec: Path | None = typer.Option(None, "--from", help="Start from an existing spec."),
    resume: bool = typer.Option(False, "--resume", help="Carry on with the unfinished motion."),
    force: bool = typer.Option(False, "--force", help="Replace documents that already exist."),
    reference_docx: Path | None = typer.Option(
        None, "--reference-docx", help="Your letterhead (.docx) for the Word document."
    ),
    line_numbers: bool = typer.Option(
        False, "--line-numbers", help="Number the lines of the Word document."
    ),
) -> None:
    """Draft a motion step by step, or from flags with no questions.

    Each answer is saved as you go: after Ctrl-C, 'motiongen new --resume'
    carries on. The documents are written with a spec file beside them, for
    'motiongen build' to rebuild after you edit it.

    Example: motiongen new --profile council --title "Keep our children's homes public"
    --demand council-run-childrens-homes --yes
    """
    from motiongen import newcmd

    answers: dict[str, Any] = {
        "profile": profile,
        "title": title,
        "submitted_by": submitted_by,
        "to": to,
        "meeting_date": _iso(_date_option(meeting_date, "--meeting-date")),
        "deadline": _iso(_date_option(deadline, "--deadline")),
        "nation": nation,
        "proposer": proposer,
        "seconder": seconder,
        "calls_on": calls_on,
        "commission": commission,
        "demands": list(demand),
        "notes": [_item(n) for n in note],
        "believes": [_item(b) for b in believe],
        "resolves": [{"text": r} for r in resolve],
    }
    request = newcmd.NewRequest(
        answers=answers,
        formats=formats,
        output=output,
        yes=yes,
        from_spec=from_spec,
        resume=resume,
        force=force,
        reference_docx=reference_docx,
        line_numbers=line_numbers,
    )
    raise typer.Exit(newcmd.run(request, _catalogue(), _profiles()))


def _item(text: str) -> Any:
    """An id stays an id; anything else is the user's own words."""
    import re

    return text if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", text) else {"text": text}


# --- schema, build, check -----------------------------------------------------------


@app.command()
@guard
def build(
    specs: list[Path] = typer.Argument(
        ..., metavar="SPEC", help="Spec or batch files (YAML, TOML or JSON)."
    ),
    formats: str = typer.Option(
        "docx,md,txt", "--format", "-f", help="Formats: docx, md, txt, pdf (with LibreOffice)."
    ),
    out_dir: Path = typer.Option(
        Path("."), "--out-dir", "-o", help="Folder for the documents; '-' prints to stdout."
    ),
    force: bool = typer.Option(False, "--force", help="Replace documents that already exist."),
    merge: Path | None = typer.Option(
        None, "--merge", help="A CSV file: one motion per row, its columns filling spec keys."
    ),
    templates: Path | None = typer.Option(
        None, "--templates", help="Your own template folder, searched before the built-in one."
    ),
    reference_docx: Path | None = typer.Option(
        None,
        "--reference-docx",
        help="Your letterhead or branch template (.docx): its styles, header and footer are kept.",
    ),
    line_numbers: bool = typer.Option(
        False, "--line-numbers", help="Number the lines of Word documents, restarting each page."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors."),
) -> None:
    """Turn spec files into documents: one motion, a batch, or one per CSV row.

    Example: motiongen build motion.yaml --format docx,md --out-dir motions
    """
    from motiongen import build as core
    from motiongen import reporting

    options = core.Options(
        formats=core.parse_formats(formats),
        out_dir=out_dir,
        force=force,
        template_dir=templates,
        reference_docx=reference_docx,
        line_numbers=line_numbers,
    )
    cat = _catalogue()
    found = _profiles()
    if str(out_dir) == "-":
        raise typer.Exit(reporting.build_to_stdout(specs, cat, found, options, merge))
    raise typer.Exit(reporting.build(specs, cat, found, options, merge, quiet=quiet))


@app.command()
@guard
def check(
    specs: list[Path] = typer.Argument(
        ..., metavar="SPEC", help="Spec or batch files (YAML, TOML or JSON)."
    ),
    merge: Path | None = typer.Option(None, "--merge", help="A CSV file, as for build."),
    max_age: int = typer.Option(
        5, "--max-age", min=0, help="Warn about figures older than this many years."
    ),
    today: str | None = typer.Option(
        None, "--today", help="Check as if today were this date (YYYY-MM-DD)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Check motions as a conference office would, without writing anything.

    Exit 0 when there are only warnings, 1 when a motion has an error, 2 when a
    file cannot be used.

    Example: motiongen check motion.yaml --json
    """
    from motiongen import reporting

    raise typer.Exit(
        reporting.check(
            specs,
            _catalogue(),
            _profiles(),
            merge,
            as_json=as_json,
            today=_date_option(today, "--today"),
            max_age=max_age,
        )
    )


@app.command()
@guard
def schema() -> None:
    """Print the JSON Schema of the spec file, for editors that complete and check YAML.

    Example: motiongen schema > motion.schema.json
    """
    from motiongen import spec

    _print_json(spec.schema())


def _date_option(text: str | None, name: str) -> Any:
    """A date given on the command line: 2027-01-14 or 14/01/2027."""
    from motiongen.text import parse_date

    try:
        return parse_date(text)
    except ValueError:
        raise MotiongenError(
            f"'{text}' is not a date", field=name, hint="write it as YYYY-MM-DD"
        ) from None


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except MotiongenError as exc:  # raised outside a command, e.g. while parsing
        _error(str(exc))
        sys.exit(EXIT_BAD_INPUT)
