"""One error hierarchy, so the CLI can map every failure to a fixed exit code.

Exit codes are part of the public interface: they are decided here, in one
table that the README's table repeats word for word (a test holds them together).
"""

from __future__ import annotations

import re
from pathlib import Path

EXIT_DONE = 0
EXIT_CHECKS_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130

EXIT_CODES: dict[int, str] = {
    EXIT_DONE: "done: everything asked for was checked or written; warnings and advice "
    "do not change this",
    EXIT_CHECKS_FAILED: "a motion failed its checks (over the word limit, no proposer…); "
    "`build` and `new` still write its documents so you can see what to cut",
    EXIT_BAD_INPUT: "something could not be used or written: an unreadable or invalid file, an "
    "unknown id or option, a document already there without `--force`, a folder that cannot "
    "be written, standard output closed before everything was printed, or LibreOffice "
    "failing to make a PDF",
    EXIT_INTERRUPTED: "stopped by Ctrl-C, `kill` or a closed terminal; nothing was left "
    "half-written",
}


# Controls a terminal would obey, and the marks that reorder words (bidirectional
# embeddings, overrides, isolates and marks) or hide them (zero-width characters):
# a file name or a clause holding one is shown with the mark written out.
INVISIBLE_MARKS = "\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
_TERMINAL_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{INVISIBLE_MARKS}]")


def terminal_safe(text: str) -> str:
    """A message as one line that a terminal prints and never obeys: controls shown escaped."""

    def escape(match: re.Match[str]) -> str:
        char = match.group(0)
        if char == "\n":
            return " "
        if char == "\t":
            return " "
        return repr(char)[1:-1] if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    return _TERMINAL_UNSAFE.sub(escape, text)


class MotiongenError(Exception):
    """A failure whose message is safe and useful to show the user as it is."""

    exit_code = EXIT_BAD_INPUT

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = field
        self.hint = hint

    def __reduce__(self) -> tuple[object, ...]:
        # Keep file, line and hint when an error crosses to another process.
        return (_rebuild, (type(self), self.message, dict(self.__dict__)))

    def where(self) -> str:
        """``file:line`` (or less) for the start of a one-line error."""
        if self.file is None:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        parts = []
        if self.where():
            parts.append(self.where() + ":")
        if self.field:
            parts.append(f"{self.field}:")
        parts.append(self.message)
        text = " ".join(parts)
        if self.hint:
            text += f" ({self.hint})"
        return terminal_safe(text)


class InputError(MotiongenError):
    """The input could not be used: unreadable file, bad syntax, unknown id."""


class CatalogueError(InputError):
    """A mistake in a catalogue file, built in or the user's own."""


class ChecksFailed(MotiongenError):
    """A motion was read but fails its checks (over the limit, missing proposer...)."""

    exit_code = EXIT_CHECKS_FAILED


def _rebuild(cls: type[MotiongenError], message: str, state: dict[str, object]) -> MotiongenError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


def exit_code(error: BaseException | None = None, *, checks_failed: bool = False) -> int:
    """The exit code for one outcome: an error's own code, else 1 for failed checks."""
    if isinstance(error, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(error, MotiongenError):
        return error.exit_code
    if error is not None:
        return EXIT_BAD_INPUT
    return EXIT_CHECKS_FAILED if checks_failed else EXIT_DONE


def worst(codes: list[int]) -> int:
    """A batch exits with the most serious code among its motions."""
    return max(codes, default=EXIT_DONE)
