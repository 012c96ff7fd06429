"""The built-in data is parsed once; the cache can never change what is read."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from motiongen.io import datafile
from motiongen.io.datafile import load_builtin

TEXT = "demands:\n  - id: one\n    title: One\n  - id: two\n    title: Two\nwhen: 2027-01-14\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MOTIONGEN_CACHE_DIR", str(folder))
    return folder


def test_a_cached_file_reads_as_a_fresh_parse(cache: Path) -> None:
    fresh = datafile.loads(TEXT, "seeds/x.yaml")
    first = load_builtin(TEXT, "seeds/x.yaml")
    assert len(list(cache.iterdir())) == 1
    again = load_builtin(TEXT, "seeds/x.yaml")
    for got in (first, again):
        assert got.data == fresh.data
        for loc in [("demands", 1, "title"), ("demands", 0), ("when",), ("demands", 9)]:
            assert got.line_of(loc) == fresh.line_of(loc)


def test_an_edited_file_is_parsed_again_at_once(cache: Path) -> None:
    load_builtin(TEXT, "seeds/x.yaml")
    edited = load_builtin(TEXT.replace("title: Two", "title: Second"), "seeds/x.yaml")
    assert edited.data["demands"][1]["title"] == "Second"


def test_a_damaged_cache_file_costs_only_the_parse(cache: Path) -> None:
    load_builtin(TEXT, "seeds/x.yaml")
    (entry,) = cache.iterdir()
    entry.write_bytes(b"\x80\x05garbage")
    assert load_builtin(TEXT, "seeds/x.yaml").data["demands"][0]["id"] == "one"


def test_a_cache_file_cannot_run_code(cache: Path) -> None:
    load_builtin(TEXT, "seeds/x.yaml")
    (entry,) = cache.iterdir()
    entry.write_bytes(pickle.dumps((Path("/"), {})))  # a class that is not plain data
    assert load_builtin(TEXT, "seeds/x.yaml").data["demands"][1]["id"] == "two"


def test_an_unwritable_cache_folder_is_no_error(unwritable_cache: Path) -> None:
    assert load_builtin(TEXT, "seeds/x.yaml").data["when"].year == 2027


def test_an_empty_setting_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTIONGEN_CACHE_DIR", "")
    assert load_builtin(TEXT, "seeds/x.yaml").line_of(("demands", 1)) == 4
