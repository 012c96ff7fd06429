"""Helpers for reading .docx files in tests."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


def part(path: Path | bytes, name: str) -> etree._Element:
    source = path if isinstance(path, Path) else __import__("io").BytesIO(path)
    with zipfile.ZipFile(source) as archive:
        return etree.fromstring(archive.read(name))


def pretty(element: etree._Element) -> str:
    return etree.tostring(element, pretty_print=True, encoding="unicode")


def need_soffice() -> str:
    """LibreOffice is required in CI (which installs it) and optional elsewhere."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("LibreOffice is not installed, but CI must run the real-consumer tests")
    pytest.skip("LibreOffice is not installed")


def lo_convert(
    source: Path, out_dir: Path, target: str = "pdf", infilter: str | None = None
) -> Path:
    """Convert a file with LibreOffice headless, in a profile of its own."""
    return lo_convert_all([source], out_dir, target, infilter)[0]


def lo_convert_all(
    sources: list[Path], out_dir: Path, target: str = "pdf", infilter: str | None = None
) -> list[Path]:
    """Convert files in one LibreOffice run (a start costs seconds); the files made, in order."""
    import subprocess

    program = need_soffice()
    command = [
        program,
        f"-env:UserInstallation=file://{out_dir / 'lo-profile'}",
        "--headless",
        "--norestore",
        *([f"--infilter={infilter}"] if infilter else []),
        "--convert-to",
        target,
        "--outdir",
        str(out_dir),
        *map(str, sources),
    ]
    subprocess.run(command, capture_output=True, timeout=300, check=False)
    made = [out_dir / (source.stem + "." + target.split(":")[0]) for source in sources]
    for path, source in zip(made, sources, strict=True):
        assert path.is_file(), f"LibreOffice made no {target} from {source.name}"
    return made


def pdf_text(pdf: Path, *, layout: bool = True) -> str:
    import subprocess

    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def out_of_order(root: etree._Element) -> list[str]:
    """Each property, anywhere under ``root``, that stands before one Word's schema
    puts ahead of it ('pPr: spacing before pBdr'); empty when all is in order."""
    from motiongen.output.ooxml import RANKS

    def local(tag: str) -> str:
        return tag.rpartition("}")[2]

    problems = []
    for tag, ranks in RANKS.items():
        for container in root.iter(tag):
            highest: tuple[int, str] | None = None
            for child in container:
                rank = ranks.get(child.tag)
                if rank is None:
                    continue
                if highest is not None and rank < highest[0]:
                    problems.append(f"{local(tag)}: {highest[1]} before {local(child.tag)}")
                elif highest is None or rank > highest[0]:
                    highest = (rank, local(child.tag))
    return problems


def unknown_properties(root: etree._Element) -> list[str]:
    """Children in Word's own namespace of a container whose order we keep that
    the order does not list: a gap in it, or an element in the wrong container."""
    from motiongen.output.ooxml import RANKS, W_NS

    out = []
    for tag, ranks in RANKS.items():
        for container in root.iter(tag):
            for child in container:
                tag_of = child.tag if isinstance(child.tag, str) else ""
                if tag_of.startswith(f"{{{W_NS}}}") and tag_of not in ranks:
                    out.append(f"{tag.rpartition('}')[2]}: {tag_of.rpartition('}')[2]}")
    return out


def docx_xml_parts(path: Path | bytes) -> dict[str, etree._Element]:
    """Every XML part of a package, by name."""
    source = path if isinstance(path, Path) else __import__("io").BytesIO(path)
    with zipfile.ZipFile(source) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


def tiny_png(width: int = 40, height: int = 20) -> bytes:
    """A small red picture, for a letterhead's logo."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xcc\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def letterhead(path: Path, *, logo: bool = False) -> Path:
    """A branch letterhead made with python-docx: a header (with a logo, if asked),
    a footer and a style of its own."""
    import docx
    from docx.shared import Mm, Pt, RGBColor

    document = docx.Document()
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = "Anytown Branch Labour Party · 1 High Street · Anytown"
    if logo:
        picture = path.with_suffix(".png")
        picture.write_bytes(tiny_png())
        header.insert_paragraph_before().add_run().add_picture(str(picture), width=Mm(30))
    section.footer.paragraphs[0].text = "Promoted by the Anytown Branch secretary"
    normal = document.styles["Normal"]
    normal.font.name = "Georgia"
    normal.font.size = Pt(13)
    normal.font.color.rgb = RGBColor(0x33, 0x33, 0x66)
    document.add_paragraph("Letterhead body text that the motion replaces.")
    document.save(str(path))
    return path


def libreoffice_letterhead(folder: Path) -> Path:
    """A branch letterhead as LibreOffice writes it: made in Writer's own format
    (a logo and the officers in a table in the header, a footer, a list) and saved
    as .docx by LibreOffice itself."""
    import base64

    flat = folder / "lo-letterhead.fodt"
    logo = base64.b64encode(tiny_png()).decode("ascii")
    flat.write_text(LETTERHEAD_FODT.replace("LOGO", logo), encoding="utf-8")
    return lo_convert(flat, folder, "docx")


LETTERHEAD_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:styles>
  <style:style style:name="Standard" style:family="paragraph">
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="11pt"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
    fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
   <style:header-style>
    <style:header-footer-properties fo:margin-bottom="0.5cm"/>
   </style:header-style>
   <style:footer-style>
    <style:header-footer-properties fo:margin-top="0.5cm"/>
   </style:footer-style>
  </style:page-layout>
  <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:text-align="end"/>
  </style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header>
    <text:p text:style-name="Standard"><draw:frame draw:name="Logo" text:anchor-type="as-char"
     svg:width="3cm" svg:height="1.5cm"><draw:image><office:binary-data>LOGO</office:binary-data>
     </draw:image></draw:frame> Anytown Branch Labour Party</text:p>
    <table:table table:name="Officers">
     <table:table-column table:number-columns-repeated="2"/>
     <table:table-row>
      <table:table-cell>
       <text:p text:style-name="Standard">Chair: Sam Example</text:p>
      </table:table-cell>
      <table:table-cell>
       <text:p text:style-name="P1">Secretary: Alex Example</text:p>
      </table:table-cell>
     </table:table-row>
    </table:table>
   </style:header>
   <style:footer>
    <text:p text:style-name="P1">Promoted by the branch secretary, 1 High Street, Anytown</text:p>
   </style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body>
  <office:text>
   <text:list>
    <text:list-item><text:p text:style-name="Standard">An item</text:p></text:list-item>
   </text:list>
   <text:p text:style-name="Standard">Letterhead body text that the motion replaces.</text:p>
  </office:text>
 </office:body>
</office:document>
"""
