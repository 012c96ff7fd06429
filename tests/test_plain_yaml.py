"""The quick YAML reader gives the same data as the round-trip one, or leaves the file to it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from motiongen.errors import InputError
from motiongen.io import datafile
from motiongen.motion import spec

pytestmark = pytest.mark.skipif(
    datafile._plain_reader() is None, reason="ruamel.yaml.clib is not installed"
)

# Scalars whose reading differs between YAML 1.1 and 1.2, or between readers.
WORDS = [
    "no", "No", "yes", "on", "off", "y", "n", "true", "True", "FALSE", "null", "Null", "~", "",
    "0o17", "017", "012", "0x1F", "0b101", "1_000", "+12", "-3", "1e3", "1.5", "-.5", ".inf",
    "-.Inf", ".nan", "12:30", "1:20:30", "2027-01-14", "2027-02-30", "2027-1-4", "2027-01-14T10:00",
    "2027-01-14 10:00:00+02:00", "Motion #3", "Health & Care", "a: b", "'quoted'", '"dq \\t"',
    "x, y", "[1, 2]", "{a: 1}", "- item", "text with 'quote'", "Keep it — public", "Café",
    "=", "<<", "*star", "&amp", "!bang", "%pct", "? q", "@at", "`tick`", "|", ">", "-",
]  # fmt: skip
KEYS = ["title", "no", "1", "on", "demands", "a b", "null", "x"]


def _scalar() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(WORDS),
        st.text(alphabet="ab &#:-'\"!*0123456789.", max_size=8),
    )


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        key = draw(st.sampled_from(KEYS))
        shape = draw(st.sampled_from(["scalar", "list", "flow", "block", "nested"]))
        if shape == "scalar":
            lines.append(f"{key}: {draw(_scalar())}")
        elif shape == "list":
            lines.append(f"{key}:")
            lines += [f"  - {draw(_scalar())}" for _ in range(draw(st.integers(0, 3)))]
        elif shape == "flow":
            items = ", ".join(draw(_scalar()) for _ in range(draw(st.integers(0, 3))))
            lines.append(f"{key}: [{items}]")
        elif shape == "block":
            lines.append(f"{key}: {draw(st.sampled_from(['|', '>', '|-', '>+']))}")
            lines += [f"  {draw(_scalar())}" for _ in range(draw(st.integers(1, 3)))]
        else:
            lines.append(f"{key}:")
            lines.append(f"  - {draw(st.sampled_from(KEYS))}: {draw(_scalar())}")
            lines.append(f"    {draw(st.sampled_from(KEYS))}: {draw(_scalar())}")
    return "\n".join(lines) + "\n"


def _round_trip(text: str) -> datafile.DataFile | InputError:
    try:
        return datafile._load_round_trip(text, "m.yaml")
    except InputError as exc:
        return exc


@settings(max_examples=600, deadline=None)
@given(text=documents())
def test_whatever_the_quick_reader_reads_the_round_trip_reader_reads_the_same(text: str) -> None:
    quick = datafile._load_plain_yaml(text, "m.yaml")
    slow = _round_trip(text)
    if quick is None:
        return  # left to the round-trip reader: what loads() does
    assert not isinstance(slow, InputError), (text, slow)
    assert repr(quick.data) == repr(slow.data), text
    assert slow.cut == {}
    for loc in _paths(slow.data):
        assert quick.line_of(loc) == slow.line_of(loc), (text, loc)


def _paths(data: object, loc: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [loc] if loc else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*loc, index))
    return found


def test_every_yaml_file_of_ours_reads_the_same_either_way() -> None:
    files = sorted(
        [
            *REPO.glob("examples/**/*.yaml"),
            *REPO.glob("tests/**/*.yaml"),
            *REPO.glob("seeds/**/*.yaml"),
        ]
    )
    quick_ones = 0
    for path in files:
        text = path.read_text("utf-8-sig")
        quick = datafile._load_plain_yaml(text, str(path))
        if quick is None:
            continue
        quick_ones += 1
        slow = datafile._load_round_trip(text, str(path))
        assert repr(quick.data) == repr(slow.data), path
    assert quick_ones >= 10


@pytest.mark.parametrize(
    "text",
    [
        "title: a\ntitle: b\n",  # a duplicate key
        "meeting_date: 2027-02-30\n",  # not a real date
        "title: [unclosed\n",
        "title: a\n  bad: indent\n",
        "title: Motion #3 keep care public\n",  # a comment cuts it short
        "a: &x 1\nb: *x\n",
        "when: 2027-01-14 10:00:00+02:00\n",
    ],
)
def test_what_the_quick_reader_does_not_take_the_round_trip_reader_reports(text: str) -> None:
    assert datafile._load_plain_yaml(text, "m.yaml") is None
    slow = _round_trip(text)
    loaded: datafile.DataFile | InputError
    try:
        loaded = datafile.loads(text, "m.yaml")
    except InputError as exc:
        loaded = exc
    if isinstance(slow, InputError):
        assert isinstance(loaded, InputError)
        assert (loaded.message, loaded.line) == (slow.message, slow.line)
    else:
        assert not isinstance(loaded, InputError)
        assert repr(loaded.data) == repr(slow.data) and loaded.cut == slow.cut


def test_a_mistake_in_a_batch_read_quickly_is_reported_at_its_line(tmp_path: Path) -> None:
    batch = tmp_path / "batch.yaml"
    batch.write_text(
        "defaults:\n  profile: union-branch\n  title: Keep care public\n"
        "  demands: [ban-outsourcing]\nmotions:\n  - submitted_by: One\n"
        "  - submitted_by: Two\n    proposr: Someone\n",
        "utf-8",
    )
    assert datafile._load_plain_yaml(batch.read_text("utf-8"), str(batch)) is not None
    jobs = spec.read(batch)
    assert jobs[0].error is None
    error = jobs[1].error
    assert error is not None and error.line == 8 and "proposer" in error.message
    assert jobs[0].motion is not None and jobs[0].motion.meeting_date is None


def test_comments_in_words_are_read_quickly_and_cut_nothing() -> None:
    text = "# the motion\ntitle: Keep care public  # our title\nnotes:\n  # facts\n  - a\n"
    quick = datafile._load_plain_yaml(text, "m.yaml")
    assert quick is not None and quick.cut == {}
    assert quick.data == {"title": "Keep care public", "notes": ["a"]}
    assert quick.line_of(("notes", 0)) == 5


def test_a_date_reads_as_a_date() -> None:
    quick = datafile._load_plain_yaml("meeting_date: 2027-01-14\n", "m.yaml")
    assert quick is not None and quick.data == {"meeting_date": dt.date(2027, 1, 14)}
