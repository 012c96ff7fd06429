"""`motiongen composite` and `motiongen brief`: conference week, from many motions to one speech."""

from __future__ import annotations

from pathlib import Path

import typer

from motiongen.cli import boundary
from motiongen.cli.app import JSON_OPTION, TEMPLATES_OPTION, app, guard
from motiongen.errors import EXIT_BAD_INPUT, EXIT_CHECKS_FAILED


@app.command("composite")
@guard
def composite_motions(
    specs: list[Path] = typer.Argument(
        ..., metavar="SPEC", help="The motions' spec files, two or more (YAML, TOML or JSON)."
    ),
    group: bool = typer.Option(
        False, "--group", help="Propose groups of motions to composite, instead of compositing."
    ),
    as_json: bool = JSON_OPTION,
    profile: str | None = typer.Option(
        None, "--profile", help="The conference the composite goes to (default: the motions')."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="The composite's spec file; documents are written beside it."
    ),
    number: int | None = typer.Option(
        None, "--number", min=1, help="The composite's number, as the committee gives it."
    ),
    title: str | None = typer.Option(None, "--title", help="A title (default: the mover's)."),
    mover: str | None = typer.Option(
        None, "--mover", help="Who moves it: part of a submitting body's name (default: first)."
    ),
    seconder: str | None = typer.Option(
        None, "--seconder", help="Who seconds it, in the same way (default: second)."
    ),
    prefer: list[str] = typer.Option(
        [], "--prefer", help="Settle a conflict: the demand id to keep; may be repeated."
    ),
    max_words: int | None = typer.Option(
        None,
        "--max-words",
        min=1,
        help="A word limit tighter than the body's: says which clauses will not fit (cuts none).",
    ),
    formats: str = typer.Option(
        "docx,md", "--format", "-f", help="Formats of the composite motion: docx, md, txt, pdf."
    ),
    force: bool = typer.Option(False, "--force", help="Replace files that already exist."),
    templates: Path | None = TEMPLATES_OPTION,
) -> None:
    """Composite several motions into one, with a report of where every clause went.

    Every motion's substance is kept: a clause is left out only where another
    motion says it in the very same words, or the catalogue says another demand
    states it in full (covers:). Clauses are merged by section (all the notes
    together, each addressee's calls together), words of a motion's own kept
    word for word, each body named as it submitted its motion. Conflicting
    demands are left for the compositing meeting unless --prefer settles them;
    motions that share little are warned of. Over the word limit, the composite
    is written whole and the command says which clauses will not fit (exit 1).
    Writes the composite's spec, its documents and a report (Markdown and Word).
    With --group, proposes which motions belong together instead.

    Example: motiongen composite anytown.yaml barrow.yaml carlisle.yaml -o composite-3.yaml

    Example: motiongen composite --group motions/*.yaml
    """
    from motiongen.cli.motions import one_line_flags
    from motiongen.conference import composite, save
    from motiongen.output.formats import parse_formats

    one_line_flags({"--title": title})

    if group:
        _group(specs, as_json)
        return
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
        boundary.say(f"Wrote {_shown(path)}")
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
    if result.undecided:
        raise typer.Exit(EXIT_CHECKS_FAILED)


def _group(specs: list[Path], as_json: bool) -> None:
    from motiongen.conference import grouping

    cat, profiles = boundary.catalogue(), boundary.profiles()
    entries, problems = grouping.read(specs, cat, profiles)
    for problem in problems:
        boundary.error(str(problem))
    groups = grouping.group(entries, cat, profiles)
    if as_json:
        boundary.print_json({"groups": [g.as_json() for g in groups]})
    else:
        shown = 0
        for found in groups:
            if len(found.members) < 2:
                continue
            shown += 1
            boundary.out(f"Group {shown} ({len(found.members)} motions): {found.why}.")
            for entry in found.members:
                boundary.out(
                    f"  {entry.submitted_by}: \u201c{entry.title}\u201d ({_shown(entry.path)})"
                )
            if any(m.in_batch for m in found.members):
                boundary.out("  To composite them, put each motion in a spec file of its own.\n")
            else:
                files = " ".join(_shown(m.path) for m in found.members)
                boundary.out(f"  To composite them: motiongen composite {files}\n")
        alone = [m for g in groups if len(g.members) == 1 for m in g.members]
        if alone:
            boundary.out("Not grouped (too little in common with the others):")
            for entry in alone:
                boundary.out(
                    f"  {entry.submitted_by}: \u201c{entry.title}\u201d ({_shown(entry.path)})"
                )
    if problems:
        raise typer.Exit(EXIT_BAD_INPUT)


def _shown(path: Path) -> str:
    from motiongen.io.files import shown

    return shown(path)


@app.command("brief")
@guard
def brief_command(
    spec_file: Path = typer.Argument(..., metavar="SPEC", help="The motion's spec file."),
    minutes: float = typer.Option(
        3, "--minutes", min=0.5, max=30, help="Speaking time allowed, in minutes."
    ),
    formats: str = typer.Option("docx,md", "--format", "-f", help="Formats: docx, md, txt, pdf."),
    out_dir: Path = typer.Option(Path("."), "--out-dir", "-o", help="Folder for the brief."),
    max_age: int = typer.Option(
        5, "--max-age", min=0, help="Mark figures older than this many years."
    ),
    force: bool = typer.Option(False, "--force", help="Replace files that already exist."),
    templates: Path | None = TEMPLATES_OPTION,
) -> None:
    """Write the mover's speech notes for a motion, timed to the minutes allowed.

    An opening, each thing the motion asks quoted in its own words with the
    sourced facts and beliefs of the catalogue entries it names or links to,
    what it notes and believes, the objections raised against those entries
    with answers, time for your own words where the motion's material runs
    out, and a close on what the motion asks, at about 130 words a minute,
    set large for reading at a rostrum.

    Example: motiongen brief composite-3.yaml --minutes 3 --format docx,md
    """
    from motiongen.conference import brief
    from motiongen.output import paper
    from motiongen.output.formats import PAPER_FORMATS, parse_formats

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
        boundary.say(f"Wrote {_shown(path)}")
