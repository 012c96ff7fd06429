"""Word documents that conference offices accept.

The base document (page, styles, language, numbering definitions, footer,
line numbers, or the user's letterhead) is prepared once; each motion is then
written into a fresh copy of it, with styles set by id, because python-docx's
look-up of styles by name is most of its cost.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from motiongen import __version__
from motiongen.errors import InputError
from motiongen.motion.compose import Document
from motiongen.output import lines
from motiongen.output.render import meta, people
from motiongen.text import clean

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LANGUAGE = "en-GB"
SECTION_CHILDREN_AFTER_LNNUM = (
    "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection",
    "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)  # fmt: skip


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


@dataclass(frozen=True)
class WordOptions:
    reference: Path | None = None
    line_numbers: bool = False
    line_width: int | None = None  # characters a numbered line; None: the profile's, or 80


class WordWriter:
    """Writes motions as .docx; build one per batch and reuse it.

    The base document is parsed once. Each motion changes three parts (the
    body, the list numbering and the properties). Every other part is zipped
    once, here; each motion's file is that archive with its own three parts
    appended, through zipfile's append mode, which is most of the cost saved.
    """

    def __init__(self, options: WordOptions = WordOptions()) -> None:
        from docx import Document as open_docx

        self.options = options
        self.base, self.ids = _make_base(options)
        base = open_docx(io.BytesIO(self.base))
        self._document = base.element
        self._numbering = base.part.numbering_part.element
        self._core = base.core_properties._element
        self._names = {
            "document": base.part.partname.membername,
            "numbering": base.part.numbering_part.partname.membername,
            "core": base.part.package._core_properties_part.partname.membername,
        }
        self._unchanged = _zip_unchanged(self.base, set(self._names.values()))

    def render(self, doc: Document) -> bytes:
        from docx.opc.coreprops import CoreProperties
        from docx.opc.oxml import serialize_part_xml

        document = copy.deepcopy(self._document)
        numbering = copy.deepcopy(self._numbering)
        core = copy.deepcopy(self._core)
        width = lines.width_for(doc, self.options.line_width) if self.options.line_numbers else None
        _fill(document.body, numbering, doc, self.ids, width)
        _properties(CoreProperties(core), doc)
        changed = {
            self._names["document"]: serialize_part_xml(document),
            self._names["numbering"]: serialize_part_xml(numbering),
            self._names["core"]: serialize_part_xml(core),
        }
        return _append(self._unchanged, changed)


def _zip_unchanged(package: bytes, changing: set[str]) -> bytes:
    """The package's parts that no motion changes, compressed once, in their order."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for info in source.infolist():
            if info.filename not in changing:
                archive.writestr(_entry(info.filename, info.date_time), source.read(info))
    return buffer.getvalue()


def _append(unchanged: bytes, changed: dict[str, bytes]) -> bytes:
    """One motion's .docx: the unchanged parts as they are, then its own parts."""
    buffer = io.BytesIO(unchanged)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        for name, data in changed.items():
            archive.writestr(_entry(name, _STAMP), data)
    return buffer.getvalue()


_STAMP = (1980, 1, 1, 0, 0, 0)  # zip times say nothing useful; the properties carry the date


