"""Lay each corpus motion out as a Word file, the way a branch or council office would.

The words come from the corpus folder at run time (each ``NAME.truth.yaml``, which
holds the motion's own words as published); this script holds none. Each motion's
layout is named in ``bench/corpus.yaml`` (``docx:``), so that the corpus has them all:

numbered
    a heading-styled title; each lead its own paragraph; listed clauses as a Word
    numbered list (real numbering, restarting in each section); names under.
numbered-leads
    the opening words ("This Council:") alone, then each lead as a Word-numbered
    paragraph ("1. Notes that:") with its clauses as Word bullets under it.
dot-bullets
    listed clauses typed as "·" + tab paragraphs, as a clerk types them.
names-table
    as ``numbered``, with proposer, seconder and submitter in a two-column table.
tuc
    the number above the title, prose paragraphs, the union's name under the motion.
header-footer
    a Title-styled title and a page header and footer of office furniture.
plain
    every paragraph in Normal style, the title in bold.
libreoffice
    ``numbered``, then opened and saved again by LibreOffice (``soffice``), so that
    the file is one LibreOffice wrote.

What the file holds besides the motion (title, number, names, header, footer) is
written back to the truth as ``files.docx.not_motion``, for ``bench/corpus.py``.

    .venv/bin/python bench/corpus_docx.py [--corpus DIR] [--only NAME]
"""

from __future__ import annotations

import argparse
import copy
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]
LIST = REPO / "bench" / "corpus.yaml"
HEADER = "Agenda papers: motions"
FOOTER = "Printed by the office for members only"
LABELS = (("proposer", "Proposer"), ("seconder", "Seconder"), ("submitted_by", "Submitted by"))


