"""The Word file: what a conference office opens. Structure checked part by part,
golden XML for each profile, and a real consumer (LibreOffice) reading it back."""

from __future__ import annotations

import difflib
import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Mm
from typer.testing import CliRunner

from conftest import REPO
from motiongen import __version__, catalogue, profiles
from motiongen.cli.commands import app
from motiongen.errors import InputError
from motiongen.motion import spec
from motiongen.motion.compose import compose
from motiongen.output.word import WordOptions, WordWriter
from test_golden import EXAMPLES
from wordtools import (
    NS,
    W,
    letterhead,
    libreoffice_letterhead,
    lo_convert,
    lo_convert_all,
    need_soffice,
    part,
    pdf_text,
    pretty,
)

GOLDEN = Path(__file__).parent / "golden"
CAT = catalogue.load(with_user_files=False)
PROFILES = profiles.load(with_user_files=False)


def document_for(profile_id: str):  # type: ignore[no-untyped-def]
    (job,) = spec.read(REPO / "examples" / EXAMPLES[profile_id])
    assert job.motion is not None
    return compose(job.motion, PROFILES.get(profile_id), CAT)


@pytest.fixture(scope="module")
def branch_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "branch.docx"
    path.write_bytes(WordWriter().render(document_for("labour-branch")))
    return path


def test_page_is_a4_with_sensible_margins(branch_docx: Path) -> None:
    section = docx.Document(str(branch_docx)).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5)  # Word stores twentieths of a point
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    for margin in (section.left_margin, section.right_margin, section.top_margin):
        assert Mm(20) <= margin <= Mm(30)


def test_language_is_british_english(branch_docx: Path) -> None:
    styles = part(branch_docx, "word/styles.xml")
    lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang is not None and lang.get(f"{W}val") == "en-GB"
    assert {el.get(f"{W}val") for el in styles.iter(f"{W}lang")} == {"en-GB"}
    settings = part(branch_docx, "word/settings.xml")
    assert settings.find("w:themeFontLang", NS).get(f"{W}val") == "en-GB"


def outline_level(document: docx.document.Document, style_name: str) -> str | None:
    """The outline level a paragraph style gives, following its basedOn chain."""
    style = document.styles[style_name]
    while style is not None:
        level = style.element.find("w:pPr/w:outlineLvl", NS)
        if level is not None:
            return str(level.get(f"{W}val"))
        style = style.base_style
    return None


def test_title_is_a_real_title_and_leads_are_headings(branch_docx: Path) -> None:
    document = docx.Document(str(branch_docx))
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Heading 1"
    assert outline_level(document, paragraphs[0].style.name) == "0"
    assert outline_level(document, "Heading 2") == "1"
    assert [p for p in paragraphs if p.style.name in ("Title", "Heading 1")] == paragraphs[:1]
    assert paragraphs[0].text == "Bring children's social care back into public hands"
    headings = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    assert headings[:2] == ["This branch notes:", "This branch believes that:"]
    texts = [p.text for p in paragraphs]
    assert "Submitted by: Anytown Central Branch Labour Party" in texts
    assert "Meeting date: 14 January 2027" in texts
    assert "Proposer: Sam Example" in texts and "Seconder: Alex Example" in texts
    (count,) = [p for p in paragraphs if p.style.name == "Word Count"]
    assert count.text == "205 words."  # no limit for a branch, so no limit line


def test_word_count_is_set_apart(branch_docx: Path) -> None:
    style = docx.Document(str(branch_docx)).styles["Word Count"]
    assert style.paragraph_format.space_before.pt >= 12
    assert style.element.find("w:pPr/w:pBdr/w:top", NS) is not None


def test_word_count_is_worded_plainly_against_a_limit(tmp_path: Path) -> None:
    path = tmp_path / "conf.docx"
    path.write_bytes(WordWriter().render(document_for("labour-conference")))
    (count,) = [p for p in docx.Document(str(path)).paragraphs if p.style.name == "Word Count"]
    words = document_for("labour-conference").words
    assert count.text.startswith(f"{words} words. The limit is 250.")


def numbered(path: Path) -> list[tuple[str, str]]:
    body = part(path, "word/document.xml").find("w:body", NS)
    out = []
    for p in body.findall("w:p", NS):
        num = p.find("w:pPr/w:numPr/w:numId", NS)
        if num is not None:
            out.append((num.get(f"{W}val"), "".join(p.itertext())))
    return out


