"""Dates as people in Britain write them, for spec files, flags and the walk-through."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from motiongen.cli.commands import app
from motiongen.motion import spec
from motiongen.text import british_date, parse_date


@pytest.mark.parametrize(
    "text",
    [
        "2027-01-14",
        "14/01/2027",
        "14/1/2027",
        "14.01.2027",
        "14 Jan 2027",
        "14 January 2027",
        "14th January 2027",
        "Thursday 14 January 2027",
        "14 jan. 2027",
    ],
)
def test_the_forms_people_type(text: str) -> None:
    assert parse_date(text) == dt.date(2027, 1, 14)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("31/02/2027", "February 2027 has 28 days"),
        ("2028-02-30", "February 2028 has 29 days"),
        ("31 April 2027", "April 2027 has 30 days"),
        ("14/13/2027", "there is no month 13"),
        ("next week", "'next week' is not a date I can read: write it as 14/01/2027"),
        ("14 Janvier 2027", "is not a date I can read"),
    ],
)
def test_an_impossible_date_says_why(text: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        parse_date(text)


def test_blank_is_no_date() -> None:
    assert parse_date("  ") is None and parse_date(None) is None


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_date_written_out_reads_back(day: dt.date) -> None:
    assert parse_date(british_date(day)) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_date(day.isoformat()) == day


@given(st.text(max_size=40))
def test_any_text_is_a_date_or_a_reason(text: str) -> None:
    try:
        parse_date(text)
    except ValueError as exc:
        assert str(exc)


def test_a_spec_file_takes_a_british_date(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "profile: labour-branch\ntitle: Keep it public\nmeeting_date: 14 Jan 2027\n"
        "demands: [halt-nass]\n",
        encoding="utf-8",
    )
    (job,) = spec.read(path)
    assert job.motion is not None and job.motion.meeting_date == dt.date(2027, 1, 14)


def test_a_spec_file_with_an_impossible_date_says_why(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "profile: labour-branch\ntitle: Keep it public\nmeeting_date: 31/02/2027\n"
        "demands: [halt-nass]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert "February 2027 has 28 days" in result.stderr
    assert "m.yaml:3" in result.stderr
