"""`motiongen amend` end to end: read, check, apply and write the amendments.

It writes the amendments, the motion with tracked changes, the clean motion as
amended and its spec.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from motiongen.agenda import amendments, importer, tracked
from motiongen.agenda.amended import Amended, apply_all
from motiongen.catalogue import Catalogue
from motiongen.errors import InputError
from motiongen.io.files import safe_name
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
    targets = {(f.path.parent / f.amendment.amends).resolve() for f in files}
    if len(targets) > 1:
        raise InputError(
            "these amendments amend different motions; give the amendments of one motion at a time",
            file=files[-1].path,
            line=files[-1].line("amends"),
            field="amends",
        )
    motion_path = files[0].path.parent / files[0].amendment.amends
    if not motion_path.exists():
        raise InputError(
            f"the motion '{files[0].amendment.amends}' is not there",
            file=files[0].path,
            line=files[0].line("amends"),
            field="amends",
            hint="give its path from the amendment file's folder",
        )
    motion, doc = importer.read_motion(motion_path, catalogue, profiles)
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
    stem = f"{base}-as-amended"
    files = FileSet(force=options.force, inputs=inputs)
    for who, file in enumerate(amended.files):
        own = f"amendment-{file.label}-{slug(file.amendment.submitted_by)}"
        files.add_document(out, own, options.formats, partial(_amendment, amended, who))
    files.add(
        safe_name(out, f"{base}-tracked-changes", "docx"),
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
