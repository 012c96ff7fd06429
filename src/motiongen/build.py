"""Spec files to documents: one motion or hundreds, and one bad motion stops none
of the others."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from motiongen import checks, render, spec
from motiongen.catalogue import Catalogue
from motiongen.compose import Document, UnknownId, compose
from motiongen.errors import InputError, MotiongenError
from motiongen.findings import Finding, has_errors
from motiongen.output import Namer, safe_name, write_atomic
from motiongen.profiles import ProfileSet

TEXT_FORMATS = ("md", "txt")
FORMATS = ("md", "txt")


@dataclass
class Result:
    """What happened to one motion."""

    label: str
    title: str | None = None
    files: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: MotiongenError | None = None
    document: Document | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None or has_errors(self.findings)


@dataclass
class Options:
    formats: Sequence[str] = ("md", "txt")
    out_dir: Path = Path(".")
    force: bool = False
    template_dir: Path | None = None


def parse_formats(text: str) -> list[str]:
    formats = [f.strip().lower().lstrip(".") for f in text.split(",") if f.strip()]
    if not formats:
        raise InputError("no format given", field="--format", hint="for example --format md,txt")
    for fmt in formats:
        if fmt not in FORMATS:
            raise InputError(
                f"'{fmt}' is not a format motiongen writes",
                field="--format",
                hint="choose from " + ", ".join(FORMATS),
            )
    return list(dict.fromkeys(formats))


def prepare(
    job: spec.Job,
    catalogue: Catalogue,
    profiles: ProfileSet,
    *,
    today: dt.date | None = None,
    max_age: int = checks.DEFAULT_MAX_AGE,
) -> Result:
    """Compose and check one motion, without writing anything."""
    result = Result(job.label)
    if job.motion is None:
        result.error = job.error
        return result
    motion = job.motion
    result.title = motion.title
    try:
        profile = profiles.get(motion.profile)
        document = compose(motion, profile, catalogue)
    except UnknownId as exc:
        result.error = exc
        return result
    except MotiongenError as exc:
        result.error = exc
        return result
    result.document = document
    result.findings = checks.run(motion, document, catalogue, today=today, max_age=max_age)
    return result


def write(result: Result, motion: spec.Motion, options: Options, namer: Namer) -> None:
    """Write the documents of a prepared motion; a failure is kept on the result."""
    assert result.document is not None
    wanted = motion.output or " ".join(part for part in (motion.submitted_by, motion.title) if part)
    stem = namer.stem(wanted)
    try:
        for fmt in options.formats:
            path = safe_name(options.out_dir, stem, fmt)
            data = render.render(result.document, fmt, template_dir=options.template_dir)
            write_atomic(path, data.encode("utf-8"), force=options.force)
            result.files.append(path)
    except MotiongenError as exc:
        result.error = exc


def build(
    paths: Sequence[str | Path],
    catalogue: Catalogue,
    profiles: ProfileSet,
    options: Options,
    *,
    merge: str | Path | None = None,
    on_result: Callable[[Result], None] | None = None,
    on_jobs: Callable[[int], None] | None = None,
) -> tuple[list[Result], list[MotiongenError]]:
    """Build every motion the spec files describe.

    Returns the per-motion results and the files that could not be used at all.
    """
    unusable: list[MotiongenError] = []
    jobs: list[spec.Job] = []
    for path in paths:
        try:
            jobs += spec.read(path, merge=merge)
        except MotiongenError as exc:
            unusable.append(exc)
    if on_jobs is not None:
        on_jobs(len(jobs))
    namer = Namer()
    results = []
    for job in jobs:
        result = prepare(job, catalogue, profiles)
        _locate(result, job)
        if result.document is not None and job.motion is not None:
            write(result, job.motion, options, namer)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results, unusable


def _locate(result: Result, job: spec.Job) -> None:
    """Point an error at its line in the spec file, or its row in the CSV."""
    error = result.error
    if error is None or error.file is not None:
        return
    if isinstance(error, UnknownId) and job.row is not None and error.loc[0] in job.row[2]:
        error.file, error.line = str(job.row[0]), job.row[1]
    elif job.source is not None:
        error.file = job.source.path
        if isinstance(error, UnknownId):
            error.line = job.source.line_of((*job.prefix, *error.loc))
        elif error.field:
            error.line = job.source.line_of((*job.prefix, error.field))
