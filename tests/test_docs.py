"""Documentation cannot drift: every command has help with an example and is in the README."""

from __future__ import annotations

import re

import typer
from typer.main import get_command
from typer.testing import CliRunner

from conftest import REPO
from motiongen.cli.commands import app
from motiongen.errors import EXIT_CODES


def command_paths() -> list[list[str]]:
    root = get_command(app)
    paths: list[list[str]] = []

    def walk(cmd: typer.core.TyperGroup | typer.core.TyperCommand, prefix: list[str]) -> None:
        subcommands = getattr(cmd, "commands", {})
        for name, sub in subcommands.items():
            paths.append([*prefix, name])
            walk(sub, [*prefix, name])

    walk(root, [])
    return paths


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    for path in command_paths():
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Example" in result.stdout, f"'motiongen {' '.join(path)}' has no example"


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for path in command_paths():
        assert re.search(r"motiongen " + r"\s+".join(map(re.escape, path)) + r"\b", readme), path


def test_the_readme_states_every_exit_code_as_the_code_decides_it() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    for code, meaning in EXIT_CODES.items():
        assert f"| {code} | {meaning} |" in readme
    assert sorted(EXIT_CODES) == [0, 1, 2, 130]


def test_every_module_says_its_job_in_its_first_line() -> None:
    import ast

    for path in sorted((REPO / "src" / "motiongen").rglob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text("utf-8")))
        assert doc, f"{path.name} has no docstring"
        first = doc.splitlines()[0]
        assert first.endswith((".", ".``")) and len(first) <= 100, f"{path}: {first}"


def test_help_lists_the_commands_in_the_order_a_secretary_meets_them(runner: CliRunner) -> None:
    text = runner.invoke(app, ["--help"]).output
    commands = text[text.index("Commands:") :]
    places = [commands.index(f"  {name} ") for name in ("new", "build", "check", "import", "brief")]
    assert places == sorted(places)
