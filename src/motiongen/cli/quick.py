"""The quick path: the everyday commands parsed and run without loading typer.

typer builds every command, with pydantic behind each option, before it runs one;
that alone takes longer than listing the catalogue. This parser reads the table
in ``quick.json``, made from the typer commands themselves by
``python -m motiongen.cli.commands --write-quick-table`` (a test holds it to them),
and takes only argument lists it understands exactly as typer would. Anything
else (``--help``, a misspelt option, a missing argument, a number to check)
returns to the caller, and typer deals with it, help and errors included.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from motiongen.cli import boundary
from motiongen.errors import EXIT_INTERRUPTED

TABLE = Path(__file__).with_name("quick.json")
COMPLETION_VARIABLE = "_MOTIONGEN_COMPLETE"
EAGER = " eager"  # the key an eager option's target is kept under while options are read


class Plan:
    """What to run: the global options' setter, then one command, each with its arguments."""

    # A plain class: dataclasses would bring in `inspect`, a tenth of the time budget.
    def __init__(self, root: str) -> None:
        self.root = root
        self.globals: dict[str, Any] = {}
        self.target = ""
        self.arguments: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"Plan({self.root}, {self.globals}, {self.target}, {self.arguments})"


class NotQuick(Exception):
    """These arguments are for typer to read: they need help, an error or a check we lack."""


def run(argv: list[str]) -> None:
    """Run ``argv`` on the quick path and exit; return if the quick path does not take it."""
    if os.environ.get(COMPLETION_VARIABLE):
        return
    plan = parse(argv, load_table())
    if plan is not None:
        sys.exit(execute(plan))


def load_table() -> dict[str, Any]:
    with open(TABLE, encoding="utf-8") as handle:
        table: dict[str, Any] = json.load(handle)
    return table


def parse(argv: list[str], table: dict[str, Any]) -> Plan | None:
    """The plan for ``argv``, or None when typer should read it."""
    try:
        return _parse(list(argv), table)
    except NotQuick:
        return None


def _parse(tokens: list[str], table: dict[str, Any]) -> Plan:
    commands: dict[str, Any] = table["commands"]
    root = table["root"]
    plan = Plan(root=root["target"])
    # Options of the application come before the command's name; typer's groups
    # stop reading options at the first word that is not one.
    plan.globals, tokens = _options_then_rest(tokens, root["params"])
    eager = plan.globals.pop(EAGER, None)
    if eager is not None:
        # `--version` runs while the options are read and stops there, as in typer:
        # whatever follows is never looked at.
        plan.root, plan.globals, plan.target = "", {}, eager
        return plan
    path = ""
    while True:
        if not tokens:
            raise NotQuick  # no command: typer prints the help
        path = f"{path} {tokens.pop(0)}".strip()
        entry = commands.get(path)
        if entry is None:
            raise NotQuick
        if not entry["subcommands"]:
            plan.arguments = _command_arguments(tokens, entry["params"])
            break
        given, tokens = _options_then_rest(tokens, entry["params"], keep_defaults=False)
        if tokens and tokens[0] in entry["subcommands"]:
            if given:
                raise NotQuick  # a group's own options before a subcommand: rare, typer's
            continue
        if tokens:
            raise NotQuick  # not a subcommand of this group
        _fill_defaults(entry["params"], given)  # the group alone: `motiongen demands`
        plan.arguments = given
        break
    plan.target = entry["target"]
    return plan


def _options_then_rest(
    tokens: list[str], params: list[dict[str, Any]], *, keep_defaults: bool = True
) -> tuple[dict[str, Any], list[str]]:
    """Options up to the first word that is not one, as a group reads them."""
    values: dict[str, Any] = {}
    while tokens and tokens[0].startswith("-") and len(tokens[0]) > 1 and tokens[0] != "--":
        _take_option(tokens, params, values)
    if keep_defaults:
        _fill_defaults(params, values)
    return values, tokens


def _command_arguments(tokens: list[str], params: list[dict[str, Any]]) -> dict[str, Any]:
    """A command's options, anywhere among its arguments, then the arguments in order."""
    values: dict[str, Any] = {}
    positional: list[str] = []
    while tokens:
        if tokens[0] == "--":
            positional.extend(tokens[1:])
            break
        if tokens[0].startswith("-") and len(tokens[0]) > 1:
            _take_option(tokens, params, values)
        else:
            positional.append(tokens.pop(0))
    for param in params:
        if param["argument"]:
            if param["nargs"] == -1 and positional:
                items, positional = positional, []
                values[param["name"]] = [_convert(param, item) for item in items]
            elif param["nargs"] == 1 and positional:
                values[param["name"]] = _convert(param, positional.pop(0))
    if positional:
        raise NotQuick  # more arguments than the command takes: typer says so
    _fill_defaults(params, values)
    return values


def _take_option(tokens: list[str], params: list[dict[str, Any]], values: dict[str, Any]) -> None:
    word = tokens.pop(0)
    name, has_value, attached = word.partition("=") if word.startswith("--") else (word, "", "")
    for param in params:
        if param["argument"]:
            continue
        if name in param["opts"] or name in param["secondary_opts"]:
            break
    else:
        raise NotQuick  # not an option of this command: typer names the right one
    if param["eager"] and param["flag"] and not has_value:
        values[EAGER] = param["eager"]
        return
    if param["quick"] is False:
        raise NotQuick  # eager (--version) or a value typer must check, such as a number
    if param["flag"]:
        if has_value:
            raise NotQuick
        values[param["name"]] = name in param["opts"]
        return
    if not has_value:
        if not tokens:
            raise NotQuick  # typer: "requires an argument"
        attached = tokens.pop(0)
    value = _convert(param, attached)
    if param["multiple"]:
        values.setdefault(param["name"], []).append(value)
    else:
        values[param["name"]] = value


def _convert(param: dict[str, Any], text: str) -> Any:
    if param["kind"] == "path":
        return Path(text)
    if param["kind"] == "str":
        return text
    raise NotQuick


def _fill_defaults(params: list[dict[str, Any]], values: dict[str, Any]) -> None:
    for param in params:
        if param["name"] in values:
            continue
        if not param["passed"]:
            continue  # --version: typer's alone, and never given here
        if param["required"]:
            raise NotQuick  # typer names what is missing
        default = param["default"]
        if param["kind"] == "path" and default is not None:
            default = [Path(d) for d in default] if isinstance(default, list) else Path(default)
        values[param["name"]] = list(default) if isinstance(default, list) else default


def execute(plan: Plan) -> int:
    """Run the plan inside the one error boundary; the exit code, as typer would give it."""
    try:
        if plan.root:
            _resolve(plan.root)(**plan.globals)
        try:
            code = boundary.call(_resolve(plan.target), **plan.arguments)
        except boundary.Stop as stop:
            code = stop.code
        return int(code or 0)
    except OSError as exc:
        if not boundary.is_closed_pipe(exc):
            raise
        return boundary.stdout_closed()  # the reader went away (`| head`)
    except KeyboardInterrupt:
        boundary.error("stopped; nothing was left half-written")
        return EXIT_INTERRUPTED


def _resolve(target: str) -> Any:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)
