"""Start-up stays light: heavy libraries load only with the commands that need them."""

from __future__ import annotations

import subprocess
import sys


def test_version_imports_no_heavy_library() -> None:
    code = (
        "import sys; from motiongen import cli\n"
        "heavy = [m for m in ('pydantic', 'docx', 'jinja2', 'ruamel', 'rich.table') "
        "if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
