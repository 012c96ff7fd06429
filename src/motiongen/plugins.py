"""pydantic's search for plugins, without importlib.metadata when none is installed.

When it builds its first model, pydantic imports its plugin loader, and with it
importlib.metadata: about a fifth of motiongen's start-up, spent to find that no
package offers a ``pydantic`` entry point. Until the first model is built, a
stand-in loader answers instead: it reads the same ``entry_points.txt`` files
that importlib.metadata would, and only if one names the ``pydantic`` group does
it hand over to pydantic's own loader, which then behaves exactly as always.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from collections.abc import Iterable
from typing import Any

LOADER = "pydantic.plugin._loader"  # where pydantic 2 keeps get_plugins()
GROUP = "[pydantic]"


def stand_in() -> None:
    """Put the stand-in loader in place, unless pydantic's own is already loaded."""
    if LOADER in sys.modules:
        return
    module = types.ModuleType(LOADER, __doc__)
    module.get_plugins = _get_plugins  # type: ignore[attr-defined]
    sys.modules[LOADER] = module


def _get_plugins() -> Iterable[Any]:
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in ("__all__", "1", "true"):
        return ()
    if not any(offers_plugins(entry) for entry in sys.path):
        return ()
    # A plugin is installed: pydantic's own loader from now on, for every model.
    sys.modules.pop(LOADER, None)
    real: Any = importlib.import_module(LOADER)
    return real.get_plugins()


def offers_plugins(entry: str) -> bool:
    """Whether any package installed in this ``sys.path`` folder has a pydantic entry point."""
    folder = entry or "."
    if os.path.isfile(folder):
        return True  # a zip file on the path: let pydantic's own loader look inside
    try:
        names = os.listdir(folder)
    except OSError:
        return False  # a missing folder holds no packages
    for name in names:
        if not name.endswith((".dist-info", ".egg-info")):
            continue
        try:
            with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as f:
                if any(line.strip() == GROUP for line in f):
                    return True
        except (OSError, UnicodeDecodeError):
            continue
    return False
