"""Shell completion: `--install-completion` sets it up, and the shell then
completes commands and options."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# The installed command, as the shell runs it: completion is keyed to its name.
COMMAND = str(Path(sys.executable).parent / "motiongen")


def motiongen(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [COMMAND, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )


def test_install_completion_for_bash(tmp_path: Path) -> None:
    done = motiongen("--install-completion", "bash", env={"HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
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
