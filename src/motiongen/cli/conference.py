"""`motiongen composite` and `motiongen brief`: conference week, from many motions to one speech."""

from __future__ import annotations

from pathlib import Path

import typer

from motiongen.cli.app import JSON_OPTION, TEMPLATES_OPTION, app, guard


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
    from motiongen.cli import papers  # the core: not for --help (start-up)

    raise typer.Exit(
        papers.composite_command(
            specs=specs,
            group=group,
            as_json=as_json,
            profile=profile,
            output=output,
            number=number,
            title=title,
            mover=mover,
            seconder=seconder,
            prefer=prefer,
            max_words=max_words,
            formats=formats,
            force=force,
            templates=templates,
        )
    )


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
    from motiongen.cli import papers  # the core: not for --help (start-up)

    raise typer.Exit(
        papers.brief_command(
            spec_file=spec_file,
            minutes=minutes,
            formats=formats,
            out_dir=out_dir,
            max_age=max_age,
            force=force,
            templates=templates,
        )
    )
