"""The wheel's build step: the cache entries a first run would make, made ahead.

The built-in catalogue and profiles are parsed and validated here, as a first
run would (``motiongen.prebuilt``), and the wheel carries the entries in
``motiongen/_prebuilt/`` with the digest of the source they were made from. An
editable install gets its own beside the checkout's modules (git-ignored).
Making them needs pydantic, ruamel.yaml and jinja2 in the build (python-docx
too, for the Word base documents); without them, or if anything fails, the
package is built without them and only its first run is slower.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrebuiltHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        editable = version == "editable"
        if editable:
            folder = root / "src" / "motiongen" / "_prebuilt"
        else:
            folder = Path(tempfile.mkdtemp(prefix="motiongen-prebuilt-")) / "_prebuilt"
        # The build's own libraries are where this process finds them (pip's isolated
        # build puts them on its path, not always on PYTHONPATH): the child gets them all.
        path = os.pathsep.join([str(root / "src"), *(p for p in sys.path if p)])
        env = {**os.environ, "PYTHONPATH": path, "PYDANTIC_DISABLE_PLUGINS": "__all__"}
        command = [sys.executable, "-m", "motiongen.prebuilt", str(folder)]
        if not editable:
            command.append("--record-key")
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            self.app.display_warning(f"built without the prebuilt cache entries: {last}")
            return
        if not editable:
            build_data["force_include"][str(folder)] = "motiongen/_prebuilt"