def test_clauses_are_real_numbered_lists_restarting_per_section(branch_docx: Path) -> None:
    items = numbered(branch_docx)
    assert not any(text[:2].strip().rstrip(".").isdigit() for _, text in items), "typed numbers"
    num_ids = [n for n, _ in items]
    # notes (3), believes (2), calls on (3), sources (3 bullets); the one clause
    # the branch resolves has no number, as a lone clause needs none
    groups = [num_ids[0:3], num_ids[3:5], num_ids[5:8], num_ids[8:11]]
    assert len(num_ids) == 11
    assert all(len(set(g)) == 1 for g in groups)
    assert len({g[0] for g in groups}) == 4
    texts = [p.text for p in docx.Document(str(branch_docx)).paragraphs]
    assert texts[texts.index("This branch resolves:") + 1] == (
        "To send this motion to our MP and the local press."
    )
    numbering = part(branch_docx, "word/numbering.xml")
    for num_id in {g[0] for g in groups[:3]}:
        num = numbering.find(f"w:num[@w:numId='{num_id}']", NS)
        assert num.find("w:lvlOverride/w:startOverride", NS).get(f"{W}val") == "1"
        abstract = num.find("w:abstractNumId", NS).get(f"{W}val")
        fmt = numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl/w:numFmt", NS)
        assert fmt.get(f"{W}val") == "decimal"


def test_union_conference_numbers_as_the_unison_form(tmp_path: Path) -> None:
    """Notes and beliefs numbered on from 1), the calls-on list from 1) again."""
    path = tmp_path / "uc.docx"
    path.write_bytes(WordWriter().render(document_for("union-conference")))
    ids = [n for n, _ in numbered(path)]
    sizes = {s.key: len(s.clauses) for s in document_for("union-conference").sections}
    on = sizes["notes"] + sizes["believes"]
    calls = sizes["calls_on"]
    assert len(set(ids[:on])) == 1 and len(set(ids[on : on + calls])) == 1 and ids[0] != ids[on]
    numbering = part(path, "word/numbering.xml")
    for num_id in (ids[0], ids[on]):
        num = numbering.find(f"w:num[@w:numId='{num_id}']", NS)
        assert num.find("w:lvlOverride/w:startOverride", NS).get(f"{W}val") == "1"
        abstract = num.find("w:abstractNumId", NS).get(f"{W}val")
        text = numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl/w:lvlText", NS)
        assert text.get(f"{W}val") == "%1)"


def test_footer_says_page_x_of_y(branch_docx: Path) -> None:
    with zipfile.ZipFile(branch_docx) as archive:
        footers = [n for n in archive.namelist() if n.startswith("word/footer")]
    texts = []
    for name in footers:
        footer = part(branch_docx, name)
        instructions = [t.text.strip() for t in footer.iter(f"{W}instrText")]
        if instructions:
            texts.append(instructions)
            assert "".join(footer.itertext()).startswith("Page ")
    assert texts == [["PAGE", "NUMPAGES"]] * 2  # page 1's footer and the others'


def test_page_two_on_has_a_running_header(branch_docx: Path) -> None:
    section = docx.Document(str(branch_docx)).sections[0]
    assert section.different_first_page_header_footer
    running = section.header.paragraphs[-1].text
    assert running == (
        "Bring children's social care back into public hands, "
        "from Anytown Central Branch Labour Party"
    )
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()


def test_metadata_is_written_fresh(branch_docx: Path) -> None:
    app_xml = part(branch_docx, "docProps/app.xml")
    text = "".join(app_xml.itertext())
    assert "Microsoft" not in text and "Normal.dotm" not in text
    assert f"motiongen/{__version__}" in text
    assert not [e for e in app_xml if e.tag.split("}")[1] in ("Pages", "Words", "Template")]
    core = part(branch_docx, "docProps/core.xml")
    names = [e.tag.split("}")[1] for e in core]
    assert "lastPrinted" not in names
    assert all((e.text or "").strip() for e in core), "no empty properties"
    settings = part(branch_docx, "word/settings.xml")
    assert settings.find("w:proofState", NS) is None
    fonts = part(branch_docx, "word/fontTable.xml")
    assert [f.get(f"{W}name") for f in fonts.findall("w:font", NS)] == ["Arial"]


