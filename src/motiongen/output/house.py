"""The house style of every Word document motiongen writes: A4, Arial, British English.

Motions, compositing reports and speech notes share it: the page, the fonts and
headings, the language, page numbers as fields, and the build time.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

from motiongen.output import ooxml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


LANGUAGE = "en-GB"


def tag(name: str) -> str:
    """A WordprocessingML tag name as lxml writes it: {namespace}name."""
    return f"{{{W_NS}}}{name}"


def house_style(document: Any) -> None:
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
    east_asian_font(normal.element, "Arial")
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _default_fonts(document, "Arial")
    for name, size in (("Title", 20), ("Heading 1", 20), ("Heading 2", 13)):
        style = styles[name]
        style.font.name = "Arial"
        east_asian_font(style.element, "Arial")
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(12 if name == "Heading 2" else 0)
        style.paragraph_format.space_after = Pt(6)
        # The default Title has a rule under it: plain is clearer.
        ppr = style.element.pPr
        if ppr is not None:
            for border in ppr.findall(tag("pBdr")):
                ppr.remove(border)
    # The title is the only level-1 heading: the outline, a screen reader's
    # list of headings and a tagged PDF all start from it.
    styles["Heading 1"].element.get_or_add_pPr()
    for name in ("Header", "Footer"):
        style = styles[name]
        style.font.name = "Arial"
        east_asian_font(style.element, "Arial")
        style.font.size = Pt(12)  # accessibility guidance: nothing under 12 point
        _a4_tabs(style.element)


# A4 with 25 mm margins leaves 160 mm of line: tab stops at its middle and end.
A4_TABS = (("center", 4536), ("right", 9072))


def _a4_tabs(style_element: Any) -> None:
    ppr = style_element.get_or_add_pPr()
    for old in ppr.findall(tag("tabs")):
        ppr.remove(old)
    tabs = ooxml.add(ppr, "tabs")
    for kind, pos in A4_TABS:
        child(tabs, "tab", val=kind).set(tag("pos"), str(pos))


def _default_fonts(document: Any, name: str) -> None:
    """The document default font named outright, not the theme's Cambria or Calibri."""
    defaults = document.styles.element.find(tag("docDefaults"))
    rpr = defaults.find(f"{tag('rPrDefault')}/{tag('rPr')}") if defaults is not None else None
    if rpr is None:
        return
    fonts = ooxml.get_or_add(rpr, "rFonts")
    for attr in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
        fonts.attrib.pop(tag(attr), None)
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(tag(attr), name)


def body_font(document: Any) -> str | None:
    return document.styles["Normal"].font.name


def east_asian_font(style_element: Any, name: str) -> None:
    rpr = style_element.get_or_add_rPr()
    fonts = rpr.find(tag("rFonts"))
    if fonts is None:
        return
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(tag(attr), name)
    for attr in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
        fonts.attrib.pop(tag(attr), None)


def drop_extras(document: Any) -> None:
    """Parts no motion needs: the template's thumbnail (a picture of another
    document, which file browsers would show as this one), a Word 2010 copy of
    the styles, and a bibliography store. The copy of the styles is also most of
    the time spent compressing each file."""
    unwanted = ("/thumbnail", "/stylesWithEffects", "/customXml")
    for rels in (document.part.package.rels, document.part.rels):
        for r_id, rel in list(rels.items()):
            if not rel.is_external and rel.reltype.endswith(unwanted):
                rels.pop(r_id)


def clear_body(document: Any) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != tag("sectPr"):
            body.remove(child)


def set_language(document: Any) -> None:
    """British English for every run, as the document's default and in settings."""
    styles = document.styles.element
    rpr_default = ooxml.get_or_add(ooxml.get_or_add(styles, "docDefaults"), "rPrDefault")
    rpr = rpr_default.find(tag("rPr"))
    if rpr is None:
        rpr = child(rpr_default, "rPr")  # its only child
    lang = ooxml.get_or_add(rpr, "lang")
    lang.set(tag("val"), LANGUAGE)
    lang.set(tag("eastAsia"), LANGUAGE)
    lang.set(tag("bidi"), "ar-SA")
    # Styles that name a language of their own would override the default.
    for style_lang in styles.iter(tag("lang")):
        if style_lang is not lang:
            style_lang.set(tag("val"), LANGUAGE)
    ooxml.get_or_add(document.settings.element, "themeFontLang").set(tag("val"), LANGUAGE)


def page_x_of_y(paragraph: Any, wording: str) -> None:
    """'Page {page} of {pages}', the numbers as Word fields."""

    for piece in re.split(r"(\{page\}|\{pages\})", wording):
        if piece == "{page}":
            _field(paragraph, "PAGE")
        elif piece == "{pages}":
            _field(paragraph, "NUMPAGES")
        elif piece:
            paragraph.add_run(piece)


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instruction / separate / result / end."""
    from docx.oxml import OxmlElement

    def run_with(child: Any) -> None:
        run = paragraph.add_run()
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(tag("fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(tag("fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run("1")
    end = OxmlElement("w:fldChar")
    end.set(tag("fldCharType"), "end")
    run_with(end)


def now() -> dt.datetime:
    """The build time, or SOURCE_DATE_EPOCH for reproducible documents."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0, tzinfo=None)


# Plain lxml for the body of a document: python-docx's get-or-add helpers are
# most of the time spent filling one, and every element here is new.


def child(parent: Any, name: str, val: str | None = None) -> Any:
    """A new element ``w:name`` (with ``w:val``) appended to ``parent``: for content,
    whose order is the document's own (runs, text, breaks). Properties go through
    ``ooxml.add``, which puts them where Word's schema wants them."""
    element = parent.makeelement(tag(name), {tag("val"): val} if val is not None else {})
    parent.append(element)
    return element
