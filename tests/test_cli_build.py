"""`motiongen build` and `check` through the CLI: files, batches, CSV merges, errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from motiongen.cli.commands import app

EXAMPLES = REPO / "examples"

BRANCH = """\
profile: labour-branch
title: Bring children's social care back into public hands
submitted_by: Anytown Central Branch Labour Party
to: Anytown CLP General Committee
meeting_date: 2027-01-14
nation: england
proposer: Sam Example
seconder: Alex Example
demands: [nationalise-foster-care, end-agency-staffing]
notes:
  - foster-placements-private-share
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_build_one_motion(runner: CliRunner, tmp_path: Path) -> None:
    spec = write(tmp_path, "m.yaml", BRANCH)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(spec), "--out-dir", str(out)])
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    stem = "anytown-central-branch-labour-bring-childrens-social-care-back-into-public-hands"
    assert names == [f"{stem}.docx", f"{stem}.md", f"{stem}.txt"]
    md = (out / f"{stem}.md").read_text(encoding="utf-8")
    assert md.startswith("# Bring children's social care back into public hands\n")
    assert "**Meeting date:** 14 January 2027" in md
    assert "1. Bring foster care into public ownership" in md
    assert result.stdout == ""
    assert result.stderr.startswith("Wrote ")


def test_existing_files_are_kept_without_force(runner: CliRunner, tmp_path: Path) -> None:
    spec = write(tmp_path, "m.yaml", BRANCH.replace("title: Bring", "title: Take"))
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(spec), "-o", str(out), "-f", "txt"]).exit_code == 0
    (target,) = out.iterdir()
    target.write_text("my own edits", encoding="utf-8")
    again = runner.invoke(app, ["build", str(spec), "-o", str(out), "-f", "txt"])
    assert again.exit_code == 2  # a file in the way is not a failed check
    assert "already there" in again.stderr and "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "my own edits"
    forced = runner.invoke(app, ["build", str(spec), "-o", str(out), "-f", "txt", "--force"])
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("Take children's social care")
    assert [p.name for p in out.iterdir()] == [target.name], "no temporary file is left behind"


def test_output_names_cannot_escape_the_folder(runner: CliRunner, tmp_path: Path) -> None:
    spec = write(tmp_path, "m.yaml", BRANCH + "output: ../../etc/passwd\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(spec), "-o", str(out), "-f", "md"])
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["etc-passwd.md"]


def test_batch_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", str(EXAMPLES / "region-batch.yaml"), "-o", str(out), "-f", "txt"]
    )
    assert result.exit_code == 0, result.stderr
    assert len(list(out.iterdir())) == 3
    cole = (out / "cole-valley-branch-keep-child-protection-public.txt").read_text("utf-8")
    assert "Meeting date: 10 February 2027" in cole
    assert "Proposer: Jordan Example" in cole
    assert "Built 3 of 3 motions" in result.stderr


def test_batch_with_a_bad_motion_builds_the_others(runner: CliRunner, tmp_path: Path) -> None:
    text = (EXAMPLES / "region-batch.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  - submitted_by: Bexley Vale Health Branch\n",
        "  - submitted_by: Bexley Vale Health Branch\n    demands: [halt-nas]\n",
    )
    spec = write(tmp_path, "batch.yaml", text)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(spec), "-o", str(out), "-f", "md"])
    assert result.exit_code == 2  # the most serious code in the batch wins
    assert len(list(out.iterdir())) == 2
    assert f"Failed: {spec}: motion 2: {spec}:17: demands[1]: there is no demand 'halt-nas'" in (
        result.stderr
    )
    assert "did you mean 'halt-nass'?" in result.stderr
    assert "Built 2 of 3 motions" in result.stderr and "1 could not be built" in result.stderr


def test_csv_merge_of_forty_rows_with_one_bad_row(runner: CliRunner, tmp_path: Path) -> None:
    rows = [
        {
            "submitted_by": f"Branch {n:02d}",
            "proposer": f"Proposer {n}",
            "seconder": f"Seconder {n}",
            "meeting_date": f"2027-02-{(n % 27) + 1:02d}",
        }
        for n in range(1, 41)
    ]
    rows[16]["meeting_date"] = "next Tuesday"  # spreadsheet row 18
    table = tmp_path / "branches.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "build",
            str(EXAMPLES / "region-model.yaml"),
            "--merge",
            str(table),
            "-o",
            str(out),
            "-f",
            "md,txt",
        ],
    )
    assert result.exit_code == 2  # the most serious code in the batch wins
    assert len(list(out.iterdir())) == 39 * 2
    assert f"Failed: {table}: row 18: {table}:18: meeting_date:" in result.stderr
    assert "Built 39 of 40 motions" in result.stderr
    first = (out / "branch-01-keep-child-protection-public.md").read_text(encoding="utf-8")
    assert "**Proposer:** Proposer 1" in first