def test_no_type_under_12_point(branch_docx: Path) -> None:
    """Accessibility guidance (CONVENTIONS.md): 12 point or larger, the word count,
    the sources and the running header included."""
    document = docx.Document(str(branch_docx))
    for name in ("Normal", "Word Count", "Source", "Header", "Footer"):
        size = document.styles[name].font.size
        assert size is not None and size.pt >= 12, name
    paragraphs = list(document.paragraphs)
    for section in document.sections:
        for part_ in (section.header, section.first_page_header, section.footer):
            paragraphs += part_.paragraphs
    for paragraph in paragraphs:
        style = paragraph.style
        while style is not None and style.font.size is None:
            style = style.base_style
        size = style.font.size if style is not None else None
        assert size is not None and size.pt >= 12, (paragraph.style.name, paragraph.text)
        for run in paragraph.runs:
            assert run.font.size is None or run.font.size.pt >= 12, run.text


def test_the_document_does_not_call_itself_a_draft(branch_docx: Path) -> None:
    core = part(branch_docx, "docProps/core.xml")
    status = core.find(
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}contentStatus"
    )
    assert status is None or status.text != "Draft"
    assert docx.Document(str(branch_docx)).core_properties.content_status != "Draft"


def test_footer_tab_stops_fit_an_a4_page(branch_docx: Path) -> None:
    document = docx.Document(str(branch_docx))
    section = document.sections[0]
    width = (section.page_width - section.left_margin - section.right_margin) / 635  # twips
    for name in ("Header", "Footer"):
        tabs = document.styles[name].element.findall("w:pPr/w:tabs/w:tab", NS)
        positions = [int(t.get(f"{W}pos")) for t in tabs]
        assert positions and max(positions) <= width + 1
        assert abs(max(positions) - width) < 20, "the right tab at the right margin"


def test_properties_are_filled_in(branch_docx: Path) -> None:
    props = docx.Document(str(branch_docx)).core_properties
    assert props.title == "Bring children's social care back into public hands"
    assert props.author == "Anytown Central Branch Labour Party"
    assert props.subject == "Motion to Anytown CLP General Committee"
    assert "python-docx" not in (props.comments + props.keywords + props.last_modified_by)
    assert props.language == "en-GB"
    assert props.created.year >= 2026


def test_accessible_house_style(branch_docx: Path) -> None:
    document = docx.Document(str(branch_docx))
    normal = document.styles["Normal"]
    assert normal.font.name == "Arial" and normal.font.size.pt >= 12
    body = part(branch_docx, "word/document.xml")
    assert body.find(".//w:i", NS) is None and body.find(".//w:u", NS) is None
    assert body.find(".//w:tbl", NS) is None, "no tables for layout"
    assert body.find(".//w:jc[@w:val='both']", NS) is None, "not justified"


def test_line_numbers_run_through_the_document(tmp_path: Path) -> None:
    """Amendments cite lines of the whole motion, so numbering does not restart per page."""
    path = tmp_path / "lines.docx"
    path.write_bytes(WordWriter(WordOptions(line_numbers=True)).render(document_for("council")))
    sect = part(path, "word/document.xml").find("w:body/w:sectPr", NS)
    ln = sect.find("w:lnNumType", NS)
    assert ln is not None and ln.get(f"{W}restart") == "continuous" and ln.get(f"{W}countBy") == "1"
    order = [child.tag.replace(W, "") for child in sect]
    assert order.index("lnNumType") > order.index("pgMar")
    assert order.index("lnNumType") < order.index("cols")


@pytest.mark.parametrize("profile_id", sorted(EXAMPLES))
def test_only_the_motion_is_line_numbered(profile_id: str) -> None:
    """Section leads and clauses carry line numbers; the title, the details, the
    names, the word count and the sources are left out of the count."""
    document = document_for(profile_id)
    data = WordWriter(WordOptions(line_numbers=True)).render(document)
    # Numbered lines end in hard breaks, which have no text: compare without spaces.
    motion = {re.sub(r"\s", "", s.lead) for s in document.sections} | {
        re.sub(r"\s", "", c.text) for s in document.sections for c in s.clauses
    }
    body = part(data, "word/document.xml").find("w:body", NS)
    paragraphs = body.findall("w:p", NS)
    assert paragraphs
    for p in paragraphs:
        text = re.sub(r"\s", "", "".join(p.itertext()))
        suppressed = p.find("w:pPr/w:suppressLineNumbers", NS) is not None
        assert suppressed == (text not in motion), text


