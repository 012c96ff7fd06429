"""`build` and `check`: what they tell the user, and the exit code they end with.

Progress and problems go to stderr; documents, JSON and `check`'s findings
(its output) to stdout.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

from motiongen import errors
from motiongen.agenda import jobs as agenda_jobs
from motiongen.catalogue import Catalogue
from motiongen.checks import DEFAULT_MAX_AGE
from motiongen.checks.findings import Finding
from motiongen.cli import boundary
from motiongen.cli.boundary import emit_document, print_json, say
from motiongen.cli.dates import date_option
from motiongen.errors import InputError
from motiongen.io.files import shown
from motiongen.motion import spec
from motiongen.prepare import Result, prepare
from motiongen.profiles import ProfileSet

if TYPE_CHECKING:  # building, for annotations: check writes nothing and needs none of it
    from motiongen import batch


def _err(line: str) -> None:
    say(line)


def _out(line: str) -> None:
    """The command's own output: `check motion.yaml | grep error` finds it."""
    boundary.out(line)


def _finding_lines(findings: list[Finding], severities: Sequence[str]) -> list[str]:
    return [
        f"    {line}"
        for f in findings
        if f.severity in severities
        for line in f.lines(sources=False)
    ]


def exit_code(results: list[Result], unusable: list[Any]) -> int:
    """The batch's code: the most serious of its files and motions (errors.EXIT_CODES)."""
    codes = [errors.exit_code(error) for error in unusable]
    codes += [errors.exit_code(r.error, checks_failed=r.failed) for r in results]
    return errors.worst(codes)


def build(
    specs: Sequence[Path],
    catalogue: Catalogue,
    profiles: ProfileSet,
    options: batch.Options,
    merge: Path | None,
    *,
    quiet: bool = False,
) -> int:
    from motiongen import batch

    with ExitStack() as stack:
        progress = None
        task = None
        if sys.stderr.isatty() and not quiet:
            from rich.console import Console
            from rich.progress import Progress

            progress = stack.enter_context(Progress(console=Console(stderr=True), transient=True))

        def on_jobs(total: int) -> None:
            nonlocal task
            if progress is not None and total > 1:
                task = progress.add_task("Building motions", total=total)

        def on_result(result: Result) -> None:
            if progress is not None and task is not None:
                progress.advance(task)

        results, unusable = batch.build(
            specs, catalogue, profiles, options, merge=merge, on_result=on_result, on_jobs=on_jobs
        )

    for problem in unusable:
        _err(f"Error: {problem}")
    single = len(results) == 1
    warnings = 0
    not_tried = [r for r in results if isinstance(r.error, batch.NotTried)]
    for result in results:
        if isinstance(result.error, batch.NotTried):
            continue  # one line for all of them, below
        if result.error is not None:
            _err(f"Error: {result.error}" if single else f"Failed: {result.label}: {result.error}")
            continue
        errors = [f for f in result.findings if f.severity == "error"]
        warnings += sum(f.severity == "warning" for f in result.findings)
        names = ", ".join(shown(p) for p in result.files)
        if errors:
            _err(f"Written, but it fails its checks: {result.label} ({names})")
            for line in _finding_lines(result.findings, ["error"]):
                _err(line)
        elif single and not quiet:
            _err(f"Wrote {names}")
        if single and not quiet:
            for line in _finding_lines(result.findings, ["warning"]):
                _err(line)

    if not_tried:
        _err(
            f"Not written, as the disk is full: {len(not_tried)} more motions, from "
            f"{not_tried[0].label} on (free some space, then build again)"
        )
    # A motion that fails its checks is still written (exit 1 says so), so it counts
    # as built: "Built 0 of 2" after writing six files said the opposite of what
    # happened.
    built = sum(1 for r in results if r.files)
    failing = sum(1 for r in results if r.files and r.failed)
    not_built = sum(1 for r in results if r.error is not None)
    if not quiet and len(results) > 1:
        folder = shown(options.out_dir)
        folder = "the current folder" if folder == "." else folder
        summary = f"Built {built} of {len(results)} motions into {folder}"
        if failing:
            summary += f"; {failing} of them {'fails its' if failing == 1 else 'fail their'} checks"
            summary += " (see above)" if not not_built else ""
        if not_built:
            summary += f"; {not_built} could not be built (see above)"
        if warnings and not single:
            summary += f"; {warnings} warnings ('motiongen check' lists them)"
        _err(summary + ".")
    return exit_code(results, unusable)