def test_csv_with_an_unknown_column(runner: CliRunner, tmp_path: Path) -> None:
    table = write(tmp_path, "b.csv", "submited_by,proposer\nA,B\n")
    result = runner.invoke(
        app,
        ["build", str(EXAMPLES / "region-model.yaml"), "--merge", str(table), "-o", str(tmp_path)],
    )
    assert result.exit_code == 2
    assert "the column 'submited_by' is not a spec key (did you mean 'submitted_by'?)" in (
        result.stderr
    )


def test_two_motions_with_the_same_name_get_unique_files(runner: CliRunner, tmp_path: Path) -> None:
    text = "defaults:\n  profile: council\n  title: Same\nmotions:\n  - {}\n  - {}\n"
    spec = write(tmp_path, "b.yaml", text)
    out = tmp_path / "out"
    runner.invoke(app, ["build", str(spec), "-o", str(out), "-f", "txt"])
    assert sorted(p.name for p in out.iterdir()) == ["same-2.txt", "same.txt"]


def test_failing_checks_still_write_and_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    spec = write(tmp_path, "m.yaml", BRANCH.replace("proposer: Sam Example\n", ""))
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(spec), "-o", str(out)])
    assert result.exit_code == 1
    assert "Written, but it fails its checks" in result.stderr
    assert "need a proposer" in result.stderr
    assert len(list(out.iterdir())) == 3


