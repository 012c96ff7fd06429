"""No hidden length traps: a line the user writes is held to one limit wherever it is
read, and a line motiongen makes from such values never trips a limit the user
cannot change."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from motiongen.cli.commands import app
from motiongen.motion.spec import COMPOSITE_BODIES_MAX, LINE_MAX, fit_line

EXAMPLES = REPO / "examples"
WORDS = [
    "Keep", "children's", "care", "public", "and", "accountable:", "bring", "fostering,",
    "homes", "and", "work", "back",
]  # fmt: skip


def title_of(length: int) -> str:
    out = ""
    n = 0
    while len(out) < length:
        out += (" " if out else "") + WORDS[n % len(WORDS)]
        n += 1
    out = out[:length].rstrip()
    return out + "x" * (length - len(out))


def with_title(source: Path, target: Path, title: str, **keys: str) -> Path:
    text = re.sub(r"^title: .*$", f'title: "{title}"', source.read_text("utf-8"), flags=re.M)
    for key, value in keys.items():
        text = re.sub(rf"^{key}: .*$", f'{key}: "{value}"', text, flags=re.M)
    target.write_text(text, encoding="utf-8")
    return target


def properties(docx_file: Path) -> dict[str, str]:
    with zipfile.ZipFile(docx_file) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
    return dict(re.findall(r"<(?:dc|cp):(\w+)>([^<]*)</", core))


@pytest.mark.parametrize("length", [236, 239, 242, 255])
def test_titles_that_check_accepts_are_taken_by_every_command(
    runner: CliRunner, tmp_path: Path, length: int
) -> None:
    title = title_of(length)
    specs = [
        with_title(EXAMPLES / f"composite-{name}.yaml", tmp_path / f"{name}.yaml", title)
        for name in ("anytown", "barrow", "carlisle")
    ]
    checked = runner.invoke(app, ["check", str(specs[0])])
    assert checked.exit_code in (0, 1), checked.stderr
    out = tmp_path / "out"
    built = runner.invoke(app, ["build", str(specs[0]), "--line-numbers", "-o", str(out)])
    assert built.exit_code in (0, 1), built.stderr
    brief = runner.invoke(app, ["brief", str(specs[0]), "-o", str(out)])
    assert brief.exit_code == 0, brief.stderr
    composite = runner.invoke(
        app,
        ["composite", *map(str, specs), "--number", "3", "--max-words", "250",
         "--prefer", "council-run-childrens-homes", "-o", str(out / "c.yaml")],
    )  # fmt: skip
    assert composite.exit_code in (0, 1), composite.stderr
    assert runner.invoke(app, ["brief", str(out / "c.yaml"), "-o", str(out)]).exit_code == 0
    amendment = tmp_path / "a.yaml"
    amendment.write_text(
        f"amends: {specs[0].name}\nmotion_number: 38\nsubmitted_by: Northby CLP\nchanges:\n"
        "  - add_at_end: resolves\n    text: To report back to the next meeting.\n",
        encoding="utf-8",
    )
    amended = runner.invoke(app, ["amend", str(amendment), "-o", str(out / "agenda")])
    assert amended.exit_code == 0, amended.stderr
    for docx_file in out.rglob("*.docx"):
        assert all(len(v) <= LINE_MAX for v in properties(docx_file).values()), docx_file


def test_a_composite_of_twenty_motions_names_every_body(runner: CliRunner, tmp_path: Path) -> None:
    source = (EXAMPLES / "composite-anytown.yaml").read_text("utf-8")
    specs = []
    for n in range(1, 21):
        spec = tmp_path / f"m{n:02d}.yaml"
        spec.write_text(
            re.sub(r"^submitted_by: .*$", f"submitted_by: Northby and District Number {n} CLP",
                   source, flags=re.M),
            encoding="utf-8",
        )  # fmt: skip
        specs.append(str(spec))
    out = tmp_path / "c.yaml"
    result = runner.invoke(app, ["composite", *specs, "--number", "4", "-o", str(out)])
    assert result.exit_code in (0, 1), result.stderr
    assert "characters long" not in result.stderr
    rows = out.read_text("utf-8").splitlines()
    line = next(row for row in rows if row.startswith("submitted_by:"))
    assert len(line) > LINE_MAX
    assert all(re.search(rf"Number {n}\b", line) for n in range(1, 21))
    for command in (["check", str(out)], ["build", str(out), "-o", str(tmp_path / "b")],
                    ["brief", str(out), "-o", str(tmp_path / "b")]):  # fmt: skip
        done = runner.invoke(app, command)
        assert done.exit_code in (0, 1), (command, done.stderr)
    for docx_file in (tmp_path / "b").glob("*.docx"):
        assert len(properties(docx_file)["creator"]) <= LINE_MAX


def test_a_composite_beyond_any_list_says_how_many_more(tmp_path: Path) -> None:
    from motiongen import profiles
    from motiongen.conference.composite import _from_bodies

    labels = [f"A Rather Long Constituency Name Number {n} CLP" for n in range(200)]
    line = _from_bodies("Composite 1, from {bodies}", labels, profiles.load().get("napo-agm"))
    assert len(line) <= COMPOSITE_BODIES_MAX
    assert re.search(r"and \d+ others$", line)


def test_a_branch_name_longer_than_a_line_is_refused_alike(
    runner: CliRunner, tmp_path: Path
) -> None:
    spec = with_title(EXAMPLES / "anytown-branch.yaml", tmp_path / "m.yaml", "Keep care public",
                      submitted_by="x" * 300)  # fmt: skip
    want = "submitted_by: this is 300 characters long; it must fit in 255, so shorten it"
    for command in (["check", str(spec)], ["build", str(spec), "-o", str(tmp_path / "o")],
                    ["brief", str(spec), "-o", str(tmp_path / "o")]):  # fmt: skip
        done = runner.invoke(app, command)
        assert done.exit_code == 2, command
        assert want in done.stderr + done.stdout, command


def test_a_label_made_from_a_name_and_a_file_fits_a_line() -> None:
    label = fit_line("x " * 126 + "CLP (northby-motion.yaml)")
    assert len(label) <= LINE_MAX and label.endswith("…")
    assert fit_line("Anytown CLP") == "Anytown CLP"


def test_two_motions_from_one_long_named_body_composite(runner: CliRunner, tmp_path: Path) -> None:
    name = ("Northby and District " * 11).strip() + " CLP"
    assert len(name) <= LINE_MAX
    specs = [
        with_title(EXAMPLES / f"composite-{n}.yaml", tmp_path / f"{n}-{'y' * 40}.yaml",
                   "Keep care public", submitted_by=name)
        for n in ("anytown", "barrow")
    ]  # fmt: skip
    result = runner.invoke(app, ["composite", *map(str, specs), "-o", str(tmp_path / "c.yaml")])
    assert result.exit_code in (0, 1), result.stderr
    assert "characters long" not in result.stderr


def test_import_takes_a_long_first_paragraph_as_no_title(runner: CliRunner, tmp_path: Path) -> None:
    opening = "Motion on " + "the privatisation of children's social care and our council " * 5
    source = tmp_path / "model-motion.txt"
    source.write_text(
        f"{opening}\n\nThis branch notes:\n1) That agencies cost more.\n\n"
        "This branch resolves:\n1) To send this motion to our MP.\n",
        encoding="utf-8",
    )
    out = tmp_path / "m.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "items" not in result.stderr
    # Too long for a title and not a sentence of the motion: left out, and said so.
    assert "no title was found" in result.stderr
    assert "left out 1 paragraph" in result.stderr
    text = out.read_text("utf-8")
    assert "title: model motion" in text
    assert opening.strip()[:60] in text  # kept, as a comment
    assert runner.invoke(app, ["check", str(out)]).exit_code in (0, 1)


def test_new_names_the_flag_that_is_too_long_or_empty(runner: CliRunner) -> None:
    base = ["new", "--profile", "labour-branch", "--demand", "end-agency-staffing", "--yes"]
    long = runner.invoke(app, [*base, "--title", title_of(300)])
    assert long.exit_code == 2
    assert long.stderr.startswith("Error: --title: this is 300 characters long")
    empty = runner.invoke(app, [*base, "--title", ""])
    assert empty.exit_code == 2 and "--title: this is empty" in empty.stderr
    branch = runner.invoke(app, [*base, "--title", "Keep care public", "--submitted-by", "y" * 256])
    assert branch.exit_code == 2 and "--submitted-by: this is 256 characters" in branch.stderr


def test_composite_names_a_title_flag_that_is_too_long(runner: CliRunner) -> None:
    specs = [str(EXAMPLES / f"composite-{n}.yaml") for n in ("anytown", "barrow")]
    result = runner.invoke(app, ["composite", *specs, "--title", title_of(256)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --title: this is 256 characters long")