def build_to_stdout(
    specs: Sequence[Path],
    catalogue: Catalogue,
    profiles: ProfileSet,
    options: batch.Options,
    merge: Path | None,
) -> int:
    """`--out-dir -`: the documents on stdout, in one text format, for piping."""
    from motiongen.output.formats import TEXT_FORMATS
    from motiongen.output.motion import MotionWriter

    if len(options.formats) != 1 or options.formats[0] not in TEXT_FORMATS:
        raise InputError(
            "printing to stdout needs one text format",
            field="--format",
            hint="use --format md or --format txt with --out-dir -",
        )
    jobs, unusable = spec.read_jobs(specs, merge, profile=options.profile)
    results = [prepare(job, catalogue, profiles) for job in jobs]
    writer = MotionWriter(options)
    for result in results:
        if result.document is not None:
            emit_document(writer.render(result.document, options.formats[0]).decode("utf-8"))
        elif result.error is not None:
            _err(f"Failed: {result.label}: {result.error}")
        # On stderr, as a build into a folder says them: errors, and warnings (a value
        # a ' #' cut short) for one motion.
        severities = ["error", "warning"] if len(results) == 1 else ["error"]
        for line in _finding_lines(result.findings, severities):
            _err(line)
    for problem in unusable:
        _err(f"Error: {problem}")
    return exit_code(results, unusable)


def check(
    specs: Sequence[Path],
    catalogue: Catalogue,
    profiles: ProfileSet,
    merge: Path | None,
    *,
    as_json: bool,
    today: dt.date | None = None,
    max_age: int = DEFAULT_MAX_AGE,
) -> int:
    jobs, unusable = agenda_jobs.read_jobs(specs, merge, catalogue, profiles)
    results = [prepare(job, catalogue, profiles, today=today, max_age=max_age) for job in jobs]
    code = exit_code(results, unusable)
    if as_json:
        print_json(check_json(results, unusable))
        return code
    for problem in unusable:
        _err(f"Error: {problem}")
    for result in results:
        if result.error is not None:
            said = str(result.error)
            said = said.removeprefix(f"{result.label}: ")  # the file is named once
            _err(f"{result.label}: cannot be checked: {said}")
            continue
        doc = result.document
        assert doc is not None
        _out(f"{result.label}: {doc.title} — {doc.profile.name}, {doc.word_count_line}")
        if not result.findings:
            _out("    no problems found")
        for finding in result.findings:
            for line in finding.lines():
                _out(f"    {line}")
    return code


def check_json(results: list[Result], unusable: list[Any]) -> dict[str, Any]:
    """The stable shape of `check --json` (version 1)."""
    motions = []
    for r in results:
        doc = r.document
        motions.append(
            {
                "label": r.label,
                "title": r.title,
                "profile": doc.profile.id if doc else None,
                "words": doc.words if doc else None,
                "word_limit": doc.word_limit if doc else None,
                "ok": not r.failed,
                "error": str(r.error) if r.error else None,
                "findings": [f.as_json() for f in r.findings],
            }
        )
    return {
        "version": 1,
        "ok": not unusable and all(not r.failed for r in results),
        "unusable": [str(u) for u in unusable],
        "motions": motions,
    }


# --- the commands, once their options are parsed ---------------------------------
# The typer commands in cli.motions and the quick path (cli.quick) both call these,
# with the same keyword arguments, so the two can never drift apart.


def check_command(
    specs: list[Path], merge: Path | None, max_age: int, today: str | None, as_json: bool
) -> int:
    """Check motions as a conference office would; the exit code says how they fared."""
    return check(
        specs,
        boundary.catalogue(),
        boundary.profiles(),
        merge,
        as_json=as_json,
        today=date_option(today, "--today"),
        max_age=max_age,
    )


def build_command(
    specs: list[Path],
    formats: str,
    out_dir: Path,
    force: bool,
    merge: Path | None,
    templates: Path | None,
    reference_docx: Path | None,
    line_numbers: bool,
    line_width: int | None,
    profile: str | None,
    submission_copy: bool,
    quiet: bool,
) -> int:
    """Turn spec files into documents; the exit code is the most serious of the batch."""
    from motiongen import batch
    from motiongen.output.formats import parse_formats

    options = batch.Options(
        formats=parse_formats(formats),
        out_dir=out_dir,
        force=force,
        template_dir=templates,
        reference_docx=reference_docx,
        line_numbers=line_numbers,
        submission_copy=submission_copy,
        line_width=line_width,
        profile=profile,
    )
    cat = boundary.catalogue()
    found = boundary.profiles()
    if str(out_dir) == "-":
        return build_to_stdout(specs, cat, found, options, merge)
    return build(specs, cat, found, options, merge, quiet=quiet)
