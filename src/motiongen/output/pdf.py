"""PDF through LibreOffice, where it is installed: one conversion for many files."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from motiongen.errors import InputError, MotiongenError

CHUNK = 40  # files per LibreOffice run: far quicker than one run a file


def find_soffice() -> str | None:
    """The LibreOffice program, if it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice() -> str:
    """The LibreOffice program, or a clear error saying how to get it."""
    found = find_soffice()
    if found:
        return found
    raise InputError(
        "PDF output needs LibreOffice, which is not installed",
        field="--format",
        hint="install it (on Debian or Ubuntu: sudo apt install libreoffice-writer) or use "
        "--format docx and save as PDF from Word",
    )


def convert(docx_files: list[Path], out_dir: Path, *, timeout: int = 300) -> dict[Path, Path]:
    """Convert Word files to PDF in ``out_dir``; returns each input's PDF."""
    program = soffice()
    done: dict[Path, Path] = {}
    with tempfile.TemporaryDirectory(prefix="motiongen-lo-") as profile:
        for start in range(0, len(docx_files), CHUNK):
            chunk = docx_files[start : start + CHUNK]
            command = [
                program,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, chunk),
            ]
            try:
                subprocess.run(command, capture_output=True, timeout=timeout, check=False)
            except subprocess.TimeoutExpired:
                raise MotiongenError(
                    f"LibreOffice took more than {timeout} seconds to make PDFs",
                    hint="try again with fewer motions, or close other LibreOffice windows",
                ) from None
            for source in chunk:
                made = out_dir / (source.stem + ".pdf")
                if made.is_file():
                    done[source] = made
    return done
