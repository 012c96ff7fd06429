"""A user's path opened as an ordinary file, or refused in one line.

A device (``/dev/zero``) never ends and a FIFO blocks whoever opens it, so a
path is looked at (``stat``) before it is opened and opened only if it names a
regular file; it is opened without blocking and looked at again through the
open file, so a path swapped for a FIFO in between is refused too. Reads stop at
a limit, whatever the file's size said.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from motiongen.errors import InputError

_CHUNK = 1 << 16


def _kind(mode: int) -> str | None:
    """What a path is, when it is not an ordinary file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def _not_regular(path: Path, kind: str, field: str | None) -> InputError:
    if kind == "a folder":
        return InputError("this is a folder, not a file", file=path, field=field)
    return InputError(
        f"this is {kind}, not a file: motiongen reads only ordinary files",
        file=path,
        field=field,
        hint="give the name of a file saved on disk",
    )


def _os_error(path: Path, exc: OSError, field: str | None) -> InputError:
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return InputError("no such file", file=path, field=field, hint="check the name and folder")
    if isinstance(exc, IsADirectoryError):
        return InputError("this is a folder, not a file", file=path, field=field)
    return InputError(f"cannot read the file: {exc.strerror or exc}", file=path, field=field)


def size_of(path: str | Path, *, field: str | None = None) -> int:
    """The size of an ordinary file; anything else (missing, a folder, a device, a
    FIFO) is an InputError. Nothing is opened."""
    path = Path(path)
    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:
        if isinstance(exc, ValueError):  # a NUL in the name
            raise InputError("no such file", file=path, field=field) from None
        raise _os_error(path, exc, field) from None
    kind = _kind(info.st_mode)
    if kind is not None:
        raise _not_regular(path, kind, field)
    return info.st_size


class TooLarge(InputError):
    """A file over the limit its reader sets."""

    def __init__(self, path: Path, limit: int, field: str | None = None) -> None:
        super().__init__(
            f"the file is larger than the {limit / 1_000_000:g} MB motiongen reads",
            file=path,
            field=field,
            hint="is this the file you meant?",
        )
        self.limit = limit


def read_bytes(path: str | Path, *, limit: int, field: str | None = None) -> bytes:
    """An ordinary file's bytes, at most ``limit`` of them (more is TooLarge)."""
    path = Path(path)
    if size_of(path, field=field) > limit:
        raise TooLarge(path, limit, field)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _os_error(path, exc, field) from None
    try:
        kind = _kind(os.fstat(fd).st_mode)
        if kind is not None:  # swapped after it was looked at
            raise _not_regular(path, kind, field)
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, _CHUNK):
            total += len(chunk)
            if total > limit:
                raise TooLarge(path, limit, field)
            chunks.append(chunk)
        return b"".join(chunks)
    except InputError:
        raise
    except OSError as exc:
        raise _os_error(path, exc, field) from None
    finally:
        os.close(fd)
