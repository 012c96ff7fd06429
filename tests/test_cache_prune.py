"""The cache folder is pruned on a miss: only motiongen's own entries, only when out of use."""

from __future__ import annotations

import errno
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from motiongen import viewcache
from motiongen.io import cachefiles, datafile

DAY = 24 * 60 * 60
KEY = "0123456789abcdef0123456789abcdef"
TEXT = "themes:\n  - id: care\n    title: Care\n"

# Names motiongen gives, as an older version or an earlier seeds/ would have left them.
OURS = [
    f"{KEY}.pickle",
    f"{KEY}.models.pickle",
    f"{KEY}.word.pickle",
    f"view-{KEY}.json",
]
# Names a user might keep in the folder: never removed, however old.
FOREIGN = [
    "notes.txt",
    "backup.pickle",
    f"{KEY.upper()}.pickle",
    f"{KEY}.pickle.bak",
    f"view-{KEY}.json~",
    "view-mine.json",
    "mine.tmp",
    "tmpabcdefgh.tmp.keep",
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("MOTIONGEN_CACHE_DIR", str(folder))
    monkeypatch.setattr(cachefiles, "_pruned", set())  # as a new process
    return folder


def plant(folder: Path, name: str, *, age: float) -> Path:
    """A file in the folder last modified ``age`` seconds ago."""
    path = folder / name
    path.write_bytes(b"left here")
    aged(path, age)
    return path


def aged(path: Path, age: float) -> None:
    when = time.time() - age
    os.utime(path, (when, when))


def age_of(path: Path) -> float:
    return time.time() - path.stat().st_mtime


def parse_miss() -> None:
    datafile.load_builtin(TEXT + f"# {time.perf_counter_ns()}\n", "seeds/x.yaml")


def plain_miss() -> None:
    datafile.cached("test", [str(time.perf_counter_ns()).encode()], lambda: [1, 2])


def view_miss() -> None:
    assert "halt-nass" in viewcache.builtin()["demands"]


MISSES = [parse_miss, plain_miss, view_miss]


@pytest.mark.parametrize("miss", MISSES, ids=["parse", "plain", "view"])
def test_a_miss_removes_entries_out_of_use_and_keeps_the_rest(
    cache: Path, miss: Callable[[], None]
) -> None:
    old = [plant(cache, name, age=40 * DAY) for name in OURS]
    current = [plant(cache, name.replace("0123", "4567"), age=20 * DAY) for name in OURS]
    foreign = [plant(cache, name, age=400 * DAY) for name in FOREIGN]
    folder = cache / f"view-{KEY.replace('0', '9')}.json"  # named like an entry
    folder.mkdir()
    link = cache / f"{KEY.replace('0', '8')}.pickle"
    link.symlink_to(foreign[0])
    when = time.time() - 400 * DAY
    os.utime(link, (when, when), follow_symlinks=False)
    miss()
    assert not [path for path in old if path.exists()]
    assert all(path.exists() for path in current + foreign)
    assert folder.is_dir()
    assert link.is_symlink()
    written = {path.name for path in cache.iterdir()} - {p.name for p in [*current, *foreign]}
    written -= {folder.name, link.name}
    assert len(written) >= 1  # the miss's own entry, fresh


def test_a_hit_does_not_prune(cache: Path) -> None:
    datafile.load_builtin(TEXT, "seeds/x.yaml")
    viewcache.builtin()
    cachefiles._pruned.clear()  # a later process: its entries are there, nothing pruned yet
    old = plant(cache, f"{KEY}.models.pickle", age=40 * DAY)
    assert datafile.load_builtin(TEXT, "seeds/x.yaml").data["themes"][0]["id"] == "care"
    assert "halt-nass" in viewcache.builtin()["demands"]
    assert old.exists()
    parse_miss()  # the first miss of this process prunes it
    assert not old.exists()


def test_an_entry_in_use_is_never_pruned(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    datafile.load_builtin(TEXT, "seeds/x.yaml")
    (entry,) = cache.iterdir()
    aged(entry, 20 * DAY)
    datafile.load_builtin(TEXT, "seeds/x.yaml")  # a hit: marked as used
    assert age_of(entry) < 60
    later = time.time() + 15 * DAY  # unmarked, it would be 35 days old by then
    monkeypatch.setattr(cachefiles.time, "time", lambda: later)
    cachefiles._pruned.clear()
    parse_miss()
    assert entry.exists()


def test_a_hit_marks_an_entry_at_most_once_a_day(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    datafile.load_builtin(TEXT, "seeds/x.yaml")
    (entry,) = cache.iterdir()
    marked: list[object] = []
    real = os.utime

    def utime(target: object, *args: object, **kwargs: object) -> None:
        marked.append(target)
        real(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cachefiles.os, "utime", utime)
    aged(entry, 3 * 60 * 60)
    marked.clear()
    for _ in range(3):
        datafile.load_builtin(TEXT, "seeds/x.yaml")
    assert marked == []
    assert 3 * 60 * 60 - 60 < age_of(entry) < 3 * 60 * 60 + 60
    aged(entry, 2 * DAY)
    marked.clear()
    for _ in range(3):
        datafile.load_builtin(TEXT, "seeds/x.yaml")
    assert len(marked) == 1
    assert age_of(entry) < 60


def test_an_entry_dated_in_the_future_is_put_right_or_pruned(cache: Path) -> None:
    datafile.load_builtin(TEXT, "seeds/x.yaml")
    (entry,) = cache.iterdir()
    aged(entry, -5 * DAY)  # a clock that was wrong when it was written
    datafile.load_builtin(TEXT, "seeds/x.yaml")
    assert abs(age_of(entry)) < 60
    far = plant(cache, f"{KEY}.pickle", age=-400 * DAY)
    cachefiles._pruned.clear()
    parse_miss()
    assert not far.exists()
    assert entry.exists()


def test_stale_temporary_files_go_and_fresh_ones_stay(cache: Path) -> None:
    stale = plant(cache, "tmpabc_e1gh.tmp", age=2 * 60 * 60)
    fresh = plant(cache, "tmp12345678.tmp", age=60)  # another process writing now
    plain_miss()
    assert not stale.exists()
    assert fresh.exists()
    assert (cache / "tmp12345678.tmp").read_bytes() == b"left here"


def test_an_interrupted_write_leaves_no_temporary_file(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cachefiles.os, "replace", refuse)
    assert datafile.load_builtin(TEXT, "seeds/x.yaml").data["themes"][0]["title"] == "Care"
    assert list(cache.iterdir()) == []


def test_files_vanishing_under_a_prune_are_no_error(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = [plant(cache, name, age=40 * DAY) for name in OURS]
    stale = plant(cache, "tmpabcdefgh.tmp", age=DAY)
    real = os.unlink

    def another_process_first(path: str) -> None:
        for other in [*old, stale]:  # it prunes everything before we get to any
            if other.exists():
                real(other)
        real(path)  # FileNotFoundError: already gone

    monkeypatch.setattr(cachefiles.os, "unlink", another_process_first)
    plain_miss()
    assert not [path for path in [*old, stale] if path.exists()]


def test_a_read_only_cache_folder_is_no_error(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As the system refuses every change (root would not be refused by permissions)."""
    datafile.load_builtin(TEXT, "seeds/x.yaml")
    (entry,) = cache.iterdir()
    aged(entry, 2 * DAY)
    old = plant(cache, f"{KEY}.pickle", age=40 * DAY)
    stale = plant(cache, "tmpabcdefgh.tmp", age=DAY)

    refused: list[str] = []

    def refuser(name: str) -> Callable[..., None]:
        def refuse(*args: object, **kwargs: object) -> None:
            refused.append(name)
            raise OSError(errno.EROFS, "Read-only file system")

        return refuse

    for module, name in [
        (cachefiles.os, "unlink"),
        (cachefiles.os, "utime"),
        (cachefiles.os, "replace"),
        (tempfile, "NamedTemporaryFile"),
    ]:
        monkeypatch.setattr(module, name, refuser(name))
    cachefiles._pruned.clear()
    assert datafile.load_builtin(TEXT, "seeds/x.yaml").data["themes"][0]["id"] == "care"
    assert refused == ["utime"]  # still a hit, though it could not be marked
    parse_miss()
    assert "unlink" in refused
    assert viewcache.builtin() is not None
    assert {path.name for path in cache.iterdir()} == {entry.name, old.name, stale.name}


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only folder")
def test_a_folder_without_write_permission_is_no_error(cache: Path) -> None:
    old = plant(cache, f"{KEY}.pickle", age=40 * DAY)
    cache.chmod(0o500)
    try:
        parse_miss()
    finally:
        cache.chmod(0o700)
    assert old.exists()


def test_an_unwritable_cache_folder_is_no_error(unwritable_cache: Path) -> None:
    parse_miss()
    plain_miss()
    assert datafile.load_builtin(TEXT, "seeds/x.yaml").data["themes"][0]["title"] == "Care"
    assert not unwritable_cache.exists()


def test_each_folder_is_pruned_once_per_process(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parse_miss()
    old = plant(cache, f"{KEY}.pickle", age=40 * DAY)
    plain_miss()  # a second miss in the same run: the folder was pruned a moment ago
    assert old.exists()
