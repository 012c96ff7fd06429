"""Word files from outside, opened with limits: the one reader every command uses.

A .docx is a zip of XML parts that anyone can make by hand, so nothing in it is
trusted. The file must be an ordinary file of at most ``FILE_BYTES``; the zip
may hold at most ``PARTS`` parts, each stored or deflated (no zip encryption,
no other compression); a part is inflated in chunks and refused once it passes
``PART_BYTES`` (an XML part) or ``PICTURE_BYTES`` (a letterhead's picture), and
the parts read together once they pass ``TOTAL_BYTES``. XML is parsed as it is
inflated, by a parser that resolves no entities, loads no DTD and fetches
nothing; a DOCTYPE is refused outright, and so is a part of more than
``ELEMENTS`` elements, ``PARAGRAPHS`` paragraphs or ``SECTIONS`` sections. The
whole read has ``SECONDS``.

Every kind of damage is one `WordFileError` (an InputError: one line, exit 2)
naming the file, what is wrong and what to do.

`read_document` gives an import its body and style names; `letterhead` gives
``--reference-docx`` a new package holding only what a letterhead may carry
into a motion: its styles (with numbering, theme, fonts and settings), its
headers and footers, and their pictures. Macros, other parts, external
relationships (links, remote templates) and whatever cites them are left out.
"""

from __future__ import annotations

import io
import posixpath
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from motiongen.errors import InputError
from motiongen.io import inputs

