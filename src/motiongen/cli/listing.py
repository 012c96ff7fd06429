"""What `demands` and `profiles` print: tables, panels and ``--json``, from the plain view.

No typer here: the quick path calls these functions directly, and the typer
commands in `browse` are thin wrappers round them. The built-in data's view
comes from the cache (`viewcache`), so browsing it needs neither pydantic nor
the YAML reader; the user's own files go through the models and `view.build`,
into the same shape. An id or theme the view lacks is looked up in the models,
which raise the one canonical error with its "did you mean".
"""

from __future__ import annotations

from typing import Any

from motiongen import viewcache
from motiongen.cli import boundary
from motiongen.cli.boundary import State
from motiongen.viewcache import View


def list_demands(theme: str | None, as_json: bool) -> None:
    """The demands, grouped by theme, or one theme's."""
    shown = _catalogue_view()
    if theme is not None and theme not in shown["themes"]:
        cat = boundary.catalogue()
        cat.demands_in(theme)  # raises the canonical error
        shown = _models_view(catalogue=cat)
    demands = [
        entry
        for entry in shown["demands"].values()
        if theme is None or entry["record"]["theme"] == theme
    ]
    if as_json:
        boundary.print_json([entry["record"] for entry in demands])
        return
    from motiongen.cli import display  # rich, for start-up time

    console = display.stdout()
    for theme_id, title in shown["themes"].items():
        group = [entry for entry in demands if entry["record"]["theme"] == theme_id]
        if group:
            console.print(display.demand_table(group, title=title))
    console.print(
        f"{len(demands)} demands. 'motiongen demands show ID' gives the clause, sources "
        "and evidence of one.",
        style="dim",
        markup=False,
    )


def show_demand(demand_id: str, as_json: bool) -> None:
    """One demand: its clause, sources, evidence and related demands."""
    shown = _catalogue_view()
    if demand_id not in shown["demands"]:
        cat = boundary.catalogue()
        cat.demand(demand_id)  # raises the canonical error
        shown = _models_view(catalogue=cat)
    entry = shown["demands"][demand_id]
    if as_json:
        boundary.print_json(entry["full"])
        return
    from motiongen.cli import display  # rich, for start-up time

    display.stdout().print(display.demand_detail(shown, entry))


def search_demands(words: list[str], theme: str | None, as_json: bool) -> None:
    """Demands whose title, id or clause hold every word: ranked by the catalogue itself."""
    # The models, for the catalogue's own ranking: pydantic, only for a search.
    from motiongen import view

    cat = boundary.catalogue()
    found = [view.demand(cat, d) for d in cat.search(words, theme)]
    if as_json:
        boundary.print_json([entry["record"] for entry in found])
        return
    from motiongen.cli import display  # rich, for start-up time

    phrase = " ".join(words)
    if not found:
        display.stderr().print(
            f"No demand holds every word of '{phrase}'. Try fewer words, or "
            "'motiongen demands list'.",
            markup=False,
        )
        return
    display.stdout().print(
        display.demand_table(found, title=f"Demands matching '{phrase}'", show_theme=True)
    )


def list_profiles(as_json: bool) -> None:
    """The bodies a motion can go to, with their word limits."""
    found = list(_profiles_view()["profiles"].values())
    if as_json:
        boundary.print_json([entry["record"] for entry in found])
        return
    from motiongen.cli import display  # rich, for start-up time

    display.stdout().print(display.profile_table(found))


def show_profile(profile_id: str, as_json: bool) -> None:
    """One profile: its wording, limits, required fields and their sources."""
    shown = _profiles_view()
    if profile_id not in shown["profiles"]:
        found = boundary.profiles()
        found.get(profile_id)  # raises the canonical error
        shown = _models_view(profiles=found)
    entry = shown["profiles"][profile_id]
    if as_json:
        boundary.print_json(entry["record"])
        return
    from motiongen.cli import display  # rich, for start-up time

    display.stdout().print(display.profile_detail(entry))


def _catalogue_view() -> View:
    if viewcache.catalogue_is_builtin(State.catalogues):
        return viewcache.builtin()
    return _models_view(catalogue=boundary.catalogue())


def _profiles_view() -> View:
    if viewcache.profiles_are_builtin(State.profiles):
        return viewcache.builtin()
    return _models_view(profiles=boundary.profiles())


def _models_view(catalogue: Any = None, profiles: Any = None) -> View:
    # pydantic: only for the user's own files and for errors, for start-up time.
    from motiongen import view

    return view.build(catalogue, profiles)
