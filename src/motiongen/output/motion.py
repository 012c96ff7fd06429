"""A motion's documents in every chosen format, written as one set.

The one way a composed motion becomes files, for ``new``, ``build``, the motion
as amended and the composite: rendered here, written through ``FileSet``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from motiongen.io.files import safe_name
from motiongen.motion.compose import Document
from motiongen.output import layout, render
from motiongen.output.fileset import FileSet

if TYPE_CHECKING:
    from motiongen.output.word import WordWriter


@dataclass(frozen=True)
class FileOptions:
    """How a motion's files are made and where they go."""

    formats: Sequence[str] = ("md", "txt")
    out_dir: Path = Path(".")
    force: bool = False
    template_dir: Path | None = None
    reference_docx: Path | None = None
    line_numbers: bool = False
    submission_copy: bool = False  # the motion alone: no word count, no sources
    line_width: int | None = None  # characters a numbered line; None: the profile's, or 80


@dataclass
class Extra:
    """A file written with the motion's documents, in the same set (its spec)."""

    path: Path
    data: bytes
    durable: bool = True  # the user's own words, as a spec is


@dataclass
class Rendered:
    """A motion's documents as bytes, before they are written (PDF comes later)."""

    stem: str
    data: dict[str, bytes] = field(default_factory=dict)


class MotionWriter:
    """Renders and writes every format of a motion; holds the Word base document."""

    def __init__(self, options: FileOptions) -> None:
        self.options = options
        self._word: WordWriter | None = None

    def word(self) -> WordWriter:
        if self._word is None:
            # Here, not at the top: lxml costs start-up time that a check, or a
            # build of text formats only, never needs.
            from motiongen.output.word import WordOptions, WordWriter

            self._word = WordWriter(
                WordOptions(
                    reference=self.options.reference_docx,
                    line_numbers=self.options.line_numbers,
                    line_width=self.options.line_width,
                    template_dir=self.options.template_dir,
                    submission_copy=self.options.submission_copy,
                )
            )
        return self._word

    def line_width(self, document: Document, fmt: str) -> int | None:
        """Plain text is laid out in numbered lines when Word's lines are numbered."""
        if fmt != "txt" or not self.options.line_numbers:
            return None
        return layout.width_for(document, self.options.line_width)

    def names(self, stem: str) -> list[Path]:
        """Every file a motion of this name writes, PDF included."""
        return [safe_name(self.options.out_dir, stem, fmt) for fmt in self.options.formats]

    def render(self, document: Document, fmt: str) -> bytes:
        if fmt == "docx":
            return self.word().render(document)
        text = render.render(
            document,
            fmt,
            template_dir=self.options.template_dir,
            submission_copy=self.options.submission_copy,
            line_width=self.line_width(document, fmt),
        )
        return text.encode("utf-8")

    def rendered(self, document: Document, stem: str) -> Rendered:
        """Every format but PDF, which LibreOffice makes from the Word file."""
        out = Rendered(stem)
        for fmt in self.options.formats:
            if fmt == "pdf":
                fmt = "docx"
            if fmt not in out.data:
                out.data[fmt] = self.render(document, fmt)
        return out

    def file_set(
        self,
        made: Rendered,
        pdf: bytes | None = None,
        *,
        extra: Sequence[Extra] = (),
        inputs: Iterable[str | Path] = (),
    ) -> FileSet:
        """The motion's files as one set; without ``pdf``, the set makes it when written."""
        files = FileSet(force=self.options.force, inputs=self._inputs(inputs))
        for fmt in self.options.formats:
            path = safe_name(self.options.out_dir, made.stem, fmt)
            if fmt != "pdf":
                files.add(path, made.data[fmt])
            elif pdf is not None:
                files.add(path, pdf)
            else:
                files.add_pdf(path, made.data["docx"])
        for item in extra:
            files.add(item.path, item.data, durable=item.durable)
        return files

    def write(
        self,
        document: Document,
        stem: str,
        *,
        extra: Sequence[Extra] = (),
        inputs: Iterable[str | Path] = (),
    ) -> list[Path]:
        """Write one motion whole (and ``extra`` with it), or nothing; raises on failure."""
        made = self.rendered(document, stem)
        return self.file_set(made, extra=extra, inputs=inputs).write()

    def _inputs(self, inputs: Iterable[str | Path]) -> list[str | Path]:
        out = list(inputs)
        if self.options.reference_docx is not None:
            out.append(self.options.reference_docx)
        return out


def write_motion(
    document: Document,
    stem: str,
    options: FileOptions,
    *,
    extra: Sequence[Extra] = (),
    inputs: Iterable[str | Path] = (),
) -> list[Path]:
    """One motion's documents (and ``extra``), whole or not at all."""
    return MotionWriter(options).write(document, stem, extra=extra, inputs=inputs)


def shared_writer(options: FileOptions) -> MotionWriter:
    """A writer whose Word base document is made now, so a bad --reference-docx is one
    error before any motion, not one for each."""
    writer = MotionWriter(options)
    if {"docx", "pdf"} & set(options.formats):
        writer.word()
    return writer


__all__ = ["Extra", "FileOptions", "MotionWriter", "Rendered", "shared_writer", "write_motion"]
