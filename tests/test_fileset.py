"""The one door out: every name of a set checked first, then the whole set written, or none."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from motiongen.cli.commands import app
from motiongen.errors import InputError, exit_code
from motiongen.io import files
from motiongen.io.files import FileExists, WriteError
from motiongen.output import fileset
from motiongen.output.fileset import FileSet

EXAMPLE = REPO / "examples" / "anytown-branch.yaml"


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_set_is_written_whole(tmp_path: Path) -> None:
    out = FileSet()
    out.add(tmp_path / "a.md", b"a")
    out.add(tmp_path / "a.txt", b"b")
    assert out.write() == [tmp_path / "a.md", tmp_path / "a.txt"]
    assert names(tmp_path) == ["a.md", "a.txt"]  # no temporary file left


def test_one_name_taken_stops_the_whole_set(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"mine")
    out = FileSet()
    out.add(tmp_path / "a.md", b"new")
    out.add(tmp_path / "a.txt", b"new")
    out.add(tmp_path / "a.docx", b"new")
    with pytest.raises(FileExists, match="already there"):
        out.write()
    assert names(tmp_path) == ["a.txt"]
    assert (tmp_path / "a.txt").read_bytes() == b"mine"


def test_several_names_taken_are_said_in_one_line(tmp_path: Path) -> None:
    for name in ("a.md", "a.txt", "a.docx"):
        (tmp_path / name).write_bytes(b"mine")
    out = FileSet()
    for name in ("a.md", "a.txt", "a.docx"):
        out.add(tmp_path / name, b"new")
    with pytest.raises(FileExists) as raised:
        out.write()
    message = str(raised.value)
    assert "\n" not in message and "3 of the files" in message and "a.docx" in message


def test_force_replaces_every_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"old")
    out = FileSet(force=True)
    out.add(tmp_path / "a.md", b"new")
    out.add(tmp_path / "a.txt", b"new")
    out.write()
    assert (tmp_path / "a.md").read_bytes() == b"new"
    assert names(tmp_path) == ["a.md", "a.txt"]


def test_an_input_is_never_replaced_even_with_force(tmp_path: Path) -> None:
    source = tmp_path / "motion.txt"
    source.write_bytes(b"their words")
    link = tmp_path / "link.txt"
    link.symlink_to(source)
    for given in (source, link, tmp_path / "." / "motion.txt"):
        out = FileSet(force=True, inputs=[given])
        out.add(tmp_path / "motion.txt", b"ours")
        with pytest.raises(InputError, match="write over one of the files it reads"):
            out.write()
    assert source.read_bytes() == b"their words"


def test_the_same_name_twice_in_a_set_is_refused(tmp_path: Path) -> None:
    out = FileSet(force=True)
    out.add(tmp_path / "a.md", b"one")
    out.add(tmp_path / "sub" / ".." / "a.md", b"two")
    with pytest.raises(InputError, match="same name"):
        out.write()
    assert not (tmp_path / "a.md").exists()


def test_a_full_disk_while_staging_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = files.stage
    staged: list[Path] = []

    def stage(path: Path, data: bytes, *, durable: bool = True) -> Path:
        if len(staged) == 2:
            raise files.write_error(OSError(errno.ENOSPC, "No space left on device"), path)
        staged.append(real(path, data, durable=durable))
        return staged[-1]

    monkeypatch.setattr(fileset, "stage", stage)
    out = FileSet()
    for name in ("a.md", "a.txt", "a.docx"):
        out.add(tmp_path / name, b"x")
    with pytest.raises(files.DiskFull):
        out.write()
    assert names(tmp_path) == []  # the two staged files are gone too


def test_a_failure_while_placing_undoes_the_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name that fails last puts back the file replaced and frees the name taken."""
    (tmp_path / "a.md").write_bytes(b"old")
    real = files.place

    def place(staged: Path, path: Path, *, force: bool = False) -> None:
        if path.name == "a.docx":
            raise WriteError("you do not have permission to write here", file=path)
        real(staged, path, force=force)

    monkeypatch.setattr(fileset, "place", place)
    out = FileSet(force=True)
    for name in ("a.md", "a.txt", "a.docx"):
        out.add(tmp_path / name, b"new")
    with pytest.raises(WriteError):
        out.write()
    assert names(tmp_path) == ["a.md"]
    assert (tmp_path / "a.md").read_bytes() == b"old"