def _entry(name: str, date_time: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


@dataclass(frozen=True)
class StyleIds:
    title: str
    heading: str
    normal: str
    list_para: str
    decimal_abstract: int
    bullet_abstract: int


# --- the base document ----------------------------------------------------------------------


def _make_base(options: WordOptions) -> tuple[bytes, StyleIds]:
    from docx import Document as open_docx

    if options.reference is not None:
        document = _open_reference(options.reference)
        _copy_missing_styles(document)
    else:
        document = open_docx()
        _house_style(document)
    _clear_body(document)
    _drop_extras(document)
    _set_language(document)
    decimal, bullet = _add_abstract_numbering(document)
    section = document.sections[0]
    if options.reference is None or not _has_text(section.footer):
        _page_x_of_y(section.footer)
    if options.line_numbers:
        _line_numbers(section._sectPr)
    styles = document.styles
    ids = StyleIds(
        title=styles["Title"].style_id,
        heading=styles["Heading 2"].style_id,
        normal=styles["Normal"].style_id,
        list_para=styles["List Paragraph"].style_id
        if "List Paragraph" in [s.name for s in styles]
        else styles["Normal"].style_id,
        decimal_abstract=decimal,
        bullet_abstract=bullet,
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), ids


def _open_reference(path: Path) -> Any:
    from docx import Document as open_docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError  # type: ignore[import-untyped]

    if path.suffix.lower() in (".dotx", ".dotm"):
        raise InputError(
            "Word templates (.dotx) cannot be used as a reference",
            file=path,
            field="--reference-docx",
            hint="open it in Word or LibreOffice and save it as a .docx document",
        )
    if not path.is_file():
        raise InputError("no such file", file=path, field="--reference-docx")
    try:
        document = open_docx(str(path))
    except PackageNotFoundError:
        raise InputError(
            "this is not a Word document",
            file=path,
            field="--reference-docx",
            hint="save your letterhead as .docx",
        ) from None
    except (ValueError, KeyError, zipfile.BadZipFile, XMLSyntaxError) as exc:
        raise InputError(
            f"this Word file is damaged and cannot be used ({type(exc).__name__}: {exc})",
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
    return document


def _copy_missing_styles(document: Any) -> None:
    """A letterhead made elsewhere may lack Title, Heading 2 or List Paragraph."""
    from docx import Document as open_docx
    from docx.styles import BabelFish

    # LibreOffice saves "Heading 2" where Word saves "heading 2"; python-docx
    # looks styles up by Word's spelling, so the letterhead's own is renamed.
    word_names = dict(BabelFish.style_aliases)
    for style in document.styles:
        raw = style.element.name_val
        if raw in word_names:
            style.element.name_val = word_names[raw]
    wanted = ("Title", "Heading 2", "List Paragraph")
    names = {s.name for s in document.styles}
    missing = [name for name in wanted if name not in names]
    if not missing:
        return
    default = open_docx()
    for name in missing:
        element = copy.deepcopy(default.styles[name].element)
        for link in element.findall(_w("link")):
            element.remove(link)
        document.styles.element.append(element)


def _house_style(document: Any) -> None:
    """A4, 2.5 cm margins, Arial 12 pt, black headings, left-aligned: as UK
    accessibility guidance asks."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(25))
    section.header_distance = section.footer_distance = Mm(12.5)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(12)
    _east_asian_font(normal.element, "Arial")
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for name, size in (("Title", 20), ("Heading 2", 13)):
        style = styles[name]
        style.font.name = "Arial"
        _east_asian_font(style.element, "Arial")
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(12 if name == "Heading 2" else 0)
        style.paragraph_format.space_after = Pt(6)
        # The default Title has a rule under it and a theme font: plain is clearer.
        ppr = style.element.pPr
        if ppr is not None:
            for border in ppr.findall(_w("pBdr")):
                ppr.remove(border)
    footer_style = styles["Footer"]
    footer_style.font.name = "Arial"
    footer_style.font.size = Pt(12)


def _east_asian_font(style_element: Any, name: str) -> None:
    rpr = style_element.get_or_add_rPr()
    fonts = rpr.find(_w("rFonts"))
    if fonts is None:
        return
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(_w(attr), name)
    for attr in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
        fonts.attrib.pop(_w(attr), None)


def _drop_extras(document: Any) -> None:
    """Parts no motion needs: the template's thumbnail (a picture of another
    document, which file browsers would show as this one), a Word 2010 copy of
    the styles, and a bibliography store. The copy of the styles is also most of
    the time spent compressing each file."""
    unwanted = ("/thumbnail", "/stylesWithEffects", "/customXml")
    for rels in (document.part.package.rels, document.part.rels):
        for r_id, rel in list(rels.items()):
            if not rel.is_external and rel.reltype.endswith(unwanted):
                rels.pop(r_id)


def _clear_body(document: Any) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != _w("sectPr"):
            body.remove(child)


def _set_language(document: Any) -> None:
    """British English for every run, as the document's default and in settings."""
    from docx.oxml import OxmlElement

    styles = document.styles.element
    defaults = styles.find(_w("docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(_w("rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(_w("rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(_w("lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(_w("val"), LANGUAGE)
    lang.set(_w("eastAsia"), LANGUAGE)
    lang.set(_w("bidi"), "ar-SA")
    # Styles that name a language of their own would override the default.
    for style_lang in styles.iter(_w("lang")):
        if style_lang is not lang:
            style_lang.set(_w("val"), LANGUAGE)
    settings = document.settings.element
    theme = settings.find(_w("themeFontLang"))
    if theme is None:
        theme = OxmlElement("w:themeFontLang")
        settings.append(theme)
    theme.set(_w("val"), LANGUAGE)


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
        element = parse_xml(f'<w:numbering xmlns:w="{W_NS}"/>')
        numbering = NumberingPart(
            PackURI("/word/numbering.xml"), CT.WML_NUMBERING, element, part.package
        )
        part.relate_to(numbering, RT.NUMBERING)
        return element


def _add_abstract_numbering(document: Any) -> tuple[int, int]:
    """Our own list definitions, so numbering works in any base document."""
    from docx.oxml import parse_xml

    numbering = _numbering(document)
    used = [int(a.get(_w("abstractNumId"))) for a in numbering.findall(_w("abstractNum"))]
    first = max(used, default=-1) + 1
    ids = []
    for offset, (fmt, text) in enumerate((("decimal", "%1."), ("bullet", "•"))):
        abstract_id = first + offset
        font = (
            '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr>' if fmt == "bullet" else ""
        )
        element = parse_xml(
            f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">'
            '<w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr>'
            f"{font}</w:lvl></w:abstractNum>"
        )
        # abstractNum elements come before every num element.
        nums = numbering.findall(_w("num"))
        if nums:
            nums[0].addprevious(element)
        else:
            numbering.append(element)
        ids.append(abstract_id)
    return ids[0], ids[1]


def _has_text(part: Any) -> bool:
    return any(p.text.strip() for p in part.paragraphs) or bool(part.tables)


def _page_x_of_y(footer: Any) -> None:
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.text = ""
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instruction / separate / result / end."""
    from docx.oxml import OxmlElement

    def run_with(child: Any) -> None:
        run = paragraph.add_run()
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(_w("fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(_w("fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run("1")
    end = OxmlElement("w:fldChar")
    end.set(_w("fldCharType"), "end")
    run_with(end)


def _line_numbers(sect_pr: Any) -> None:
    from docx.oxml import OxmlElement

    for old in sect_pr.findall(_w("lnNumType")):
        sect_pr.remove(old)
    element = OxmlElement("w:lnNumType")
    element.set(_w("countBy"), "1")
    element.set(_w("restart"), "continuous")  # amendments cite lines of the whole motion
    element.set(_w("distance"), "284")
    for child in sect_pr:
        if child.tag in {_w(name) for name in SECTION_CHILDREN_AFTER_LNNUM}:
            child.addprevious(element)
            return
    sect_pr.append(element)


# --- one motion ------------------------------------------------------------------------------


def _fill(body: Any, numbering: Any, doc: Document, ids: StyleIds, width: int | None) -> None:

    sect_pr = body.find(_w("sectPr"))

    # Plain lxml: python-docx's get-or-add helpers are most of the time spent
    # filling a document, and every element here is new.
    def paragraph(style: str, *, keep_next: bool = False, num_id: int | None = None) -> Any:
        p = body.makeelement(_w("p"), {})
        ppr = _sub(p, "pPr")
        _sub(ppr, "pStyle", val=style)
        if keep_next:
            _sub(ppr, "keepNext")
        if num_id is not None:
            num_pr = _sub(ppr, "numPr")
            _sub(num_pr, "ilvl", val="0")
            _sub(num_pr, "numId", val=str(num_id))
        if sect_pr is not None:
            sect_pr.addprevious(p)
        else:
            body.append(p)
        return p

    def text_paragraph(style: str, text: str, **kwargs: Any) -> Any:
        p = paragraph(style, **kwargs)
        _run(p, clean(text, single_line=False))
        return p

    def labelled(label: str, value: str) -> None:
        p = paragraph(ids.normal)
        _run(p, f"{label}: ", bold=True)
        _run(p, clean(value))

    text_paragraph(ids.title, doc.title)
    for label, value in meta(doc):
        labelled(label, value)

    def motion_text(s: int, c: int | None) -> str:
        """The paragraph with a hard break at the end of each numbered line."""
        if width is None:
            section = doc.sections[s]
            return section.lead if c is None else section.clauses[c].text
        full = lines.paragraph(doc, s, c)
        skip = 0 if c is None else len(doc.sections[s].clauses[c].number) + 1
        return "\n".join(part for _, part in lines.wrap(full, width, skip))[skip:]

    shared_num = None
    for s, section in enumerate(doc.sections):
        lead = text_paragraph(ids.heading, motion_text(s, None), keep_next=True)
        if width is not None:
            _body_size(lead)
        if doc.profile.numbering == "continuous" and shared_num is not None:
            num_id = shared_num
        else:
            num_id = _new_list(numbering, ids.decimal_abstract)
            shared_num = num_id
        for c in range(len(section.clauses)):
            text_paragraph(ids.list_para, motion_text(s, c), num_id=num_id)

    for label, value in people(doc):
        labelled(label, value)
    if doc.carried_on:
        text_paragraph(ids.normal, f"Carried at a quorate meeting on {doc.carried_on}.")
    count = paragraph(ids.normal)
    _run(count, "Word count: ", bold=True)
    _run(count, f"{doc.word_count_line}. {doc.count_rule}.")

    if doc.citations:
        text_paragraph(ids.heading, "Sources for the facts noted", keep_next=True)
        bullets = _new_list(numbering, ids.bullet_abstract)
        for citation in doc.citations:
            text = f"{citation.statement} Source: {'; '.join(citation.sources)}."
            if citation.caveat:
                text += f" Note: {citation.caveat}"
            text_paragraph(ids.list_para, text, num_id=bullets)


def _body_size(p: Any) -> None:
    """A lead in numbered lines is set at body size, not bold, so that a line of
    the layout's width fits the page and Word breaks it nowhere else."""
    for r in p.findall(_w("r")):
        rpr = r.makeelement(_w("rPr"), {})
        r.insert(0, rpr)
        _sub(rpr, "b", val="0")
        _sub(rpr, "sz", val="24")


def _sub(parent: Any, tag: str, val: str | None = None) -> Any:
    child = parent.makeelement(_w(tag), {_w("val"): val} if val is not None else {})
    parent.append(child)
    return child


def _run(p: Any, text: str, *, bold: bool = False) -> None:
    """A run of text; a line break in the text becomes a Word line break."""
    r = _sub(p, "r")
    if bold:
        _sub(_sub(r, "rPr"), "b")
    for index, line in enumerate(text.split("\n")):
        if index:
            _sub(r, "br")
        t = _sub(r, "t")
        t.text = line
        if line != line.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _new_list(numbering: Any, abstract_id: int) -> int:
    """A numbering instance that starts again at 1: one per section."""
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return int(num.numId)


PROPERTY_MAX = 255  # characters in a core document property, as Word and python-docx hold them


def _fit(text: str) -> str:
    """A property made from longer parts (subject, category), cut to what Word holds."""
    return text if len(text) <= PROPERTY_MAX else text[: PROPERTY_MAX - 1] + "…"


def _properties(props: Any, doc: Document) -> None:
    # The spec keeps title and submitter within the limit; the rest is made here.
    props.title = _fit(doc.title)
    props.author = _fit(doc.submitted_by or "motiongen")
    props.subject = _fit(f"Motion to {doc.to or doc.profile.body}")
    props.keywords = "motion; children's social care; public ownership"
    props.category = _fit(doc.profile.name)
    props.comments = _fit(f"Drafted with motiongen {__version__} for {doc.profile.body}.")
    props.language = LANGUAGE
    props.last_modified_by = _fit(doc.submitted_by or "motiongen")
    props.revision = 1
    props.content_status = "Draft"
    props.identifier = ""
    props.version = ""
    now = _now()
    props.created = now
    props.modified = now
    props.last_printed = now


def _now() -> dt.datetime:
    """The build time, or SOURCE_DATE_EPOCH for reproducible documents."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0, tzinfo=None)
