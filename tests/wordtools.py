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