FILE_BYTES = 50_000_000
PARTS = 1_000
PART_BYTES = 20_000_000
TOTAL_BYTES = 60_000_000
PICTURE_BYTES = 5_000_000
PICTURES_BYTES = 10_000_000  # a letterhead's pictures together
ELEMENTS = 500_000
PARAGRAPHS = 20_000
SECTIONS = 500
SECONDS = 20.0
_CHUNK = 1 << 16

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_W = f"{{{W_NS}}}"
_R = f"{{{R_NS}}}"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
MAIN_TYPE = _WML + "document.main+xml"
MAIN_TYPES = {
    MAIN_TYPE,
    _WML + "template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
HINT = "save it again from Word or LibreOffice as .docx"


class WordFileError(InputError):
    """A Word file that cannot be used: damaged, hostile or too large."""


@dataclass(frozen=True)
class Rel:
    id: str
    type: str
    target: str  # as written
    part: str | None  # the zip member it names; None for an external target
    external: bool

    def is_a(self, kind: str) -> bool:
        return self.type.rsplit("/", 1)[-1] == kind


class Package:
    """A .docx opened for reading, its parts read on demand within the limits."""

    def __init__(self, path: str | Path, *, field: str | None = None) -> None:
        self.path = Path(path)
        self.field = field
        self.deadline = time.monotonic() + SECONDS
        self.read_total = 0
        self.elements = 0
        data = self._file_bytes()
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            NotImplementedError,  # a zip 'version needed' beyond what Python reads
            struct.error,
            ValueError,
            EOFError,
            OSError,
        ):
            raise self.error(
                "this Word file is damaged and cannot be read (it may have been cut short)",
                "open it in Word or LibreOffice, which may repair it, and save it again as .docx",
            ) from None
        if len(infos) > PARTS:
            raise self.error(
                f"this Word file holds {len(infos):,} parts; a document has a few dozen "
                f"(motiongen reads up to {PARTS:,})"
            )
        self.infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.flag_bits & 0x1:
                raise self.error(
                    f"this Word file's part {info.filename} is encrypted (zip encryption, "
                    "which Word never uses)",
                    "open it in the program that made it, remove any password and " + HINT,
                )
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise self.error(
                    f"this Word file's part {info.filename} is compressed in a way Word "
                    f"never uses (zip method {info.compress_type})"
                )
            if info.filename in self.infos:
                raise self.error(f"this Word file holds the part {info.filename} twice")
            self.infos[info.filename] = info
        self._types = self._content_types()

    # --- errors and budgets -----------------------------------------------------------------

    def error(self, message: str, hint: str = HINT) -> WordFileError:
        return WordFileError(message, file=self.path, field=self.field, hint=hint)

    def damaged(self, what: str) -> WordFileError:
        return self.error(f"this Word file is damaged: {what}")

    def _tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise self.error(
                f"this Word file took more than {SECONDS:g} seconds to read; a motion takes "
                "a fraction of one",
                "is this the file you meant? If so, " + HINT,
            )

    def _file_bytes(self) -> bytes:
        try:
            data = inputs.read_bytes(self.path, limit=FILE_BYTES, field=self.field)
        except inputs.TooLarge:
            raise self.error(
                f"this Word file is larger than {FILE_BYTES // 1_000_000} MB; a motion, even "
                "with a letterhead's pictures, is far smaller",
                "is this the file you meant? Save it without large pictures",
            ) from None
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise self.error(
                "this Word file is password-protected or in the old .doc format",
                "open it in Word or LibreOffice, remove any password and save it as .docx",
            )
        if not data.startswith(b"PK"):
            raise self.error(
                "this is not a Word document, though its name ends in .docx",
                "open it in the program that made it and save it as .docx or .txt",
            )
        return data

    # --- parts --------------------------------------------------------------------------------

    def chunks(self, name: str, limit: int, what: str = "part") -> Any:
        """The part's inflated bytes in chunks, stopping at ``limit`` and the total."""
        info = self.infos[name]
        too_big = self.error(
            f"this Word file's {what} {name} inflates to more than {limit / 1_000_000:g} MB; "
            "a motion's parts are far smaller",
            "is this the file you meant? If so, " + HINT,
        )
        if info.file_size > limit:
            raise too_big
        size = 0
        try:
            with self.zip.open(info) as handle:
                while chunk := handle.read(_CHUNK):
                    size += len(chunk)
                    self.read_total += len(chunk)
                    if size > limit:
                        raise too_big
                    if self.read_total > TOTAL_BYTES:
                        raise self.error(
                            f"this Word file's parts inflate to more than "
                            f"{TOTAL_BYTES // 1_000_000} MB together; a motion's are far smaller",
                            "is this the file you meant? If so, " + HINT,
                        )
                    self._tick()
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, struct.error, EOFError, ValueError, OSError):
            raise self.damaged(f"its part {name} is corrupt") from None
        except (NotImplementedError, RuntimeError):  # compression, encryption
            raise self.damaged(f"its part {name} cannot be unpacked") from None

    def read(self, name: str, limit: int = PART_BYTES, what: str = "part") -> bytes:
        return b"".join(self.chunks(name, limit, what))

    def xml(self, name: str) -> Any:
        """A part's XML, parsed safely as it is inflated."""
        from lxml import etree  # type: ignore[import-untyped]

        if name not in self.infos:
            raise self.damaged(f"its part {name} is missing")
        parser = etree.XMLPullParser(
            events=("start",),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            dtd_validation=False,
        )
        paragraphs = sections = 0
        p_tag, sect_tag = f"{_W}p", f"{_W}sectPr"
        head = b""
        try:
            for chunk in self.chunks(name, PART_BYTES):
                if len(head) < 4096:
                    head += chunk[:4096]
                    if _declares(head):
                        raise self._doctype(name)
                parser.feed(chunk)
                for _, element in parser.read_events():
                    self.elements += 1
                    tag = element.tag
                    if tag == p_tag:
                        paragraphs += 1
                    elif tag == sect_tag:
                        sections += 1
                if self.elements > ELEMENTS:
                    raise self.error(
                        f"this Word file holds more than {ELEMENTS:,} XML elements (found "
                        f"reading its part {name}); a motion holds a few thousand",
                        "is this the file you meant? If so, " + HINT,
                    )
                if paragraphs > PARAGRAPHS:
                    raise self._too_many(name, f"more than {PARAGRAPHS:,} paragraphs")
                if sections > SECTIONS:
                    raise self._too_many(name, f"more than {SECTIONS:,} sections")
            root = parser.close()
        except etree.XMLSyntaxError as exc:
            line = f" at line {exc.lineno}" if getattr(exc, "lineno", None) else ""
            raise self.damaged(f"its part {name} is not well-formed XML{line}") from None
        docinfo = root.getroottree().docinfo
        if docinfo.doctype or docinfo.internalDTD is not None:
            raise self._doctype(name)
        return root

    def _doctype(self, name: str) -> WordFileError:
        return self.error(
            f"this Word file's part {name} declares a DOCTYPE or entities, which Word never "
            "writes and motiongen does not read",
            "open the file in Word or LibreOffice and save it again as .docx",
        )

    def _too_many(self, name: str, what: str) -> WordFileError:
        return self.error(
            f"this Word file's part {name} holds {what}, far more than a motion has",
            "is this the file you meant? If so, " + HINT,
        )

    # --- content types and relationships ------------------------------------------------------

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        name = "[Content_Types].xml"
        if name not in self.infos:
            if not any(n.startswith("word/") for n in self.infos):
                raise self.error(
                    "this is not a Word document, though its name ends in .docx",
                    "open it in the program that made it and save it as .docx or .txt",
                )
            raise self.damaged("it has no list of content types ([Content_Types].xml)")
        root = self.xml(name)
        defaults: dict[str, str] = {}
        overrides: dict[str, str] = {}
        for element in root:
            local = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
            kind = element.get("ContentType")
            if local == "Default" and element.get("Extension") and kind:
                defaults[element.get("Extension").lower()] = kind
            elif local == "Override" and element.get("PartName") and kind:
                overrides[element.get("PartName").lstrip("/").lower()] = kind
        return defaults, overrides

    def content_type(self, name: str) -> str:
        defaults, overrides = self._types
        found = overrides.get(name.lower())
        if found is None:
            found = defaults.get(posixpath.splitext(name)[1].lstrip(".").lower())
        if found is None:
            raise self.damaged(f"its part {name} has no content type in [Content_Types].xml")
        return found

    def rels(self, source: str) -> list[Rel]:
        """The relationships of a part ('' for the package); [] if it has none."""
        folder, base = posixpath.split(source)
        name = posixpath.join(folder, "_rels", f"{base}.rels")
        if name not in self.infos:
            return []
        out = []
        for element in self.xml(name):
            if not isinstance(element.tag, str) or not element.tag.endswith("Relationship"):
                continue
            r_id, kind, target = element.get("Id"), element.get("Type"), element.get("Target")
            if not r_id or not kind:
                raise self.damaged(f"a relationship in {name} has no Id or no Type")
            if target is None or not target.strip():
                raise self.damaged(f"the relationship {r_id} in {name} has no target")
            external = element.get("TargetMode") == "External"
            out.append(
                Rel(r_id, kind, target, None if external else _resolve(folder, target), external)
            )
        return out

    def main(self) -> str:
        """The main document part's name, found as Word finds it."""
        if "_rels/.rels" not in self.infos:
            raise self.damaged("it has no relationships part (_rels/.rels)")
        office = [r for r in self.rels("") if r.is_a("officeDocument") and not r.external]
        if not office:
            raise self.damaged("its relationships (_rels/.rels) name no main document")
        name = office[0].part or ""
        if name not in self.infos:
            raise self.damaged(f"its main document {name} is missing")
        kind = self.content_type(name)
        if kind not in MAIN_TYPES:
            raise self.error(
                f"this is not a Word document, though its name ends in .docx (it holds {kind})",
                "open it in the program that made it and save it as .docx or .txt",
            )
        return name

    def document(self, name: str) -> Any:
        """The main document's XML: a w:document with a w:body."""
        root = self.xml(name)
        if root.tag != f"{_W}document":
            raise self.damaged(f"its main document {name} is not a Word document body")
        body = root.find(f"{_W}body")
        if body is None:
            raise self.damaged(f"its main document {name} has no body")
        return root

    def related(self, source: str, kind: str) -> str | None:
        """The internal part ``source`` relates to as ``kind`` (styles, numbering…)."""
        for rel in self.rels(source):
            if rel.is_a(kind) and not rel.external:
                if rel.part not in self.infos:
                    raise self.damaged(f"its part {rel.part} is missing")
                self.content_type(rel.part or "")
                return rel.part
        return None


