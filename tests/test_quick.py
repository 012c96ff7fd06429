"""The quick path: it reads arguments exactly as typer would, or leaves them to typer."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from motiongen.cli import boundary, commands, listing, papers, quick, report
from motiongen.cli.commands import app

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "anytown-branch.yaml"


def test_the_shipped_table_is_made_from_the_typer_commands() -> None:
    assert quick.load_table() == commands.quick_table(), (
        "cli/quick.json is out of date: run python -m motiongen.cli.commands --write-quick-table"
    )


def test_every_quick_target_takes_the_parameters_of_its_typer_command() -> None:
    import typer.main

    group = typer.main.get_command(app)
    for path, name in commands.QUICK.items():
        target = commands.target_of(name)
        command: Any = group
        for word in path.split():
            command = command.commands[word]
        names = {p.name for p in command.params}
        assert names == set(inspect.signature(target).parameters), path


def test_the_table_is_plain_data_that_json_reads_back() -> None:
    text = quick.TABLE.read_text("utf-8")
    assert json.loads(text) == quick.load_table()
    assert "typer" not in text.split('"target"')[0]


# Each list of arguments, read by the quick path and by typer, must reach the same
# function with the same keyword arguments.
SAME = [
    ["demands"],
    ["demands", "--json"],
    ["demands", "--theme", "ownership", "--json"],
    ["demands", "list"],
    ["demands", "list", "--theme=workforce"],
    ["demands", "show", "nationalise-foster-care", "--json"],
    ["demands", "show", "--json", "halt-nass"],
    ["demands", "search", "foster", "care", "--theme", "ownership"],
    ["profiles"],
    ["profiles", "--json"],
    ["profiles", "list", "--json"],
    ["profiles", "show", "napo-agm"],
    ["--catalogue", "mine.yaml", "demands", "show", "mine"],
    ["check", "a.yaml"],
    ["check", "a.yaml", "b.yaml", "--json"],
    ["check", "--json", "a.yaml", "--today", "2027-01-14"],
    ["check", "a.yaml", "--merge=rows.csv", "--today=14/01/2027"],
    ["check", "--", "-odd-name.yaml"],
    ["--debug", "check", "a.yaml"],
    ["--catalogue", "mine.yaml", "--catalogue", "more.yaml", "check", "a.yaml"],
    ["--profiles", "bodies", "--debug", "check", "a.yaml"],
    ["build", "a.yaml"],
    ["build", "a.yaml", "-f", "md", "-o", "-"],
    ["build", "-q", "a.yaml", "--format", "docx,md,txt", "--out-dir", "out", "--force"],
    ["build", "a.yaml", "b.yaml", "--merge", "rows.csv", "--templates", "t", "-q"],
    ["build", "a.yaml", "--reference-docx", "letterhead.docx", "--line-numbers"],
    ["build", "a.yaml", "--profile", "napo-agm", "--submission-copy", "-o", "a b"],
    ["build", "a.yaml", "-f", "md", "-f", "txt"],
    ["build", "a.yaml", "--format=", "--out-dir="],
    ["build", "a.yaml", "-o", "--force"],
    ["import", "motion.docx"],
    ["import", "motion.docx", "--profile", "napo-agm", "-o", "a.yaml", "--force"],
    ["amend", "northby.yaml", "southby.yaml", "--out-dir", "agenda", "--today", "14/01/2027"],
    ["amend", "northby.yaml", "-f", "md", "--templates", "t", "--force"],
    ["composite", "a.yaml", "b.yaml"],
    ["composite", "a.yaml", "b.yaml", "-o", "c/c.yaml", "--prefer", "x", "--prefer", "y"],
    ["composite", "a.yaml", "b.yaml", "--title", "T", "--mover", "Any", "--seconder", "Bar"],
    ["composite", "--group", "--json", "a.yaml", "b.yaml", "c.yaml"],
    ["composite", "a.yaml", "b.yaml", "--profile", "labour-conference", "-f", "md", "--force"],
    ["brief", "a.yaml"],
    ["brief", "a.yaml", "-f", "md", "-o", "out", "--force", "--templates", "t"],
]

# typer must read these: help, errors, numbers it range-checks, eager options.
TYPERS = [
    [],
    ["--help"],
    ["--version=1"],
    ["--version", "--nosuch"],
    ["check"],
    ["check", "--help"],
    ["check", "a.yaml", "--help"],
    ["check", "a.yaml", "--max-age", "3"],
    ["check", "a.yaml", "--nosuch"],
    ["check", "a.yaml", "--merge"],
    ["check", "a.yaml", "--json=yes"],
    ["build", "a.yaml", "-qf", "md"],
    ["build", "a.yaml", "-fmd"],
    ["build", "a.yaml", "-o=x"],
    ["build", "a.yaml", "--line-width", "60"],
    ["build", "a.yaml", "--force=1"],
    ["import"],
    ["import", "a.docx", "b.docx"],
    ["amend"],
    ["amend", "a.yaml", "--line-width", "60"],
    ["composite", "a.yaml", "b.yaml", "--number", "3"],
    ["composite", "a.yaml", "b.yaml", "--max-words", "200"],
    ["composite", "--help"],
    ["brief"],
    ["brief", "a.yaml", "--minutes", "2"],
    ["brief", "a.yaml", "--max-age", "3"],
    ["--debug"],
    ["--nosuch", "check", "a.yaml"],
    ["nosuch"],
    ["new"],
    ["check", "a.yaml", "--install-completion"],
    ["demands", "--json", "list"],
    ["demands", "show"],
    ["demands", "show", "a", "b"],
    ["demands", "nosuch"],
    ["demands", "search"],
    ["profiles", "show", "--help"],
    ["profiles", "--theme", "x"],
]


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    calls: list[tuple[str, dict[str, Any]]] = []

    def recorder(name: str) -> Any:
        def record(**kwargs: Any) -> int:
            calls.append((name, kwargs))
            return 0

        return record

    for name in ("list_demands", "show_demand", "search_demands", "list_profiles", "show_profile"):
        monkeypatch.setattr(listing, name, recorder(f"motiongen.cli.listing:{name}"))
    monkeypatch.setattr(report, "check_command", recorder("motiongen.cli.report:check_command"))
    monkeypatch.setattr(report, "build_command", recorder("motiongen.cli.report:build_command"))
    for name in ("import_command", "amend_command", "composite_command", "brief_command"):
        monkeypatch.setattr(papers, name, recorder(f"motiongen.cli.papers:{name}"))
    monkeypatch.setattr(boundary, "set_globals", recorder("motiongen.cli.boundary:set_globals"))
    return calls


@pytest.mark.parametrize("argv", SAME, ids=" ".join)
def test_the_quick_path_reads_arguments_as_typer_does(
    argv: list[str], recorded: list[tuple[str, dict[str, Any]]], runner: CliRunner
) -> None:
    plan = quick.parse(argv, quick.load_table())
    assert plan is not None
    result = runner.invoke(app, argv)
    assert result.exit_code == 0, result.output
    (root, globals_), (target, arguments) = recorded
    assert (root, globals_) == (plan.root, plan.globals)
    assert (target, arguments) == (plan.target, plan.arguments)


@pytest.mark.parametrize("argv", TYPERS, ids=" ".join)
def test_the_quick_path_leaves_help_and_errors_to_typer(argv: list[str]) -> None:
    assert quick.parse(argv, quick.load_table()) is None


def _both(argv: list[str], runner: CliRunner, capfd: pytest.CaptureFixture[str]) -> Any:
    """(exit code, stdout, stderr) from the quick path, then from typer."""
    plan = quick.parse(argv, quick.load_table())
    assert plan is not None
    code = quick.execute(plan)
    out, err = capfd.readouterr()
    result = runner.invoke(app, argv)
    return (code, out, err), (result.exit_code, result.stdout, result.stderr)


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["--debug", "--version", "check", "--nosuch"],
        ["demands"],
        ["demands", "list", "--theme", "workforce"],
        ["demands", "--json"],
        ["demands", "show", "nationalise-foster-care"],
        ["demands", "show", "nationalise-foster-care", "--json"],
        ["demands", "show", "nationalise-foster"],
        ["demands", "list", "--theme", "nosuch"],
        ["demands", "search", "agency"],
        ["demands", "search", "zzzz"],
        ["profiles"],
        ["profiles", "list", "--json"],
        ["profiles", "show", "labour-conference"],
        ["profiles", "show", "nosuch"],
        ["check", str(EXAMPLE)],
        ["check", str(EXAMPLE), "--json", "--today", "2027-01-14"],
        ["check", "missing.yaml"],
        ["check", str(EXAMPLE), "--today", "31/02/2027"],
        ["build", str(EXAMPLE), "-f", "md", "-o", "-"],
        ["build", str(EXAMPLE), "-f", "nosuch"],
        ["--catalogue", "missing.yaml", "check", str(EXAMPLE)],
        ["import", "missing.docx"],
        ["amend", "missing.yaml"],
        ["composite", str(EXAMPLE)],
        ["composite", str(EXAMPLE), str(EXAMPLE), "--title", " "],
        ["composite", "--group", "--json", str(EXAMPLE), "missing.yaml"],
        ["brief", str(EXAMPLE), "-f", "nosuch"],
        ["brief", "missing.yaml"],
    ],
    ids=" ".join,
)
def test_the_quick_path_prints_what_typer_prints(
    argv: list[str], runner: CliRunner, capfd: pytest.CaptureFixture[str]
) -> None:
    quick_run, typer_run = _both(argv, runner, capfd)
    assert quick_run == typer_run


def test_a_build_writes_the_same_files_by_either_path(
    tmp_path: Path, runner: CliRunner, capfd: pytest.CaptureFixture[str]
) -> None:
    for name in ("quick", "typer"):
        (tmp_path / name).mkdir()
    argv = ["build", str(EXAMPLE), "-f", "md,txt", "-o"]
    plan = quick.parse([*argv, str(tmp_path / "quick")], quick.load_table())
    assert plan is not None
    assert quick.execute(plan) == 0
    assert runner.invoke(app, [*argv, str(tmp_path / "typer")]).exit_code == 0
    made = sorted(p.name for p in (tmp_path / "quick").iterdir())
    assert made == sorted(p.name for p in (tmp_path / "typer").iterdir())
    assert len(made) == 2
    for name in made:
        assert (tmp_path / "quick" / name).read_bytes() == (tmp_path / "typer" / name).read_bytes()
    capfd.readouterr()
    # Again without --force: both refuse, with the same words and code.
    again = [*argv, str(tmp_path / "quick")]
    plan = quick.parse(again, quick.load_table())
    assert plan is not None
    code = quick.execute(plan)
    _, err = capfd.readouterr()
    result = runner.invoke(app, again)
    assert (code, err) == (result.exit_code, result.stderr)
    assert code == 2


def _run_main(argv: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    script = (
        "import sys\n"
        "from motiongen.cli import main\n"
        f"sys.argv = ['motiongen', *{argv!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as stop:\n"
        "    code = stop.code\n"
        "print('typer loaded' if 'typer' in sys.modules else 'typer not loaded', file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "MOTIONGEN_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )


def test_browsing_runs_without_loading_typer(tmp_path: Path) -> None:
    for argv in (["demands", "list"], ["demands", "show", "halt-nass"], ["profiles", "list"]):
        done = _run_main(argv, tmp_path)
        assert done.returncode == 0, done.stderr
        assert done.stderr.strip() == "typer not loaded"
        assert done.stdout


def test_check_and_build_run_without_loading_typer(tmp_path: Path) -> None:
    done = _run_main(["check", str(EXAMPLE)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "no problems found" in done.stdout
    assert done.stderr.strip() == "typer not loaded"
    done = _run_main(["build", str(EXAMPLE), "-f", "md", "-o", str(tmp_path), "-q"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "typer not loaded"
    assert len(list(tmp_path.glob("*.md"))) == 1


def test_import_amend_composite_and_brief_run_without_loading_typer(tmp_path: Path) -> None:
    examples = REPO / "examples"
    runs = [
        ["brief", str(EXAMPLE), "-f", "md", "-o", str(tmp_path / "brief")],
        ["composite", str(examples / "composite-anytown.yaml"),
         str(examples / "composite-carlisle.yaml"), "-f", "md", "-o", str(tmp_path / "c.yaml")],
        ["amend", str(examples / "amendments" / "northby-38.1.yaml"), "-f", "md",
         "--motion", str(examples / "anytown-branch.yaml"), "-o", str(tmp_path / "amended")],
        ["import", str(tmp_path / "c.md"), "-o", str(tmp_path / "imported.yaml")],
    ]  # fmt: skip
    for argv in runs:
        done = _run_main(argv, tmp_path)
        assert done.returncode == 0, (argv, done.stderr)
        assert done.stderr.strip().endswith("typer not loaded"), argv
    assert (tmp_path / "brief" / "anytown-branch-brief.md").is_file()
    assert (tmp_path / "amended").is_dir()
    assert "Anytown" in (tmp_path / "imported.yaml").read_text("utf-8")


def test_help_and_mistakes_still_reach_typer(tmp_path: Path) -> None:
    done = _run_main(["check", "--help"], tmp_path)
    assert done.returncode == 0
    assert "Usage:" in done.stdout and "--max-age" in done.stdout
    done = _run_main(["check", str(EXAMPLE), "--max-age", "-1"], tmp_path)
    assert done.returncode == 2
    assert "--max-age" in done.stderr
    assert done.stderr.strip().endswith("typer loaded")


def test_a_closed_pipe_ends_the_quick_path_quietly(tmp_path: Path) -> None:
    env = {**os.environ, "MOTIONGEN_CACHE_DIR": str(tmp_path / "cache")}
    reader = subprocess.Popen(["head", "-c", "1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    done = subprocess.run(
        [sys.executable, "-m", "motiongen", "build", str(EXAMPLE), "-f", "md", "-o", "-"],
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        check=False,
    )
    assert reader.stdin is not None
    reader.stdin.close()
    reader.wait()
    assert "Traceback" not in done.stderr


WORDS = [
    "demands", "profiles", "check", "build", "list", "show", "search", "new",
    "a.yaml", "b c.yaml", "-", "--", "x", "ownership", "napo-agm", "",
    "--json", "--theme", "--theme=workforce", "--debug", "--catalogue", "--profiles",
    "--format", "-f", "--out-dir", "-o", "--force", "--force=1", "--merge", "--today",
    "--max-age", "--line-numbers", "--line-width", "--profile", "--submission-copy",
    "-q", "-qf", "--quiet", "--help", "--version", "--nosuch", "-z", "--json=",
    "--templates", "--reference-docx", "=", "---", "-o=x",
    "import", "amend", "composite", "brief", "--group", "--prefer", "--title", "--mover",
    "--seconder", "--number", "--max-words", "--minutes", "3",
]  # fmt: skip
# Words each command takes, given more often so that most lists are the quick path's.
USUAL = ["a.yaml", "x", "--json", "--theme", "ownership", "-f", "md", "-o", "--force", "-q"]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    argv=st.tuples(
        st.sampled_from(
            [[], ["--debug"], ["--catalogue", "x.yaml"], ["--profiles", "p", "--debug"]]
        ),
        st.sampled_from(
            [
                ["demands"],
                ["demands", "list"],
                ["demands", "show"],
                ["demands", "search"],
                ["profiles"],
                ["profiles", "list"],
                ["profiles", "show"],
                ["check"],
                ["build"],
                ["import"],
                ["amend"],
                ["composite"],
                ["brief"],
            ]
        ),
        st.lists(st.sampled_from(WORDS + USUAL * 4), max_size=6),
    ).map(lambda parts: [*parts[0], *parts[1], *parts[2]])
)
def test_any_arguments_the_quick_path_takes_reach_typer_s_function_with_the_same_values(
    argv: list[str], recorded: list[tuple[str, dict[str, Any]]], runner: CliRunner
) -> None:
    plan = quick.parse(argv, quick.load_table())
    if plan is None:
        return  # typer's to read, help and errors included
    recorded.clear()
    result = runner.invoke(app, argv)
    assert result.exit_code == 0, (argv, result.output)
    assert recorded == [(plan.root, plan.globals), (plan.target, plan.arguments)], argv
