"""`import`, `amend`, `composite` and `brief` once their options are parsed: no typer here.

The typer commands in ``cli.agenda`` and ``cli.conference`` and the quick path
(``cli.quick``) both call these with the same keyword arguments, as they do
``cli.report``'s for check and build, so the two can never drift apart. Each
returns the exit code. Keeping typer out of them keeps it out of the process:
building every typer command costs more than any of these commands' own work.
"""

from __future__ import annotations

from pathlib import Path

from motiongen.cli import boundary
from motiongen.cli.dates import date_option
from motiongen.errors import EXIT_BAD_INPUT, EXIT_CHECKS_FAILED, InputError
from motiongen.io.files import shown


def one_line_flags(values: dict[str, str | None]) -> None:
    """Each one-line value given as a flag, checked where it enters as a spec's would be:
    not blank when given (``--title ""`` is no title), and within the length a line holds."""
    from motiongen.motion.spec import too_long
    from motiongen.text import is_blank

    for flag, value in values.items():
        if value is None:
            continue
        if is_blank(value):
            raise InputError(
                "this is empty",
                field=flag,
                hint=f"give {flag} some words, or leave it out",
            )
        problem = too_long(value)
        if problem is not None:
            raise InputError(problem, field=flag)


def import_command(file: Path, profile: str | None, output: Path | None, force: bool) -> int:
    """Read a motion someone else wrote into a spec file."""
    from motiongen.agenda import importer

    imported = importer.import_file(
        file, boundary.catalogue(), boundary.profiles(), profile_id=profile
    )
    imported.motion()  # a spec that would not load is an error now, not later
    out = output or Path(file.stem + ".yaml")
    importer.write_spec(imported, out, force=force)
    for warning in imported.warnings:
        boundary.say(f"Warning: {warning}.")
    boundary.say(f"Imported {file.name}: {imported.summary()}.")
    if line := imported.left_out_line():
        boundary.say(f"It {line}.")
    boundary.say(f"Wrote {shown(out)}. Next: motiongen check {shown(out)}")
    return 0


def amend_command(
    amendments: list[Path],
    formats: str,
    out_dir: Path,
    force: bool,
    line_width: int | None,
    today: str | None,
    templates: Path | None,
    motion: Path | None = None,
    profile: str | None = None,
) -> int:
    """Check amendments against the motion and write the motion as amended."""
    from motiongen.agenda.amend import AmendOptions, amend
    from motiongen.output.formats import PAPER_FORMATS, parse_formats

    options = AmendOptions(
        formats=parse_formats(formats, PAPER_FORMATS, what="an amendment"),
        out_dir=out_dir,
        force=force,
        line_width=line_width,
        today=date_option(today, "--today"),
        template_dir=templates,
        motion=motion,
        profile=profile,
    )
    result = amend(amendments, boundary.catalogue(), boundary.profiles(), options)
    for who in range(len(result.amended.files)):
        boundary.emit_document(result.amended.text(who) + "\n\n")
    for note in result.notes:
        boundary.say(f"Note: {note.rstrip('.')}.")
    boundary.say("Wrote:\n" + "\n".join(f"  {shown(p)}" for p in result.files))
    return 0


