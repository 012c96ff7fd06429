"""Motions someone else wrote: importing them, amending them, tracked changes."""

from __future__ import annotations

from pathlib import Path

# Here, with nothing heavy imported, so `check` can tell a spec from a document
# without loading the document reader.
DOCUMENT_SUFFIXES = (".docx", ".txt", ".md", ".markdown")


def is_document(path: str | Path) -> bool:
    """A motion someone wrote as a document (imported on the fly), not a spec file."""
    return Path(path).suffix.lower() in DOCUMENT_SUFFIXES