def test_line_numbers_are_in_the_body_font(tmp_path: Path) -> None:
    path = tmp_path / "lines.docx"
    path.write_bytes(WordWriter(WordOptions(line_numbers=True)).render(document_for("council")))
    document = docx.Document(str(path))
    assert document.styles["Line Number"].font.name == "Arial"
    reference = letterhead(tmp_path / "letterhead.docx")
    out = tmp_path / "letter.docx"
    options = WordOptions(reference=reference, line_numbers=True)
    out.write_bytes(WordWriter(options).render(document_for("council")))
    assert docx.Document(str(out)).styles["Line Number"].font.name == "Georgia"


def test_a_letterhead_footer_with_page_numbers_is_left_alone(tmp_path: Path) -> None:
    reference = tmp_path / "numbered.docx"
    source = WordWriter().render(document_for("council"))  # our footer has Page X of Y
    reference.write_bytes(source)
    out = WordWriter(WordOptions(reference=reference)).render(document_for("napo-agm"))
    footer = docx.Document(io.BytesIO(out)).sections[0].footer
    assert [p.text for p in footer.paragraphs if p.text] == ["Page 1 of 1"]


def test_reference_docx_keeps_the_letterhead(tmp_path: Path) -> None:
    reference = letterhead(tmp_path / "letterhead.docx")
    out = tmp_path / "motion.docx"
    out.write_bytes(WordWriter(WordOptions(reference=reference)).render(document_for("council")))
    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.first_page_header.paragraphs[0].text.startswith("Anytown Branch Labour Party")
    assert section.header.paragraphs[-1].text.startswith("Children's homes run by this Council")
    for footer in (section.footer, section.first_page_footer):
        assert footer.paragraphs[0].text == "Promoted by the Anytown Branch secretary"
        assert footer.paragraphs[1].text.startswith("Page "), "page numbers added, not replacing"
    assert document.styles["Normal"].font.name == "Georgia"
    texts = [p.text for p in document.paragraphs]
    assert "Letterhead body text that the motion replaces." not in texts
    assert texts[0] == "Children's homes run by this Council, for our children"
    assert numbered(out), "numbered lists work in the letterhead too"
    lang = part(out, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(f"{W}val") == "en-GB"


def test_reference_dotx_is_refused(tmp_path: Path) -> None:
    template = tmp_path / "branch.dotx"
    template.write_bytes(b"not really")
    with pytest.raises(InputError, match=r"\.dotx\) cannot be used"):
        WordWriter(WordOptions(reference=template))


def test_reference_that_is_not_word(tmp_path: Path) -> None:
    fake = tmp_path / "letter.docx"
    fake.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="not a Word document"):
        WordWriter(WordOptions(reference=fake))


# --- golden XML ------------------------------------------------------------------------------


@pytest.mark.parametrize("profile_id", sorted(EXAMPLES))
def test_document_xml_matches_golden(
    profile_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    data = WordWriter().render(document_for(profile_id))
    for name in ("word/document.xml", "word/numbering.xml", "docProps/core.xml"):
        produced = pretty(part(data, name))
        golden = GOLDEN / f"{profile_id}.{name.replace('/', '.')}"
        if os.environ.get("UPDATE_GOLDEN"):
            golden.write_text(produced, encoding="utf-8")
        expected = golden.read_text(encoding="utf-8")
        if produced != expected:
            saved = tmp_path / f"{profile_id}.docx"
            saved.write_bytes(data)
            diff = "".join(
                difflib.unified_diff(
                    expected.splitlines(True), produced.splitlines(True), str(golden), "produced"
                )
            )
            pytest.fail(f"{name} differs from {golden}; the file is saved at {saved}\n{diff}")


# --- a real consumer ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("lo")
    writer = WordWriter(WordOptions(line_numbers=False))
    files = []
    for profile_id in sorted(EXAMPLES):
        path = folder / f"{profile_id}.docx"
        path.write_bytes(writer.render(document_for(profile_id)))
        files.append(path)
    pdfs = lo_convert_all(files, folder)
    return {pdf.stem: pdf_text(pdf) for pdf in pdfs}


@pytest.mark.parametrize("profile_id", sorted(EXAMPLES))
def test_libreoffice_reads_each_profile_back(profile_id: str, pdf_texts: dict[str, str]) -> None:
    text = " ".join(pdf_texts[profile_id].split())
    document = document_for(profile_id)
    assert " ".join(document.title.split()) in text
    for section in document.sections:
        assert " ".join(section.lead.split()) in text
        first = section.clauses[0]
        assert f"{first.number} {' '.join(first.text.split()[:6])}".strip() in text
    assert "Page 1 of" in text
    assert f"{document.words} words." in text


TAGGED_PDF = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


@pytest.fixture(scope="module")
def tagged_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every profile's example as LibreOffice's tagged PDF, as a screen reader gets it."""
    folder = tmp_path_factory.mktemp("tagged")
    writer = WordWriter(WordOptions(line_numbers=True))
    files = []
    for profile_id in sorted(EXAMPLES):
        path = folder / f"{profile_id}.docx"
        path.write_bytes(writer.render(document_for(profile_id)))
        files.append(path)
    return {pdf.stem: pdf for pdf in lo_convert_all(files, folder, TAGGED_PDF)}


def structure(pdf: Path) -> list[tuple[str, str]]:
    """(tag, text) of each element of a tagged PDF's structure tree, in order."""
    import re

    done = subprocess.run(
        ["pdfinfo", "-struct-text", str(pdf)], check=True, capture_output=True, text=True
    )
    found: list[tuple[str, str]] = []
    for line in done.stdout.splitlines():
        tag = re.match(r"\s*([A-Za-z][A-Za-z0-9]*) \(", line)
        if tag:
            found.append((tag.group(1), ""))
        elif line.strip().startswith('"') and found:
            name, text = found[-1]
            found[-1] = (name, f"{text} {line.strip()[1:-1]}")  # a piece is a line
    return [(name, " ".join(text.split())) for name, text in found]


@pytest.mark.parametrize("profile_id", sorted(EXAMPLES))
def test_tagged_pdf_has_the_title_as_h1_and_sections_as_h2(
    profile_id: str, tagged_pdfs: dict[str, Path]
) -> None:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler) is not installed")
    document = document_for(profile_id)
    headings = [(tag, text) for tag, text in structure(tagged_pdfs[profile_id]) if tag[0] == "H"]
    assert headings[0] == ("H1", document.title)
    assert [tag for tag, _ in headings].count("H1") == 1
    leads = [" ".join(s.lead.split()) for s in document.sections]
    assert [text for tag, text in headings if tag == "H2"][: len(leads)] == leads


