"""Keys typed before the walk-through is ready wait for it, unseen.

`motiongen new` takes about a second to draw its first list. Meanwhile the
terminal is in its ordinary mode, which shows each key as it is typed: an arrow
pressed early printed '^[[B' over the screen, and was lost. While the keys are
held, the terminal neither shows them nor waits for Enter, so they queue for the
first list, which then reads them as the arrows they are. Ctrl-C still stops.

No typer and no prompt_toolkit here: `cli.main` holds the keys before loading them.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from typing import Any

_saved: list[tuple[int, Any]] = []


def hold() -> None:
    """Stop showing typed keys, and let them queue, until `release` (or the end)."""
    if _saved:
        return
    try:
        import termios

        fd = sys.stdin.fileno()
        if not os.isatty(fd):
            return
        before = termios.tcgetattr(fd)
        quiet = termios.tcgetattr(fd)
        quiet[3] &= ~(termios.ECHO | termios.ICANON)
        quiet[0] &= ~termios.ICRNL  # Enter stays Enter (\r), as the first list reads it
        quiet[6][termios.VMIN] = 1
        quiet[6][termios.VTIME] = 0
        termios.tcsetattr(fd, termios.TCSANOW, quiet)
    except (ImportError, OSError, ValueError, AttributeError):
        return  # no terminal to hold (Windows, a pipe, a closed stdin): nothing to do
    _saved.append((fd, before))
    atexit.register(release)


def release() -> None:
    """The terminal as it was, the keys typed so far still waiting to be read."""
    while _saved:
        fd, before = _saved.pop()
        with contextlib.suppress(ImportError, OSError, ValueError):
            import termios

            termios.tcsetattr(fd, termios.TCSANOW, before)


def wanted(argv: list[str]) -> bool:
    """`motiongen new` about to ask questions in a terminal (not its --help)."""
    words = [a for a in argv if not a.startswith("-")]
    # 'new' comes first, or after a global option's value (--catalogue FILE new).
    return "new" in words[:3] and "--help" not in argv and not {"--yes", "-y"} & set(argv)
