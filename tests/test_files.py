"""Writing one file: folders made when missing, names that stay in their folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motiongen.io import files
from motiongen.io.files import FileExists, WriteError, safe_name, write_atomic


def test_missing_folders_are_made(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "motion.md"
    write_atomic(target, b"text\n")
    assert target.read_bytes() == b"text\n"
    assert [p.name for p in target.parent.iterdir()] == ["motion.md"]  # no temporary left


def test_a_folder_removed_between_two_writes_is_made_again(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    write_atomic(folder / "one.md", b"1")
    (folder / "one.md").unlink()
    folder.rmdir()
    write_atomic(folder / "two.md", b"2")
    assert (folder / "two.md").read_bytes() == b"2"


def test_an_existing_folder_is_not_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch writes thousands of files into one folder: asking to make it each time costs."""

    def no_mkdir(*args: object, **kwargs: object) -> None:
        raise AssertionError("the folder was there: nothing should make it")

    monkeypatch.setattr(Path, "mkdir", no_mkdir)
    monkeypatch.setattr(os, "mkdir", no_mkdir)
    write_atomic(tmp_path / "motion.md", b"text")
    assert (tmp_path / "motion.md").read_bytes() == b"text"


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("\n")
    with pytest.raises(WriteError, match="a file is in the way"):
        write_atomic(tmp_path / "f" / "motion.md", b"text")


def test_an_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    target = tmp_path / "motion.md"
    target.write_bytes(b"mine")
    with pytest.raises(FileExists):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"mine"
    write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["motion.md"]


@given(st.text(max_size=200))
def test_any_stem_stays_in_the_output_folder(stem: str) -> None:
    out = Path("out", "dir")
    path = safe_name(out, stem, "docx")
    assert path.parent == out
    assert path.name.endswith(".docx") and path.name not in (".", "..")
    assert "/" not in path.name and "\\" not in path.name


@pytest.mark.parametrize("suffix", ["../x", "a/b", "a\\b"])
def test_a_name_with_a_folder_in_it_is_refused(suffix: str) -> None:
    with pytest.raises(files.InputError, match="leave the output folder"):
        safe_name(Path("out"), "motion", suffix)


def _count_syncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    synced: list[int] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return synced


def test_the_users_own_words_reach_the_disk_before_taking_their_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced = _count_syncs(monkeypatch)
    write_atomic(tmp_path / "motion.yaml", b"title: x\n")
    assert len(synced) == 1
    write_atomic(tmp_path / "motion.md", b"# x\n", durable=False)
    assert len(synced) == 1
    assert (tmp_path / "motion.md").read_bytes() == b"# x\n"


def test_a_build_does_not_sync_each_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Documents are made again from the spec in seconds; a batch writes thousands."""
    from conftest import REPO
    from motiongen import batch, catalogue, profiles

    synced = _count_syncs(monkeypatch)
    options = batch.Options(formats=("docx", "md", "txt"), out_dir=tmp_path, workers=1)
    results, unusable = batch.build(
        [REPO / "examples" / "anytown-branch.yaml"],
        catalogue.load(with_user_files=False),
        profiles.load(with_user_files=False),
        options,
    )
    assert not unusable and [len(r.files) for r in results] == [3]
    assert synced == []
