"""Where motiongen's own data, the user's settings and the cache live.

The packaged catalogue and templates are found in a wheel or an editable install.

The wheel carries ``seeds/`` and ``templates/`` as ``motiongen/_data/...``. An
editable install has no copy: there we follow the install record (PEP 610's
``direct_url.json``) back to the checkout, never the working directory.
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path
from urllib.parse import unquote, urlparse

from motiongen.errors import MotiongenError

CONFIG_ENV = "MOTIONGEN_CONFIG_DIR"
CACHE_ENV = "MOTIONGEN_CACHE_DIR"


@cache
def data_dir(name: str) -> Traversable:
    """The folder ``seeds`` or ``templates`` as shipped with this installation."""
    packaged = resources.files("motiongen") / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = _editable_checkout()
    if checkout is not None and (checkout / name).is_dir():
        return checkout / name
    raise MotiongenError(
        f"motiongen's own '{name}' folder is missing from this installation",
        hint="reinstall it with 'pip install --force-reinstall motiongen'",
    )


def _editable_checkout() -> Path | None:
    try:
        record = metadata.distribution("motiongen").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not record:
        return None
    info = json.loads(record)
    if not info.get("dir_info", {}).get("editable"):
        return None
    url = urlparse(info.get("url", ""))
    if url.scheme != "file":
        return None
    return Path(unquote(url.path))


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
