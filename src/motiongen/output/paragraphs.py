"""Word paragraphs and tables as XML text: how every Word file motiongen writes builds its body.

The motion, the papers (the compositing report, the brief, an amendment) and
the motion with tracked changes all describe their body here, as paragraphs of
runs and tables, and ``place`` writes them as XML text parsed in one go: the
same elements as making them one by one, for a fraction of the cost. Every
property is written in the schema's order (``ooxml``), so Word's own validator
finds nothing to refuse.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from motiongen.output.ooxml import W_NS

Change = Literal["ins", "del"]

# Characters XML 1.0 cannot hold; motion text is cleaned long before it gets
# here, so this only keeps a document well-formed whatever reaches it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass
class Run:
    """Text in one style: bold or not, and, in a tracked-changes document, inserted or
    deleted by an author. A line break in the text (\n, \r\n or \r) is a Word line break."""

    text: str
    bold: bool = False
    change: Change | None = None
    author: str = ""


@dataclass
class Para:
    style: str  # a style id
    runs: list[Run] = field(default_factory=list)
    keep_next: bool = False
    num_id: int | None = None
    counted: bool = False  # in the line numbers (only a motion's own text is)
    body_size: bool = False  # set at body size and not bold (a lead in numbered lines)
    indent: int = 0  # a left indent, in twentieths of a point
    change: Change | None = None  # the paragraph itself inserted or deleted
    author: str = ""

    def add(self, text: str, *, bold: bool = False) -> Para:
        self.runs.append(Run(text, bold))
        return self


@dataclass
class Table:
    """A table with a header row repeated on every page; ``widths`` in twips."""

    rows: Sequence[Sequence[str]]
    widths: Sequence[int]
    style: str = ""


Block = Para | Table


class Body:
    """A document's body in the making, and the numbering part its lists go into."""

    def __init__(self, numbering: Any, *, date: str = "") -> None:
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.date = date  # of the tracked changes
        self._revision = 0

    def paragraph(self, style: str, text: str | None = None, **properties: Any) -> Para:
        para = Para(style, **properties)
        if text is not None:
            para.add(text)
        self.blocks.append(para)
        return para

    def labelled(self, style: str, label: str, value: str, *, keep_next: bool = False) -> Para:
        """'Proposer: Sam Example', the label in bold."""
        return self.paragraph(style, keep_next=keep_next).add(f"{label}: ", bold=True).add(value)

    def table(self, rows: Sequence[Sequence[str]], widths: Sequence[int], style: str = "") -> None:
        self.blocks.append(Table(rows, widths, style))

    def new_list(self, abstract_id: int, start: int = 1) -> int:
        """A numbering instance that starts at ``start``: one for each run of clauses."""
        return new_list(self.numbering, abstract_id, start)

    def place(self, body: Any) -> None:
        """Every block, before the section properties, parsed from XML text in one go."""
        from lxml import etree  # type: ignore[import-untyped]

        xml = "".join(self._xml(block) for block in self.blocks)
        fragment = etree.fromstring(f'<w:body xmlns:w="{W_NS}">{xml}</w:body>', parser())
        before = body.find(f"{{{W_NS}}}sectPr")
        for element in list(fragment):
            if before is not None:
                before.addprevious(element)
            else:
                body.append(element)

    def _xml(self, block: Block) -> str:
        return _table(block) if isinstance(block, Table) else self._paragraph(block)

    def _mark(self, change: Change, author: str) -> str:
        """The attributes of a tracked change: a new id, its author and date."""
        self._revision += 1
        return f'w:id="{self._revision}" w:author="{attribute(author)}" w:date="{self.date}"'

    def _paragraph(self, p: Para) -> str:
        out = [f'<w:p><w:pPr><w:pStyle w:val="{attribute(p.style)}"/>']
        if p.keep_next:
            out.append("<w:keepNext/>")
        if p.num_id is not None:
            out.append(f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{p.num_id}"/></w:numPr>')
        if not p.counted:
            out.append("<w:suppressLineNumbers/>")
        if p.indent:
            out.append(f'<w:ind w:left="{p.indent}"/>')
        if p.change is not None and p.author:
            out.append(f"<w:rPr><w:{p.change} {self._mark(p.change, p.author)}/></w:rPr>")
        out.append("</w:pPr>")
        for run in p.runs:
            xml = _run(run, p.body_size)
            if run.change is not None and run.author:
                xml = f"<w:{run.change} {self._mark(run.change, run.author)}>{xml}</w:{run.change}>"
            out.append(xml)
        out.append("</w:p>")
        return "".join(out)


def _run(run: Run, body_size: bool) -> str:
    out = ["<w:r>"]
    if body_size:
        out.append('<w:rPr><w:b w:val="0"/><w:sz w:val="24"/></w:rPr>')
    elif run.bold:
        out.append("<w:rPr><w:b/></w:rPr>")
    tag = "w:delText" if run.change == "del" else "w:t"
    lines = run.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for index, line in enumerate(lines):
        if index:
            out.append("<w:br/>")
        if line:
            space = ' xml:space="preserve"' if line != line.strip() or run.change else ""
            out.append(f"<{tag}{space}>{text(line)}</{tag}>")
    out.append("</w:r>")
    return "".join(out)


def _table(table: Table) -> str:
    """A table of paragraphs, its columns of fixed widths (Word reads the cells',
    LibreOffice the grid's, so both are given) and its header row in bold, repeated
    on each page as long tables need."""
    widths = list(table.widths)
    style = f'<w:tblStyle w:val="{attribute(table.style)}"/>' if table.style else ""
    out = [
        f'<w:tbl><w:tblPr>{style}<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    for number, row in enumerate(table.rows):
        out.append("<w:tr>")
        if number == 0:
            out.append("<w:trPr><w:tblHeader/></w:trPr>")
        for width, cell in zip(widths, row, strict=True):
            run = _run(Run(cell, bold=number == 0), False) if cell else ""
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f"<w:p><w:pPr><w:suppressLineNumbers/></w:pPr>{run}</w:p></w:tc>"
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    # A paragraph after a table keeps it apart from what follows (and Word needs
    # one between two tables).
    out.append("<w:p><w:pPr><w:suppressLineNumbers/></w:pPr></w:p>")
    return "".join(out)


def new_list(numbering: Any, abstract_id: int, start: int) -> int:
    """A numbering instance over ``abstract_id`` that starts at ``start``.

    The XML python-docx's ``add_num`` writes, made with plain lxml: its XPath
    look-up of the ids in use was most of the cost of a motion's numbering.
    """
    w = f"{{{W_NS}}}"
    used = {int(num.get(f"{w}numId")) for num in numbering.iterchildren(f"{w}num")}
    num_id = next(n for n in range(1, len(used) + 2) if n not in used)  # the first free id
    num = numbering.makeelement(f"{w}num", {f"{w}numId": str(num_id)})
    abstract = num.makeelement(f"{w}abstractNumId", {f"{w}val": str(abstract_id)})
    num.append(abstract)
    override = num.makeelement(f"{w}lvlOverride", {f"{w}ilvl": "0"})
    override.append(override.makeelement(f"{w}startOverride", {f"{w}val": str(start)}))
    num.append(override)
    later = next(numbering.iterchildren(f"{w}numIdMacAtCleanup"), None)
    if later is not None:
        later.addprevious(num)
    else:
        numbering.append(num)
    return num_id


@functools.cache
def parser() -> Any:
    """The parser python-docx reads parts with, so the documents are the same; it
    resolves no entities."""
    from lxml import etree

    return etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def text(value: str) -> str:
    """Text as XML element content."""
    value = _NOT_XML.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(value: str) -> str:
    """Text as an XML attribute's value, in double quotes."""
    value = text(value).replace('"', "&quot;")
    return value.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