def composite_command(
    specs: list[Path],
    group: bool,
    as_json: bool,
    profile: str | None,
    output: Path | None,
    number: int | None,
    title: str | None,
    mover: str | None,
    seconder: str | None,
    prefer: list[str],
    max_words: int | None,
    formats: str,
    force: bool,
    templates: Path | None,
) -> int:
    """Composite several motions into one (or, with ``group``, propose groups)."""
    from motiongen.conference import composite, save
    from motiongen.output.formats import parse_formats

    one_line_flags({"--title": title})

    if group:
        return _group(specs, as_json)
    request = composite.Request(
        profile=profile,
        number=number,
        title=title,
        mover=mover,
        seconder=seconder,
        prefer=tuple(prefer),
        max_words=max_words,
    )
    fmts = parse_formats(formats)
    result = composite.build(specs, boundary.catalogue(), boundary.profiles(), request)
    spec_path = output or save.default_spec(result)
    files = save.save(result, spec_path, fmts, force=force, template_dir=templates)
    boundary.say(f"{result.motion.submitted_by}: {result.document.word_count_line}.")
    boundary.say(
        f"Mover: {result.sources[result.mover].label}. "
        f"Seconder: {result.sources[result.seconder].label}."
    )
    for path in files:
        boundary.say(f"Wrote {shown(path)}")
    for warning in result.warnings(templates):
        boundary.say(f"Warning: {warning}")
    for conflict in result.undecided:
        boundary.say(
            f"For the compositing meeting to decide: {conflict.first} or {conflict.second} "
            f"({conflict.why}); neither is in the composite. Settle it with "
            f"--prefer {conflict.first} or --prefer {conflict.second}."
        )
    over = composite.over_limit(result)
    if over is not None:
        raise over
    return EXIT_CHECKS_FAILED if result.undecided else 0


def _group(specs: list[Path], as_json: bool) -> int:
    from motiongen.conference import grouping

    cat, profiles = boundary.catalogue(), boundary.profiles()
    entries, problems = grouping.read(specs, cat, profiles)
    for problem in problems:
        boundary.error(str(problem))
    groups = grouping.group(entries, cat, profiles)
    if as_json:
        boundary.print_json({"groups": [g.as_json() for g in groups]})
    else:
        count = 0
        for found in groups:
            if len(found.members) < 2:
                continue
            count += 1
            boundary.out(f"Group {count} ({len(found.members)} motions): {found.why}.")
            for entry in found.members:
                boundary.out(
                    f"  {entry.submitted_by}: \u201c{entry.title}\u201d ({shown(entry.path)})"
                )
            if any(m.in_batch for m in found.members):
                boundary.out("  To composite them, put each motion in a spec file of its own.\n")
            else:
                files = " ".join(shown(m.path) for m in found.members)
                boundary.out(f"  To composite them: motiongen composite {files}\n")
        alone = [m for g in groups if len(g.members) == 1 for m in g.members]
        if alone:
            boundary.out("Not grouped (too little in common with the others):")
            for entry in alone:
                boundary.out(
                    f"  {entry.submitted_by}: \u201c{entry.title}\u201d ({shown(entry.path)})"
                )
    return EXIT_BAD_INPUT if problems else 0


def brief_command(
    spec_file: Path,
    minutes: float,
    formats: str,
    out_dir: Path,
    max_age: int,
    force: bool,
    templates: Path | None,
) -> int:
    """Write the mover's speech notes for a motion, timed to the minutes allowed."""
    from motiongen.conference import brief
    from motiongen.output import paper
    from motiongen.output.formats import PAPER_FORMATS, parse_formats

    minutes = float(minutes)  # as typer gives it, whichever path read the options
    fmts = parse_formats(formats, PAPER_FORMATS, what="the brief")
    cat = boundary.catalogue()
    motion, profile = brief.read(spec_file, cat, boundary.profiles())
    notes = brief.make(
        motion, profile, cat, minutes=minutes, max_age=max_age, template_dir=templates
    )
    stem = f"{spec_file.stem}-brief"
    files = paper.write(
        brief.paper(notes, templates),
        out_dir,
        stem,
        fmts,
        force=force,
        inputs=[spec_file],
        template_dir=templates,
    )
    own = f" and {brief.clock(notes.own_time)} in your own words" if notes.own_time else ""
    boundary.say(
        f"{notes.words} words to say{own} for {minutes:g} minutes ({notes.target} at "
        f"{brief.WORDS_A_MINUTE} a minute)."
    )
    for path in files:
        boundary.say(f"Wrote {shown(path)}")
    return 0
