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
