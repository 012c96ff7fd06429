"""`motiongen demands` and `motiongen profiles`: browse the catalogue and the bodies.

The typer side only: each command calls its typer-free twin in `listing`.
"""

from __future__ import annotations

import typer

from motiongen.cli import listing
from motiongen.cli.app import JSON_OPTION, THEME_OPTION, demands_app, guard, profiles_app
from motiongen.errors import InputError


@demands_app.callback(invoke_without_command=True)
@guard
def demands_root(
    ctx: typer.Context, theme: str | None = THEME_OPTION, as_json: bool = JSON_OPTION
) -> None:
    """Browse the catalogue of demands (with no command: list them)."""
    if ctx.invoked_subcommand is None:
        listing.list_demands(theme=theme, as_json=as_json)
    else:
        _options_go_after(ctx, "demands", theme=theme, as_json=as_json)


@demands_app.command("list")
@guard
def demands_list(theme: str | None = THEME_OPTION, as_json: bool = JSON_OPTION) -> None:
    """List the demands, grouped by theme.

    Example: motiongen demands list --theme workforce
    """
    listing.list_demands(theme=theme, as_json=as_json)


@demands_app.command("show")
@guard
def demands_show(
    demand_id: str = typer.Argument(..., metavar="ID", help="The demand's id."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one demand: its clause, sources, evidence and related demands.

    Example: motiongen demands show nationalise-foster-care
    """
    listing.show_demand(demand_id=demand_id, as_json=as_json)


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
    listing.search_demands(words=words, theme=theme, as_json=as_json)


# --- profiles -----------------------------------------------------------------


@profiles_app.callback(invoke_without_command=True)
@guard
def profiles_root(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """Browse the profiles (with no command: list them)."""
    if ctx.invoked_subcommand is None:
        listing.list_profiles(as_json=as_json)
    else:
        _options_go_after(ctx, "profiles", as_json=as_json)


@profiles_app.command("list")
@guard
def profiles_list(as_json: bool = JSON_OPTION) -> None:
    """List the bodies a motion can go to, with their word limits.

    Example: motiongen profiles list
    """
    listing.list_profiles(as_json=as_json)


@profiles_app.command("show")
@guard
def profiles_show(
    profile_id: str = typer.Argument(..., metavar="ID", help="The profile's id."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one profile: its wording, limits, required fields and their sources.

    Example: motiongen profiles show napo-agm
    """
    listing.show_profile(profile_id=profile_id, as_json=as_json)


def _options_go_after(ctx: typer.Context, group: str, **given: object) -> None:
    """`demands --json list` would print a table: typer gives --json to the group,
    which lists only when no command follows. Say where it goes instead."""
    names = {"theme": "--theme", "as_json": "--json"}
    misplaced = [names[key] for key, value in given.items() if value]
    if not misplaced:
        return
    sub = str(ctx.invoked_subcommand)
    command = ctx.command.get_command(ctx, sub)  # type: ignore[attr-defined]
    taken = {opt for param in command.params for opt in param.opts} if command else set()
    options = " ".join(misplaced)
    refused = [name for name in misplaced if name not in taken]
    if refused:
        hint = f"'{sub}' does not take {' or '.join(refused)}: leave it out"
    else:
        hint = f"put it after the command: motiongen {group} {sub} ... {options}"
    raise InputError(f"{options} before '{sub}' is not read by '{sub}'", hint=hint)