def _resolve(folder: str, target: str) -> str:
    target = unquote(target.strip())
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(path).lstrip("/")


def _declares(head: bytes) -> bool:
    """A DOCTYPE or an entity declaration near the start, in UTF-8 or UTF-16."""
    for marker in (b"<!DOCTYPE", b"<!ENTITY"):
        if marker in head or marker.decode().encode("utf-16-le") in head:
            return True
        if marker.decode().encode("utf-16-be") in head:
            return True
    return False


# --- an import: the body and the style names ----------------------------------------------------


def read_document(path: str | Path) -> tuple[Any, dict[str, str]]:
    """A motion's Word file: its w:body and its paragraph styles' names (by id, in
    lower case)."""
    package = Package(path)
    main = package.main()
    root = package.document(main)
    styles: dict[str, str] = {}
    styles_part = package.related(main, "styles")
    if styles_part is not None:
        for style in package.xml(styles_part).iter(f"{_W}style"):
            name = style.find(f"{_W}name")
            style_id = style.get(f"{_W}styleId")
            if style_id is not None:
                styles[style_id] = (name.get(f"{_W}val") or "").lower() if name is not None else ""
    return root.find(f"{_W}body"), styles


# --- a letterhead: what it may carry into a motion, and nothing else ----------------------------

# The parts a letterhead keeps, by the last word of their relationship's type: the
# content type each must have, and its root element (namespace and all).
EXPECTED = {
    "styles": (_WML + "styles+xml", f"{_W}styles"),
    "numbering": (_WML + "numbering+xml", f"{_W}numbering"),
    "theme": (
        "application/vnd.openxmlformats-officedocument.theme+xml",
        "{http://schemas.openxmlformats.org/drawingml/2006/main}theme",
    ),
    "fontTable": (_WML + "fontTable+xml", f"{_W}fonts"),
    "settings": (_WML + "settings+xml", f"{_W}settings"),
    "header": (_WML + "header+xml", f"{_W}hdr"),
    "footer": (_WML + "footer+xml", f"{_W}ftr"),
    "core-properties": (
        "application/vnd.openxmlformats-package.core-properties+xml",
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}coreProperties",
    ),
    "extended-properties": (
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Properties",
    ),
}
PACKAGE_PARTS = {"officeDocument", "core-properties", "extended-properties"}
# Settings that cite other files or parts left out.
UNWANTED_SETTINGS = ("attachedTemplate", "mailMerge", "docVars", "attachedSchema")
# Fields that fetch or run something from outside when updated.
OUTSIDE_FIELDS = (
    "INCLUDEPICTURE",
    "INCLUDETEXT",
    "LINK",
    "DDE",
    "DDEAUTO",
    "IMPORT",
    "MACROBUTTON",
)
PICTURE_TYPES = ("image/",)


