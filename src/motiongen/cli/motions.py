"""`motiongen new`, `build`, `check` and `schema`: motions to documents and findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from motiongen.cli import boundary
from motiongen.cli.app import JSON_OPTION, TEMPLATES_OPTION, app, guard
from motiongen.cli.dates import date_option
from motiongen.cli.papers import one_line_flags
from motiongen.errors import InputError


@app.command("new")
@guard
def new_motion(
    profile: str | None = typer.Option(None, "--profile", help="Who the motion is for."),
    title: str | None = typer.Option(None, "--title", help="The motion's title."),
    submitted_by: str | None = typer.Option(None, "--submitted-by", help="Your branch or group."),
    to: str | None = typer.Option(None, "--to", help="The meeting or body it goes to."),
    meeting_date: str | None = typer.Option(
        None, "--meeting-date", help="The meeting's date, e.g. 14/01/2027 or 14 January 2027."
    ),
    nation: str | None = typer.Option(
        None, "--nation", help="england, wales, scotland or northern-ireland."
    ),
    proposer: str | None = typer.Option(None, "--proposer", help="Who proposes it."),
    seconder: str | None = typer.Option(None, "--seconder", help="Who seconds it."),
    moved_by: str | None = typer.Option(
        None, "--moved-by", help="The delegate who moves it at conference."
    ),
    contact_name: str | None = typer.Option(
        None, "--contact-name", help="Who the conference office should contact."
    ),
    contact_email: str | None = typer.Option(None, "--contact-email", help="Their email."),
    contact_phone: str | None = typer.Option(None, "--contact-phone", help="Their phone number."),
    submitted_on: str | None = typer.Option(
        None, "--submitted-on", help="The date you send it in, e.g. 14/01/2027."
    ),
    carried_on: str | None = typer.Option(
        None, "--carried-on", help="The date the meeting carried it, e.g. 14/01/2027."
    ),
    carried_at: str | None = typer.Option(
        None, "--carried-at", help="The meeting that carried it, e.g. 'branch general meeting'."
    ),
    calls_on: str | None = typer.Option(
        None, "--calls-on", help="Whom the motion calls on, where the profile's default is wrong."
    ),
    commission: str | None = typer.Option(
        None, "--commission", help="The policy commission (labour-npf)."
    ),
    deadline: str | None = typer.Option(
        None, "--deadline", help="When the motion must be in, e.g. 14/01/2027."
    ),
    demand: list[str] = typer.Option([], "--demand", help="A demand id; may be repeated."),
    note: list[str] = typer.Option(
        [], "--note", help="A fact id, or a fact in your own words; may be repeated."
    ),
    believe: list[str] = typer.Option(
        [], "--believe", help="A belief id, or a belief in your own words; may be repeated."
    ),
    resolve: list[str] = typer.Option(
        [], "--resolve", help="A clause of your own to resolve; may be repeated."
    ),
    formats: str | None = typer.Option(None, "--format", "-f", help="Formats, e.g. docx,md."),
    output: str | None = typer.Option(
        None, "--output", "-o", help="A folder (ending in /) or a file name without extension."
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help="Accept the defaults; ask nothing."),
    from_spec: Path | None = typer.Option(None, "--from", help="Start from an existing spec."),
    resume: bool = typer.Option(False, "--resume", help="Carry on with the unfinished motion."),
    force: bool = typer.Option(False, "--force", help="Replace documents that already exist."),
    reference_docx: Path | None = typer.Option(
        None, "--reference-docx", help="Your letterhead (.docx) for the Word document."
    ),
    line_numbers: bool = typer.Option(
        False,
        "--line-numbers",
        help="Number the lines of the motion itself in Word and text documents, from 1.",
    ),
    submission_copy: bool = typer.Option(
        False,
        "--submission-copy",
        help="The motion alone, as offices that want the bare motion ask: no word count, "
        "no sources.",
    ),
    plain: bool = typer.Option(
        False,
        "--plain",
        help="Numbered questions and typed answers, no cursor movement (for screen readers; "
        "TERM=dumb does the same).",
    ),
) -> None:
    """Draft a motion step by step, or from flags with no questions.

    Each answer is saved as you go: after Ctrl-C, 'motiongen new --resume'
    carries on. The documents are written with a spec file beside them, for
    'motiongen build' to rebuild after you edit it.

    Example: motiongen new --profile council --title "Keep our children's homes public"
    --demand council-run-childrens-homes --yes
    """
    from motiongen.cli import new as newcmd

    one_line_flags(
        {
            "--title": title, "--submitted-by": submitted_by, "--to": to,
            "--proposer": proposer, "--seconder": seconder, "--moved-by": moved_by,
            "--contact-name": contact_name, "--carried-at": carried_at,
            "--calls-on": calls_on, "--commission": commission,
        }
    )  # fmt: skip
    answers: dict[str, Any] = {
        "profile": profile,
        "title": title,
        "submitted_by": submitted_by,
        "to": to,
        "meeting_date": _iso(date_option(meeting_date, "--meeting-date")),
        "deadline": _iso(date_option(deadline, "--deadline")),
        "nation": nation,
        "proposer": proposer,
        "seconder": seconder,
        "moved_by": moved_by,
        "contact": _contact(contact_name, contact_email, contact_phone),
        "submitted_on": _iso(date_option(submitted_on, "--submitted-on")),
        "carried_on": _carried(_iso(date_option(carried_on, "--carried-on")), carried_at),
        "calls_on": calls_on,
        "commission": commission,
        "demands": list(demand),
        "notes": [_item(n) for n in note],
        "believes": [_item(b) for b in believe],
        "resolves": [{"text": r} for r in resolve],
    }
    request = newcmd.NewRequest(
        answers=answers,
        formats=formats,
        output=output,
        yes=yes,
        from_spec=from_spec,
        resume=resume,
        plain=plain,
        force=force,
        reference_docx=reference_docx,
        line_numbers=line_numbers,
        submission_copy=submission_copy,
    )
    raise typer.Exit(newcmd.run(request, boundary.catalogue(), boundary.profiles()))


def _contact(name: str | None, email: str | None, phone: str | None) -> Any:
    given = {k: v for k, v in (("name", name), ("email", email), ("phone", phone)) if v}
    return given or None


def _carried(day: str | None, meeting: str | None) -> Any:
    if meeting and not day:
        raise InputError(
            "--carried-at names the meeting, so it needs --carried-on with its date",
            field="--carried-at",
            hint="for example --carried-on 2027-01-14",
        )
    return {"date": day, "meeting": meeting} if meeting else day


def _item(text: str) -> Any:
    """An id stays an id; anything else is the user's own words."""
    import re

    return text if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", text) else {"text": text}


