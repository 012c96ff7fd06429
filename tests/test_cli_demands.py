"""`motiongen demands` through the CLI, as scripts and people use it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from motiongen import __version__
from motiongen.cli.commands import app
from test_catalogue import PRODUCT_DEMANDS


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"motiongen {__version__}\n"


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "motiongen", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == f"motiongen {__version__}"


def test_list_json_holds_every_product_id(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demands", "list", "--json"])
    assert result.exit_code == 0
    demands = json.loads(result.stdout)
    assert PRODUCT_DEMANDS.keys() <= {d["id"] for d in demands}
    for d in demands:
        assert {"id", "title", "theme", "clause", "sources"} <= d.keys()
        assert d["sources"] and all((s["file"] or s["address"]) and s["at"] for s in d["sources"])
    assert result.stderr == ""


def test_bare_demands_lists_them(runner: CliRunner) -> None:
    bare = runner.invoke(app, ["demands", "--json"])
    listed = runner.invoke(app, ["demands", "list", "--json"])
    assert bare.exit_code == 0 and bare.stdout == listed.stdout


def test_list_by_theme(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demands", "list", "--theme", "workforce", "--json"])
    themes = {d["theme"] for d in json.loads(result.stdout)}
    assert themes == {"workforce"}
    table = runner.invoke(app, ["demands", "list", "--theme", "workforce"])
    assert "halt-nass" in table.stdout and "Workforce" in table.stdout
    assert "reverse-privatisation" not in table.stdout


def test_unknown_theme_names_the_nearest(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demands", "list", "--theme", "owner"])
    assert result.exit_code == 2
    assert (
        result.stderr == "Error: --theme: there is no theme 'owner' (did you mean 'ownership'?)\n"
    )


def test_show_gives_clause_sources_and_evidence(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demands", "show", "nationalise-foster-care"])
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "bring foster care into public ownership" in out
    assert "Reverse the privatisation of 'child social services'" in out
    assert "proposal 2" in out
    assert "foster-placements-private-share" in out
    assert "nearly two in five of England's foster care" in out
    assert "How firm the sources are: the sources ask for this outright" in out


def test_list_names_sources_as_a_secretary_knows_them(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demands", "list", "--theme", "regulation"])
    rows = {line.split()[1]: line for line in result.stdout.splitlines() if line.startswith("│ ")}
    assert "LSWG 2017" in rows["foi-for-providers"]
    assert "Jones 2014" in rows["keep-ofsted-registration"]
    assert "001" not in result.stdout and "004" not in result.stdout


def test_show_says_how_firm_a_tentative_source_was(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demands", "show", "council-insourcing-powers"])
    out = " ".join(result.stdout.split())
    assert "to examine whether councils should have the legal powers" in out
    assert "How firm the sources are: The 2018 submission proposes only to investigate" in out
    record = json.loads(
        runner.invoke(app, ["demands", "show", "council-insourcing-powers", "--json"]).stdout
    )
    assert record["tentative"].startswith("The 2018 submission")


def test_show_lists_primary_sources_with_publisher_date_and_address(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demands", "show", "use-profit-cap-power"])
    out = "".join(" ".join(result.stdout.split()).split("│"))
    out = " ".join(out.split())
    assert "Children's Wellbeing and Schools Act 2026 (c. 21), section 17" in out
    assert "(legislation.gov.uk, enacted 29 April 2026)" in out
    assert "https://www.legislation.gov.uk/ukpga/2026/21/section/17/enacted" in out.replace(" ", "")
    record = json.loads(
        runner.invoke(app, ["demands", "show", "use-profit-cap-power", "--json"]).stdout
    )
    law = record["sources"][0]
    assert law["file"] is None and law["kind"] == "legislation"
    assert law["address"].startswith("https://www.legislation.gov.uk/")
    assert record["evidence"][0]["last_checked"] == "2026-11-01"


def test_show_json_spells_out_evidence(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demands", "show", "nationalise-foster-care", "--json"])
    record = json.loads(result.stdout)
    assert record["id"] == "nationalise-foster-care"
    by_id = {fact["id"]: fact for fact in record["evidence"]}
    first = by_id["foster-placements-private-share"]
    assert first["year"] == 2021 and first["holds_for"] == ["england"]
    assert by_id["ifa-share-fostering-rising-2025"]["year"] == 2025


def test_show_unknown_id_suggests_the_nearest(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demands", "show", "nationalise-fostercare"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: there is no demand with the id 'nationalise-fostercare' "
        "(did you mean 'nationalise-foster-care'?)\n"
    )
    assert result.stdout == ""


def test_search_ranks_title_hits_first(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demands", "search", "foster", "--json"])
    ids = [d["id"] for d in json.loads(result.stdout)]
    assert ids[0] == "nationalise-foster-care"
    assert "council-run-childrens-homes" in ids
    both = runner.invoke(app, ["demands", "search", "agency", "staff", "--json"])
    assert [d["id"] for d in json.loads(both.stdout)] == ["end-agency-staffing"]


def test_search_with_no_hit_says_so_on_stderr(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demands", "search", "zebra"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No demand holds every word of 'zebra'" in result.stderr


def test_search_words_with_brackets_print_as_written(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demands", "search", "agency", "[/]"])
    assert result.exit_code == 0
    assert "'agency [/]'" in result.stderr


def test_unknown_option_is_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demands", "list", "--colour"])
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_debug_shows_the_traceback(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--debug", "demands", "show", "nope-nope"])
    assert result.exit_code != 0
    assert result.exception is not None and "nope-nope" in str(result.exception)


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["demands", "--json", "list"], "motiongen demands list ... --json"),
        (["demands", "--theme", "workforce", "show", "halt-nass"], "'show' does not take --theme"),
        (["profiles", "--json", "show", "napo-agm"], "motiongen profiles show ... --json"),
    ],
)
def test_a_group_option_before_its_command_says_where_it_goes(
    argv: list[str], said: str, runner: CliRunner
) -> None:
    result = runner.invoke(app, argv)
    assert result.exit_code == 2
    assert said in result.stderr
    assert result.stdout == ""