def letterhead(path: str | Path, *, field: str = "--reference-docx") -> bytes:
    """A new .docx made of what a letterhead may carry into a motion: its main
    document (its body is cleared later), styles, numbering, theme, fonts,
    settings, headers, footers and their pictures of up to ``PICTURE_BYTES``."""
    from lxml import etree

    package = Package(path, field=field)
    main = package.main()
    kept: dict[str, tuple[bytes, str]] = {}  # part → (bytes, content type)
    pictures: list[int] = []  # the sizes of the pictures kept
    rels_out: dict[str, list[Rel]] = {}

    def keep_xml(name: str, root: Any, kind: str) -> None:
        kept[name] = (
            etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
            kind,
        )

    def part_with_pictures(name: str, root: Any, kind: str) -> None:
        """A part kept with its internal pictures; every other relationship dropped."""
        keep: list[Rel] = []
        for rel in package.rels(name):
            if rel.is_a("image") and not rel.external and rel.part in package.infos:
                picture = rel.part or ""
                picture_type = package.content_type(picture)
                if picture_type.startswith(PICTURE_TYPES):
                    if picture not in kept:
                        data = package.read(picture, PICTURE_BYTES, "picture")
                        pictures.append(len(data))
                        if sum(pictures) > PICTURES_BYTES:
                            raise package.error(
                                f"this letterhead's pictures come to more than "
                                f"{PICTURES_BYTES // 1_000_000} MB together, and every "
                                "motion written from it would carry them",
                                "save its logo smaller, then save the letterhead again as .docx",
                            )
                        kept[picture] = (data, picture_type)
                    keep.append(rel)
        for element in list(root.iter(f"{_W}instrText", f"{_W}fldSimple")):
            _defuse_field(element)
        _drop_citations(root, {r.id for r in keep})
        rels_out[name] = keep
        keep_xml(name, root, kind)

    def checked(name: str, kind: str) -> tuple[Any, str]:
        """A part's XML, if it is what its relationship says it is."""
        if name not in package.infos:
            raise package.damaged(f"its part {name} is missing")
        part_type = package.content_type(name)
        want_type, want_root = EXPECTED[kind]
        root = package.xml(name)
        if part_type != want_type or root.tag != want_root:
            raise package.damaged(f"its part {name} is not the {kind} part its relationship says")
        return root, part_type

    document = package.document(main)
    body = document.find(f"{_W}body")
    if body.find(f"{_W}sectPr") is None:
        body.append(body.makeelement(f"{_W}sectPr", {}))
    main_rels: list[Rel] = []
    for rel in package.rels(main):
        kind = rel.type.rsplit("/", 1)[-1]
        if rel.external or kind not in EXPECTED or kind in PACKAGE_PARTS:
            continue
        part = rel.part or ""
        if part == main:
            continue
        if part not in kept:
            root, part_type = checked(part, kind)
            if kind == "settings":
                _clean_settings(root)
            if kind == "styles":
                _need_normal(package, root)
            part_with_pictures(part, root, part_type)
        main_rels.append(rel)
    # The main document keeps its parts, not its body's pictures: the body is cleared.
    for element in list(document.iter(f"{_W}instrText", f"{_W}fldSimple")):
        _defuse_field(element)
    _drop_citations(document, {r.id for r in main_rels})
    rels_out[main] = main_rels
    keep_xml(main, document, MAIN_TYPE)
    package_rels: list[Rel] = []
    for rel in package.rels(""):
        kind = rel.type.rsplit("/", 1)[-1]
        if rel.external or kind not in PACKAGE_PARTS:
            continue
        if kind == "officeDocument":
            if rel.part == main and rel not in package_rels:
                package_rels.append(rel)
            continue
        if rel.part in package.infos and rel.part not in kept:
            root, part_type = checked(rel.part or "", kind)
            keep_xml(rel.part or "", root, part_type)
            package_rels.append(rel)
    rels_out[""] = package_rels
    return _zipped(kept, rels_out)


