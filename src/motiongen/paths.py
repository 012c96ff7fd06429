"""Where motiongen's own data and the user's settings live.

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

import motiongen
from motiongen.errors import MotiongenError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

CONFIG_ENV = "MOTIONGEN_CONFIG_DIR"


@cache
def data_dir(name: str) -> Traversable:
    """The folder ``seeds`` or ``templates`` as shipped with this installation."""
    # The package's own folder, as importlib.resources would give it for a package
    # on disk; a zipped install (no folder) asks importlib.resources itself.
    if motiongen.__file__ is None or not os.path.isdir(os.path.dirname(motiongen.__file__)):
        from importlib import resources

        packaged: Traversable = resources.files("motiongen") / "_data" / name
    else:
        packaged = Path(motiongen.__file__).parent / "_data" / name
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


def config_dir() -> Path:
    """The platform's config folder for motiongen; ``MOTIONGEN_CONFIG_DIR`` overrides it."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("motiongen", appauthor=False))


def _install_record() -> str | None:
    """The install's ``direct_url.json``, from the first ``motiongen-*.dist-info`` on the path.

    importlib.metadata looks in the same places in the same order, but importing
    it costs more start-up time than the rest of this module.
    """
    for entry in sys.path:
        folder = entry or "."
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for found in names:
            if found.startswith("motiongen-") and found.endswith(".dist-info"):
                try:
                    return (Path(folder) / found / "direct_url.json").read_text("utf-8")
                except OSError:
                    return None  # the first install found is the one Python imports
    return None
