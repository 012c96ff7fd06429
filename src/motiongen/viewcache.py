"""The built-in catalogue and profiles' view (`view.build`), kept as JSON in the cache folder.

Browsing the built-in data should not wait for pydantic to validate it again:
its view is stored under a key made of every file in ``seeds/`` and the
package's code (``cachefiles.code_key``), so an edited ``seeds/`` or module in an
editable install is seen at once. Computing the key reads bytes and hashes
them; nothing here imports pydantic or ruamel until the cache misses. A
damaged, stale or unwritable cache costs only a rebuild, never an error; the
views of older keys are pruned with the other entries (`io.cachefiles`).

The user's own catalogue and profiles are never cached: when any may be in
play, the caller builds the view from the models instead (`catalogue_is_builtin`,
`profiles_are_builtin`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from motiongen.io import cachefiles
from motiongen.paths import cache_dir, config_dir, data_dir

SECTIONS = ("nations", "themes", "demands", "profiles")
CATALOGUE_ENV = "MOTIONGEN_CATALOGUE"  # as `catalogue.ENV_VAR`

View = dict[str, Any]


def builtin() -> View:
    """The view of the built-in catalogue and profiles: from the cache, or built and stored."""
    folder = cache_dir()
    if folder is None:
        return _build()
    key = cache_key()
    path = folder / f"view-{key}.json"
    cached = _read(path, key)
    if cached is not None:
        return cached
    view = _build()
    _write(path, {**view, "key": key})
    return view


def cache_key() -> str:
    """A digest of the package's code and every seed file's name and bytes."""
    digest = hashlib.sha256(cachefiles.code_key())
    for name, data in _seed_files():
        digest.update(f"seeds/{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def _seed_files() -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    pending = [("", data_dir("seeds"))]
    while pending:
        prefix, folder = pending.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                pending.append((f"{prefix}{entry.name}/", entry))
            elif entry.is_file():
                found.append((prefix + entry.name, entry.read_bytes()))
    return sorted(found)


def catalogue_is_builtin(extra: Sequence[str | Path] = ()) -> bool:
    """No user catalogue can be in play: no ``--catalogue``, no environment, no config file.

    The same places `catalogue.user_files` looks, asked without loading the catalogue.
    """
    if extra or os.environ.get(CATALOGUE_ENV, "").strip():
        return False
    return not (config_dir() / "catalogue.yaml").is_file()


def profiles_are_builtin(extra: Sequence[str | Path] = ()) -> bool:
    """No user profile can be in play: the places `profiles.user_profile_files` looks."""
    if extra:
        return False
    folder = config_dir() / "profiles"
    return not (folder.is_dir() and any(folder.glob("*.y*ml")))


def _build() -> View:
    # pydantic and ruamel come in only on a miss, for start-up time.
    from motiongen import catalogue, profiles, view

    return view.build(catalogue.load(with_user_files=False), profiles.load(with_user_files=False))


def _read(path: Path, key: str) -> View | None:
    raw = cachefiles.read(path)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except Exception:  # damaged: only a missed saving
        return None
    if not isinstance(data, dict) or data.pop("key", None) != key:
        return None
    if not all(isinstance(data.get(section), dict) for section in SECTIONS):
        return None
    return data


def _write(path: Path, view: View) -> None:
    text = json.dumps(view, ensure_ascii=False, separators=(",", ":"))
    cachefiles.write(path, text.encode("utf-8"))