def _need_normal(package: Package, styles: Any) -> None:
    for style in styles.iter(f"{_W}style"):
        name = style.find(f"{_W}name")
        if name is not None and (name.get(f"{_W}val") or "").lower() == "normal":
            return
    raise package.error(
        'this letterhead has no "Normal" style, the style its text is set in',
        "open it in Word or LibreOffice, set its text in the Normal style and save it again "
        "as .docx",
    )


def _clean_settings(settings: Any) -> None:
    for name in UNWANTED_SETTINGS:
        for element in settings.findall(f"{_W}{name}"):
            settings.remove(element)
    # The footnote and endnote separators live in parts a letterhead does not carry.
    for name in ("footnotePr", "endnotePr"):
        for element in settings.findall(f"{_W}{name}"):
            settings.remove(element)


def _defuse_field(element: Any) -> None:
    """A field that would fetch a file, a picture or a link from outside when updated
    is left with no instruction: its last result shows as text."""
    if element.tag == f"{_W}instrText":
        words = (element.text or "").split()
        if words and words[0].upper() in OUTSIDE_FIELDS:
            element.text = ""
    else:
        words = (element.get(f"{_W}instr") or "").split()
        if words and words[0].upper() in OUTSIDE_FIELDS:
            parent = element.getparent()
            if parent is not None:
                at = parent.index(element)
                for offset, child in enumerate(list(element)):
                    parent.insert(at + offset, child)
                parent.remove(element)


def _drop_citations(root: Any, kept: set[str]) -> None:
    """Whatever cites a relationship left out goes too: a link keeps its words, a
    linked picture its embedded copy, anything else (an object, a chart) its run."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        cited = [
            (name, value)
            for name, value in element.attrib.items()
            if name.startswith(_R) and value not in kept
        ]
        if not cited:
            continue
        parent = element.getparent()
        names = {name for name, _ in cited}
        if element.tag == f"{_W}hyperlink" and parent is not None:
            at = parent.index(element)
            for offset, child in enumerate(list(element)):
                parent.insert(at + offset, child)
            parent.remove(element)
        elif element.tag in (f"{_W}headerReference", f"{_W}footerReference"):
            if parent is not None:
                parent.remove(element)
        elif names == {f"{_R}link"} and element.get(f"{_R}embed"):
            del element.attrib[f"{_R}link"]  # a linked picture: its embedded copy stays
        else:
            run = element
            while run is not None and run.tag != f"{_W}r":
                run = run.getparent()
            target = run if run is not None else element
            holder = target.getparent()
            if holder is not None:
                holder.remove(target)
            else:
                for name in names:
                    del element.attrib[name]


def _zipped(kept: dict[str, tuple[bytes, str]], rels: dict[str, list[Rel]]) -> bytes:
    types = [
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
    ]
    for name, (_, kind) in sorted(kept.items()):
        types.append(f'<Override PartName="/{_attr(name)}" ContentType="{_attr(kind)}"/>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{CT_NS}">'
            + "".join(types)
            + "</Types>",
        )
        for source, items in rels.items():
            if not items and source:
                continue  # a part that keeps no relationships needs no list of them
            folder, base = posixpath.split(source)
            entries = "".join(
                f'<Relationship Id="{_attr(r.id)}" Type="{_attr(r.type)}" '
                f'Target="{_attr(_relative(folder, r.part or ""))}"/>'
                for r in items
            )
            archive.writestr(
                posixpath.join(folder, "_rels", f"{base}.rels"),
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<Relationships xmlns="{PKG_RELS_NS}">{entries}</Relationships>',
            )
        for name, (data, _) in kept.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _relative(folder: str, part: str) -> str:
    return posixpath.relpath(part, folder or ".") if folder else part


def _attr(value: str) -> str:
    from xml.sax.saxutils import quoteattr

    return quoteattr(value)[1:-1]
