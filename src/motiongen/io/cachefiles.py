"""The cache folder's own files: read, written whole, and pruned once they fall out of use.

Every cache key is a content hash (version, seed bytes, the shaping code), so each
upgrade and each edit of ``seeds/`` leaves the old entries behind. They are pruned
by age: an entry not used for ``MAX_AGE`` goes. Age, not a count or size cap,
because two installations of different versions may share one folder: under a cap
each would push out the other's current entries in turn, while under age an entry
either of them still uses is kept, and what goes is only what nobody has run for a
month. The folder then holds at most a month's worth of new keys, a few MB.

"Used" is the file's mtime: a hit moves it to now, but only when it is more than
``REFRESH_AFTER`` old, so a hit costs at most one extra syscall, about once a day.

Pruning runs when an entry is written (a miss, which already costs a parse or a
validation), at most once per folder per process, never on a hit. It removes only
names motiongen gives (``NAMES``) and the temporary files of writes interrupted
long ago (``PARTIAL``); anything else a user keeps there is never touched. Every
step may fail (a file gone under us, another process pruning, a read-only folder):
a cache costs only speed, so a failure is skipped, never reported.

What can be computed ahead ships with the package, in ``_prebuilt/`` beside its
modules (``prebuilt``, made when the wheel is built): the built-in catalogue's
and profiles' entries, under the names a first run would give them. An entry
missing from the cache folder is looked for there, so a new user's first run
reads what every later run reads. A wheel also records there the code key it
was built with (a digest of its source), since installing gives its files new
modification times; an editable checkout has no such record and counts its
modules as below, so an edit is seen at once.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import time
from pathlib import Path

PACKAGE = Path(__file__).parent.parent  # motiongen's own folder
PREBUILT = PACKAGE / "_prebuilt"
RECORDED_KEY = "code-key"  # in PREBUILT: the code key a wheel was built with, in hex
_OWN_FOLDERS = ("__pycache__", "_data", "_prebuilt")
_chosen: list[bytes] = []  # a key set by use_key, for making the prebuilt entries


def use_key(key: bytes) -> None:
    """Make entries under ``key`` from now on: the one a wheel will record (``prebuilt``)."""
    _chosen[:] = [key]
    code_key.cache_clear()


@functools.cache
def code_key() -> bytes:
    """What every cache entry depends on besides its own input: motiongen's version and
    all of its code, so an edited module (in an editable install) is a new key.

    A wheel's key is the digest of its source, recorded when it was built
    (``source_key``). Elsewhere each module counts by its path, size and
    modification time: the test Python itself makes to know that a module's
    compiled code is stale, and a few stat calls rather than reading and hashing
    all the source at every start.
    """
    if _chosen:
        return _chosen[0]
    try:
        return bytes.fromhex((PREBUILT / RECORDED_KEY).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        pass
    import motiongen

    digest = hashlib.sha256(f"motiongen {motiongen.__version__}".encode())
    for relative, path in _modules():
        try:
            found = os.stat(path)
        except OSError:
            continue
        digest.update(f"{relative}\0{found.st_size}\0{found.st_mtime_ns}\0".encode())
    return digest.digest()


def source_key() -> bytes:
    """motiongen's version and the bytes of every module: the key a wheel records."""
    import motiongen

    digest = hashlib.sha256(f"motiongen {motiongen.__version__}".encode())
    for relative, path in _modules():
        data = Path(path).read_bytes()
        digest.update(f"{relative}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.digest()


def _modules() -> list[tuple[str, str]]:
    """(path inside the package, path) of each module, in a stable order."""
    found = []
    for folder, subfolders, names in os.walk(PACKAGE):
        subfolders[:] = sorted(d for d in subfolders if d not in _OWN_FOLDERS)
        for name in sorted(n for n in names if n.endswith(".py")):
            path = os.path.join(folder, name)
            found.append((os.path.relpath(path, PACKAGE), path))
    return found


HOUR = 60 * 60
DAY = 24 * HOUR
# A month: longer than any gap between uses of a version someone still runs, short
# enough that superseded entries do not pile up across many upgrades and seed edits.
MAX_AGE = 30 * DAY
# A hit marks its entry as used only when the mark is this old: one syscall a day at
# most, and an entry in use never comes near MAX_AGE.
REFRESH_AFTER = DAY
# A write takes well under a second; a temporary file an hour old is from a write
# that was interrupted (killed, power lost) and will never be finished.
PARTIAL_AGE = HOUR

# Entries: `<key>.pickle`, `<key>.<kind>.pickle` (models, word...) and `view-<key>.json`.
NAMES = r"[0-9a-f]{32}(?:\.[a-z]+)?\.pickle|view-[0-9a-f]{32}\.json"
# What `tempfile` names a half-written entry: its prefix and 8 random characters.
PARTIAL = r"tmp[a-z0-9_]{8}\.tmp"

_pruned: set[Path] = set()  # folders already pruned by this process


def read(path: Path) -> bytes | None:
    """An entry's bytes, or None when it cannot be read; a hit marks the entry as used.

    An entry the folder lacks is read from the package's own (``PREBUILT``), if it
    shipped with one of that name; that copy is never marked or changed.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return _prebuilt(path.name)
    try:
        status = os.fstat(fd)
        parts = []
        while chunk := os.read(fd, status.st_size + 1):
            parts.append(chunk)
        if abs(time.time() - status.st_mtime) > REFRESH_AFTER:
            with contextlib.suppress(OSError):  # a folder we may read but not change
                os.utime(fd if os.utime in os.supports_fd else path)
        return b"".join(parts)
    except OSError:
        return None
    finally:
        os.close(fd)


def _prebuilt(name: str) -> bytes | None:
    try:
        with open(PREBUILT / name, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def write(path: Path, data: bytes) -> None:
    """Store an entry whole (a reader sees the old file or the new one), then prune its folder.

    The folder is pruned even when the write fails: a full disk is one reason to.
    """
    import tempfile  # only when the cache is written, for start-up time

    written: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as tmp:
            written = tmp.name
            tmp.write(data)
        os.replace(written, path)
    except OSError:  # a read-only or full cache folder costs only speed
        if written is not None:
            with contextlib.suppress(OSError):
                os.unlink(written)
    prune(path.parent)


def prune(folder: Path) -> None:
    """Remove the folder's entries unused for ``MAX_AGE`` and its stale temporary files."""
    if folder in _pruned:
        return
    _pruned.add(folder)
    now = time.time()
    try:
        listing = os.scandir(folder)
    except OSError:
        return
    with listing:
        for entry in listing:
            if re.fullmatch(NAMES, entry.name):
                limit = MAX_AGE
            elif re.fullmatch(PARTIAL, entry.name):
                limit = PARTIAL_AGE
            else:
                continue  # not ours
            # Another process may be pruning too, or reading: whatever fails is skipped.
            with contextlib.suppress(OSError):
                status = entry.stat(follow_symlinks=False)
                # A date in the future (a clock put right) counts as old too, or it would stay.
                if entry.is_file(follow_symlinks=False) and abs(now - status.st_mtime) > limit:
                    os.unlink(entry.path)
