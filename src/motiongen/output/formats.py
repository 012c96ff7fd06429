"""The formats motiongen writes, in one table, and the one parser of ``--format``.

A text format is made by a template named after the document and the format
(``motion.md.j2``, ``paper.txt.j2``), so a new text format is a row here and
its templates; Word is made by the Word writer, and PDF from the Word file by
LibreOffice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from motiongen.errors import InputError

Made = Literal["template", "word", "libreoffice"]


@dataclass(frozen=True)
class Format:
    id: str  # as --format names it, and the file's suffix
    name: str  # as people call it
    made: Made


TABLE: dict[str, Format] = {
    f.id: f
    for f in (
        Format("md", "Markdown", "template"),
        Format("txt", "plain text", "template"),
        Format("docx", "Word", "word"),
        Format("pdf", "PDF", "libreoffice"),
    )
}
FORMATS = tuple(TABLE)
TEXT_FORMATS = tuple(f.id for f in TABLE.values() if f.made == "template")

# What each kind of document comes in: a motion and a paper (report, brief,
# amendment) in every format; the tracked-changes motion only in Word, since
# tracked changes are Word's own.
MOTION_FORMATS = FORMATS
PAPER_FORMATS = FORMATS


def parse_formats(text: str, allowed: Sequence[str] = FORMATS, *, what: str = "") -> list[str]:
    """``md,docx`` as a list in the order given, each once; a wrong one is refused.

    ``what`` names the document when it comes in fewer formats than motiongen
    writes ("the brief").
    """
    formats = [f.strip().lower().lstrip(".") for f in text.split(",") if f.strip()]
    if not formats:
        example = ",".join(allowed[:2])
        raise InputError(
            "no format given", field="--format", hint=f"for example --format {example}"
        )
    for fmt in formats:
        if fmt not in allowed:
            known = "a format motiongen writes" if fmt not in TABLE else f"a format {what} comes in"
            raise InputError(
                f"'{fmt}' is not {known}",
                field="--format",
                hint="choose from " + ", ".join(allowed),
            )
    if "pdf" in formats:
        from motiongen.output.pdf import soffice

        soffice()  # no LibreOffice: one clear error now, before anything is made
    return list(dict.fromkeys(formats))
