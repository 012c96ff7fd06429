"""A small terminal screen for pexpect tests: what a person would see, not the
stream of redraws (prompt_toolkit redraws only what changed, so a word on
screen may never appear whole in the output stream)."""

from __future__ import annotations

import re
import time

import pexpect

_TOKEN = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])|\x1b[()][A-Za-z0-9]|\x1b[=>78]|(.)", re.DOTALL)


class Screen:
    """Rows of characters, moved about by the escape codes prompt_toolkit and rich use."""

    def __init__(self, rows: int, columns: int) -> None:
        self.rows, self.columns = rows, columns
        self.lines = [[" "] * columns for _ in range(rows)]
        self.row = self.col = 0

    def feed(self, data: str) -> None:
        for match in _TOKEN.finditer(data):
            args, code, char = match.group(1), match.group(2), match.group(3)
            if code is not None:
                self._csi(args or "", code)
            elif char == "\r":
                self.col = 0
            elif char == "\n":
                self._down()
            elif char == "\b":
                self.col = max(0, self.col - 1)
            elif char is not None and char.isprintable():
                if self.col >= self.columns:
                    self.col = 0
                    self._down()
                self.lines[self.row][self.col] = char
                self.col += 1

    def _down(self) -> None:
        if self.row == self.rows - 1:
            self.lines.pop(0)
            self.lines.append([" "] * self.columns)
        else:
            self.row += 1

    def _csi(self, args: str, code: str) -> None:
        numbers = [int(a) for a in args.replace("?", "").split(";") if a.isdigit()]
        n = numbers[0] if numbers else 1
        if code == "A":
            self.row = max(0, self.row - n)
        elif code == "B":
            self.row = min(self.rows - 1, self.row + n)
        elif code == "C":
            self.col = min(self.columns - 1, self.col + n)
        elif code == "D":
            self.col = max(0, self.col - n)
        elif code == "H":
            self.row = (numbers[0] if numbers else 1) - 1
            self.col = (numbers[1] if len(numbers) > 1 else 1) - 1
        elif code == "K":
            start = 0 if n == 1 and args == "1" else self.col
            end = self.col + 1 if args == "1" else self.columns
            for c in range(start, end):
                self.lines[self.row][c] = " "
        elif code == "J":
            for r in range(self.row + 1, self.rows):
                self.lines[r] = [" "] * self.columns
            for c in range(self.col, self.columns):
                self.lines[self.row][c] = " "

    def text(self) -> str:
        return "\n".join("".join(line).rstrip() for line in self.lines)


def wait_for(child: pexpect.spawn, screen: Screen, pattern: str, timeout: float = 5) -> str:
    """Read the child's output until ``pattern`` (a regex) is on screen; the screen text."""
    deadline = time.monotonic() + timeout
    while True:
        text = screen.text()
        if re.search(pattern, text):
            return text
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"not on screen: {pattern!r}\n--- screen ---\n{text}")
        try:
            screen.feed(child.read_nonblocking(4096, timeout=min(left, 0.2)))
        except pexpect.TIMEOUT:
            continue
