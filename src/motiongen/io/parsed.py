"""Parse motiongen's own data files once, not on every run.

Reading the built-in catalogue and profiles with the round-trip YAML parser was
two thirds of every command's time. The parsed data and its line table are kept
in the user's cache folder under a key made of the file's name and content, so
an edited ``seeds/`` (an editable install) is seen at once, and a damaged or
unwritable cache only costs the parse it would have saved. The user's own files
are never cached: their errors keep coming from a fresh read.
"""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from motiongen import __version__
from motiongen.io import datafile
from motiongen.io.datafile import DataFile

CACHE_ENV = "MOTIONGEN_CACHE_DIR"
_SAFE = {("builtins", "dict"), ("builtins", "list"), ("datetime", "date")}


def cache_dir() -> Path | None:
    """The cache folder; ``MOTIONGEN_CACHE_DIR`` overrides it, and an empty value turns it off."""
    override = os.environ.get(CACHE_ENV)
    if override is not None:
        return Path(override) if override else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("motiongen", appauthor=False))


def load_builtin(text: str, name: str) -> DataFile:
    """A packaged data file, from the cache when its content has been parsed before."""
    folder = cache_dir()
    if folder is None:
        return datafile.loads(text, name)
    key = hashlib.sha256(f"{__version__}\0{name}\0{text}".encode()).hexdigest()[:32]
    path = folder / f"{key}.pickle"
    cached = _read(path)
    if cached is not None:
        data, lines = cached
        return DataFile(name, data, lines.get)
    parsed = datafile.loads(text, name)
    lines = _line_table(parsed)
    _write(path, (parsed.data, lines))
    return DataFile(name, parsed.data, lines.get)


def _line_table(parsed: DataFile) -> dict[tuple[str | int, ...], int]:
    """Every path in the data with its own line, so no parser is needed to find it later."""
    table: dict[tuple[str | int, ...], int] = {}

    def walk(node: Any, loc: tuple[str | int, ...]) -> None:
        if loc:
            line = parsed._line_of(loc)
            if line is not None:
                table[loc] = line
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*loc, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*loc, index))

    walk(parsed.data, ())
    return table


class _Unpickler(pickle.Unpickler):
    """Plain data only: a cache file is never a way to run code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _SAFE:
            return dt.date if module == "datetime" else getattr(builtins, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def _read(path: Path) -> tuple[Any, dict[tuple[str | int, ...], int]] | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        data, lines = _Unpickler(io.BytesIO(raw)).load()
    except Exception:  # a damaged cache file is only a missed saving
        return None
    return (data, lines) if isinstance(lines, dict) else None


def _write(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as tmp:
            tmp.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp.name, path)
    except OSError:
        return  # a read-only or full cache folder costs only speed
