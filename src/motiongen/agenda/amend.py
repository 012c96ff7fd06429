"""`motiongen amend` end to end: read, check, apply and write the amendments.

It writes the amendments, the motion with tracked changes, the clean motion as
amended and its spec.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from motiongen.agenda import amendments, importer, tracked
from motiongen.agenda.amended import Amended, apply_all
from motiongen.catalogue import Catalogue
from motiongen.errors import InputError
from motiongen.io.files import Namer, safe_name
from motiongen.motion import spec
from motiongen.output import paper
from motiongen.output.fileset import FileSet
from motiongen.output.motion import FileOptions, MotionWriter
from motiongen.profiles import ProfileSet
from motiongen.text import british_date, slug

DEFAULT_FORMATS = ("docx", "md", "txt")


@dataclass(frozen=True)
class AmendOptions:
    formats: Sequence[str] = DEFAULT_FORMATS
    out_dir: Path = Path(".")
    force: bool = False
    line_width: int | None = None
    today: dt.date | None = None
    template_dir: Path | None = None  # the user's own templates and sentences.toml
    motion: Path | None = None  # the motion, given by the user: amends: is then not read
    profile: str | None = None  # the motion's body, for a .docx / .txt motion


@dataclass
class AmendResult:
    amended: Amended
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def amend(
    paths: Sequence[str | Path],
    catalogue: Catalogue,
    profiles: ProfileSet,
    options: AmendOptions,
) -> AmendResult:
    """Check every amendment against the one motion they amend, then write it all."""
    files = [amendments.read_amendment(p, i + 1) for i, p in enumerate(paths)]
    motion_path = options.motion if options.motion is not None else motion_named(files)
    if options.motion is not None and not os.path.lexists(motion_path):
        raise InputError("no such file", file=motion_path, field="--motion")
    if options.motion is not None and not os.path.isfile(motion_path):
        raise InputError(NOT_A_MOTION, file=motion_path, field="--motion", hint=GIVE_A_MOTION)
    profile_id = options.profile or profile_named(files, profiles)
    motion, doc = importer.read_motion(motion_path, catalogue, profiles, profile_id=profile_id)
    amended = apply_all(files, motion, doc, catalogue, width=options.line_width)
    amended.template_dir = options.template_dir
    result = AmendResult(amended)
    write(result, options, [f.path for f in files] + [motion_path])
    result.notes += notices(amended, options.today or dt.date.today())
    clean = amended.clean_document()
    if clean.over_limit:
        result.notes.append(
            f"the motion as amended has {clean.words} words, over its limit of {clean.word_limit}"
        )
    return result


NOT_A_MOTION = "this is not a file motiongen can read as a motion"
GIVE_A_MOTION = "give the motion's spec, .docx, .txt or .md file"


def motion_named(files: Sequence[amendments.AmendmentFile]) -> Path:
    """The one motion the amendments name with amends:, each a file in its amendment's
    own folder (or below it): a path that leaves the folder, by '..', from the root or
    through a link, is refused without reading it, so an amendment sent in cannot make
    motiongen read, or show, any other file. The user names one anywhere with --motion."""
    found: list[tuple[str, Path]] = []
    for file in files:
        named = file.amendment.amends
        if named is None:
            raise _error(
                file,
                "amends",
                "the amendment does not say which motion it amends",
                "add amends: with the motion's file name, or give --motion FILE",
            )
        path = _inside(file.path.parent, named)
        if path is None:
            raise _error(
                file,
                "amends",
                "it names a file outside this amendment's folder, which is not read",
                "put the motion in the amendment's folder, or give its path with --motion FILE",
            )
        if not os.path.lexists(path):
            raise _error(
                file,
                "amends",
                f"the motion '{named}' is not there",
                "give its name in the amendment file's folder, or --motion FILE",
            )
        if not os.path.isfile(path):  # a folder, a device or a pipe: never read
            raise _error(file, "amends", NOT_A_MOTION, GIVE_A_MOTION)
        if os.path.realpath(path) in {os.path.realpath(f.path) for f in files}:
            raise _error(
                file, "amends", "it names an amendment file, not the motion", GIVE_A_MOTION
            )
        found.append((os.path.realpath(path), path))
    if len({real for real, _ in found}) > 1:
        raise InputError(
            "these amendments amend different motions; give the amendments of one motion at a time",
            file=files[-1].path,
            line=files[-1].line("amends"),
            field="amends",
        )
    return found[0][1]


def _inside(folder: Path, named: str) -> Path | None:
    """``named`` in ``folder``, or None where it would lead out of it."""
    named = named.replace("\\", "/")
    if os.path.isabs(named) or named.startswith("~") or re.match(r"[A-Za-z]:", named):
        return None
    relative = os.path.normpath(named)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    path = folder / relative
    real, home = os.path.realpath(path), os.path.realpath(folder)
    if os.path.commonpath([real, home]) != home:
        return None  # a link in the folder that points out of it
    return path


def profile_named(files: Sequence[amendments.AmendmentFile], profiles: ProfileSet) -> str | None:
    """The motion's body as the amendments give it (profile:), the same in each."""
    named = [(f, f.amendment.profile) for f in files if f.amendment.profile is not None]
    for file, profile_id in named:
        if profile_id != named[0][1]:
            raise _error(
                file,
                "profile",
                f"profile: says '{profile_id}', but {named[0][0].path.name} says "
                f"'{named[0][1]}': the amendments amend one motion, for one body",
                "give the same profile: in each, or --profile ID",
            )
        try:
            profiles.get(profile_id)
        except InputError as exc:
            raise _error(file, "profile", exc.message, exc.hint) from None
    return named[0][1] if named else None


