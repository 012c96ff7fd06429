"""Writes the compositing report and the mover's brief as Markdown and Word.

Both are documents of their own, not motions, so they are described as plain
blocks (headings, lines, tables) and rendered here. The Word file keeps the
house style of the motions: A4, Arial, British English, real headings, page
numbers; the brief is set large, for reading at a rostrum.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal

from motiongen.errors import InputError
from motiongen.output import house, ooxml, sentences
from motiongen.output.fileset import FileSet
from motiongen.text import clean, md_escape

BlockKind = Literal["heading", "line", "para", "mark", "table", "note"]
FORMATS = ("md", "docx")


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()  # for a table: the header row first
    widths: tuple[int, ...] = ()  # for a table: each column's share of the width


@dataclass
class Paper:
    """A titled document as a list of blocks."""

    title: str
    author: str
    subject: str
    blocks: list[Block] = field(default_factory=list)
    large: bool = False  # large type, for a rostrum

    def heading(self, text: str) -> None:
        self.blocks.append(Block("heading", text))

    def line(self, text: str) -> None:
        self.blocks.append(Block("line", text))

    def para(self, text: str) -> None:
        self.blocks.append(Block("para", text))

    def mark(self, text: str) -> None:
        self.blocks.append(Block("mark", text))

    def note(self, text: str) -> None:
        self.blocks.append(Block("note", text))

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int] = ()
    ) -> None:
        cells = (tuple(header), *map(tuple, rows))
        self.blocks.append(Block("table", rows=cells, widths=tuple(widths)))


def parse_formats(text: str) -> list[str]:
    formats = [f.strip().lower().lstrip(".") for f in text.split(",") if f.strip()]
    for fmt in formats:
        if fmt not in FORMATS:
            raise InputError(
                f"'{fmt}' is not a format this document comes in",
                field="--format",
                hint="choose md, docx or md,docx",
            )
    if not formats:
        raise InputError("no format given", field="--format", hint="for example --format md,docx")
    return list(dict.fromkeys(formats))


def markdown(paper: Paper) -> str:
    out = [f"# {md_escape(clean(paper.title))}", ""]
    for block in paper.blocks:
        text = md_escape(clean(block.text))
        if block.kind == "heading":
            out += [f"## {text}", ""]
        elif block.kind == "mark":
            out += [f"**{text}**", ""]
        elif block.kind == "note":
            out += [f"> {text}", ""]
        elif block.kind == "table":
            header, *rows = block.rows
            out.append("| " + " | ".join(md_escape(clean(c)) for c in header) + " |")
            out.append("|" + " --- |" * len(header))
            out += ["| " + " | ".join(md_escape(clean(c)) for c in row) + " |" for row in rows]
            out.append("")
        else:
            out += [text, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def word(paper: Paper) -> bytes:
    from docx import Document as new_document
    from docx.shared import Pt

    document = new_document()
    house.house_style(document)
    house.clear_body(document)
    house.drop_extras(document)
    house.set_language(document)
    section = document.sections[0]
    house.page_numbers(section.footer, sentences.load()["page"])
    styles = document.styles
    body_size, heading_size = (16, 20) if paper.large else (11, 14)
    styles["Normal"].font.size = Pt(body_size)
    styles["Normal"].paragraph_format.space_after = Pt(10 if paper.large else 6)
    styles["Heading 2"].font.size = Pt(heading_size)
    styles["Title"].font.size = Pt(heading_size + 4)
    styles["Footer"].font.size = Pt(body_size)
    document.add_paragraph(clean(paper.title), style="Title")
    for block in paper.blocks:
        if block.kind == "heading":
            document.add_paragraph(
                clean(block.text), style="Heading 2"
            ).paragraph_format.keep_with_next = True
        elif block.kind == "mark":
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.keep_with_next = True
            paragraph.add_run(clean(block.text)).bold = True
        elif block.kind == "table":
            _table(document, block.rows, block.widths)
        elif block.kind == "note":
            paragraph = document.add_paragraph(clean(block.text))
            paragraph.paragraph_format.left_indent = Pt(18)
        else:
            document.add_paragraph(clean(block.text))
    props = document.core_properties
    props.title = clean(paper.title)
    props.author = props.last_modified_by = clean(paper.author)
    props.subject = clean(paper.subject)
    props.comments = f"Written by motiongen: {clean(paper.subject)}."
    props.language = house.LANGUAGE
    props.keywords = "motion; children's social care; conference"
    props.revision = 1
    now = house.now()
    props.created = props.modified = now
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document: Any, rows: Sequence[Sequence[str]], widths: Sequence[int]) -> None:
    from docx.shared import Mm

    header, *body = rows
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(clean(text)).bold = True
    # The header row repeats on each page, as long tables need. No w:val: it
    # means on, and "true" is not a value Word's schema allows here.
    ooxml.get_or_add(table.rows[0]._tr.get_or_add_trPr(), "tblHeader")
    for row in body:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = clean(text)
    shares = list(widths) if len(widths) == len(header) else [1] * len(header)
    page = 160  # mm between the margins
    for index, column in enumerate(table.columns):
        width = Mm(page * shares[index] / sum(shares))
        column.width = width
        for cell in column.cells:
            cell.width = width  # Word reads the cells' widths, LibreOffice the grid's
    document.add_paragraph()


def render(paper: Paper, fmt: str) -> bytes:
    if fmt == "md":
        return markdown(paper).encode("utf-8")
    if fmt == "docx":
        return word(paper)
    raise ValueError(f"a paper is not written as {fmt}")


def write(
    paper: Paper,
    out_dir: Path,
    stem: str,
    formats: Sequence[str],
    *,
    force: bool,
    inputs: Sequence[Path] = (),
) -> list[Path]:
    """The paper in each format, as one set; ``inputs`` are never written over."""
    files = FileSet(force=force, inputs=inputs)
    files.add_document(out_dir, stem, formats, partial(render, paper))
    return files.write()
