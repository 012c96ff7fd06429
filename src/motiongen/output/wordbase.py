"""The base document every Word file is written into, made once and cached.

The page, the house style (or the user's letterhead, with only what a
letterhead may bring), the language, the numbering definitions, the styles of
the word count and sources, the headers and footers with their page numbers,
and line numbers where asked. Making it takes python-docx a tenth of a second;
each document is then written into a copy of it with plain lxml.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from motiongen import __version__
from motiongen.errors import InputError
from motiongen.io import datafile
from motiongen.output import house, ooxml, sentences
from motiongen.output.paragraphs import parser

_w = house.tag  # a WordprocessingML tag name, as lxml writes it


@dataclass(frozen=True)
class WordOptions:
    reference: Path | None = None
    line_numbers: bool = False
    template_dir: Path | None = None  # where a user's sentences.toml may be
    submission_copy: bool = False
    line_width: int | None = None  # characters a numbered line; None: the profile's, or 80
    large: bool = False  # large type, for reading at a rostrum (the mover's brief)


def skeleton(options: WordOptions) -> dict[str, Any]:
    """The base document, its style ids, the names of the parts each motion changes
    and the rest zipped once: the same for every motion of the same options.

    Making it takes python-docx a tenth of a second, so it is cached, keyed by
    everything it is made from: the options, the reference document, the page
    wording and python-docx's own template and version (and, as every cache
    entry, motiongen's code).
    """
    from importlib.util import find_spec

    page = sentences.load(str(options.template_dir) if options.template_dir else None)["page"]
    docx_spec = find_spec("docx")
    docx_dir = Path(docx_spec.origin or "").parent if docx_spec else Path()
    # A letterhead is read once, through the reader with limits, into a package of
    # only what a letterhead may carry (wordfile.letterhead); the rest is made from it.
    reference = _letterhead(options.reference) if options.reference is not None else None
    key = [
        repr((options.line_numbers, options.large, page, str(options.reference))).encode(),
        reference or b"",
        _read(docx_dir / "__init__.py"),
        _read(docx_dir / "templates" / "default.docx"),
    ]
    return datafile.cached("word", key, lambda: _make_skeleton(options))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _letterhead(path: Path) -> bytes:
    """The letterhead's package with only what it may carry into a motion."""
    from motiongen.io import wordfile

    if path.suffix.lower() in (".dotx", ".dotm"):
        raise InputError(
            "Word templates (.dotx) cannot be used as a reference",
            file=path,
            field="--reference-docx",
            hint="open it in Word or LibreOffice and save it as a .docx document",
        )
    return wordfile.letterhead(path, field="--reference-docx")


def _make_skeleton(options: WordOptions) -> dict[str, Any]:
    from docx import Document as open_docx

    base, ids = _make_base(options)
    document = open_docx(io.BytesIO(base))
    header = document.sections[0].header.part
    names = {
        "document": document.part.partname.membername,
        "numbering": document.part.numbering_part.partname.membername,
        "core": document.part.package._core_properties_part.partname.membername,
        "header": header.partname.membername,
    }
    return {
        "base": base,
        "ids": dataclasses.asdict(ids),
        "names": names,
        "unchanged": _zip_unchanged(base, set(names.values())),
    }


def _zip_unchanged(package: bytes, changing: set[str]) -> bytes:
    """The package's parts that no motion changes, compressed once, in their order."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for info in source.infolist():
            if info.filename not in changing:
                archive.writestr(entry(info.filename, info.date_time), source.read(info))
    return buffer.getvalue()


def append(unchanged: bytes, changed: dict[str, bytes]) -> bytes:
    """One motion's .docx: the unchanged parts as they are, then its own parts."""
    buffer = io.BytesIO(unchanged)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        for name, data in changed.items():
            archive.writestr(entry(name, _STAMP), data)
    return buffer.getvalue()


_STAMP = (1980, 1, 1, 0, 0, 0)  # zip times say nothing useful; the properties carry the date


