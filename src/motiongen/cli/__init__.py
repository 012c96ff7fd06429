"""The command line: parse options, call the core, print.

``main`` tries the quick path first (``cli.quick``: the everyday commands,
without typer) and hands everything else to the typer application in
``cli.commands``, which knows every command, its help and its errors.
"""

from __future__ import annotations

import os
import sys

from motiongen.cli import boundary, keys, quick
from motiongen.errors import EXIT_BAD_INPUT, MotiongenError

# pydantic looks through every installed package for plugins (tracing, for one)
# when it builds its first model: a search that costs about a tenth of 'import
# typer' and that a command-line tool checking its own files has no use for.
# This is pydantic's documented switch; a value the user has set is kept.
PLUGINS_ENV = "PYDANTIC_DISABLE_PLUGINS"


def main() -> None:
    """Console-script entry point."""
    os.environ.setdefault(PLUGINS_ENV, "__all__")
    if keys.wanted(sys.argv[1:]):
        keys.hold()  # keys typed while `new` starts wait for its first list, unseen
    quick.run(sys.argv[1:])  # returns only when the quick path does not take these arguments
    from motiongen.cli.commands import app  # typer and every command: the full start-up

    try:
        app()
    except MotiongenError as exc:  # raised outside a command, e.g. while parsing
        boundary.error(str(exc))
        sys.exit(EXIT_BAD_INPUT)
    except SystemExit:
        # typer ends a closed pipe met outside a command (`--help | head`) with
        # exit 1 and marks stdout by wrapping it: the same line and code as elsewhere.
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":
            sys.exit(boundary.stdout_closed())
        raise
