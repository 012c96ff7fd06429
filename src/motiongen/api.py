"""motiongen from Python: read a motion, compose it, check it, write it; import and amend.

The command line is a thin layer over these same calls::

    from motiongen.api import Motiongen

    mg = Motiongen()
    motion = mg.read("examples/anytown-branch.yaml")
    for finding in mg.check(motion):
        print(finding.line())
    mg.write(motion, "motions", formats=["docx", "md"])

The names in ``__all__`` are stable: they may gain arguments with defaults and
fields, never lose or rename them. Everything else in the package may change.
Errors are ``MotiongenError`` (``InputError`` for a file or value that cannot be
used), each with the file, line and field where known, and a hint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from motiongen import batch, checks
from motiongen.agenda import importer
from motiongen.agenda.amend import DEFAULT_FORMATS as AMEND_FORMATS
from motiongen.agenda.amend import AmendOptions, AmendResult
from motiongen.agenda.amend import amend as _amend
from motiongen.catalogue import Catalogue
from motiongen.catalogue import load as load_catalogue
from motiongen.checks.findings import Finding
from motiongen.errors import ChecksFailed, InputError, MotiongenError
from motiongen.io.files import Namer
from motiongen.motion import spec
from motiongen.motion.compose import Document, compose
from motiongen.motion.spec import Motion
from motiongen.output.formats import parse_formats
from motiongen.output.motion import FileOptions, write_motion
from motiongen.prepare import Result, prepare
from motiongen.profiles import ProfileSet
from motiongen.profiles import load as load_profiles

PathLike = str | Path


class Motiongen:
    """The catalogue and the profiles, loaded once, and everything done with them.

    By default the built-in catalogue and profiles are joined by the user's own
    (the config folder's ``catalogue.yaml`` and ``profiles/``), as on the command
    line; ``user_files=False`` leaves those out, for a script whose results must
    not depend on who runs it. ``catalogues`` and ``profiles`` add files, as
    ``--catalogue`` and ``--profiles`` do.
    """

    def __init__(
        self,
        *,
        catalogues: Sequence[PathLike] = (),
        profiles: Sequence[PathLike] = (),
        user_files: bool = True,
    ) -> None:
        self.catalogue: Catalogue = load_catalogue(catalogues, with_user_files=user_files)
        self.profiles: ProfileSet = load_profiles(profiles, with_user_files=user_files)

    # --- reading ------------------------------------------------------------------

    def read(self, path: PathLike) -> Motion:
        """The one motion in a spec file (YAML, TOML, JSON), or in a Word, text or
        Markdown document, imported as ``import_motion`` reads it."""
        return importer.read_one(
            path,
            self.catalogue,
            self.profiles,
            refusal="this file holds {count} motions; use read_all() for a batch",
        )

    def read_all(self, path: PathLike, *, merge: PathLike | None = None) -> list[Motion]:
        """Every motion of a spec or batch file (with ``merge``: one for each CSV row).

        The first motion that cannot be used raises, naming its file and line.
        """
        jobs = spec.read(path, merge)
        for job in jobs:
            if job.error is not None:
                raise job.error
        return [job.motion for job in jobs if job.motion is not None]

    def import_motion(self, path: PathLike, *, profile: str | None = None) -> importer.Imported:
        """A motion someone else wrote (.docx, .txt, .md), read back as a spec.

        ``.motion()`` is the motion; ``.yaml()`` its spec file's text, with the
        file's own words beside each catalogue match; ``.warnings`` what could not
        be recognised.
        """
        return importer.import_file(path, self.catalogue, self.profiles, profile_id=profile)

    # --- composing and checking ---------------------------------------------------

    def compose(self, motion: Motion) -> Document:
        """The motion as it will be printed: sections, numbered clauses, word count."""
        return compose(motion, self.profiles.get(motion.profile), self.catalogue)

    def check(
        self,
        motion: Motion,
        *,
        today: dt.date | None = None,
        max_age: int = checks.DEFAULT_MAX_AGE,
    ) -> list[Finding]:
        """What a conference office or a chair would catch, most serious first."""
        result = self._prepare(motion, today=today, max_age=max_age)
        return result.findings

    # --- writing ------------------------------------------------------------------

    def write(
        self,
        motion: Motion,
        out_dir: PathLike = ".",
        *,
        formats: Sequence[str] | str = ("docx", "md", "txt"),
        name: str | None = None,
        force: bool = False,
        line_numbers: bool = False,
        submission_copy: bool = False,
        reference_docx: PathLike | None = None,
        templates: PathLike | None = None,
    ) -> list[Path]:
        """Write the motion's documents into ``out_dir``; returns the files written.

        Every file is written, or none: a file already there stops them all
        unless ``force``. ``name`` is the file name without extension (default:
        the spec's ``output:``, or the branch and the title). A motion that fails
        its checks is still written, as ``motiongen build`` does: call ``check``
        first to stop on its errors.
        """
        result = self._prepare(motion)
        assert result.document is not None
        options = FileOptions(
            formats=_formats(formats),
            out_dir=Path(out_dir),
            force=force,
            template_dir=Path(templates) if templates is not None else None,
            reference_docx=Path(reference_docx) if reference_docx is not None else None,
            line_numbers=line_numbers,
            submission_copy=submission_copy,
        )
        stem = Namer().stem(name or motion.file_name())
        return write_motion(result.document, stem, options)

    def build(
        self,
        paths: Sequence[PathLike],
        out_dir: PathLike = ".",
        *,
        formats: Sequence[str] | str = ("docx", "md", "txt"),
        merge: PathLike | None = None,
        force: bool = False,
        profile: str | None = None,
    ) -> list[Result]:
        """Every motion of these spec or batch files, as ``motiongen build`` writes them.

        One bad motion stops no other: each ``Result`` holds its ``files``,
        ``findings`` and ``error``. A file that cannot be read at all raises, as
        does a file already there without ``force`` (before anything is written).
        """
        options = batch.Options(
            formats=_formats(formats), out_dir=Path(out_dir), force=force, profile=profile
        )
        results, unusable = batch.build(paths, self.catalogue, self.profiles, options, merge=merge)
        if unusable:
            raise unusable[0]
        return results

    def amend(
        self,
        amendments: Sequence[PathLike],
        out_dir: PathLike = ".",
        *,
        formats: Sequence[str] | str = AMEND_FORMATS,
        force: bool = False,
        today: dt.date | None = None,
        motion: PathLike | None = None,
        profile: str | None = None,
    ) -> AmendResult:
        """Apply amendment files to the motion they name, as ``motiongen amend`` does.

        ``motion`` gives the motion's file wherever it is (as ``--motion``; else each
        amendment's ``amends:`` names it in the amendment's own folder), ``profile``
        its body where it is a .docx or .txt file (as ``--profile``). Writes each
        amendment, the motion with tracked changes, the motion as amended and its
        spec; ``.files`` lists them, ``.amended`` holds the motion as amended,
        ``.notes`` what the body's rules say of it.
        """
        options = AmendOptions(
            formats=_formats(formats),
            out_dir=Path(out_dir),
            force=force,
            today=today,
            motion=Path(motion) if motion is not None else None,
            profile=profile,
        )
        return _amend(amendments, self.catalogue, self.profiles, options)

    def _prepare(
        self,
        motion: Motion,
        *,
        today: dt.date | None = None,
        max_age: int = checks.DEFAULT_MAX_AGE,
    ) -> Result:
        job = spec.Job("the motion", motion=motion)
        result = prepare(job, self.catalogue, self.profiles, today=today, max_age=max_age)
        if result.error is not None:
            raise result.error
        return result


def _formats(formats: Sequence[str] | str) -> list[str]:
    return parse_formats(formats if isinstance(formats, str) else ",".join(formats))


__all__ = [
    "AmendResult",
    "ChecksFailed",
    "Document",
    "Finding",
    "InputError",
    "Motion",
    "Motiongen",
    "MotiongenError",
    "Result",
]