def entry(name: str, date_time: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


@dataclass(frozen=True)
class StyleIds:
    title: str
    heading: str
    normal: str
    list_para: str
    word_count: str
    source: str
    table: str  # a table with a grid, or "" where the base document has no such style
    decimal_abstract: dict[str, int]  # by the profile's number_format
    bullet_abstract: int


# --- the base document ----------------------------------------------------------------------


def _make_base(options: WordOptions) -> tuple[bytes, StyleIds]:
    from docx import Document as open_docx

    own_style = options.reference is None
    if options.reference is not None:
        document = _open_reference(options.reference, _letterhead(options.reference))
        _copy_missing_styles(document)
    else:
        document = open_docx()
        house.house_style(document)
        if options.large:
            _large(document)
    house.clear_body(document)
    house.drop_extras(document)
    house.set_language(document)
    _fresh_settings(document)
    _fresh_core(document)
    word_count = _word_count_style(document)
    _line_number_style(document)
    decimal, bullet = _add_abstract_numbering(document)
    page = sentences.load(str(options.template_dir) if options.template_dir else None)["page"]
    _headers_and_footers(document, page, letterhead=not own_style)
    if options.line_numbers:
        _line_numbers(document.sections[0]._sectPr)
    styles = document.styles
    names = {s.name for s in styles}
    ids = StyleIds(
        title=styles["Heading 1"].style_id,
        heading=styles["Heading 2"].style_id,
        normal=styles["Normal"].style_id,
        list_para=styles["List Paragraph"].style_id
        if "List Paragraph" in names
        else styles["Normal"].style_id,
        word_count=word_count,
        source=_source_style(document, "List Paragraph" if "List Paragraph" in names else "Normal"),
        table=styles["Table Grid"].style_id if "Table Grid" in names else "",
        decimal_abstract=decimal,
        bullet_abstract=bullet,
    )
    buffer = io.BytesIO()
    document.save(buffer)
    fresh = {"docProps/app.xml": _app_xml()}
    if own_style:
        fresh["word/fontTable.xml"] = FONT_TABLE
    return _replace_parts(buffer.getvalue(), fresh), ids


def _large(document: Any) -> None:
    """Type to read at a rostrum: 16 point text, headings to match."""
    from docx.shared import Pt

    styles = document.styles
    for name, size in (
        ("Normal", 16), ("Heading 1", 24), ("Heading 2", 20), ("Header", 16), ("Footer", 16),
    ):  # fmt: skip
        styles[name].font.size = Pt(size)
    styles["Normal"].paragraph_format.space_after = Pt(10)


APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
FONT_TABLE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:fonts xmlns:w="{house.W_NS}">'
    '<w:font w:name="Arial"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/>'
    '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
    "</w:fonts>"
).encode()


def _app_xml() -> bytes:
    """The application properties, ours: no other program's name, no stale counts."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{APP_NS}"><Application>motiongen/{__version__}</Application>'
        "<DocSecurity>0</DocSecurity></Properties>"
    ).encode()


def _replace_parts(package: bytes, fresh: dict[str, bytes]) -> bytes:
    """The package with the named parts' contents replaced, where it has them."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for info in source.infolist():
            data = fresh.get(info.filename)
            archive.writestr(
                entry(info.filename, info.date_time), source.read(info) if data is None else data
            )
    return buffer.getvalue()


def _fresh_settings(document: Any) -> None:
    """Forget the template's proofing state: "clean" would stop Word marking typos
    in text the secretary typed."""
    settings = document.settings.element
    for tag in ("proofState", "rsids", "attachedTemplate"):
        for old in settings.findall(_w(tag)):
            settings.remove(old)


CORE_UNWANTED = ("lastPrinted", "identifier", "version")


def _fresh_core(document: Any) -> None:
    """No print date, and no properties left empty."""
    core = document.core_properties._element
    for child in list(core):
        name = child.tag.rsplit("}", 1)[-1]
        if name in CORE_UNWANTED or not (child.text or "").strip():
            core.remove(child)


def _open_reference(path: Path, package: bytes) -> Any:
    """The letterhead, from the package `wordfile.letterhead` made of it."""
    from docx import Document as open_docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError  # type: ignore[import-untyped]

    try:
        document = open_docx(io.BytesIO(package))
    except (PackageNotFoundError, ValueError, KeyError, zipfile.BadZipFile, XMLSyntaxError):
        raise InputError(
            "this Word file is damaged and cannot be used",
            file=path,
            field="--reference-docx",
            hint="open it in Word or LibreOffice and save it again as .docx",
        ) from None
    # LibreOffice labels the core-properties part with a relationship type of
    # its own; unless it is corrected, a second core.xml is written and Word
    # may call the file corrupt.
    for rel in document.part.package.rels.values():
        if rel.reltype != RT.CORE_PROPERTIES and rel.reltype.endswith("/metadata/core-properties"):
            rel._reltype = RT.CORE_PROPERTIES
    _conform_parts(document)
    return document


