"""The shipped examples and data speak for 2027: current facts, Labour in government."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from motiongen import catalogue, checks, profiles
from motiongen.cli.commands import app
from motiongen.io import datafile
from motiongen.motion import spec
from motiongen.motion.compose import compose
from test_originality import strings

EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
MERGES = {"region-model.yaml": REPO / "examples" / "region-branches.csv"}


def _jobs(path: Path) -> list[spec.Job]:
    return spec.read(path, merge=MERGES.get(path.name))


def _day_to_check(motion: spec.Motion) -> dt.date:
    """A month before the meeting (or deadline): in good time, as a secretary checks."""
    dates = [d for d in (motion.meeting_date, motion.deadline) if d is not None]
    return min(dates) - dt.timedelta(days=30) if dates else dt.date(2027, 1, 1)


def test_every_example_is_found() -> None:
    assert len(EXAMPLES) >= 9


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_shipped_example_checks_clean_at_its_own_date(path: Path) -> None:
    cat = catalogue.load(with_user_files=False)
    found = profiles.load(with_user_files=False)
    jobs = _jobs(path)
    assert jobs
    for job in jobs:
        assert job.motion is not None, job.label
        document = compose(job.motion, found.get(job.motion.profile), cat)
        findings = checks.run(
            job.motion, document, cat, today=_day_to_check(job.motion), speakers=found.speakers
        )
        serious = [f"{f.rule}: {f.message}" for f in findings if f.severity != "advice"]
        assert serious == [], f"{job.label}: {serious}"


def _opposition_patterns() -> list[str]:
    profile = profiles.load(with_user_files=False).get("labour-branch")
    assert profile.period is not None and profile.period.out_of_date is not None
    return profile.period.out_of_date.avoid


def _opposition_words(text: str) -> list[str]:
    return [
        m.group(0)
        for pattern in _opposition_patterns()
        for m in re.finditer(pattern, text, flags=re.IGNORECASE)
    ]


def test_the_opposition_patterns_catch_what_they_should() -> None:
    for phrase in (
        "commit the next Labour government to",
        "a shadow minister for social services",
        "when Labour is elected",
        "while in opposition",
    ):
        assert _opposition_words(phrase), phrase
    for phrase in (
        "the Labour Government",
        "the Government",
        "the Minister for Children",
        "in 2006 the New Labour government introduced independent practices",
    ):
        assert not _opposition_words(phrase), phrase


def _shipped_texts() -> list[tuple[str, str]]:
    """Every data file, template, example and golden file; the patterns that detect
    opposition-era wording (a profile's ``out_of_date``) are left out."""
    texts: list[tuple[str, str]] = []
    for path in sorted((REPO / "seeds").rglob("*.y*ml")):
        data = datafile.load(path).data
        if isinstance(data, dict) and isinstance(data.get("period"), dict):
            data = {
                **data,
                "period": {k: v for k, v in data["period"].items() if k != "out_of_date"},
            }
        texts += [(str(path), text) for text in strings(data)]
    for folder in ("templates", "examples", "tests/golden"):
        for path in sorted((REPO / folder).iterdir()):
            if path.is_file():
                texts.append((str(path), path.read_text(encoding="utf-8")))
    return texts


def test_no_shipped_file_speaks_as_if_labour_were_in_opposition() -> None:
    texts = _shipped_texts()
    assert any("golden" in where for where, _ in texts)
    found = [(where, words) for where, text in texts if (words := _opposition_words(text))]
    assert found == []


def test_the_readme_shows_the_branch_example_as_it_is() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = (REPO / "examples" / "anytown-branch.yaml").read_text(encoding="utf-8")
    body = "".join(line + "\n" for line in example.splitlines() if not line.startswith("#"))
    assert f"```yaml\n{body}```" in readme


def test_the_readmes_first_command_prints_no_warning(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["build", str(REPO / "examples" / "anytown-branch.yaml"), "--out-dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output.lower()
    assert "Wrote" in result.output


def test_every_built_in_profile_records_the_period_its_wording_is_for() -> None:
    found = profiles.load(with_user_files=False).profiles
    for profile in found.values():
        assert profile.period is not None, profile.id
        assert profile.period.covers(dt.date(2027, 1, 14)), profile.id
    labour = [p for p in found.values() if p.id.startswith("labour-")]
    assert len(labour) == 3
    assert all(p.period and p.period.out_of_date for p in labour)
    assert found["labour-conference"].defaults.calls_on == "the National Executive Committee"


def test_profiles_show_gives_the_period(runner: CliRunner) -> None:
    result = runner.invoke(app, ["profiles", "show", "labour-branch"])
    out = " ".join(result.stdout.split())
    assert "Worded for: the time since 5 July 2024 (Labour in government at Westminster" in out
