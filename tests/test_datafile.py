"""Reading hand-edited data files: YAML 1.2, duplicate keys, and errors at a line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from motiongen.errors import InputError
from motiongen.io import datafile


def test_yaml_12_keeps_no_and_times_as_text() -> None:
    data = datafile.loads("proposer: No\nnation: NO\ntime: 12:30\nflag: on\n", "m.yaml").data
    assert data == {"proposer": "No", "nation": "NO", "time": "12:30", "flag": "on"}


def test_yaml_dates_become_plain_dates() -> None:
    data = datafile.loads("meeting_date: 2027-01-14\n", "m.yaml").data
    assert data["meeting_date"] == dt.date(2027, 1, 14)
    assert type(data["meeting_date"]) is dt.date


def test_duplicate_key_names_both_lines() -> None:
    text = "title: A\nproposer: Sam\nseconder: Alex\nproposer: Jo\n"
    with pytest.raises(InputError) as caught:
        datafile.loads(text, "m.yaml")
    message = str(caught.value)
    assert message.startswith("m.yaml:4: proposer:")
    assert "line 2 and on line 4" in message


def test_duplicate_key_in_a_nested_mapping() -> None:
    text = "motions:\n  - title: A\n    proposer: Sam\n    proposer: Jo\n"
    with pytest.raises(InputError) as caught:
        datafile.loads(text, "b.yaml")
    assert "line 3 and on line 4" in str(caught.value)


def test_yaml_syntax_error_names_the_line() -> None:
    with pytest.raises(InputError) as caught:
        datafile.loads("title: A\ndemands: [a, b\nproposer: Sam\n", "m.yaml")
    assert str(caught.value).startswith("m.yaml:2: not valid YAML")
    assert "gave up on line 3" in str(caught.value)


def test_toml_and_json_errors_name_the_line() -> None:
    with pytest.raises(InputError) as caught:
        datafile.loads('title = "A"\nproposer = Sam\n', "m.toml", kind="toml")
    assert str(caught.value).startswith("m.toml:2: not valid TOML")
    with pytest.raises(InputError) as caught:
        datafile.loads('{\n "title": "A",\n}\n', "m.json", kind="json")
    # At the trailing comma itself, on every Python (3.13 moved its own position).
    assert str(caught.value).startswith("m.json:2: not valid JSON: a comma before the closing")
    with pytest.raises(InputError) as caught:
        datafile.loads('{\n "title": "A",\n "demands": [1, 2,\n ]\n}', "m.json", kind="json")
    assert str(caught.value).startswith("m.json:3: not valid JSON: a comma before the closing")
    with pytest.raises(InputError) as caught:
        datafile.loads('{\n "title": "A"\n "x": 1}', "m.json", kind="json")
    assert str(caught.value).startswith("m.json:3: not valid JSON")


def test_line_of_follows_a_path_into_yaml() -> None:
    text = "demands:\n  - id: a\n  - id: b\n    theme: x\n"
    source = datafile.loads(text, "c.yaml")
    assert source.line_of(("demands", 1, "theme")) == 4
    assert source.line_of(("demands", 1, "missing")) == 3
    assert source.line_of(("demands", 0)) == 2


def test_line_of_in_toml_and_json() -> None:
    toml = datafile.loads('title = "A"\nseconder = "B"\n', "m.toml", kind="toml")
    assert toml.line_of(("seconder",)) == 2
    js = datafile.loads('{\n "title": "A",\n "seconder": 3\n}', "m.json", kind="json")
    assert js.line_of(("seconder",)) == 3


def test_missing_file_and_folder_and_binary(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        datafile.load(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="folder"):
        datafile.load(tmp_path)
    binary = tmp_path / "m.yaml"
    binary.write_bytes(b"title: A\n\xff\xfe\n")
    with pytest.raises(InputError, match=r"m.yaml:2: the file is not UTF-8"):
        datafile.load(binary)


def test_format_loc_counts_from_one() -> None:
    assert datafile.format_loc(("demands", 2, "theme")) == "demands[3].theme"