def _conform_parts(document: Any) -> None:
    """The letterhead's parts with the values LibreOffice writes that Word's schema
    has not (list levels and tables aligned "start", fonts' character sets) made
    ones it has: the motion keeps its numbering, font table and header."""
    from docx.opc.part import XmlPart
    from lxml import etree  # type: ignore[import-untyped]

    for part in document.part.package.iter_parts():
        if isinstance(part, XmlPart):
            ooxml.conform(part.element)
        elif part.content_type.startswith(WORD_CONTENT) and part.content_type.endswith("+xml"):
            # Parts python-docx keeps as bytes, such as the font table.
            try:
                root = etree.fromstring(part.blob, parser())
            except etree.XMLSyntaxError:
                continue  # left as the letterhead has it
            if ooxml.conform(root):
                part._blob = etree.tostring(root, encoding="UTF-8", standalone=True)


WORD_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def _copy_missing_styles(document: Any) -> None:
    """A letterhead made elsewhere may lack Heading 1, Heading 2 or List Paragraph."""
    from docx import Document as open_docx
    from docx.styles import BabelFish

    # LibreOffice saves "Heading 2" where Word saves "heading 2"; python-docx
    # looks styles up by Word's spelling, so the letterhead's own is renamed.
    word_names = dict(BabelFish.style_aliases)
    for style in document.styles:
        raw = style.element.name_val
        if raw in word_names:
            style.element.name_val = word_names[raw]
    wanted = ("Heading 1", "Heading 2", "List Paragraph", "Header", "Footer")
    names = {s.name for s in document.styles}
    missing = [name for name in wanted if name not in names]
    if not missing:
        return
    default = open_docx()
    for name in missing:
        element = copy.deepcopy(default.styles[name].element)
        for link in element.findall(_w("link")):
            element.remove(link)
        ooxml.place(document.styles.element, element)