# --- schema, build, check -----------------------------------------------------------


@app.command("build")
@guard
def build_motions(
    specs: list[Path] = typer.Argument(
        ..., metavar="SPEC", help="Spec or batch files (YAML, TOML or JSON)."
    ),
    formats: str = typer.Option(
        "docx,md,txt", "--format", "-f", help="Formats: docx, md, txt, pdf (with LibreOffice)."
    ),
    out_dir: Path = typer.Option(
        Path("."), "--out-dir", "-o", help="Folder for the documents; '-' prints to stdout."
    ),
    force: bool = typer.Option(False, "--force", help="Replace documents that already exist."),
    merge: Path | None = typer.Option(
        None, "--merge", help="A CSV file: one motion per row, its columns filling spec keys."
    ),
    templates: Path | None = TEMPLATES_OPTION,
    reference_docx: Path | None = typer.Option(
        None,
        "--reference-docx",
        help="Your letterhead or branch template (.docx): its styles, header and footer are kept.",
    ),
    line_numbers: bool = typer.Option(
        False,
        "--line-numbers",
        help="Number the lines of the motion itself in Word and text documents, from 1.",
    ),
    line_width: int | None = typer.Option(
        None,
        "--line-width",
        min=30,
        max=200,
        help="With --line-numbers: characters a line (default: the body's, or 80).",
    ),
    profile: str | None = typer.Option(
        None, "--profile", help="Re-frame the motions for this body instead of their own."
    ),
    submission_copy: bool = typer.Option(
        False,
        "--submission-copy",
        help="The motion alone, as offices that want the bare motion ask: no word count, "
        "no sources.",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors."),
) -> None:
    """Turn spec files into documents: one motion, a batch, or one per CSV row.

    Example: motiongen build motion.yaml --format docx,md --out-dir motions
    """
    from motiongen.cli import report  # the core and pydantic: not for --help (start-up)

    raise typer.Exit(
        report.build_command(
            specs=specs,
            formats=formats,
            out_dir=out_dir,
            force=force,
            merge=merge,
            templates=templates,
            reference_docx=reference_docx,
            line_numbers=line_numbers,
            line_width=line_width,
            profile=profile,
            submission_copy=submission_copy,
            quiet=quiet,
        )
    )


@app.command("check")
@guard
def check_motions(
    specs: list[Path] = typer.Argument(
        ..., metavar="SPEC", help="Spec or batch files (YAML, TOML or JSON)."
    ),
    merge: Path | None = typer.Option(None, "--merge", help="A CSV file, as for build."),
    max_age: int = typer.Option(
        5, "--max-age", min=0, help="Warn about figures older than this many years."
    ),
    today: str | None = typer.Option(
        None, "--today", help="Check as if today were this date, e.g. 14/01/2027."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Check motions as a conference office would, without writing anything.

    Exit 0 when there are only warnings, 1 when a motion has an error, 2 when a
    file cannot be used.

    Example: motiongen check motion.yaml --json
    """
    from motiongen.cli import report  # the core and pydantic: not for --help (start-up)

    raise typer.Exit(
        report.check_command(
            specs=specs, merge=merge, max_age=max_age, today=today, as_json=as_json
        )
    )


@app.command()
@guard
def schema() -> None:
    """Print the JSON Schema of the spec file, for editors that complete and check YAML.

    Example: motiongen schema > motion.schema.json
    """
    from motiongen.motion import spec

    boundary.print_json(spec.schema())


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None
