"""motiongen run as a user runs it, in a child process held to a memory and a time limit:
a hostile input must end with one line in seconds, never run the machine out."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

GIGABYTE = 1 << 30


def motiongen(
    args: list[str], cwd: Path, *, seconds: float = 10.0, memory: int | None = GIGABYTE
) -> subprocess.CompletedProcess[str]:
    """The command's result; the test fails if it runs past ``seconds`` (killed at three
    times that), and the child may use at most ``memory`` bytes of address space."""

    def limited() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    start = time.monotonic()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "motiongen", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=3 * seconds,
            preexec_fn=limited,
            env={**os.environ, "COLUMNS": "400"},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"motiongen {' '.join(args)} still running after {3 * seconds:g} s")
    elapsed = time.monotonic() - start
    assert elapsed < seconds, f"motiongen {' '.join(args)} took {elapsed:.1f} s"
    return result
