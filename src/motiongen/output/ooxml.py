"""Word's schema as far as we write it: where each property goes, and values it lacks.

Word checks the order of the children of a paragraph's, run's, row's or
section's properties (and of styles, numbering and settings); LibreOffice and
pandoc do not, so a child appended in the wrong place shows only in Word, or in
the Open XML SDK's validator. Every writer of Word documents adds such children
through ``place`` or ``add`` here, which put them where ECMA-376 (transitional,
as Office 2019 reads it) says they go; ``conform`` mends the values other
programs (LibreOffice) write that the schema does not allow. Plain lxml: the
everyday path writes documents without importing python-docx.
"""

from __future__ import annotations

from typing import Any

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
}
W_NS = NAMESPACES["w"]

# Each container's children in the schema's order. A tuple groups children of
# equal rank: the schema lets them come in any order among themselves.
ORDER: dict[str, tuple[str | tuple[str, ...], ...]] = {
    # CT_PPr (and CT_PPrBase in styles, numbering and defaults)
    "pPr": (
        "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
        "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
        "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
        "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
        "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
        "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
    ),
    # CT_RPr; a paragraph mark's properties (CT_ParaRPr) open with the revision marks
    "rPr": (
        "ins", "del", "moveFrom", "moveTo",
        "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
        "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
        "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
        "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
        "eastAsianLayout", "specVanish", "oMath", "rPrChange",
    ),
    "pBdr": ("top", ("left", "start"), "bottom", ("right", "end"), "between", "bar"),
    "numPr": ("ilvl", "numId", "numberingChange", "ins"),
    "tblPr": (
        "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
        "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
        "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange",
    ),
    # CT_TrPrBase is a choice, so any order is valid: python-docx's, for one way of writing it
    "trPr": (
        "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
        "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange",
    ),
    "tcPr": (
        "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
        "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers",
        ("cellIns", "cellDel", "cellMerge"), "tcPrChange",
    ),
    "sectPr": (
        ("headerReference", "footerReference"), "footnotePr", "endnotePr", "type", "pgSz",
        "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt",
        "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid",
        "printerSettings", "sectPrChange",
    ),
    "styles": ("docDefaults", "latentStyles", "style"),
    "docDefaults": ("rPrDefault", "pPrDefault"),
    "style": (
        "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
        "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
        "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
    ),
    "numbering": ("numPicBullet", "abstractNum", "num", "numIdMacAtCleanup"),
    "abstractNum": (
        "nsid", "multiLevelType", "tmpl", "name", "styleLink", "numStyleLink", "lvl",
    ),
    "lvl": (
        "start", "numFmt", "lvlRestart", "pStyle", "isLgl", "suff", "lvlText",
        "lvlPicBulletId", "legacy", "lvlJc", "pPr", "rPr",
    ),
    "num": ("abstractNumId", "lvlOverride"),
    "lvlOverride": ("startOverride", "lvl"),
    # CT_Settings
    "settings": (
        "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
        "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
        "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
        "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
        "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
        "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
        "proofState", "formsDesign", "attachedTemplate", "linkStyles",
        "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
        "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting",
        "documentProtection", "autoFormatOverride", "styleLockTheme", "styleLockQFSet",
        "defaultTabStop", "autoHyphenation", "consecutiveHyphenLimit", "hyphenationZone",
        "doNotHyphenateCaps", "showEnvelope", "summaryLength", "clickAndTypeStyle",
        "defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting", "bookFoldPrinting",
        "bookFoldPrintingSheets", "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
        "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
        "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
        "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
        "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
        "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
        "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
        "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
        "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace",
        "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
        "rsids", "m:mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
        "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
        "captions", "readModeInkLockDown", "smartTagType", "sl:schemaLibrary",
        "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
    ),
}  # fmt: skip


def qualified(name: str) -> str:
    """``w:name`` (or a bare ``name``, in w) as lxml writes it: {namespace}name."""
    prefix, _, local = name.rpartition(":")
    return f"{{{NAMESPACES[prefix or 'w']}}}{local}"


def _ranks() -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for container, children in ORDER.items():
        ranks: dict[str, int] = {}
        for rank, entry in enumerate(children):
            for name in (entry,) if isinstance(entry, str) else entry:
                ranks[qualified(name)] = rank
        out[qualified(container)] = ranks
    return out


RANKS = _ranks()  # {container tag: {child tag: rank}}


def place(parent: Any, element: Any) -> Any:
    """Put ``element`` into ``parent`` where the schema says it goes: after every
    child that comes before it or beside it, before every child that comes after.
    Children of other namespaces (a later Word's extensions) are stepped over."""
    ranks = RANKS.get(parent.tag)
    if ranks is None:
        raise ValueError(f"no schema order is known for {parent.tag}")
    rank = ranks.get(element.tag)
    if rank is None:
        raise ValueError(f"{element.tag} is not a child {parent.tag} may have")
    if element.getparent() is parent:
        parent.remove(element)
    # From the end: a new child most often goes last, so this is one step.
    for child in reversed(parent):
        known = ranks.get(child.tag)
        if known is not None and known <= rank:
            child.addnext(element)
            return element
    first = next((c for c in parent if ranks.get(c.tag) is not None), None)
    if first is not None:
        first.addprevious(element)
    else:
        parent.append(element)
    return element


def add(parent: Any, name: str, val: str | None = None, **attributes: str) -> Any:
    """A new ``w:name`` (with ``w:val`` and other w: attributes), in its place in ``parent``."""
    attrib = {qualified(key): value for key, value in attributes.items()}
    if val is not None:
        attrib[qualified("val")] = val
    return place(parent, parent.makeelement(qualified(name), attrib))


def get_or_add(parent: Any, name: str) -> Any:
    """The child ``w:name`` of ``parent``, added in its place if it has none."""
    found = parent.find(qualified(name))
    return found if found is not None else add(parent, name)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


# Values LibreOffice writes from ISO 29500 Strict, which the transitional
# schema Word validates against does not have.
JUSTIFIED = {"start": "left", "end": "right"}


def conform(root: Any) -> bool:
    """Make values other programs wrote into ones Word's schema allows; True when
    anything changed. A list level's or a table's alignment of "start" or "end"
    becomes "left" or "right" (the transitional schema has only those), and a
    font's ``w:characterSet`` goes (its ``w:charset`` value says the same)."""
    changed = False
    val = qualified("val")
    for tag in ("lvlJc", "jc"):
        for element in root.iter(qualified(tag)):
            parent = element.getparent()
            if tag == "jc" and _local(parent.tag) not in ("tblPr", "tblPrEx", "trPr"):
                continue  # a paragraph's alignment may be "start" or "end"
            fixed = JUSTIFIED.get(element.get(val, ""))
            if fixed is not None:
                element.set(val, fixed)
                changed = True
    character_set = qualified("characterSet")
    for charset in root.iter(qualified("charset")):
        if character_set in charset.attrib:
            del charset.attrib[character_set]
            changed = True
    return changed
