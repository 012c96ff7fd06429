"""Writes a composite: its spec file, its documents and its report, all or nothing in the way.

Every name is checked before anything is written, so a file in the way stops
the run before it leaves a composite half on disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from motiongen.conference import report
from motiongen.conference.composite import Composite, spec_text
from motiongen.io.files import safe_name
from motiongen.output import paper
from motiongen.output.fileset import FileSet
from motiongen.output.motion import FileOptions, MotionWriter
from motiongen.text import slug


def default_spec(result: Composite) -> Path:
    number = result.motion.composite.number if result.motion.composite else None
    name = f"composite {number or ''} {result.motion.title}"
    return Path(slug(name, limit=60) + ".yaml")


def save(
    result: Composite,
    spec_path: Path,
    formats: Sequence[str],
    report_formats: Sequence[str] = ("md", "docx"),
    *,
    force: bool = False,
    template_dir: Path | None = None,
) -> list[Path]:
    """Write the spec, the composite motion's documents and the report, as one set."""
    out_dir = spec_path.parent
    stem = slug(spec_path.stem, limit=80)
    spec_file = safe_name(out_dir, stem, "yaml")
    files = FileSet(force=force, inputs=[s.path for s in result.sources])
    files.add(spec_file, spec_text(result, spec_file.name).encode("utf-8"), durable=True)
    writer = MotionWriter(FileOptions(formats=formats, out_dir=out_dir, template_dir=template_dir))
    files.add_document(out_dir, stem, formats, partial(writer.render, result.document))
    written_report = report.paper(result, spec_file.name, template_dir)
    files.add_document(
        out_dir,
        f"{stem}-report",
        report_formats,
        partial(paper.render, written_report, template_dir=template_dir),
    )
    return files.write()
