"""Shell completion: `--install-completion` sets it up, and the shell then
completes commands and options."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The installed command, as the shell runs it: completion is keyed to its name.
COMMAND = str(Path(sys.executable).parent / "motiongen")


def test_install_completion_for_bash(tmp_path: Path) -> None:
    """The option takes no shell's name: typer asks which shell runs motiongen. So bash runs
    it here, and stays its parent (``; exit $?`` keeps bash from handing its process over),
    whatever started the tests: a terminal, an editor, or nothing at all."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    env = {k: v for k, v in os.environ.items() if k not in {"BASH_ENV", "ENV"}}
    done = subprocess.run(
        [bash, "-c", '"$0" --install-completion; exit $?', COMMAND],
        capture_output=True,
        text=True,
        env={**env, "HOME": str(tmp_path)},
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "bash completion installed" in done.stdout
    script = (tmp_path / ".bash_completions" / "motiongen.sh").read_text(encoding="utf-8")
    assert "_MOTIONGEN_COMPLETE=complete_bash" in script
    assert "motiongen.sh" in (tmp_path / ".bashrc").read_text(encoding="utf-8")


def complete(words: str) -> list[str]:
    done = subprocess.run(
        [COMMAND],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "_MOTIONGEN_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - 1),
        },
        timeout=60,
    )
    return done.stdout.split()


def test_the_shell_completes_commands_and_options() -> None:
    assert complete("motiongen bu") == ["build"]
    assert complete("motiongen build --submission") == ["--submission-copy"]
