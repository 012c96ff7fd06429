"""Spec files and motion documents alike, as jobs to check: a document is imported on the fly."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from motiongen.agenda import is_document
from motiongen.catalogue import Catalogue
from motiongen.errors import MotiongenError
from motiongen.motion import spec
from motiongen.motion.spec import Job
from motiongen.profiles import ProfileSet


def read_jobs(
    paths: Sequence[str | Path],
    merge: str | Path | None,
    catalogue: Catalogue,
    profiles: ProfileSet,
) -> tuple[list[Job], list[MotiongenError]]:
    """Spec files as build reads them, and motions in documents imported on the fly."""
    jobs: list[Job] = []
    unusable: list[MotiongenError] = []
    for path in paths:
        if is_document(path):
            # Here, not at the top: reading and matching a document is a heavy
            # path that checking a spec file, the usual case, never takes.
            from motiongen.agenda.importer import job

            jobs.append(job(path, catalogue, profiles))
        else:
            found, bad = spec.read_jobs([path], merge)
            jobs += found
            unusable += bad
    return jobs, unusable
