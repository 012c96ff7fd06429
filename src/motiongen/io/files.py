"""Writing files without ever losing the user's work.

Each file is written to a temporary file in the same folder and then moved into
place in one step; an existing file is kept unless the user said --force.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from motiongen.errors import InputError, MotiongenError
from motiongen.text import slug


class FileExists(MotiongenError):
    """A file is in the way and --force was not given."""


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` in one step; refuse to replace a file unless ``force``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        if force:
            os.replace(tmp, path)
            return
        try:
            os.link(tmp, path)  # fails if the name is taken, with no window for a race
        except FileExistsError:
            raise FileExists(
                "a file of this name is already there",
                file=path,
                hint="add --force to replace it, or choose another --out-dir",
            ) from None
        except OSError:
            if path.exists():
                raise FileExists(
                    "a file of this name is already there",
                    file=path,
                    hint="add --force to replace it, or choose another --out-dir",
                ) from None
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def safe_name(out_dir: Path, stem: str, suffix: str) -> Path:
    """A path inside ``out_dir`` whatever ``stem`` holds: slugs cannot climb out."""
    name = f"{slug(stem, limit=80)}.{suffix}"
    path = (out_dir / name).resolve()
    if path.parent != out_dir.resolve():
        raise InputError("the output name would leave the output folder", field="output")
    return path


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
