"""`check` and `build` once their options are parsed: free of typer, for both entry paths.

The typer commands in ``cli.motions`` and the quick path in ``cli.quick`` call
these with the same keyword arguments, so the two can never drift apart.
"""

from __future__ import annotations

from pathlib import Path

from motiongen import build as core
from motiongen.cli import boundary
from motiongen.cli import report as reporting


def check(
    specs: list[Path], merge: Path | None, max_age: int, today: str | None, as_json: bool
) -> int:
    """Check motions as a conference office would; the exit code says how they fared."""
    return reporting.check(
        specs,
        boundary.catalogue(),
        boundary.profiles(),
        merge,
        as_json=as_json,
        today=boundary.date_option(today, "--today"),
        max_age=max_age,
    )


def build(
    specs: list[Path],
    formats: str,
    out_dir: Path,
    force: bool,
    merge: Path | None,
    templates: Path | None,
    reference_docx: Path | None,
    line_numbers: bool,
    line_width: int | None,
    profile: str | None,
    submission_copy: bool,
    quiet: bool,
) -> int:
    """Turn spec files into documents; the exit code is the most serious of the batch."""
    options = core.Options(
        formats=core.parse_formats(formats),
        out_dir=out_dir,
        force=force,
        template_dir=templates,
        reference_docx=reference_docx,
        line_numbers=line_numbers,
        submission_copy=submission_copy,
        line_width=line_width,
        profile=profile,
    )
    cat = boundary.catalogue()
    found = boundary.profiles()
    if str(out_dir) == "-":
        return reporting.build_to_stdout(specs, cat, found, options, merge)
    return reporting.build(specs, cat, found, options, merge, quiet=quiet)
