"""Ending cleanly when the system asks: SIGTERM and SIGHUP become an interruption.

Python turns Ctrl-C into KeyboardInterrupt, so every ``finally`` runs: temporary
files are removed and worker processes ended. A polite kill or a closed terminal
gets the same treatment here, instead of dying with its temporary files left behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from typing import Any


class Terminated(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM, or SIGHUP when the terminal closed)."""


# Half-written files of this process. A signal can arrive anywhere, even inside
# the ``finally`` that would remove one, so the handlers remove them first.
PENDING: set[str] = set()


def remove_pending() -> None:
    for name in list(PENDING):
        with contextlib.suppress(OSError):
            os.unlink(name)
        PENDING.discard(name)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold SIGTERM, SIGHUP and SIGINT for a moment (making and recording a file)."""
    held = set(_wanted()) | {signal.SIGINT}
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:
        yield
        return
    mask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        mask(signal.SIG_UNBLOCK, held)


def _raise(signum: int, frame: Any) -> None:
    _ignore_more()  # a second signal must not cut short the clean-up of the first
    remove_pending()
    raise Terminated(signum)


def _ignore_more() -> None:
    for other in _wanted():
        signal.signal(other, signal.SIG_IGN)


def _wanted() -> list[signal.Signals]:
    return [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]


def install_in_worker() -> None:
    """In a worker process: Ctrl-C and a hang-up are for the parent, which then
    ends its workers with SIGTERM; on SIGTERM a worker removes the file it was
    writing and exits at once."""

    def stop(signum: int, frame: Any) -> None:
        remove_pending()
        os._exit(130)

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, stop)


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
