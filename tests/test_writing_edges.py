"""What every command does at the edges of writing: a closed pipe, a name that would
command the terminal, and marks that reorder or hide words."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from motiongen.cli.commands import app
from motiongen.errors import terminal_safe

EXAMPLES = REPO / "examples"
ANYTOWN = EXAMPLES / "anytown-branch.yaml"


def _closed_pipe(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run motiongen with stdout a pipe whose reader has already gone (`| head` after
    its lines)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "MOTIONGEN_CACHE_DIR": str(tmp_path / "cache")}
    try:
        return subprocess.run(
            [sys.executable, "-m", "motiongen", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            env=env,
            cwd=tmp_path,
            check=False,
        )
    finally:
        os.close(write_end)


PIPED = [
    ["demands", "list"],
    ["demands", "show", "nationalise-foster-care"],
    ["demands", "search", "foster"],
    ["demands", "list", "--json"],
    ["profiles", "list"],
    ["profiles", "show", "labour-branch"],
    ["schema"],
    ["check", str(ANYTOWN)],
    ["check", "--json", str(ANYTOWN)],
    ["build", str(ANYTOWN), "--format", "txt", "--out-dir", "-"],
    ["--help"],
    ["build", "--help"],
    ["--version"],
    ["composite", "--group", str(EXAMPLES / "composite-anytown.yaml"),
     str(EXAMPLES / "composite-barrow.yaml")],
]  # fmt: skip


@pytest.mark.parametrize("args", PIPED, ids=lambda a: " ".join(w for w in a if "/" not in w))
def test_a_closed_pipe_is_the_same_code_and_line_in_every_command(
    tmp_path: Path, args: list[str]
) -> None:
    done = _closed_pipe(tmp_path, *args)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("Error: standard output is closed")


def test_the_readme_says_what_a_closed_pipe_gives() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    assert "| head`" in section and "standard output is closed" in section


ESC_NAME = "motion\x1b[2J\x1b]0;owned\x07.txt"


def _escaped(stream: str) -> None:
    assert "\x1b" not in stream and "\x07" not in stream, repr(stream)
    assert "\\x1b" in stream


def test_import_shows_a_file_name_s_escape_written_out(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / ESC_NAME
    source.write_text(
        "Keep child protection public\n\nThis branch notes:\n1) That agencies cost more.\n\n"
        "This branch resolves:\n1) To send this motion to our MP.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 0, result.stderr
    _escaped(result.stderr)


def test_brief_and_composite_show_a_file_name_s_escape_written_out(
    runner: CliRunner, tmp_path: Path
) -> None:
    spec = tmp_path / "anytown\x1b[31m.yaml"
    shutil.copy(EXAMPLES / "composite-anytown.yaml", spec)
    result = runner.invoke(app, ["brief", str(spec), "--out-dir", str(tmp_path), "-f", "md"])
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stderr  # the brief's own name is made safe
    grouped = runner.invoke(
        app, ["composite", "--group", str(spec), str(EXAMPLES / "composite-barrow.yaml")]
    )
    assert grouped.exit_code == 0, grouped.stderr
    _escaped(grouped.stdout)


MARKED = """\
profile: labour-branch
title: "Keep care \\u202epublic"
submitted_by: "Any\\u200btown Branch"
proposer: "Sam\\u2060 Example"
seconder: Alex Example
demands: [nationalise-foster-care]
resolves:
  - text: "To send this \\u2067motion\\u2069 to our MP"
"""


def test_check_flags_bidirectional_and_zero_width_marks(runner: CliRunner, tmp_path: Path) -> None:
    spec = tmp_path / "marked.yaml"
    spec.write_text(MARKED, encoding="utf-8")
    result = runner.invoke(app, ["check", "--json", str(spec)])
    findings = [
        f for f in __import__("json").loads(result.stdout)["motions"][0]["findings"]
        if f["rule"] == "invisible-mark"
    ]  # fmt: skip
    assert {f["where"] for f in findings} == {"title", "submitted_by", "proposer", "resolves 1"}
    assert all(f["severity"] == "warning" for f in findings)
    title = next(f for f in findings if f["where"] == "title")
    assert "U+202E right-to-left override" in title["message"]
    clause = next(f for f in findings if f["where"] == "resolves 1")
    assert "U+2067" in clause["message"] and "U+2069" in clause["message"]


def test_check_shows_the_marks_escaped_on_the_terminal(runner: CliRunner, tmp_path: Path) -> None:
    spec = tmp_path / "marked.yaml"
    spec.write_text(MARKED, encoding="utf-8")
    result = runner.invoke(app, ["check", str(spec)])
    for mark in ("\u202e", "\u200b", "\u2060", "\u2067", "\u2069"):
        assert mark not in result.stdout and mark not in result.stderr
    assert "Keep care \\u202epublic" in result.stdout


def test_a_clean_motion_has_no_such_warning(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--json", str(ANYTOWN)])
    assert "invisible-mark" not in result.stdout


@pytest.mark.parametrize(
    "mark", ["\u061c", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e",
             "\u2060", "\u2066", "\u2069", "\ufeff"],
)  # fmt: skip
def test_the_terminal_safe_printer_writes_out_every_mark(mark: str) -> None:
    shown = terminal_safe(f"a{mark}b")
    assert mark not in shown and shown == f"a\\u{ord(mark):04x}b"