def test_page_two_shows_the_running_header(tagged_pdfs: dict[str, Path]) -> None:
    """Every example that runs to a second page names itself at the top of it."""
    longer = 0
    for profile_id, pdf in tagged_pdfs.items():
        pages = pdf_text(pdf).split("\f")
        pages = [" ".join(page.split()) for page in pages if page.strip()]
        document = document_for(profile_id)
        running = f"{document.title}, from {document.submitted_by}"
        assert running not in pages[0], profile_id
        for page in pages[1:]:
            assert page.startswith(running), profile_id
            longer += 1
    assert longer, "at least one example is meant to run to page 2"


def test_a_libreoffice_letterhead_is_fixed_and_kept(tmp_path: Path) -> None:
    flat = tmp_path / "letterhead.fodt"
    flat.write_text(FODT, encoding="utf-8")
    lo_convert(flat, tmp_path, "docx")
    reference = tmp_path / "letterhead.docx"
    out = tmp_path / "motion.docx"
    out.write_bytes(WordWriter(WordOptions(reference=reference)).render(document_for("napo-agm")))
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
    assert names.count("docProps/core.xml") == 1
    assert not [n for n in names if n.startswith("docProps/core") and n != "docProps/core.xml"]
    document = docx.Document(str(out))
    assert document.core_properties.title == "Children's services are not for sale"
    section = document.sections[0]
    assert "Napo Anytown Branch" in section.first_page_header.paragraphs[0].text
    assert document.paragraphs[0].style.name == "Heading 1"
    assert outline_level(document, "Heading 1") == "0"