def test_pdfs_are_made_only_after_every_name_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from motiongen.output import pdf

    made: list[int] = []
    monkeypatch.setattr(pdf, "pdfs", lambda docs: made.append(len(docs)) or [b"%PDF"] * len(docs))
    (tmp_path / "b.txt").write_bytes(b"mine")
    out = FileSet()
    out.add_document(tmp_path, "a", ["pdf", "txt"], lambda fmt: fmt.encode())
    out.add_document(tmp_path, "b", ["pdf", "txt"], lambda fmt: fmt.encode())
    with pytest.raises(FileExists):
        out.write()
    assert made == []  # LibreOffice never ran for a set that could not be written
    (tmp_path / "b.txt").unlink()
    out.write()
    assert made == [2]  # both PDFs in one run
    assert (tmp_path / "a.pdf").read_bytes() == b"%PDF"
    assert (tmp_path / "a.txt").read_bytes() == b"txt"


def test_build_with_one_file_taken_writes_none(runner: CliRunner, tmp_path: Path) -> None:
    """It used to write the .txt, stop at the .md and never write the .docx."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(EXAMPLE), "--out-dir", str(out), "-q"])
    assert result.exit_code == 0, result.output
    written = names(out)
    assert len(written) == 3
    (out / written[1]).unlink()
    for name in (written[0], written[2]):
        (out / name).unlink()
    (out / written[1]).write_bytes(b"mine")
    result = runner.invoke(app, ["build", str(EXAMPLE), "--out-dir", str(out)])
    assert result.exit_code == 2
    assert names(out) == [written[1]]
    assert "add --force" in result.stderr


def test_a_batch_with_one_motion_in_the_way_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    batch = REPO / "examples" / "region-batch.yaml"
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(batch), "--out-dir", str(out), "-q"]).exit_code == 0
    written = names(out)
    keep = written[len(written) // 2]
    for name in written:
        if name != keep:
            (out / name).unlink()
    result = runner.invoke(app, ["build", str(batch), "--out-dir", str(out)])
    assert result.exit_code == 2
    assert names(out) == [keep]


def test_import_never_replaces_the_file_it_reads(runner: CliRunner, tmp_path: Path) -> None:
    motion = tmp_path / "motion.txt"
    motion.write_text("Keep care public\n\nThis branch notes:\n\nThat care is sold.\n")
    before = motion.read_bytes()
    result = runner.invoke(app, ["import", str(motion), "-o", str(motion), "--force"])
    assert result.exit_code == 2
    assert "write over one of the files it reads" in result.stderr
    assert motion.read_bytes() == before


def test_composite_never_replaces_a_motion_it_reads(runner: CliRunner, tmp_path: Path) -> None:
    first = tmp_path / "a.yaml"
    first.write_bytes((REPO / "examples" / "composite-anytown.yaml").read_bytes())
    second = REPO / "examples" / "composite-barrow.yaml"
    before = first.read_bytes()
    result = runner.invoke(app, ["composite", str(first), str(second), "-o", str(first), "--force"])
    assert result.exit_code == 2, result.output
    assert first.read_bytes() == before
    assert names(tmp_path) == ["a.yaml"]


def test_a_symbolic_link_in_the_way_is_replaced_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.md"
    target.write_bytes(b"precious")
    link = tmp_path / "a.md"
    link.symlink_to(target)
    out = FileSet(force=True)
    out.add(link, b"new")
    out.write()
    assert not link.is_symlink() and link.read_bytes() == b"new"
    assert target.read_bytes() == b"precious"


def test_exit_code_for_a_file_in_the_way_is_the_input_code() -> None:
    assert exit_code(fileset.already_there([Path("a.md")])) == 2
    assert os.path.sep not in str(fileset.already_there([Path("x/a.md")]).args[0])
