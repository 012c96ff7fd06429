"""`motiongen demands` and `motiongen profiles`: browse the catalogue and the bodies."""

from __future__ import annotations

import typer

from motiongen.cli import boundary
from motiongen.cli.app import JSON_OPTION, THEME_OPTION, demands_app, guard, profiles_app


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
    from motiongen.catalogue import export as records

    cat = boundary.catalogue()
    demands = cat.demands_in(theme)
    if as_json:
        boundary.print_json([records.demand(cat, d) for d in demands])
        return
    from motiongen.cli import tables as display

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
    from motiongen.catalogue import export as records

    cat = boundary.catalogue()
    demand = cat.demand(demand_id)
    if as_json:
        boundary.print_json(records.demand(cat, demand, full=True))
        return
    from motiongen.cli import tables as display

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
    from motiongen.catalogue import export as records

    cat = boundary.catalogue()
    found = cat.search(words, theme)
    if as_json:
        boundary.print_json([records.demand(cat, d) for d in found])
        return
    from motiongen.cli import tables as display

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
    found = boundary.profiles()
    if as_json:
        boundary.print_json([p.model_dump(mode="json") for p in found.profiles.values()])
        return
    from motiongen.cli import tables as display

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
    profile = boundary.profiles().get(profile_id)
    if as_json:
        boundary.print_json(profile.model_dump(mode="json"))
        return
    from motiongen.cli import tables as display

    display.stdout().print(display.profile_detail(profile))