def _word_count_style(document: Any) -> str:
    """The word count set apart from the motion: space and a thin rule above it, in
    the body's size (accessibility guidance: nothing under 12 point), a style of its
    own that a letterhead can restyle."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    styles = document.styles
    if "Word Count" in {s.name for s in styles}:
        return str(styles["Word Count"].style_id)
    style = styles.add_style("Word Count", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.font.size = Pt(12)
    style.paragraph_format.space_before = Pt(12)
    style.paragraph_format.keep_together = True
    border = ooxml.add(style.element.get_or_add_pPr(), "pBdr")
    ooxml.add(border, "top", val="single", sz="4", space="6", color="808080")
    return str(style.style_id)


def _source_style(document: Any, list_style: str) -> str:
    """The short references in a style of their own, like the word count, set close
    together (they are for checking, not for reading out) but never under 12 point."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    styles = document.styles
    if "Source" in {s.name for s in styles}:
        return str(styles["Source"].style_id)
    style = styles.add_style("Source", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[list_style]
    style.font.size = Pt(12)
    style.paragraph_format.space_after = Pt(2)
    return str(style.style_id)


def _line_number_style(document: Any) -> None:
    """Line numbers in the body's font, not the application's serif default."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles
    font = house.body_font(document)
    if "Line Number" in {s.name for s in styles}:
        style = styles["Line Number"]
    else:
        style = styles.add_style("Line Number", WD_STYLE_TYPE.CHARACTER)
        style.element.set(_w("styleId"), "LineNumber")
    if font:
        style.font.name = font
        house.east_asian_font(style.element, font)


def _numbering(document: Any) -> Any:
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.oxml import parse_xml
    from docx.parts.numbering import NumberingPart

    part = document.part
    try:
        return part.part_related_by(RT.NUMBERING).element
    except KeyError:
        element = parse_xml(f'<w:numbering xmlns:w="{house.W_NS}"/>')
        numbering = NumberingPart(
            PackURI("/word/numbering.xml"), CT.WML_NUMBERING, element, part.package
        )
        part.relate_to(numbering, RT.NUMBERING)
        return element


# Word's list formats for a profile's number_format.
NUMBER_FORMATS = {
    "1.": ("decimal", "%1."),
    "1)": ("decimal", "%1)"),
    "(1)": ("decimal", "(%1)"),
    "a)": ("lowerLetter", "%1)"),
}


def _add_abstract_numbering(document: Any) -> tuple[dict[str, int], int]:
    """Our own list definitions, so numbering works in any base document: one for
    each clause-number format, and the bullets."""
    from docx.oxml import parse_xml

    numbering = _numbering(document)
    used = [int(a.get(_w("abstractNumId"))) for a in numbering.findall(_w("abstractNum"))]
    next_id = max(used, default=-1) + 1
    kinds = [*NUMBER_FORMATS.items(), ("bullet", ("bullet", "•"))]
    ids: dict[str, int] = {}
    for key, (fmt, text) in kinds:
        font = (
            '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr>' if fmt == "bullet" else ""
        )
        element = parse_xml(
            f'<w:abstractNum xmlns:w="{house.W_NS}" w:abstractNumId="{next_id}">'
            '<w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr>'
            f"{font}</w:lvl></w:abstractNum>"
        )
        ooxml.place(numbering, element)  # after the abstractNums there, before every num
        ids[key] = next_id
        next_id += 1
    bullet = ids.pop("bullet")
    return ids, bullet


def _has_text(part: Any) -> bool:
    return any(p.text.strip() for p in part.paragraphs) or bool(part.tables)


def _headers_and_footers(document: Any, page: str, *, letterhead: bool) -> None:
    """Page 1 keeps the letterhead's header (or none); from page 2 a running header
    names the motion and who sent it, so a loose page is never anonymous. Both
    footers number the pages; a letterhead's own footer text is kept, with the
    page numbers added after it."""
    section = document.sections[0]
    default_header, default_footer = section.header, section.footer
    default_header.is_linked_to_previous = False
    default_footer.is_linked_to_previous = False
    had_first = section.different_first_page_header_footer
    section.different_first_page_header_footer = True
    first_header, first_footer = section.first_page_header, section.first_page_footer
    if not had_first or not letterhead:
        _copy_content(default_header, first_header)
        _copy_content(default_footer, first_footer)
        for p in list(default_header._element):
            default_header._element.remove(p)
    for footer in (default_footer, first_footer):
        if letterhead and _has_text(footer):
            if not _has_page_field(footer):
                house.page_x_of_y(footer.add_paragraph(), page)
        else:
            for p in list(footer._element):
                footer._element.remove(p)
            house.page_x_of_y(footer.add_paragraph(), page)
    # The running header's paragraph, filled for each motion.
    paragraph = default_header.add_paragraph()
    header_style = next((s for s in document.styles if s.name == "Header"), None)
    if header_style is not None:
        paragraph.style = header_style
    for part in (default_header, first_header, default_footer, first_footer):
        for p in part._element.iter(_w("p")):
            _suppress_line_numbers(p)


def _suppress_line_numbers(p: Any) -> None:
    """Leave a paragraph out of the line count (headers, footers, the letterhead)."""
    ppr = p.find(_w("pPr"))
    if ppr is None:
        ppr = p.makeelement(_w("pPr"), {})
        p.insert(0, ppr)  # a paragraph's properties come before its content
    ooxml.get_or_add(ppr, "suppressLineNumbers")


def _copy_content(source: Any, target: Any) -> None:
    target.is_linked_to_previous = False
    element = target._element
    for p in list(element):
        element.remove(p)
    for child in source._element:
        element.append(copy.deepcopy(child))
    _relate_copy(source.part, target.part, element)
    if not len(element):
        target.add_paragraph()


R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _relate_copy(source: Any, target: Any, element: Any) -> None:
    """Content copied from one part to another cites its pictures and links by the
    source part's relationship ids: relate the target part to the same pictures and
    addresses and cite its own ids, or the letterhead's logo is lost on page 1."""
    prefix = f"{{{R_NS}}}"
    for node in element.iter():
        for name, value in node.attrib.items():
            rel = source.rels.get(value) if name.startswith(prefix) else None
            if rel is None:
                continue
            if rel.is_external:
                node.set(name, target.relate_to(rel.target_ref, rel.reltype, is_external=True))
            else:
                node.set(name, target.relate_to(rel.target_part, rel.reltype))


def _has_page_field(part: Any) -> bool:
    xml = part._element.xml
    return " PAGE " in xml or 'w:instr="PAGE' in xml or 'w:instr=" PAGE' in xml


def _line_numbers(sect_pr: Any) -> None:
    for old in sect_pr.findall(_w("lnNumType")):
        sect_pr.remove(old)
    # restart: amendments cite lines of the whole motion
    ooxml.add(sect_pr, "lnNumType", countBy="1", restart="continuous", distance="284")