@pytest.fixture(scope="module")
def lo_letterhead_motion(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A motion written into a letterhead LibreOffice saved, with a logo in its header."""
    folder = tmp_path_factory.mktemp("lo-letterhead")
    reference = libreoffice_letterhead(folder)
    out = folder / "motion.docx"
    out.write_bytes(WordWriter(WordOptions(reference=reference)).render(document_for("napo-agm")))
    return out


def test_a_letterhead_logo_is_kept_on_page_one(lo_letterhead_motion: Path, tmp_path: Path) -> None:
    """Page 1 gets a copy of the letterhead's header: the copy's picture must be
    related to its own part, or Word and LibreOffice show no logo there."""
    section = docx.Document(str(lo_letterhead_motion)).sections[0]
    first = section.first_page_header
    blips = first._element.findall(".//" + A_BLIP)
    assert blips, "the logo is in the page 1 header"
    for blip in blips:
        image = first.part.related_parts[blip.get(R_EMBED)]
        assert image.blob.startswith(b"\x89PNG")
    (pdf,) = lo_convert_all([lo_letterhead_motion], tmp_path)
    listed = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert [line.split()[0] for line in listed] == ["1"], "one picture, on page 1"


A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


def test_a_libreoffice_letterhead_s_strict_values_become_word_s(lo_letterhead_motion: Path) -> None:
    """LibreOffice aligns list levels and tables "start" and gives fonts a character
    set, as ISO Strict has it; Word's schema (transitional) has neither."""
    with zipfile.ZipFile(lo_letterhead_motion) as archive:
        xml = {n: archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml")}
    assert 'w:lvlJc w:val="start"' not in xml["word/numbering.xml"]
    assert "characterSet" not in xml["word/fontTable.xml"]
    headers = [text for name, text in xml.items() if name.startswith("word/header")]
    assert not [h for h in headers if re.search(r'<w:tblPr>(?:(?!</w:tblPr>).)*w:val="start"', h)]
    assert "Chair: Sam Example" in "".join(headers), "the letterhead's table is kept"


def test_pdf_format_through_the_cli(tmp_path: Path) -> None:
    need_soffice()
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["build", str(REPO / "examples" / "napo-agm.yaml"), "-f", "pdf,docx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".pdf"]
    pdf = next(out.glob("*.pdf"))
    text = pdf_text(pdf, layout=False)
    assert "This AGM calls on the Officers" in " ".join(text.split())


def test_the_pdf_motiongen_writes_is_tagged(tmp_path: Path) -> None:
    """A screen reader gets headings, lists and the language from `--format pdf` itself."""
    need_soffice()
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler) is not installed")
    out = tmp_path / "out"
    spec = REPO / "examples" / "anytown-branch.yaml"
    result = CliRunner().invoke(app, ["build", str(spec), "-f", "pdf", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    (pdf,) = out.glob("*.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M), info.stdout
    raw = pdf.read_bytes()
    assert b"/StructTreeRoot" in raw
    assert re.search(rb"/Lang\s*\(en-GB\)", raw)
    assert re.search(rb"/DisplayDocTitle\s+true", raw)
    document = document_for("labour-branch")
    tags = structure(pdf)
    headings = [(tag, text) for tag, text in tags if tag[0] == "H"]
    assert headings[0] == ("H1", document.title)
    assert [text for tag, text in headings if tag == "H2"][:2] == [
        " ".join(s.lead.split()) for s in document.sections[:2]
    ]
    assert any(tag == "LI" for tag, _ in tags), "clauses are a list"


def test_pdf_without_libreoffice_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    result = CliRunner().invoke(
        app, ["build", str(REPO / "examples" / "napo-agm.yaml"), "-f", "pdf"]
    )
    assert result.exit_code == 2
    assert "PDF output needs LibreOffice, which is not installed" in result.stderr


FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:styles>
  <style:style style:name="Standard" style:family="paragraph">
   <style:text-properties style:font-name="Liberation Serif" fo:font-size="11pt"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
    fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header>
    <text:p text:style-name="Standard">Napo Anytown Branch, 1 Court Road</text:p>
   </style:header>
  </style:master-page>
 </office:master-styles>
 <office:body>
  <office:text><text:p text:style-name="Standard">Body</text:p></office:text>
 </office:body>
</office:document>
"""


def test_the_zip_is_sound(branch_docx: Path) -> None:
    with zipfile.ZipFile(branch_docx) as archive:
        assert archive.testzip() is None  # every part's checksum holds
        names = archive.namelist()
    assert len(names) == len(set(names))
    assert "word/stylesWithEffects.xml" not in names
    assert "docProps/thumbnail.jpeg" not in names, "no picture of another document"
    if shutil.which("unzip"):  # a second, independent reader where there is one
        done = subprocess.run(["unzip", "-tq", str(branch_docx)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_each_motion_gets_its_own_parts() -> None:
    writer = WordWriter()
    first = writer.render(document_for("council"))
    second = writer.render(document_for("napo-agm"))
    again = writer.render(document_for("council"))
    assert part(first, "word/document.xml") is not None
    assert pretty(part(first, "word/document.xml")) != pretty(part(second, "word/document.xml"))
    assert pretty(part(first, "word/numbering.xml")) == pretty(part(again, "word/numbering.xml"))
    title = part(second, "docProps/core.xml").find("{http://purl.org/dc/elements/1.1/}title")
    assert title.text == "Children's services are not for sale"