def test_stdout_output(runner: CliRunner, tmp_path: Path) -> None:
    spec = write(tmp_path, "m.yaml", BRANCH)
    result = runner.invoke(app, ["build", str(spec), "-o", "-", "-f", "txt"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Bring children's social care back into public hands\n")
    both = runner.invoke(app, ["build", str(spec), "-o", "-", "-f", "md,txt"])
    assert both.exit_code == 2 and "one text format" in both.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("profile: labour-branch\ntitle: [unclosed\n", ":2: not valid YAML"),
        ("profile: labour-branch\ntitle: A\ntitle: B\n", "given twice, on line 2 and on line 3"),
        ("profile: labour-branch\ntitle: A\nproposr: Sam\n", ":3: proposr: unknown key"),
        ("profile: labour-branch\n", ":1: title: this key is required but missing"),
        ("profile: labour-brunch\ntitle: A\n", "there is no profile 'labour-brunch'"),
        (
            "profile: council\ntitle: A\ndemands:\n  - halt-nass\n  - keep-ofsted\n",
            ":5: demands[2]: there is no demand 'keep-ofsted'",
        ),
        ("profile: council\ntitle: A\nnotes: [care-not-for-profit]\n", "that is a belief"),
        (
            "profile: council\ntitle: A\nmeeting_date: 31/02/2027\n",
            ":3: meeting_date: February 2027 has 28 days",
        ),
    ],
)
def test_unusable_specs_exit_2_with_one_clear_line(
    runner: CliRunner, tmp_path: Path, text: str, expected: str
) -> None:
    spec = write(tmp_path, "m.yaml", text)
    result = runner.invoke(app, ["build", str(spec), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.stderr
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_yaml_12_keeps_a_proposer_called_no(runner: CliRunner, tmp_path: Path) -> None:
    spec = write(
        tmp_path, "m.yaml", BRANCH.replace("Sam Example", "No").replace("Alex Example", "on")
    )
    result = runner.invoke(app, ["build", str(spec), "-o", "-", "-f", "txt"])
    assert "Proposer: No\nSeconder: on\n" in result.stdout


def test_toml_and_json_specs(runner: CliRunner, tmp_path: Path) -> None:
    toml = write(tmp_path, "m.toml", 'profile = "council"\ntitle = "A"\ndemands = ["halt-nass"]\n')
    js = write(tmp_path, "m.json", '{"profile": "council", "title": "B", "demands": ["halt-nass"]}')
    for spec in (toml, js):
        result = runner.invoke(app, ["build", str(spec), "-o", "-", "-f", "txt"])
        assert "Halt the National Assessment" in result.stdout


def test_brackets_in_user_text_survive_terminal_and_documents(
    runner: CliRunner, tmp_path: Path
) -> None:
    spec = write(
        tmp_path,
        "m.yaml",
        BRANCH.replace(
            "title: Bring children's social care back into public hands",
            'title: "Conference [amended] notes [/] *this* #1"',
        ).replace("proposer: Sam Example\n", ""),
    )
    out = tmp_path / "out"
    built = runner.invoke(app, ["build", str(spec), "-o", str(out)])
    txt = next(out.glob("*.txt")).read_text(encoding="utf-8")
    md = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert txt.startswith("Conference [amended] notes [/] *this* #1\n")
    assert md.startswith(r"# Conference \[amended\] notes \[/\] \*this\* \#1" + "\n")
    checked = runner.invoke(app, ["check", str(spec)])
    assert "Conference [amended] notes [/] *this* #1" in checked.stdout
    assert built.exit_code == 1


def test_check_prints_its_findings_on_stdout_for_grep(tmp_path: Path) -> None:
    """`motiongen check motion.yaml | grep error` finds the errors."""
    import subprocess
    import sys

    done = subprocess.run(
        f'"{sys.executable}" -m motiongen check "{EXAMPLES / "region-model.yaml"}" | grep error:',
        shell=True,
        capture_output=True,
        text=True,
    )
    assert "error: " in done.stdout and "proposer" in done.stdout
    assert "error:" not in done.stderr
    bad = runner_invoke_missing(tmp_path)
    assert bad.exit_code == 2 and "no such file" in bad.stderr.lower() and not bad.stdout


def runner_invoke_missing(tmp_path: Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["check", str(tmp_path / "missing.yaml")])


def test_check_json_shape(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(EXAMPLES / "region-model.yaml"), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["ok"] is False
    (motion,) = data["motions"]
    rules = {(f["rule"], f["where"]) for f in motion["findings"]}
    assert ("required-field", "proposer") in rules
    assert {"rule", "severity", "message", "fix", "where", "source", "clause"} == set(
        motion["findings"][0]
    )


def test_check_passes_every_example(runner: CliRunner) -> None:
    for spec in sorted(EXAMPLES.glob("*.yaml")):
        if spec.name == "region-model.yaml":
            continue
        result = runner.invoke(app, ["check", str(spec)])
        assert result.exit_code == 0, (spec, result.stderr)


def test_over_the_word_limit_names_the_costliest_clauses(runner: CliRunner, tmp_path: Path) -> None:
    text = (EXAMPLES / "napo-agm.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "demands: [", "demands: [fund-councils-fairly, parliament-sets-compensation, "
    )
    spec = write(tmp_path, "napo.yaml", text)
    result = runner.invoke(app, ["check", str(spec)])
    assert result.exit_code == 1
    assert "over the limit of 200" in result.stdout
    assert "the longest clauses are" in result.stdout


def test_schema(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    data = json.loads(result.stdout)
    assert {
        "profile",
        "title",
        "submitted_by",
        "to",
        "meeting_date",
        "nation",
        "proposer",
        "seconder",
        "demands",
        "notes",
        "believes",
        "resolves",
    } <= set(data["properties"])
    assert data["required"] == ["profile", "title"]
    assert data["additionalProperties"] is False


def test_profiles_list_and_show(runner: CliRunner) -> None:
    listed = runner.invoke(app, ["profiles", "list", "--json"])
    ids = [p["id"] for p in json.loads(listed.stdout)]
    assert sorted(ids) == sorted(
        [
            "labour-branch",
            "labour-conference",
            "labour-npf",
            "union-branch",
            "union-conference",
            "council",
            "napo-agm",
        ]
    )
    shown = runner.invoke(app, ["profiles", "show", "napo-agm"])
    out = " ".join(shown.stdout.split())
    assert "200 words (title not counted)" in out
    assert "napo.org.uk" in out
    wrong = runner.invoke(app, ["profiles", "show", "napo"])
    assert wrong.exit_code == 2 and "did you mean 'napo-agm'?" in wrong.stderr


def test_a_user_profile(runner: CliRunner, tmp_path: Path) -> None:
    own = (REPO / "seeds" / "profiles" / "council.yaml").read_text(encoding="utf-8")
    own = own.replace("id: council", "id: parish-council").replace(
        "This Council", "This Parish Council"
    )
    path = write(tmp_path, "parish.yaml", own)
    spec = write(tmp_path, "m.yaml", "profile: parish-council\ntitle: A\ndemands: [halt-nass]\n")
    result = runner.invoke(
        app, ["--profiles", str(path), "build", str(spec), "-o", "-", "-f", "txt"]
    )
    assert "This Parish Council resolves to write to" in result.stdout


def test_check_today_and_max_age_options(runner: CliRunner) -> None:
    spec = str(EXAMPLES / "anytown-branch.yaml")
    fresh = runner.invoke(app, ["check", spec, "--today", "2027-01-01", "--json"])
    rules = {f["rule"] for f in json.loads(fresh.stdout)["motions"][0]["findings"]}
    assert "meeting-passed" not in rules
    late = runner.invoke(app, ["check", spec, "--today", "2027-02-01", "--max-age", "1", "--json"])
    rules = {f["rule"] for f in json.loads(late.stdout)["motions"][0]["findings"]}
    assert {"meeting-passed", "old-evidence"} <= rules
    assert late.exit_code == 0  # warnings only
    bad = runner.invoke(app, ["check", spec, "--today", "soon"])
    assert bad.exit_code == 2 and "'soon' is not a date" in bad.stderr
