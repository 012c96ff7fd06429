"""Documents that are not motions (the compositing report, the brief, an amendment) in every format.

Each is a title and a list of plain blocks (headings, lines, marks, notes,
tables). The text formats come from the ``paper.<fmt>.j2`` templates, Word from
the base document every motion is written into (A4, Arial, British English,
real headings, page numbers); a brief is set large, for reading at a rostrum.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Literal

from motiongen.output import render as templates
from motiongen.output.fileset import FileSet
from motiongen.output.paragraphs import Body
from motiongen.output.word import Properties, StyleIds, WordOptions, WordWriter
from motiongen.text import clean

BlockKind = Literal["heading", "line", "para", "mark", "table", "note"]
PAGE_TWIPS = 9070  # the width between A4's 2.5 cm margins, in twentieths of a point
NOTE_INDENT = 360  # a note is indented 18 points


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()  # for a table: the header row first
    widths: tuple[int, ...] = ()  # for a table: each column's share of the width


@dataclass
class Paper:
    """A titled document as a list of blocks; every text is cleaned as it is added."""

    title: str
    author: str
    subject: str
    blocks: list[Block] = field(default_factory=list)
    large: bool = False  # large type, for a rostrum

    def heading(self, text: str) -> None:
        self.blocks.append(Block("heading", clean(text)))

    def line(self, text: str) -> None:
        self.blocks.append(Block("line", clean(text)))

    def para(self, text: str) -> None:
        self.blocks.append(Block("para", clean(text)))

    def mark(self, text: str) -> None:
        self.blocks.append(Block("mark", clean(text)))

    def note(self, text: str) -> None:
        self.blocks.append(Block("note", clean(text)))

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int] = ()
    ) -> None:
        cells = tuple(tuple(clean(c) for c in row) for row in (header, *rows))
        self.blocks.append(Block("table", rows=cells, widths=tuple(widths)))


def render(paper: Paper, fmt: str, template_dir: Path | None = None) -> bytes:
    """The paper in one format (md, txt or docx; PDF is made from the Word file)."""
    if fmt == "docx":
        return word(paper, template_dir)
    return templates.render_paper(paper, fmt, template_dir=template_dir).encode("utf-8")


def word(paper: Paper, template_dir: Path | None = None) -> bytes:
    writer = WordWriter(WordOptions(template_dir=template_dir, large=paper.large))
    properties = Properties(
        title=paper.title,
        author=paper.author or "motiongen",
        subject=paper.subject,
        keywords="motion; children's social care; conference",
        description=f"Written by motiongen: {paper.subject}.",
    )
    return writer.write(partial(_fill, paper), properties, paper.title)


def _fill(paper: Paper, body: Body, ids: StyleIds) -> None:
    body.paragraph(ids.title, paper.title, keep_next=True)
    for block in paper.blocks:
        if block.kind == "heading":
            body.paragraph(ids.heading, block.text, keep_next=True)
        elif block.kind == "mark":
            body.paragraph(ids.normal, keep_next=True).add(block.text, bold=True)
        elif block.kind == "note":
            body.paragraph(ids.normal, block.text, indent=NOTE_INDENT)
        elif block.kind == "table":
            columns = len(block.rows[0])
            shares = list(block.widths) if len(block.widths) == columns else [1] * columns
            widths = [PAGE_TWIPS * share // sum(shares) for share in shares]
            body.table(block.rows, widths, ids.table)
        else:
            body.paragraph(ids.normal, block.text)


def write(
    paper: Paper,
    out_dir: Path,
    stem: str,
    formats: Sequence[str],
    *,
    force: bool,
    inputs: Sequence[Path] = (),
    template_dir: Path | None = None,
) -> list[Path]:
    """The paper in each format, as one set; ``inputs`` are never written over."""
    files = FileSet(force=force, inputs=inputs)
    files.add_document(out_dir, stem, formats, partial(render, paper, template_dir=template_dir))
    return files.write()
