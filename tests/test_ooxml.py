"""The one helper that knows Word's schema order: where a property goes, and what it fixes."""

from __future__ import annotations

import ast
from pathlib import Path

import docx
import pytest
from lxml import etree

from motiongen.output import ooxml
from wordtools import out_of_order

W = f"{{{ooxml.W_NS}}}"


def element(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:root xmlns:w="{ooxml.W_NS}">{xml}</w:root>')[0]


def names(parent: etree._Element) -> list[str]:
    return [etree.QName(child).localname for child in parent]


def test_a_border_goes_before_the_spacing_it_is_added_after() -> None:
    ppr = element("<w:pPr><w:keepLines/><w:spacing w:before='240'/><w:jc w:val='left'/></w:pPr>")
    ooxml.add(ppr, "pBdr")
    assert names(ppr) == ["keepLines", "pBdr", "spacing", "jc"]


@pytest.mark.parametrize(
    ("before", "name", "after"),
    [
        ("pPr:", "tabs", "tabs"),
        ("pPr: pStyle", "jc", "pStyle jc"),
        ("pPr: spacing", "pStyle", "pStyle spacing"),
        ("rPr: b sz", "rFonts", "rFonts b sz"),
        ("rPr: rFonts lang", "sz", "rFonts sz lang"),
        ("rPr: b", "ins", "ins b"),  # a paragraph mark's revision
        ("trPr: cantSplit hidden", "tblHeader", "cantSplit tblHeader hidden"),
        ("sectPr: pgSz pgMar cols", "lnNumType", "pgSz pgMar lnNumType cols"),
        ("sectPr: footerReference pgSz", "headerReference", "footerReference headerReference pgSz"),
        ("numbering: abstractNum num numIdMacAtCleanup", "num",
         "abstractNum num num numIdMacAtCleanup"),
        ("numbering: num", "abstractNum", "abstractNum num"),
        ("settings: zoom listSeparator", "themeFontLang", "zoom themeFontLang listSeparator"),
        ("styles: latentStyles style", "docDefaults", "docDefaults latentStyles style"),
    ],
)  # fmt: skip
def test_each_child_lands_in_its_place(before: str, name: str, after: str) -> None:
    container, _, children = before.partition(":")
    parent = element(
        f"<w:{container}>" + "".join(f"<w:{c}/>" for c in children.split()) + f"</w:{container}>"
    )
    added = ooxml.add(parent, name)
    assert names(parent) == after.split()
    assert added.getparent() is parent
    assert not out_of_order(parent)


def test_children_of_other_namespaces_are_stepped_over() -> None:
    """Word 2010's own run properties (w14:…) sit among ours; they are neither moved
    nor counted, and our child still lands in order around them."""
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    rpr = etree.fromstring(
        f'<w:rPr xmlns:w="{ooxml.W_NS}" xmlns:w14="{w14}"><w:b/><w14:ligatures/></w:rPr>'
    )
    ooxml.add(rpr, "rFonts")
    ooxml.add(rpr, "lang", val="en-GB")
    assert names(rpr) == ["rFonts", "b", "lang", "ligatures"]


def test_a_child_already_there_is_moved_not_copied() -> None:
    ppr = element("<w:pPr><w:spacing/><w:pBdr/></w:pPr>")
    ooxml.place(ppr, ppr[1])
    assert names(ppr) == ["pBdr", "spacing"]


def test_values_and_attributes_are_in_word_s_namespace() -> None:
    ppr = element("<w:pPr/>")
    num_id = ooxml.add(ooxml.add(ppr, "numPr"), "numId", val="3")
    assert num_id.get(f"{W}val") == "3"
    lang = ooxml.add(element("<w:rPr/>"), "lang", val="en-GB", eastAsia="en-GB")
    assert lang.attrib == {f"{W}val": "en-GB", f"{W}eastAsia": "en-GB"}


def test_get_or_add_keeps_what_is_there() -> None:
    rpr = element("<w:rPr><w:lang w:val='fr-FR'/></w:rPr>")
    assert ooxml.get_or_add(rpr, "lang").get(f"{W}val") == "fr-FR"
    assert names(ooxml.get_or_add(element("<w:styles/>"), "docDefaults").getparent()) == [
        "docDefaults"
    ]


def test_what_the_schema_does_not_place_is_refused() -> None:
    """A name missing from the order is a mistake in our code, not something to append."""
    with pytest.raises(ValueError, match="not a child"):
        ooxml.add(element("<w:pPr/>"), "tblHeader")
    with pytest.raises(ValueError, match="no schema order"):
        ooxml.add(element("<w:body/>"), "p")


def python_docx_orders() -> dict[str, tuple[str, ...]]:
    """python-docx's own lists of the order (``_tag_seq``), read from its source."""
    found = {}
    for path in (Path(docx.__file__).parent / "oxml").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            for statement in node.body:
                if isinstance(statement, ast.Assign) and any(
                    getattr(target, "id", "") == "_tag_seq" for target in statement.targets
                ):
                    found[node.name] = ast.literal_eval(statement.value)
    return found


CONTAINERS = {
    "CT_PPr": "pPr",
    "CT_RPr": "rPr",
    "CT_TrPr": "trPr",
    "CT_TblPr": "tblPr",
    "CT_TcPr": "tcPr",
    "CT_SectPr": "sectPr",
    "CT_Settings": "settings",
    "CT_Style": "style",
    "CT_Styles": "styles",
}


def test_the_order_agrees_with_python_docx() -> None:
    """Every container python-docx orders: each child it lists, we list, in its order."""
    orders = python_docx_orders()
    assert set(CONTAINERS) <= set(orders), "python-docx still lists these orders"
    for class_name, container in CONTAINERS.items():
        ranks = ooxml.RANKS[ooxml.qualified(container)]
        listed = [ranks.get(ooxml.qualified(name)) for name in orders[class_name]]
        assert None not in listed, (container, orders[class_name])
        assert listed == sorted(listed), container


def test_libreoffice_values_become_ones_word_allows() -> None:
    """LibreOffice writes a list level's and a table's alignment as "start" or "end"
    (ISO Strict) and gives fonts a character set the transitional schema has not."""
    root = etree.fromstring(
        f'<w:document xmlns:w="{ooxml.W_NS}">'
        "<w:lvl><w:lvlJc w:val='start'/></w:lvl><w:lvl><w:lvlJc w:val='end'/></w:lvl>"
        "<w:tbl><w:tblPr><w:jc w:val='start'/></w:tblPr>"
        "<w:tr><w:trPr><w:jc w:val='end'/></w:trPr></w:tr></w:tbl>"
        "<w:p><w:pPr><w:jc w:val='start'/></w:pPr></w:p>"
        "<w:font><w:charset w:val='00' w:characterSet='windows-1252'/></w:font>"
        "</w:document>"
    )
    assert ooxml.conform(root)
    values = [e.get(f"{W}val") for e in root.iter(f"{W}lvlJc", f"{W}jc")]
    assert values == ["left", "right", "left", "right", "start"], "a paragraph may say start"
    charset = root.find(f".//{W}charset")
    assert charset.attrib == {f"{W}val": "00"}
    assert not ooxml.conform(root), "nothing left to change"
