"""Where the user's own settings and catalogue files live."""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_ENV = "MOTIONGEN_CONFIG_DIR"


def config_dir() -> Path:
    """The platform's config folder for motiongen; ``MOTIONGEN_CONFIG_DIR`` overrides it."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("motiongen", appauthor=False))
