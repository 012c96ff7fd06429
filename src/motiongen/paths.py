"""Where motiongen's own data, the user's settings and the cache live.

The packaged catalogue and templates are found in a wheel or an editable install.

The wheel carries ``seeds/`` and ``templates/`` as ``motiongen/_data/...``. An
editable install has no copy: there we follow the install record (PEP 610's
``direct_url.json``) back to the checkout, never the working directory.
"""

from __future__ import annotations

import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from motiongen.errors import MotiongenError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

CONFIG_ENV = "MOTIONGEN_CONFIG_DIR"
CACHE_ENV = "MOTIONGEN_CACHE_DIR"
DISTRIBUTION = "motiongen"


@cache
def data_dir(name: str) -> Traversable:
    """The folder ``seeds`` or ``templates`` as shipped with this installation."""
    # The wheel's copy beside this module, looked for first as a plain folder:
    # importlib.resources and importlib.metadata cost more than browsing the cache.
    packaged = Path(__file__).parent / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = _editable_checkout() or _source_tree()
    if checkout is not None and (checkout / name).is_dir():
        return checkout / name
    from importlib import resources  # an installation that is not plain folders (a zip)

    inside = resources.files("motiongen") / "_data" / name
    if inside.is_dir():
        return inside
    raise MotiongenError(
        f"motiongen's own '{name}' folder is missing from this installation",
        hint="reinstall it with 'pip install --force-reinstall motiongen'",
    )


def _source_tree() -> Path | None:
    """The checkout these modules are in, when they run from it uninstalled (``src/``
    on the import path, as while the wheel is built): a folder with pyproject.toml."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "pyproject.toml").is_file() and (root / "src").is_dir() else None


def _editable_checkout() -> Path | None:
    record = _install_record()
    if not record:
        return None
    info = json.loads(record)
    if not info.get("dir_info", {}).get("editable"):
        return None
    url = urlparse(info.get("url", ""))
    if url.scheme != "file":
        return None
    return Path(unquote(url.path))


def _install_record() -> str | None:
    """motiongen's ``direct_url.json``: read from its dist-info folder on the import path,
    as importlib.metadata would find it, which is asked only when that folder is not plain."""
    for entry in sys.path:
        try:
            found = sorted(Path(entry or ".").glob(f"{DISTRIBUTION}-*.dist-info"))
        except OSError:
            continue
        for info in found:
            try:
                return (info / "direct_url.json").read_text(encoding="utf-8")
            except OSError:
                return None  # a plain install: no record
    from importlib import metadata  # brings in email and zipfile: only when the above fails

    try:
        return metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None


def config_dir() -> Path:
    """The platform's config folder for motiongen; ``MOTIONGEN_CONFIG_DIR`` overrides it."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("motiongen", appauthor=False))


def cache_dir() -> Path | None:
    """The cache folder; ``MOTIONGEN_CACHE_DIR`` overrides it, and an empty value turns it off."""
    override = os.environ.get(CACHE_ENV)
    if override is not None:
        return Path(override) if override else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("motiongen", appauthor=False))
