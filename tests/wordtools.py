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
