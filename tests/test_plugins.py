"""pydantic finds its plugins as before, with no importlib.metadata when there are none."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO
from motiongen import plugins

PLUGIN = """
class Plugin:
    def new_schema_validator(self, schema, schema_type, *args, **kwargs):
        print("plugin saw", schema_type.__name__)
        return None, None, None

plugin = Plugin()
"""

RUN = """
import sys
from motiongen.catalogue import models
models.Theme.model_validate({"id": "care", "title": "Care", "description": "Care."})
print("metadata loaded:", "importlib.metadata" in sys.modules)
"""


def install(site: Path, group: str) -> None:
    info = site / "fakeplugin-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fakeplugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[{group}]\nfake = fakeplugin:plugin\n")
    (site / "fakeplugin.py").write_text(PLUGIN)


def run(site: Path, **extra: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(site), "PYDANTIC_DISABLE_PLUGINS": "", **extra}
    done = subprocess.run(
        [sys.executable, "-c", RUN], capture_output=True, text=True, env=env, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_no_plugin_installed_means_no_metadata_import(tmp_path: Path) -> None:
    install(tmp_path, "console_scripts")  # entry points, but none for pydantic
    out = run(tmp_path)
    assert "plugin saw" not in out
    assert "metadata loaded: False" in out


def test_an_installed_plugin_is_still_used(tmp_path: Path) -> None:
    install(tmp_path, "pydantic")
    assert "plugin saw Theme" in run(tmp_path)
    assert "plugin saw" not in run(tmp_path, PYDANTIC_DISABLE_PLUGINS="__all__")


def test_offers_plugins_reads_entry_points(tmp_path: Path) -> None:
    assert not plugins.offers_plugins(str(tmp_path))
    assert not plugins.offers_plugins(str(tmp_path / "missing"))
    install(tmp_path, "pydantic")
    assert plugins.offers_plugins(str(tmp_path))
    zipped = tmp_path / "lib.zip"
    zipped.write_bytes(b"PK")
    assert plugins.offers_plugins(str(zipped))  # pydantic's own loader looks inside a zip
