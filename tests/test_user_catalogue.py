"""A user's own catalogue file extends the built-in one; its mistakes point at a line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from motiongen import catalogue
from motiongen.cli.commands import app
from motiongen.errors import CatalogueError

OWN = """\
# Our county's own demand and fact.
demands:
  - id: county-fostering-service
    title: A county fostering service
    theme: ownership
    clause: set up a county-run fostering service for every child in our care
    acted_on_by: [council]
    applies_in: [england]
    sources:
      - {source: lswg-briefing-2021, at: "essential components"}
    evidence: [county-agency-spend]
    overlaps: [nationalise-foster-care]

evidence:
  - id: county-agency-spend
    statement: In 2025 our county spent more on agency foster placements than ever before.
    year: 2025
    holds_for: [england]
    scope: our county
    sources:
      - {source: lswg-briefing-2021, at: "forecast of government policy"}
"""


def write(tmp_path: Path, text: str, name: str = "own.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_file_adds_demands_and_facts(tmp_path: Path) -> None:
    cat = catalogue.load([write(tmp_path, OWN)])
    assert cat.demand("county-fostering-service").evidence == ["county-agency-spend"]
    assert "nationalise-foster-care" in cat.demands
    assert cat.where("demands", "county-fostering-service").line == 3


def test_a_misspelt_key_names_file_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, OWN.replace("    theme: ownership", "    theem: ownership"))
    with pytest.raises(CatalogueError) as caught:
        catalogue.load([path])
    assert str(caught.value).startswith(f"{path}:5: demands[1].theem: unknown key")


def test_a_missing_key_names_the_entry(tmp_path: Path) -> None:
    path = write(tmp_path, OWN.replace("    theme: ownership\n", ""))
    with pytest.raises(CatalogueError) as caught:
        catalogue.load([path])
    assert str(caught.value).startswith(f"{path}:3: demands[1].theme: this key is required")


@pytest.mark.parametrize(
    ("line", "where", "field"),
    [
        ("    applies_in: [england]\n", 3, "demands[1].applies_in"),
        ("    holds_for: [england]\n", 15, "evidence[1].holds_for"),
    ],
)
def test_every_entry_must_say_where_it_holds(
    tmp_path: Path, line: str, where: int, field: str
) -> None:
    path = write(tmp_path, OWN.replace(line, ""))
    with pytest.raises(CatalogueError) as caught:
        catalogue.load([path])
    assert str(caught.value).startswith(f"{path}:{where}: {field}: this key is required")


def test_an_unknown_reference_names_the_nearest_id(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        OWN.replace("overlaps: [nationalise-foster-care]", "overlaps: [nationalise-fostercare]"),
    )
    with pytest.raises(CatalogueError) as caught:
        catalogue.load([path])
    message = str(caught.value)
    assert message.startswith(f"{path}:12: demands[1].overlaps[1]: no demand has the id")
    assert "did you mean 'nationalise-foster-care'?" in message


def test_reusing_a_built_in_id_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, OWN.replace("id: county-fostering-service", "id: halt-nass"))
    with pytest.raises(CatalogueError) as caught:
        catalogue.load([path])
    assert "'halt-nass' is already used at" in str(caught.value)
    assert "demands.yaml:" in str(caught.value)


def test_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="sections such as"):
        catalogue.load([write(tmp_path, "- just\n- a list\n")])


def test_cli_option_env_and_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    own = write(tmp_path, OWN)
    result = runner.invoke(
        app, ["--catalogue", str(own), "demands", "show", "county-fostering-service"]
    )
    assert result.exit_code == 0, result.output
    assert "county-run fostering service" in result.stdout

    monkeypatch.setenv("MOTIONGEN_CATALOGUE", str(own))
    result = runner.invoke(app, ["demands", "list", "--json"])
    assert "county-fostering-service" in {d["id"] for d in json.loads(result.stdout)}

    monkeypatch.delenv("MOTIONGEN_CATALOGUE")
    config = tmp_path / "config"
    config.mkdir()
    (config / "catalogue.yaml").write_text(OWN, encoding="utf-8")
    monkeypatch.setenv("MOTIONGEN_CONFIG_DIR", str(config))
    result = runner.invoke(app, ["demands", "search", "county"])
    assert "county-fostering-service" in result.stdout


def test_cli_reports_a_broken_user_file_without_traceback(tmp_path: Path) -> None:
    broken = write(tmp_path, "demands:\n  - id: x\n   title: bad indent\n")
    result = CliRunner().invoke(app, ["--catalogue", str(broken), "demands", "list"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {broken}:3: not valid YAML")
    assert "Traceback" not in result.output


def test_control_characters_in_a_user_catalogue_are_removed(tmp_path: Path) -> None:
    original = "    clause: set up a county-run fostering service for every child in our care"
    hostile = r'    clause: "set up a\x0b county-run\x1b fostering\x00 service"'
    cat = catalogue.load([write(tmp_path, OWN.replace(original, hostile))])
    assert cat.demand("county-fostering-service").clause == "set up a county-run fostering service"


def test_a_law_fact_without_last_checked_names_the_fix(tmp_path: Path) -> None:
    path = write(tmp_path, OWN.replace("    year: 2025\n", "    kind: law\n    year: 2025\n"))
    with pytest.raises(CatalogueError) as caught:
        catalogue.load([path])
    message = str(caught.value)
    assert message.startswith(f"{path}:")
    assert "evidence[1]" in message and "last_checked" in message
    assert "\n" not in message


def test_a_users_own_primary_source_needs_an_address(tmp_path: Path) -> None:
    source = (
        "sources:\n"
        "  - id: county-report\n"
        "    title: County placements report\n"
        "    body: Anytown County Council\n"
        "    kind: report\n"
        "    year: 2026\n"
    )
    with pytest.raises(CatalogueError) as caught:
        catalogue.load([write(tmp_path, source)])
    assert "address" in str(caught.value)
    fixed = source + "    address: https://example.org/placements\n"
    cat = catalogue.load([write(tmp_path, fixed, "fixed.yaml")])
    assert cat.sources["county-report"].label == "Anytown County Council 2026"


def test_titles_print_as_written_not_as_markup_or_emoji(tmp_path: Path) -> None:
    own = write(
        tmp_path,
        OWN.replace("A county fostering service", "'County [bold]fostering[/] :x: service'"),
    )
    for argv in (["demands", "list"], ["demands", "show", "county-fostering-service"]):
        result = CliRunner().invoke(app, ["--catalogue", str(own), *argv], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        assert "County [bold]fostering[/] :x: service" in result.stdout
