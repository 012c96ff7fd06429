"""SIGTERM and SIGHUP end a build cleanly: no half-written file, no temporary
folder, no worker or LibreOffice process left running (failure 5 of the
hardening issue)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from motiongen.output.pdf import find_soffice


def children(pid: int) -> set[int]:
    """Every live descendant of ``pid``, read from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def batch(tmp_path: Path, count: int) -> Path:
    motions = "".join(f"  - submitted_by: Branch {n}\n" for n in range(count))
    path = tmp_path / "batch.yaml"
    path.write_text(
        "defaults:\n  profile: labour-branch\n  title: Keep our children's homes public\n"
        "  demands: [halt-nass, council-run-childrens-homes]\n  proposer: P\n  seconder: S\n"
        "motions:\n" + motions
    )
    return path


def start(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], Path]:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(scratch),
        "MOTIONGEN_CONFIG_DIR": str(tmp_path / "cfg"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "motiongen", *args],
        env=env,
        start_new_session=True,  # a process group of its own, as a shell gives a job
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return process, scratch


def wait_for(condition: object, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.02)
    pytest.fail("the build never got going")


@pytest.mark.parametrize(
    ("signum", "whole_group"),
    [
        (signal.SIGTERM, False),  # `kill PID`: only the parent is told
        (signal.SIGHUP, False),
        (signal.SIGTERM, True),  # `kill -- -PGID`, or a service manager stopping it
        (signal.SIGHUP, True),  # the terminal closed
        (signal.SIGINT, True),  # Ctrl-C
    ],
)
def test_a_killed_batch_leaves_nothing_behind(
    tmp_path: Path, signum: int, whole_group: bool
) -> None:
    spec = batch(tmp_path, 500)
    out = tmp_path / "out"
    process, scratch = start(tmp_path, "build", str(spec), "-o", str(out), "-f", "docx,md,txt")
    # Two worker processes write the Word files: wait until they are at work.
    wait_for(lambda: out.is_dir() and len(list(out.iterdir())) > 30)
    family = children(process.pid)
    assert family, "the batch runs in worker processes"
    if whole_group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)

    assert process.returncode == 130, stderr
    assert stderr == "Error: stopped; nothing was left half-written\n"
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    assert len(list(out.iterdir())) < 1500, "the batch was stopped, not finished"
    assert not list(scratch.iterdir()), "temporary folders were left behind"
    time.sleep(0.5)
    assert not [pid for pid in family if alive(pid)], "a worker outlived the batch"


@pytest.mark.skipif(find_soffice() is None, reason="needs LibreOffice")
def test_a_killed_pdf_build_ends_libreoffice(tmp_path: Path) -> None:
    spec = batch(tmp_path, 3)
    out = tmp_path / "out"
    process, scratch = start(tmp_path, "build", str(spec), "-o", str(out), "-f", "pdf")

    def libreoffice() -> set[int]:
        return {
            pid for pid in children(process.pid) | _in_folder(scratch) if "soffice" in _command(pid)
        }

    wait_for(lambda: bool(libreoffice()))
    time.sleep(0.5)  # let it start its own helpers
    running = libreoffice() | _in_folder(scratch)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)

    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    time.sleep(0.5)
    assert not [pid for pid in running if alive(pid)], "LibreOffice outlived the build"
    assert not _in_folder(scratch)
    assert not list(scratch.iterdir()), "temporary folders were left behind"
    assert not list(out.glob("*.tmp")) if out.exists() else True


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _in_folder(folder: Path) -> set[int]:
    """Processes started with ``folder`` in their command line or environment."""
    found = set()
    needle = str(folder).encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (
                needle in (entry / "cmdline").read_bytes()
                or needle in (entry / "environ").read_bytes()
            ):
                found.add(int(entry.name))
        except OSError:
            continue
    return {pid for pid in found if alive(pid)}