def load(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


class Layout:
    """Builds one document and keeps a note of everything in it that is not motion text."""

    def __init__(self, style: str) -> None:
        self.style = style
        self.document = docx.Document()
        self.furniture: list[str] = []
        self.paragraph: Any = None

    # -- pieces that are not the motion
    def extra(self, text: str, style: str | None = None, bold: bool = False) -> Any:
        paragraph = self.document.add_paragraph(style=style)
        run = paragraph.add_run(text)
        run.bold = bold
        self.furniture.append(text)
        return paragraph

    def title(self, truth: dict[str, Any]) -> None:
        if truth.get("number") and self.style == "tuc":
            self.extra(str(truth["number"]))
        if not truth.get("title"):
            return
        if self.style == "header-footer":
            self.extra(truth["title"], style="Title")
        elif self.style == "plain":
            self.extra(truth["title"], bold=True)
        else:
            self.extra(truth["title"], style="Heading 1")

    def names(self, fields: dict[str, Any]) -> None:
        rows = [(label, fields[key]) for key, label in LABELS if fields.get(key)]
        if self.style == "tuc" and fields.get("submitted_by"):
            paragraph = self.extra(fields["submitted_by"])
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.runs[0].italic = True
            rows = [(label, value) for label, value in rows if label != "Submitted by"]
        if not rows:
            return
        if self.style == "names-table":
            table = self.document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, value
                self.furniture.append(f"{label} {' '.join(value.split())}")
        else:
            for label, value in rows:
                self.extra(f"{label}: {value}")

    def header_footer(self) -> None:
        section = self.document.sections[0]
        section.header.paragraphs[0].text = HEADER
        section.footer.paragraphs[0].text = FOOTER
        self.furniture += [HEADER, FOOTER]

    # -- the motion
    def new(self, text: str, style: str | None = None) -> None:
        self.paragraph = self.document.add_paragraph(style=style)
        self.paragraph.add_run(text)

    def add(self, text: str) -> None:
        if self.paragraph is None:
            self.new(text)
        else:
            self.paragraph.add_run(" " + text)

    def listed(self, text: str, numbered: bool, restart: bool) -> None:
        if self.style == "dot-bullets":
            self.new("·\t" + text)
            return
        self.new(text, style="List Number" if numbered else "List Bullet")
        if numbered and restart:
            restart_numbering(self.document, self.paragraph)

    def motion(self, truth: dict[str, Any]) -> None:
        if truth.get("preamble"):
            self.new(truth["preamble"])
        leads_numbered = self.style == "numbered-leads"
        first_lead = True
        for section in truth["sections"]:
            lead = section.get("lead")
            clauses = section["clauses"]
            listed = bool(section.get("list"))
            start = 0
            if lead:
                if section.get("midparagraph") and self.paragraph is not None:
                    self.add(lead)
                elif leads_numbered:
                    self.new(lead, style="List Number")
                    if first_lead:
                        restart_numbering(self.document, self.paragraph)
                    first_lead = False
                else:
                    self.new(lead)
                if section.get("inline") and clauses:
                    self.add(clauses[0]["text"])
                    start = 1
            restart = True
            for clause in clauses[start:]:
                if clause.get("joined"):
                    self.add(clause["text"])
                elif listed and not clause.get("prose") and self.style not in ("tuc", "plain"):
                    self.listed(clause["text"], numbered=not leads_numbered, restart=restart)
                    restart = False
                else:
                    self.new(clause["text"])


def restart_numbering(document: Any, paragraph: Any) -> None:
    """Start the paragraph's Word list again at 1, as a new list would."""
    numbering = document.part.numbering_part.element
    style_ppr = paragraph.style.element.pPr
    num_id = (
        style_ppr.numPr.numId.val if style_ppr is not None and style_ppr.numPr is not None else None
    )
    if num_id is None:
        return
    abstract = next(
        n.abstractNumId.val for n in numbering.iterchildren(qn("w:num")) if n.numId == num_id
    )
    new_id = max(n.numId for n in numbering.iterchildren(qn("w:num"))) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(new_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(abstract))
    num.append(ref)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    numbering.append(num)
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    numid = OxmlElement("w:numId")
    numid.set(qn("w:val"), str(new_id))
    numpr.append(ilvl)
    numpr.append(numid)
    ppr.append(numpr)


def build(truth: dict[str, Any], style: str, target: Path) -> list[str]:
    layout = Layout("numbered" if style == "libreoffice" else style)
    if style == "header-footer":
        layout.header_footer()
    layout.title(truth)
    layout.motion(truth)
    layout.names(truth.get("fields") or {})
    layout.document.save(str(target))
    if style == "libreoffice":
        resave(target)
    return layout.furniture


def resave(target: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(f"{target.name}: soffice not found; left as python-docx wrote it", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        out = Path(tmp) / "out"
        source = Path(tmp) / target.name
        shutil.copyfile(target, source)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                str(out),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copyfile(out / target.name, target)


def record(truth_path: Path, furniture: list[str]) -> None:
    """Write the file's furniture into the truth, keeping the rest of it as it is."""
    yaml = YAML()
    yaml.width = 4096
    yaml.allow_unicode = True
    data = yaml.load(truth_path.read_text(encoding="utf-8"))
    files = data.get("files") or {}
    files["docx"] = {"not_motion": copy.copy(furniture)}
    data["files"] = files
    with truth_path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=REPO / "bench" / "corpus", help="the corpus folder"
    )
    parser.add_argument("--only", help="one motion's name, e.g. gftu-res9")
    args = parser.parse_args()
    listing = load(LIST)
    made = 0
    for entry in listing["motions"]:
        style = entry.get("docx")
        if not style or (args.only and entry["name"] != args.only):
            continue
        truth_path = args.corpus / f"{entry['name']}.truth.yaml"
        if not truth_path.exists():
            print(f"{truth_path}: no truth file; gather the corpus first", file=sys.stderr)
            continue
        target = args.corpus / f"{entry['name']}.docx"
        furniture = build(load(truth_path), style, target)
        record(truth_path, furniture)
        made += 1
    print(f"wrote {made} Word files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
