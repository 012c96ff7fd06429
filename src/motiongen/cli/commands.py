"""Every command registered on the one typer application, in the order --help lists them.

Importing the command modules registers their commands on ``app``.
"""

from __future__ import annotations

import importlib
import json
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from motiongen.cli import agenda, boundary, browse, conference, motions
from motiongen.cli.app import app, plain_help

__all__ = ["agenda", "app", "browse", "conference", "motions"]

# `motiongen --help` lists the commands in the order a secretary meets them:
# drafting and building first, then the motions someone else wrote.
ORDER = ("new", "build", "check", "schema", "import", "amend", "composite", "brief")
plain_help(app)
app.registered_commands.sort(
    key=lambda c: (
        ORDER.index(c.name or c.callback.__name__)  # type: ignore[union-attr]
        if (c.name or getattr(c.callback, "__name__", "")) in ORDER
        else len(ORDER)
    )
)


# --- the quick path's table ------------------------------------------------------
# The commands the quick path (cli.quick) may run without typer, each with the
# typer-free function its typer command calls with the same keyword arguments.
QUICK: dict[str, str] = {
    "demands": "motiongen.cli.listing:list_demands",
    "demands list": "motiongen.cli.listing:list_demands",
    "demands show": "motiongen.cli.listing:show_demand",
    "demands search": "motiongen.cli.listing:search_demands",
    "profiles": "motiongen.cli.listing:list_profiles",
    "profiles list": "motiongen.cli.listing:list_profiles",
    "profiles show": "motiongen.cli.listing:show_profile",
    # By name: importing them here would load the core for `motiongen --help`.
    "check": "motiongen.cli.report:check_command",
    "build": "motiongen.cli.report:build_command",
    "import": "motiongen.cli.papers:import_command",
    "amend": "motiongen.cli.papers:amend_command",
    "composite": "motiongen.cli.papers:composite_command",
    "brief": "motiongen.cli.papers:brief_command",
}
ROOT = boundary.set_globals
# Eager options that stop at once, and what they run instead of the command.
EAGER = {"version": boundary.show_version}


def quick_table() -> dict[str, Any]:
    """The table ``cli.quick`` reads, made from the typer commands and their targets."""
    import typer.main

    group = typer.main.get_command(app)
    commands: dict[str, Any] = {}
    for path, name in QUICK.items():
        target = target_of(name)
        command = group
        for word in path.split():
            command = command.commands[word]  # type: ignore[attr-defined]
        subcommands = sorted(getattr(command, "commands", {}))
        commands[path] = {
            "target": _name(target),
            "subcommands": subcommands,
            "params": _params(command.params, target),
        }
    root = {"target": _name(ROOT), "params": _params(group.params, ROOT)}
    return {"root": root, "commands": commands}


def target_of(name: str) -> Callable[..., Any]:
    """The function a "module:function" name stands for."""
    module, _, function = name.partition(":")
    found: Callable[..., Any] = getattr(importlib.import_module(module), function)
    return found


def _name(target: Callable[..., Any]) -> str:
    return f"{target.__module__}:{target.__qualname__}"


def _params(params: list[Any], target: Callable[..., Any]) -> list[dict[str, Any]]:
    hints = typing.get_type_hints(target)
    out = []
    for param in params:
        if param.name in ("install_completion", "show_completion"):
            continue  # typer's own; any use of them is not quick
        passed = param.name in hints
        kind, many = _kind(hints.get(param.name, bool))
        flag = bool(getattr(param, "is_flag", False))
        default = param.default
        if isinstance(default, Path):
            default = str(default)
        elif isinstance(default, (list, tuple)):
            default = [str(item) if isinstance(item, Path) else item for item in default]
        out.append(
            {
                "name": param.name,
                "argument": param.param_type_name == "argument",
                "opts": [] if param.param_type_name == "argument" else list(param.opts),
                "secondary_opts": list(param.secondary_opts),
                "flag": flag,
                "multiple": bool(param.multiple),
                "nargs": param.nargs,
                "required": bool(param.required),
                "default": default,
                "kind": kind,
                "passed": passed,
                "eager": _name(EAGER[param.name]) if param.name in EAGER else None,
                # Values typer checks itself (numbers in a range), eager options
                # and callbacks stay with typer.
                "quick": passed
                and not param.is_eager
                and param.callback is None
                and not param.envvar
                and (flag or kind in ("str", "path"))
                and (many == (param.multiple or param.nargs == -1)),
            }
        )
    return out


def _kind(hint: Any) -> tuple[str, bool]:
    """("str", "path", "int" or "bool", whether a list) for a parameter's annotation."""
    many = typing.get_origin(hint) is list
    if many:
        (hint,) = typing.get_args(hint)
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and len(args) == 1:
        hint = args[0]
    names = {str: "str", Path: "path", int: "int", bool: "bool"}
    return names.get(hint, "other"), many


def write_quick_table(path: Path) -> None:
    path.write_text(json.dumps(quick_table(), indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--write-quick-table"]:
        sys.exit("usage: python -m motiongen.cli.commands --write-quick-table")
    from motiongen.cli import quick

    write_quick_table(quick.TABLE)
    print(f"wrote {quick.TABLE.name}")
