"""Writing files without ever losing the user's work.

Each file is written to a temporary file in the same folder and then moved into
place in one step; an existing file is kept unless the user said --force. The
user's own words are also synced to the disk first; documents made from them
need not be (see ``write_atomic``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path, PurePath

from motiongen import signals
from motiongen.errors import InputError
from motiongen.text import slug


class FileExists(InputError):
    """A file is in the way and --force was not given."""


class WriteError(InputError):
    """The operating system refused a write: a read-only folder, a file in the way..."""


class DiskFull(WriteError):
    """No space left: every further write would fail too, so a batch stops here."""


def write_error(exc: OSError, path: Path) -> WriteError:
    """An operating-system error as one line naming the path and what to do."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return DiskFull(
            "the disk is full", file=path, hint="free some space, or choose another --out-dir"
        )
    if code == errno.EROFS:
        return WriteError(
            "this folder is read-only", file=path, hint="choose another folder with --out-dir"
        )
    if code in (errno.EACCES, errno.EPERM) and path.is_file() and _writable(path.parent):
        # The folder takes new files, so it is this one file that is held: open in a
        # program that locks it (Word on Windows), or marked read-only.
        return WriteError(
            "this file cannot be replaced: it may be open in Word or another program, "
            "or marked read-only",
            file=path,
            hint="close it, or clear its read-only setting, then try again",
        )
    if code in (errno.EACCES, errno.EPERM):
        return WriteError(
            "you do not have permission to write here",
            file=path,
            hint="choose a folder of your own with --out-dir",
        )
    if code in (errno.ENOTDIR, errno.EEXIST):
        return WriteError(
            "a file is in the way where a folder should be",
            file=path,
            hint="give --out-dir a folder, not a file",
        )
    if code == errno.ENOENT:
        return WriteError(
            "this folder cannot be made here",
            file=path,
            hint="choose another folder with --out-dir",
        )
    if code == errno.ENAMETOOLONG:
        return WriteError("the path is too long", file=path, hint="choose a shorter --out-dir")
    return WriteError(f"cannot write here: {exc.strerror or exc}", file=path)


def _writable(folder: Path) -> bool:
    try:
        return os.access(folder, os.W_OK)
    except OSError:
        return False


# The files Word and LibreOffice keep beside a document while it is open.
def lock_files(path: Path) -> list[Path]:
    """The lock files of an open document beside ``path``: LibreOffice's '.~lock.NAME#'
    and Word's '~$NAME' (Word drops the first one or two letters of a longer name)."""
    name = path.name
    names = {f".~lock.{name}#", f"~${name}", f"~${name[1:]}", f"~${name[2:]}"}
    return sorted(path.parent / n for n in names if os.path.lexists(path.parent / n))


def ensure_folder(folder: Path) -> None:
    """Make the output folder, or say in one line why it cannot be one."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(exc, folder) from None
    if not folder.is_dir():
        raise write_error(OSError(errno.ENOTDIR, "not a folder"), folder)


def check_folder(folder: Path) -> None:
    """Refuse, before any motion is made, an output folder that is a file; make nothing."""
    existing = folder
    while not os.path.lexists(existing) and existing.parent != existing:
        existing = existing.parent
    if os.path.lexists(existing) and not existing.is_dir():
        raise write_error(OSError(errno.ENOTDIR, "not a folder"), existing)


def write_atomic(path: Path, data: bytes, *, force: bool = False, durable: bool = True) -> None:
    """Write ``data`` to ``path`` in one step; refuse to replace a file unless ``force``.

    ``durable``: the data reaches the disk before the file takes its name, so
    that not even a power cut leaves an empty file there. The user's own words
    (a spec, a draft, settings) are written so. Documents made from them pass
    ``durable=False``: the spec makes them again in seconds, and a batch writes
    thousands, each sync costing as much as the rest of the write.
    """
    staged = stage(path, data, durable=durable)
    try:
        place(staged, path, force=force)
    finally:
        discard(staged)


def stage(path: Path, data: bytes, *, durable: bool = True) -> Path:
    """``data`` in a temporary file beside ``path``, to be given its name by ``place``.

    Everything that can fail for want of space happens here, so a set of files
    can be staged whole before any of them takes its name. The temporary file
    is removed if the process is stopped before it is placed (``signals``).
    """
    try:
        with signals.deferred():
            try:
                fd, tmp_name = _temporary(path)
            except FileNotFoundError:  # the folder is made only when missing: a batch asks once
                ensure_folder(path.parent)
                fd, tmp_name = _temporary(path)
            signals.PENDING.add(tmp_name)
    except OSError as exc:
        raise write_error(exc, path) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except OSError as exc:
        discard(tmp)
        raise write_error(exc, path) from None
    except BaseException:
        discard(tmp)
        raise
    return tmp


def place(staged: Path, path: Path, *, force: bool = False) -> None:
    """Give a staged file its name in one step; without ``force`` a file there is kept.

    Without ``force`` the name is taken with a hard link, which fails if the
    name is taken, with no window for a race; the staged file stays for
    ``discard``. With ``force`` the staged file replaces what is there (a
    symbolic link itself, never the file it points to).
    """
    try:
        if force:
            os.replace(staged, path)
            signals.PENDING.discard(str(staged))
            return
        try:
            os.link(staged, path)
        except FileExistsError:
            raise FileExists(
                "a file of this name is already there",
                file=path,
                hint="add --force to replace it, or choose another name or folder",
            ) from None
        except OSError:
            if os.path.lexists(path):
                raise FileExists(
                    "a file of this name is already there",
                    file=path,
                    hint="add --force to replace it, or choose another name or folder",
                ) from None
            os.replace(staged, path)  # a file system without hard links
            signals.PENDING.discard(str(staged))
    except OSError as exc:
        raise write_error(exc, path) from None


def discard(staged: Path) -> None:
    """Remove a staged file that was not placed (or the link a placed one left)."""
    with contextlib.suppress(FileNotFoundError):
        staged.unlink()
    signals.PENDING.discard(str(staged))


def _temporary(path: Path) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)


def safe_name(out_dir: Path, stem: str, suffix: str) -> Path:
    """A path inside ``out_dir`` whatever ``stem`` holds: slugs cannot climb out.

    The name is never resolved: a symbolic link of that name is then replaced
    itself (with --force), never the file it points to. The folder stays as the
    user wrote it, so messages name the file as they would. The test is on the
    name alone (one part, not '.' or '..'), so it asks the system nothing.
    """
    name = f"{slug(stem, limit=80)}.{suffix}"
    if name in (".", "..") or PurePath(name).name != name or "/" in name or "\\" in name:
        raise InputError("the output name would leave the output folder", field="output")
    return out_dir / name


class Namer:
    """Unique file stems within one run: the second 'Anytown' becomes 'anytown-2'."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def stem(self, wanted: str) -> str:
        base = slug(wanted, limit=80)
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def shown(path: Path | str) -> str:
    """A path as short as it can be for messages: relative when under the current folder."""
    import shlex

    try:
        text = str(Path(path).resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        text = str(path)
    return shlex.quote(text)
