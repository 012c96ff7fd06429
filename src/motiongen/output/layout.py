"""The line layout of a motion: its text in numbered lines of at most N characters.

Word, the text export and amendment citations all use this one layout, with hard
breaks, so that "line 14" is the same words for every reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types for annotations only: lines need no composing code to run
    from motiongen.motion.compose import Clause, Document

DEFAULT_WIDTH = 80
MIN_WIDTH = 30


@dataclass(frozen=True)
class Line:
    """One numbered line: which paragraph it belongs to and where in it it starts."""

    number: int
    text: str
    section: int  # index into Document.sections
    clause: int | None  # index into the section's clauses; None for the lead
    start: int  # offset of the line's text in the paragraph (label included)
    indent: int  # spaces before the text in the plain-text export


def width_for(doc: Document, width: int | None) -> int:
    """The width asked for, else the profile's, else 80 characters."""
    return width or doc.profile.line_width or DEFAULT_WIDTH


def wrap(text: str, width: int, indent: int = 0) -> list[tuple[int, str]]:
    """Greedy word wrap: (offset, line) pairs; later lines have ``indent`` fewer
    characters to fill. A word longer than a line is cut."""
    out: list[tuple[int, str]] = []
    pos = 0
    n = len(text)
    first = True
    while pos < n:
        while pos < n and text[pos] == " ":
            pos += 1
        if pos >= n:
            break
        room = width if first else max(1, width - indent)
        if n - pos <= room:
            out.append((pos, text[pos:]))
            break
        cut = text.rfind(" ", pos, pos + room + 1)
        if cut <= pos:
            cut = pos + room
        out.append((pos, text[pos:cut].rstrip()))
        pos = cut
        first = False
    return out


def label_width(clause: Clause) -> int:
    """Characters before a clause's text: its number and a space; none for a
    lone clause that has no number."""
    return len(clause.number) + 1 if clause.number else 0


HANGING = 2  # a lone clause has no number; its later lines are indented this much


def indent_of(clause: Clause) -> int:
    """How far a clause's later lines are indented: past its number, or, for a
    lone clause without one, a little, so a reader tells them from a new paragraph."""
    return label_width(clause) or HANGING


def paragraph(doc: Document, section: int, clause: int | None) -> str:
    """A paragraph of the motion as laid out: the lead, or "1. The clause."."""
    part = doc.sections[section]
    if clause is None:
        return part.lead
    item = part.clauses[clause]
    return f"{item.number} {item.text}" if item.number else item.text


def numbered_lines(doc: Document, width: int | None = None) -> list[Line]:
    """Every line of the motion's text, numbered from 1; title block and sources
    are not part of it."""
    size = width_for(doc, width)
    lines: list[Line] = []
    for s, section in enumerate(doc.sections):
        for c in [None, *range(len(section.clauses))]:
            text = paragraph(doc, s, c)
            indent = 0 if c is None else indent_of(section.clauses[c])
            for start, part in wrap(text, size, indent):
                lines.append(Line(len(lines) + 1, part, s, c, start, indent if start else 0))
    return lines


def line_at(lines: list[Line], section: int, clause: int | None, offset: int) -> int:
    """The number of the line holding character ``offset`` of a paragraph."""
    found = 0
    for line in lines:
        if line.section == section and line.clause == clause and line.start <= offset:
            found = line.number
    return found


def text(lines: list[Line]) -> str:
    """The numbered lines as plain text: the number, two spaces, the line."""
    digits = len(str(len(lines))) if lines else 1
    return "\n".join(
        f"{line.number:>{digits}}  {' ' * line.indent}{line.text}".rstrip() for line in lines
    )
