"""Ending cleanly when the system asks: SIGTERM and SIGHUP become an interruption.

Python turns Ctrl-C into KeyboardInterrupt, so every ``finally`` runs: temporary
files are removed and worker processes ended. A polite kill or a closed terminal
gets the same treatment here, instead of dying with its temporary files left behind.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any


class Terminated(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM, or SIGHUP when the terminal closed)."""


def _raise(signum: int, frame: Any) -> None:
    raise Terminated(signum)


def _wanted() -> list[signal.Signals]:
    return [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]


def install() -> None:
    """Make SIGTERM and SIGHUP interrupt this process like Ctrl-C (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in _wanted():
        signal.signal(signum, _raise)


def install_in_worker() -> None:
    """In a worker process: stop quietly when idle; when busy, unwind first, so
    that the file being written is removed (the worker then exits)."""
    import os

    def stop(signum: int, frame: Any) -> None:
        if frame is not None and _busy(frame):
            raise Terminated(signum)
        os._exit(130)

    for signum in _wanted():
        signal.signal(signum, stop)
    if hasattr(signal, "SIGINT"):
        signal.signal(signal.SIGINT, stop)  # Ctrl-C reaches the whole group: the parent reports


def _busy(frame: Any) -> bool:
    """Whether motiongen's own code is on the stack (a write under way)."""
    while frame is not None:
        if "motiongen" in frame.f_code.co_filename and "signals.py" not in frame.f_code.co_filename:
            return True
        frame = frame.f_back
    return False


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """SIGTERM and SIGHUP interrupt the body; the previous handlers come back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise) for signum in _wanted()}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def die_with_parent() -> None:
    """In a worker: be sent SIGTERM when the parent dies, even if it was killed outright."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGTERM))
