"""The one door out: the files of one run, checked together, then written whole or not at all.

Every command that writes files (a motion's documents and spec, an amendment's,
a composite's report, a brief) puts them in a ``FileSet``. Before anything is
written, every name is checked: none twice in the set, none already there
unless ``force``, and never one of the command's own input files, not even
with ``force``. Then every file is staged beside its name (where a full disk
shows) and only then do they all take their names, so a failure leaves the
folder as it was.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from motiongen.errors import InputError
from motiongen.io.files import FileExists, discard, lock_files, place, safe_name, shown, stage


@dataclass
class _Entry:
    path: Path
    data: bytes
    durable: bool
    from_word: bool = False  # data is a Word file, to be made into this PDF when written


class FileSet:
    """Files that are written together; see the module's docstring for the rules."""

    def __init__(self, *, force: bool = False, inputs: Iterable[str | Path] = ()) -> None:
        self.force = force
        self._inputs = {_read_from(Path(p)) for p in inputs}
        self._entries: list[_Entry] = []

    def add(self, path: Path, data: bytes, *, durable: bool = False) -> None:
        """``durable`` for the user's own words (specs), synced before they take their name."""
        self._entries.append(_Entry(path, data, durable))

    def add_pdf(self, path: Path, docx: bytes) -> None:
        """A PDF made from this Word file by LibreOffice when the set is written: after
        every name is checked, and for all the set's PDFs in one run."""
        self._entries.append(_Entry(path, docx, durable=False, from_word=True))

    def add_document(
        self, out_dir: Path, stem: str, formats: Sequence[str], render: Callable[[str], bytes]
    ) -> None:
        """One document in each of ``formats``, ``render`` making each but PDF, which is
        made from the document's Word file when the set is written."""
        made: dict[str, bytes] = {}

        def once(fmt: str) -> bytes:
            if fmt not in made:
                made[fmt] = render(fmt)
            return made[fmt]

        for fmt in formats:
            path = safe_name(out_dir, stem, fmt)
            if fmt == "pdf":
                self.add_pdf(path, once("docx"))
            else:
                self.add(path, once(fmt))

    @property
    def paths(self) -> list[Path]:
        return [e.path for e in self._entries]

    def taken(self) -> list[Path]:
        """The names already in use, whatever ``force`` says."""
        return taken(self.paths)

    def check(self) -> None:
        """Refuse the set before anything is written: a name twice, an input, a file there."""
        seen: set[str] = set()
        input_names = {name for _, name in self._inputs}
        for path in self.paths:
            # Resolving a folder asks the system, so only a name an input bears is resolved.
            if path.name in input_names and _where(path) in self._inputs:
                raise InputError(
                    "this would write over one of the files it reads",
                    file=shown(path),
                    hint="give another output name or folder",
                )
            key = os.path.normpath(path)
            if key in seen:
                raise InputError(
                    "two of the files to write would have the same name",
                    file=shown(path),
                    hint="give them different names (their numbers, bodies or titles)",
                )
            seen.add(key)
        in_the_way = self.taken()
        if not self.force and in_the_way:
            raise already_there(in_the_way)
        for path in in_the_way:
            locks = lock_files(path)
            if locks:
                # Open in LibreOffice or Word: replaced now, it would be saved over
                # with the old words from the window still showing them.
                raise FileExists(
                    "this document is open in Word or LibreOffice (its lock file "
                    f"{locks[0].name} is beside it), so it is not replaced",
                    file=shown(path),
                    hint="close it there and try again; if nothing has it open, delete "
                    "the lock file",
                )

    def write(self) -> list[Path]:
        """Check, stage every file, then give each its name; returns the files written."""
        self.check()
        self._make_pdfs()
        staged: list[tuple[_Entry, Path]] = []
        try:
            for entry in self._entries:
                staged.append((entry, stage(entry.path, entry.data, durable=entry.durable)))
            with _placing(self.force) as placed:
                for entry, tmp in staged:
                    placed(tmp, entry.path)
        finally:
            for _, tmp in staged:
                discard(tmp)
        return self.paths

    def _make_pdfs(self) -> None:
        wanted = [e for e in self._entries if e.from_word]
        if not wanted:
            return
        from motiongen.errors import MotiongenError
        from motiongen.output.pdf import pdfs

        for entry, pdf in zip(wanted, pdfs([e.data for e in wanted]), strict=True):
            if pdf is None:
                raise MotiongenError(
                    "LibreOffice could not turn this document into a PDF",
                    file=shown(entry.path),
                    hint="try --format docx and save it as PDF from Word or LibreOffice",
                )
            entry.data, entry.from_word = pdf, False


def taken(paths: Iterable[Path]) -> list[Path]:
    """The names already in use (a dangling symbolic link counts: it is a name)."""
    return [p for p in paths if os.path.lexists(p)]


def already_there(paths: list[Path]) -> FileExists:
    """One line for the files in the way, however many."""
    first = paths[0]
    if len(paths) == 1:
        message = "a file of this name is already there"
    else:
        others = ", ".join(p.name for p in paths[1:4]) + (", …" if len(paths) > 4 else "")
        message = f"{len(paths)} of the files to write are already there (also {others})"
    them = "it" if len(paths) == 1 else "them"
    return FileExists(
        message,
        file=shown(first),
        hint=f"add --force to replace {them}, or choose another name or folder",
    )


@contextlib.contextmanager
def _placing(force: bool) -> Iterator[Callable[[Path, Path], None]]:
    """Give staged files their names; if one fails, those already placed are undone.

    A name that was free is freed again; a file replaced with ``force`` is put
    back from the hard link kept of it until the whole set is placed.
    """
    done: list[tuple[Path, Path | None]] = []  # each name placed, and its old file kept

    def placed(tmp: Path, path: Path) -> None:
        kept = _keep_old(path) if force else None
        try:
            place(tmp, path, force=force)
        except BaseException:
            if kept is not None:
                discard(kept)
            raise
        done.append((path, kept))

    try:
        yield placed
    except BaseException:
        for path, kept in reversed(done):
            with contextlib.suppress(OSError):
                if kept is not None:
                    os.replace(kept, path)
                else:
                    path.unlink()
        raise
    finally:
        for _, kept in done:
            if kept is not None:
                discard(kept)


def _keep_old(path: Path) -> Path | None:
    """A hard link to the file about to be replaced, to put it back; None if there is
    none, or the file system cannot link (then a failure cannot undo the replace)."""
    if not os.path.lexists(path) or path.is_symlink():
        return None
    from motiongen import signals

    kept = path.with_name(f".{path.name}.{os.getpid()}.old")
    try:
        with signals.deferred():
            os.link(path, kept)
            signals.PENDING.add(str(kept))
    except OSError:
        return None
    return kept


def _where(path: Path) -> tuple[str, str]:
    """An output's folder, resolved, and its name: two spellings of one name meet here,
    while a symbolic link stays its own name (with --force it is replaced, not followed)."""
    return os.path.realpath(path.parent), path.name


def _read_from(path: Path) -> tuple[str, str]:
    """An input as the file it is, through any symbolic links: the name not to replace."""
    real = os.path.realpath(path)
    return os.path.dirname(real), os.path.basename(real)
