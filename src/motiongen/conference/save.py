"""Writes a composite: its spec file, its documents and its report, all or nothing in the way.

Every name is checked before anything is written, so a file in the way stops
the run before it leaves a composite half on disk.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from motiongen import build
from motiongen.conference import paper, report
from motiongen.conference.composite import Composite, spec_text
from motiongen.io.files import FileExists, safe_name, shown, write_atomic
from motiongen.prepare import Result
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
) -> list[Path]:
    """Write the spec, the composite motion's documents and the report; returns the files."""
    out_dir = spec_path.parent
    stem = slug(spec_path.stem, limit=80)
    spec_file = safe_name(out_dir, stem, "yaml")
    wanted = [spec_file]
    wanted += [safe_name(out_dir, stem, fmt) for fmt in formats]
    wanted += [safe_name(out_dir, f"{stem}-report", fmt) for fmt in report_formats]
    for path in wanted:
        if path.exists() and not force:
            raise FileExists(
                "a file of this name is already there",
                file=shown(path),
                hint="add --force to replace it, or give another -o",
            )
    written = paper.write(
        report.paper(result, spec_file.name),
        out_dir,
        f"{stem}-report",
        report_formats,
        force=force,
    )
    if formats:
        options = build.Options(formats=tuple(formats), out_dir=out_dir, force=force)
        done = build.write_one(
            Result(result.motion.title, result.motion.title, document=result.document),
            stem,
            dataclasses.replace(options),
        )
        if done.error is not None:
            raise done.error
        written += done.files
    write_atomic(spec_file, spec_text(result, spec_file.name).encode("utf-8"), force=force)
    return [spec_file, *written]
