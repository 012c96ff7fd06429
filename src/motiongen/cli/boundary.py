"""What every command shares: global options, the one error boundary, stdout and stderr.

The quick path (``cli.quick``) runs the everyday commands through this module
alone, so nothing here may import typer, rich or pydantic at start-up.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from motiongen import __version__, signals
from motiongen.errors import EXIT_BAD_INPUT, EXIT_INTERRUPTED, MotiongenError, terminal_safe


class State:
    """The global options, set once before a command runs."""

    debug = False
    catalogues: tuple[Path, ...] = ()
    profiles: tuple[Path, ...] = ()


def show_version() -> None:
    """``motiongen --version``."""
    emit(f"motiongen {__version__}\n")


def set_globals(catalogue: list[Path], profile_files: list[Path], debug: bool) -> None:
    """The options given before the command (``--catalogue``, ``--profiles``, ``--debug``)."""
    State.debug = debug
    State.catalogues = tuple(catalogue)
    State.profiles = tuple(profile_files)


class Stop(Exception):
    """A command ended with this exit code after saying why on stderr."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def call(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The one error boundary: a known error is one line on stderr and a fixed exit code."""
    try:
        with signals.handled():
            return func(*args, **kwargs)
    except MotiongenError as exc:
        if State.debug:
            raise
        error(str(exc))
        raise Stop(exc.exit_code) from None
    except KeyboardInterrupt:
        error("stopped; nothing was left half-written")
        raise Stop(EXIT_INTERRUPTED) from None
    except OSError as exc:
        if not is_closed_pipe(exc):
            raise
        raise Stop(stdout_closed()) from None


# A closed pipe (`motiongen demands list | head`) or a closed stdout (`>&-`) ends
# every command the same way: one line and exit 2, as the README's table says of
# output that could not be written.
STDOUT_CLOSED = MotiongenError(
    "standard output is closed, so not all of the output could be printed",
    hint="a program reading it, such as head, stopped early; to keep all of it, "
    "send it to a file with > FILE",
)


def is_closed_pipe(exc: BaseException) -> bool:
    return isinstance(exc, BrokenPipeError) or (
        isinstance(exc, OSError) and exc.errno in (errno.EPIPE, errno.EBADF)
    )


def stdout_closed() -> int:
    """Say once that stdout went away; the exit code to end with."""
    _silence_stdout()
    error(str(STDOUT_CLOSED))
    return EXIT_BAD_INPUT


def _silence_stdout() -> None:
    # Whatever is still buffered would fail again at exit, with a traceback.
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing more to flush at exit


def error(message: str) -> None:
    # Plain write, not rich: a message may hold brackets that rich would eat.
    say(f"Error: {message}")


def say(line: str) -> None:
    """Lines on stderr, made safe for the terminal; quiet if stderr is closed."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write("\n".join(terminal_safe(part) for part in line.split("\n")) + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass  # nowhere left to say it


def out(line: str = "") -> None:
    """A line of a command's own output on stdout (findings, a list of groups), made
    safe for the terminal as messages are: a name is shown, never obeyed."""
    emit("\n".join(terminal_safe(part) for part in line.split("\n")) + "\n")


def emit_document(text: str) -> None:
    """A document on stdout: as it is for a file or a pipe, shown safely on a terminal."""
    try:
        tty = sys.stdout is not None and sys.stdout.isatty()
    except (OSError, ValueError):
        tty = False
    if tty:
        text = "\n".join(terminal_safe(part) for part in text.split("\n"))
    emit(text)


def print_json(data: Any) -> None:
    """JSON on stdout; plain ASCII escapes where stdout cannot take UTF-8 (a cp1252 pipe)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    emit(json.dumps(data, ensure_ascii=encoding not in ("utf8", "utf8sig"), indent=2) + "\n")


def emit(text: str) -> None:
    """A document or JSON on stdout, whatever stdout is: closed, or not UTF-8."""
    stream = sys.stdout
    try:
        if stream is None:
            raise OSError("closed")
        try:
            stream.write(text)
        except UnicodeEncodeError:
            # A redirect in a legacy encoding: the bytes of the document as UTF-8,
            # which every editor opens, rather than a crash or lost characters.
            stream.flush()
            stream.buffer.write(text.encode("utf-8"))
        stream.flush()
    except (OSError, ValueError, AttributeError):
        _silence_stdout()
        raise MotiongenError(STDOUT_CLOSED.message, hint=STDOUT_CLOSED.hint) from None


def catalogue() -> Any:
    """The built-in catalogue with the user's own files (``--catalogue``) added."""
    from motiongen import catalogue as catalogues

    return catalogues.load(State.catalogues)


def profiles() -> Any:
    """The built-in profiles with the user's own (``--profiles``)."""
    from motiongen import profiles as bodies

    return bodies.load(State.profiles)
