"""The report and the brief as Word files: house style, and LibreOffice reading them back."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt

from conftest import REPO
from motiongen import catalogue, profiles
from motiongen.conference import brief, composite, report
from motiongen.output import paper
from wordtools import NS, W, lo_convert_all, part, pdf_text

EXAMPLES = REPO / "examples"
THREE = [EXAMPLES / f"composite-{name}.yaml" for name in ("anytown", "barrow", "carlisle")]
CAT = catalogue.load(with_user_files=False)
PROFILES = profiles.load(with_user_files=False)


def papers() -> dict[str, paper.Paper]:
    request = composite.Request(number=3, prefer=("council-run-childrens-homes",), max_words=250)
    result = composite.build(THREE, CAT, PROFILES, request)
    motion, profile = brief.read(EXAMPLES / "union-conference.yaml", CAT, PROFILES)
    return {
        "report": report.paper(result, "composite-3.yaml"),
        "brief": brief.paper(brief.make(result.motion, result.profile, CAT)),
        "union-brief": brief.paper(brief.make(motion, profile, CAT, minutes=2)),
    }


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[paper.Paper, Path]]:
    folder = tmp_path_factory.mktemp("papers")
    out = {}
    for name, found in papers().items():
        (path,) = paper.write(found, folder, name, ["docx"], force=False)
        out[name] = (found, path)
    return out


@pytest.mark.parametrize("name", ["report", "brief"])
def test_house_style(name: str, made: dict[str, tuple[paper.Paper, Path]]) -> None:
    found, path = made[name]
    document = docx.Document(str(path))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    styles = part(path, "word/styles.xml")
    lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang is not None and lang.get(f"{W}val") == "en-GB"
    assert document.paragraphs[0].style.name == "Heading 1"  # one level-1 heading, as a motion
    assert document.paragraphs[0].text == found.title
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == [b.text for b in found.blocks if b.kind == "heading"]
    footer = part(path, "word/footer1.xml") if name else None
    assert footer is not None and "PAGE" in "".join(footer.itertext())
    assert document.core_properties.title == found.title
    assert document.core_properties.language == "en-GB"
    size = document.styles["Normal"].font.size
    assert size == (Pt(16) if found.large else Pt(12))  # never below 12, as guidance asks


def test_the_report_table_is_a_real_table(made: dict[str, tuple[paper.Paper, Path]]) -> None:
    _, path = made["report"]
    tables = docx.Document(str(path)).tables
    assert [c.text for c in tables[0].rows[0].cells] == ["Clause", "Text", "Drawn from"]
    assert tables[0].rows[1].cells[0].text == "C1"
    assert len(tables) == 4  # the composite, then one for each motion


@pytest.fixture(scope="module")
def pdf_texts(
    made: dict[str, tuple[paper.Paper, Path]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("lo")
    pdfs = lo_convert_all([path for _, path in made.values()], folder)
    return {name: pdf_text(pdf) for name, pdf in zip(made, pdfs, strict=True)}


@pytest.mark.parametrize("name", ["report", "brief", "union-brief"])
def test_libreoffice_reads_each_back(
    name: str, made: dict[str, tuple[paper.Paper, Path]], pdf_texts: dict[str, str]
) -> None:
    found, _ = made[name]
    text = plain(pdf_texts[name])
    assert plain(found.title) in text
    assert "Page 1 of" in text
    for block in found.blocks:
        if block.kind in ("heading", "mark"):
            assert plain(block.text) in text
        if block.kind == "line":
            assert plain(" ".join(block.text.split()[:5])) in text


def plain(text: str) -> str:
    """Spaces and quotation marks as pdftotext may give them."""
    for curly in "\u201c\u201d":
        text = text.replace(curly, '"')
    text = re.sub(r"-[ \t]*\n\s*", "-", text)  # a line broken after a hyphen
    return " ".join(text.replace("\u2019", "'").split())


def test_libreoffice_reads_the_report_tables(pdf_texts: dict[str, str]) -> None:
    text = pdf_texts["report"]
    assert "Drawn from" in text and "Where it went" in text
    words = plain(text)
    assert "C1" in words and "C11" in words
    assert "left out: in conflict with" in words and "Composite 3, from Anytown, Barrow" in words


def test_a_long_table_repeats_its_header_row_on_each_page(tmp_path: Path) -> None:
    """The header row is marked as one the way Word's schema allows (w:tblHeader,
    no value: "true" is not one), and LibreOffice repeats it on page 2."""
    long = paper.Paper("A long report", "Anytown CLP", "a test")
    long.table(["Clause", "Text"], [(f"C{n}", f"Clause number {n}") for n in range(1, 80)])
    (path,) = paper.write(long, tmp_path, "long", ["docx"], force=False)
    first_row = part(path, "word/document.xml").find(".//w:tbl/w:tr", NS)
    header = first_row.find("w:trPr/w:tblHeader", NS)
    assert header is not None and header.get(f"{W}val") is None
    (pdf,) = lo_convert_all([path], tmp_path)
    pages = [page.split() for page in pdf_text(pdf).split("\f") if page.strip()]
    assert len(pages) > 1
    for words in pages[1:]:
        # After the running header, which names the document from page 2 on.
        assert words[:5] == ["A", "long", "report", "Clause", "Text"], words[:6]
