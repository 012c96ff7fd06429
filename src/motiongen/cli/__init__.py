"""The command line: parse options, call the core, print.

Each command lives in the module for its group; importing them registers them.
"""

from __future__ import annotations

import sys

from motiongen.cli import agenda, boundary, browse, conference, motions
from motiongen.cli.app import app
from motiongen.errors import EXIT_BAD_INPUT, MotiongenError

__all__ = ["agenda", "app", "browse", "conference", "main", "motions"]

# `motiongen --help` lists the commands in the order a secretary meets them:
# drafting and building first, then the motions someone else wrote.
ORDER = ("new", "build", "check", "schema", "import", "amend", "composite", "brief")
app.registered_commands.sort(
    key=lambda c: (
        ORDER.index(c.name or c.callback.__name__)  # type: ignore[union-attr]
        if (c.name or getattr(c.callback, "__name__", "")) in ORDER
        else len(ORDER)
    )
)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except MotiongenError as exc:  # raised outside a command, e.g. while parsing
        boundary.error(str(exc))
        sys.exit(EXIT_BAD_INPUT)
