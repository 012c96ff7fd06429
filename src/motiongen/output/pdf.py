"""PDF through LibreOffice, where it is installed: one conversion for many files."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from motiongen.errors import InputError, MotiongenError

if TYPE_CHECKING:
    import subprocess

CHUNK = 40  # files per LibreOffice run: far quicker than one run a file
# A tagged PDF: headings, lists and the document's language for a screen reader,
# and the title shown in the window rather than the file name. LibreOffice's plain
# "pdf" filter writes none of that.
PDF_FILTER = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"},'
    '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"}}'
)


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
                PDF_FILTER,
                "--outdir",
                str(out_dir),
                *map(str, chunk),
            ]
            _run(command, timeout, Path(profile))
            for source in chunk:
                made = out_dir / (source.stem + ".pdf")
                if made.is_file():
                    done[source] = made
    return done


def pdfs(documents: list[bytes]) -> list[bytes | None]:
    """Word files as PDFs, in a few LibreOffice runs; None where one could not be made."""
    if not documents:
        return []
    with tempfile.TemporaryDirectory(prefix="motiongen-pdf-") as tmp:
        folder = Path(tmp)
        sources = []
        for index, data in enumerate(documents):
            source = folder / f"{index:06d}.docx"
            source.write_bytes(data)
            sources.append(source)
        made = convert(sources, folder)
        return [made[s].read_bytes() if s in made else None for s in sources]


def _run(command: list[str], timeout: int, scratch: Path) -> None:
    """Run LibreOffice in a process group of its own, and end the whole group if
    we stop (Ctrl-C, SIGTERM, a timeout): ``soffice`` is a script that starts
    ``soffice.bin``, which would otherwise outlive us. Its temporary files go to
    our own temporary folder, which is removed after."""
    import subprocess  # here: with locale, start-up time that only PDF output needs

    env = {**os.environ, "TMPDIR": str(scratch), "TMP": str(scratch), "TEMP": str(scratch)}
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _end_group(process)
        raise MotiongenError(
            f"LibreOffice took more than {timeout} seconds to make PDFs",
            hint="try again with fewer motions, or close other LibreOffice windows",
        ) from None
    except BaseException:
        _end_group(process)
        raise
    _end_group(process)  # a helper process may linger after the main one ends


def _end_group(process: subprocess.Popen[bytes]) -> None:
    import subprocess

    with contextlib.suppress(ProcessLookupError, PermissionError):
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)