def _error(file: amendments.AmendmentFile, key: str, message: str, hint: str | None) -> InputError:
    return InputError(message, file=file.path, line=file.line(key), field=key, hint=hint)


def notices(amended: Amended, today: dt.date) -> list[str]:
    """The body's rules on amendments, and whether its deadline for them has passed."""
    rules = amended.original.profile.amendments
    out = [f"{rule.what.rstrip('.')} ({rule.source})" for rule in rules.rules]
    meeting = amended.motion.meeting_date
    if rules.notice_days is not None and meeting is not None:
        due = meeting - dt.timedelta(days=rules.notice_days)
        if today > due:
            source = f" ({rules.notice_source})" if rules.notice_source else ""
            out.append(
                f"amendments were due {rules.notice_days} days before the meeting of "
                f"{british_date(meeting)}, by {british_date(due)}{source}; today is "
                f"{british_date(today)}"
            )
    return out


def write(result: AmendResult, options: AmendOptions, inputs: Sequence[Path]) -> None:
    """Every file of the run as one set: nothing is written if any name is in the way."""
    amended = result.amended
    today = options.today or dt.date.today()
    out = options.out_dir
    first = amended.files[0].amendment
    base = (
        slug(f"motion {first.motion_number}")
        if first.motion_number is not None
        else slug(amended.original.title)
    )
    # Every name of the run is made unique here: two amendments of the same number
    # from the same body are written side by side (…-2), never one over the other.
    names = Namer()
    tracked_stem = names.stem(f"{base}-tracked-changes")
    stem = names.stem(f"{base}-as-amended")
    files = FileSet(force=options.force, inputs=inputs)
    for who, file in enumerate(amended.files):
        own = names.stem(f"amendment-{file.label}-{slug(file.amendment.submitted_by)}")
        files.add_document(out, own, options.formats, partial(_amendment, amended, who))
    files.add(
        safe_name(out, tracked_stem, "docx"),
        tracked.tracked_docx(amended, today=today),
    )
    motion = MotionWriter(
        FileOptions(formats=options.formats, out_dir=out, template_dir=options.template_dir)
    )
    clean = amended.clean_document()
    files.add_document(out, stem, options.formats, partial(motion.render, clean))
    spec_file = safe_name(out, stem, "yaml")
    header = [
        f"{amended.original.title}, as amended by "
        + ", ".join(f"{f.label} ({f.amendment.submitted_by})" for f in amended.files)
        + ".",
        "Check it with: motiongen check " + spec_file.name,
        "Each clause is in its section as printed; a catalogue clause that an amendment",
        "changed is your own text now (text:).",
    ]
    spec_text = spec.dump(amended.spec(), header)
    files.add(spec_file, spec_text.encode("utf-8"), durable=True)
    result.files = files.write()


def _amendment(amended: Amended, who: int, fmt: str) -> bytes:
    """One amendment as the agenda prints it."""
    return paper.render(tracked.amendment_paper(amended, who), fmt, amended.template_dir)


__all__ = ["DEFAULT_FORMATS", "AmendOptions", "AmendResult", "amend"]
