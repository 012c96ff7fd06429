"""Compose and check one motion without writing it: what build, check and new share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from motiongen import checks
from motiongen.catalogue import Catalogue
from motiongen.checks.findings import Finding, has_errors, ordered
from motiongen.errors import MotiongenError
from motiongen.io.datafile import format_loc
from motiongen.motion import spec
from motiongen.motion.compose import Document, UnknownId, compose
from motiongen.profiles import ProfileSet

if TYPE_CHECKING:
    from motiongen.output.motion import Rendered


@dataclass
class Result:
    """What happened to one motion."""

    label: str
    title: str | None = None
    files: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: MotiongenError | None = None
    document: Document | None = None
    rendered: Rendered | None = None  # a batch with PDFs: the documents, until they are written

    @property
    def failed(self) -> bool:
        return self.error is not None or has_errors(self.findings)


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
        result.findings = checks.run(
            motion, document, catalogue, today=today, max_age=max_age, speakers=profiles.speakers
        )
        result.findings = ordered(result.findings + cut_by_comments(job))
    except MotiongenError as exc:
        result.error = exc
        _locate(result, job)
        return result
    except Exception as exc:  # the batch rule: one motion's fault stops no other
        result.error = unexpected(exc)
        _locate(result, job)
        return result
    result.document = document
    return result


def cut_by_comments(job: spec.Job) -> list[Finding]:
    """A value of the spec that a ' #' cut short, where this motion's keys are (its own,
    or in a batch its defaults): YAML read the rest of the line as a comment."""
    source = job.source
    if source is None or not source.cut:
        return []
    places = [job.prefix] + ([("defaults",)] if job.prefix else [])
    out = []
    for loc, cut in source.cut.items():
        place = next((p for p in places if loc[: len(p)] == p), None)
        if place is None:
            continue
        key = format_loc(loc[len(place) :])
        out.append(
            Finding(
                rule="cut-by-comment",
                severity="warning",
                message=f"{source.path}, line {cut.line}: YAML reads '{cut.comment}' as a "
                f"comment, so {key} is only '{_value_at(source.data, loc)}'",
                fix=f'put the value in double quotes: "{cut.written}" (a comment of your '
                "own needs a space after the #)",
                where=key,
            )
        )
    return out


def _value_at(data: Any, loc: tuple[str | int, ...]) -> str:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return ""
    return str(data)


def unexpected(exc: BaseException) -> MotiongenError:
    """A fault motiongen did not foresee, for one motion of a batch: reported, not fatal."""
    return MotiongenError(
        f"motiongen could not handle this motion ({type(exc).__name__}: {exc})",
        hint="the other motions are not affected; please report this with the spec file",
    )


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
