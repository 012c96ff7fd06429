"""The built-in catalogue and profiles are validated once; the cache cannot change what is read."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO
from motiongen import catalogue, profiles, text
from motiongen.catalogue import models
from motiongen.errors import CatalogueError
from motiongen.io import cachefiles, datafile

TEXT = "themes:\n  - id: care\n    title: Care\n    description: Children's care.\n"
CODE = (models, text)


def validate(source: datafile.DataFile) -> models.CatalogueFile:
    return models.CatalogueFile.model_validate(source.data)


def load(
    text: str,
    check: Callable[[datafile.DataFile], models.CatalogueFile] = validate,
    code: tuple[types.ModuleType, ...] = CODE,
) -> tuple[datafile.DataFile, models.CatalogueFile]:
    return datafile.load_builtin_checked(text, "seeds/x.yaml", check, code, models.CatalogueFile)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MOTIONGEN_CACHE_DIR", str(folder))
    return folder


def model_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.models.pickle"))


def test_a_cached_model_reads_as_a_fresh_validation(cache: Path) -> None:
    fresh = validate(datafile.loads(TEXT, "seeds/x.yaml"))
    calls: list[str] = []

    def counted(source: datafile.DataFile) -> models.CatalogueFile:
        calls.append(source.path)
        return validate(source)

    first = load(TEXT, counted)
    again = load(TEXT, counted)
    assert len(calls) == 1  # validated once, read back the second time
    assert len(model_files(cache)) == 1
    for source, checked in (first, again):
        assert checked == fresh
        assert source.line_of(("themes", 0, "title")) == 3
    assert again[1].themes[0] is not first[1].themes[0]


def test_the_whole_catalogue_and_profiles_read_back_unchanged(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue._builtin_parsed.cache_clear()
    profiles._builtin.cache_clear()
    written = (catalogue.load(with_user_files=False), profiles.load(with_user_files=False))
    assert model_files(cache)
    catalogue._builtin_parsed.cache_clear()
    profiles._builtin.cache_clear()
    read_back = (catalogue.load(with_user_files=False), profiles.load(with_user_files=False))
    monkeypatch.setenv("MOTIONGEN_CACHE_DIR", "")
    catalogue._builtin_parsed.cache_clear()
    profiles._builtin.cache_clear()
    fresh = (catalogue.load(with_user_files=False), profiles.load(with_user_files=False))
    catalogue._builtin_parsed.cache_clear()
    profiles._builtin.cache_clear()
    for got in (written, read_back):
        assert got[0] == fresh[0]
        assert got[1].profiles == fresh[1].profiles


def test_an_edited_seed_is_validated_again_at_once(cache: Path) -> None:
    load(TEXT)
    _, edited = load(TEXT.replace("title: Care", "title: Family care"))
    assert edited.themes[0].title == "Family care"
    bad = TEXT.replace("id: care", "id: Not An Id")
    with pytest.raises(Exception, match="pattern"):
        load(bad)


def test_edited_code_is_validated_again(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key holds all of motiongen's code (``cachefiles.code_key``; an edited module
    changes it, as tests/test_view_cache.py shows on a copy of the package)."""
    calls: list[int] = []

    def counted(source: datafile.DataFile) -> models.CatalogueFile:
        calls.append(1)
        return validate(source)

    load(TEXT, counted)
    load(TEXT, counted)
    assert len(calls) == 1
    monkeypatch.setattr(cachefiles, "code_key", lambda: b"the code as edited")
    load(TEXT, counted)
    assert len(calls) == 2


def test_a_damaged_cache_file_costs_only_the_validation(cache: Path) -> None:
    load(TEXT)
    (entry,) = model_files(cache)
    for damage in (b"\x80\x05garbage", entry.read_bytes()[:-20], pickle.dumps((1, 2))):
        entry.write_bytes(damage)
        _, checked = load(TEXT)
        assert checked.themes[0].id == "care"


class Evil:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("echo owned > owned.txt",))


def test_a_cache_file_cannot_run_code_or_build_other_classes(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    load(TEXT)
    (entry,) = model_files(cache)
    hostile = [
        (Evil(), {}, None),
        ({}, {}, Path("/")),  # a class that is not plain data
        ({}, {}, datafile.DataFile("x", {}, print)),  # our own class, but not a model of CODE
        ({}, {}, models.Theme(id="care", title="Forged", description="A model of the wrong kind.")),
    ]
    for value in hostile:
        entry.write_bytes(pickle.dumps(value))
        _, checked = load(TEXT)
        assert checked.themes[0].id == "care"
    assert not (tmp_path / "owned.txt").exists()


def test_an_unwritable_cache_folder_is_no_error(unwritable_cache: Path) -> None:
    for _ in range(2):
        _, checked = load(TEXT)
        assert checked.themes[0].title == "Care"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only folder")
def test_a_read_only_cache_folder_is_no_error(cache: Path) -> None:
    cache.mkdir()
    cache.chmod(0o500)
    try:
        _, checked = load(TEXT)
    finally:
        cache.chmod(0o700)
    assert checked.themes[0].title == "Care"
    assert not model_files(cache)


def test_a_users_catalogue_is_still_validated_at_its_line(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTIONGEN_CONFIG_DIR", str(tmp_path / "config"))
    catalogue.load(with_user_files=False)  # the built-in part now comes from the cache
    mine = tmp_path / "mine.yaml"
    mine.write_text("themes:\n  - id: mine\n    title: Mine\n    colour: red\n", "utf-8")
    with pytest.raises(CatalogueError) as caught:
        catalogue.load([mine])
    assert caught.value.line == 4
    assert "unknown key" in caught.value.message


RUN = """
import sys
from pathlib import Path
from motiongen.io import cachefiles
cachefiles.PREBUILT = Path("no-prebuilt")  # the cache folder alone: a first run validates
from motiongen import catalogue, profiles
from motiongen.catalogue import models
catalogue.load(with_user_files=False)
profiles.load(with_user_files=False)
names = ("CatalogueFile", "Demand", "Source")
built = [n for n in names if getattr(models, n).__pydantic_complete__]
print(",".join(built) or "none")
"""


def test_a_warm_cache_builds_no_catalogue_schema(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "MOTIONGEN_CACHE_DIR": str(tmp_path / "cache"),
        "MOTIONGEN_CONFIG_DIR": str(tmp_path / "config"),
    }
    runs = [
        subprocess.run(
            [sys.executable, "-c", RUN], capture_output=True, text=True, env=env, cwd=REPO
        )
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[1].stderr
    assert runs[0].stdout.strip() != "none"  # the first run validated, so built them
    assert runs[1].stdout.strip() == "none"
