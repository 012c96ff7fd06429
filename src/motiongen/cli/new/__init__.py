"""`motiongen new`: the walk-through in a terminal, or the same motion from flags.

Both paths collect the same answers and end in `_finish`, which writes
the documents and the spec file that rebuilds them.
"""

from __future__ import annotations

import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from motiongen.checks.findings import has_errors
from motiongen.cli import keys
from motiongen.cli.boundary import say
from motiongen.cli.new import drafting
from motiongen.cli.new.ask import Asker, Back, Item, PlainAsker, TermAsker, plain_wanted
from motiongen.cli.new.prompts import DEFAULT_TITLE, Walkthrough
from motiongen.cli.new.review import Stop
from motiongen.errors import EXIT_INTERRUPTED, InputError, MotiongenError, exit_code
from motiongen.io.files import safe_name, shown
from motiongen.motion import spec
from motiongen.motion.spec import Job
from motiongen.output.formats import parse_formats
from motiongen.output.motion import Extra, FileOptions, write_motion
from motiongen.output.pdf import find_soffice
from motiongen.prepare import prepare
from motiongen.text import slug


@dataclass
class NewRequest:
    """What the command line said; None means 'not given'."""

    answers: dict[str, Any] = field(default_factory=dict)
    formats: str | None = None
    output: str | None = None
    yes: bool = False
    from_spec: Path | None = None
    resume: bool = False
    force: bool = False
    reference_docx: Path | None = None
    line_numbers: bool = False
    submission_copy: bool = False
    plain: bool = False


def _err(text: str) -> None:
    say(text)


def run(request: NewRequest, catalogue: Any, profiles: Any) -> int:
    interactive = _terminal(sys.stdin) and _terminal(sys.stdout) and not request.yes
    settings = drafting.load_settings()
    given = {k: v for k, v in request.answers.items() if v not in (None, [], "")}

    asker = _asker(request) if interactive else None
    if asker is None or asker.plain:
        keys.release()  # typed answers are read a line at a time, and shown
    if asker is None:
        answers = _starting_answers(request, catalogue)
        answers.update(given)
        return _without_questions(request, answers, settings, catalogue, profiles)

    previous = signal.signal(signal.SIGHUP, _hang_up) if hasattr(signal, "SIGHUP") else None
    draft = drafting.Draft()
    try:
        answers = _carry_on_or_start(request, asker, profiles, catalogue)
        answers.update(given)
        draft = drafting.Draft(answers=answers)
        draft.save()
        walk = Walkthrough(draft, catalogue, profiles, settings, asker)
        while True:
            walk.run()
            try:
                formats, place = _formats_and_place(walk, request, settings)
                out_dir, stem, force = _free_place(
                    walk, draft.answers, formats, place, request.force
                )
                break
            except Back:
                continue  # back to the preview and the choices before writing
    except (KeyboardInterrupt, EOFError):
        _err(
            f"\nStopped. Your answers so far are saved in {shown(draft.path)}.\n"
            "Carry on with: motiongen new --resume"
        )
        return EXIT_INTERRUPTED
    except Stop:
        _err(
            f"Your answers are saved in {shown(draft.path)}. Carry on with: motiongen new --resume"
        )
        return 0
    finally:
        keys.release()
        if previous is not None:
            signal.signal(signal.SIGHUP, previous)
    code, written = _write(
        request, draft.answers, formats, (out_dir, stem, force), settings, catalogue, profiles
    )
    if written:
        draft.discard()
    else:
        _err(
            f"Your answers are kept in {shown(draft.path)}; fix the above, then: "
            "motiongen new --resume"
        )
    return code


def _terminal(stream: Any) -> bool:
    """A terminal to ask in; a closed stream (``0<&-``) is None or raises."""
    try:
        return stream is not None and bool(stream.isatty())
    except (OSError, ValueError):
        return False


def _asker(request: NewRequest) -> Asker:
    if request.plain or plain_wanted():
        return PlainAsker()
    from rich.console import Console

    return TermAsker(Console(highlight=False))


def _formats_and_place(
    walk: Walkthrough, request: NewRequest, settings: dict[str, Any]
) -> tuple[list[str], str]:
    if request.formats:
        formats = parse_formats(request.formats)
        return formats, request.output or str(settings.get("out_dir") or ".")
    available = ["docx", "md", "txt"] + (["pdf"] if find_soffice() else [])
    formats, place = walk.formats_and_place(available)
    return formats, request.output or place


def _carry_on_or_start(
    request: NewRequest, asker: Asker, profiles: Any, catalogue: Any
) -> dict[str, Any]:
    """Never lose an unfinished motion: offer it, or keep it aside under a dated name."""
    if request.resume:
        resumed = drafting.Draft.resume(catalogue)
        profile = profiles.profiles.get(resumed.answers.get("profile"))
        body = profile.name if profile is not None else "a body not chosen yet"
        asker.say(f"Carrying on with your motion {resumed.describe(body)}.", "bold")
        return resumed.answers
    if request.from_spec is not None:
        return _starting_answers(request, catalogue)
    damaged = drafting.put_aside_if_damaged()
    if damaged is not None:
        where, why = damaged
        asker.say(f"Your unfinished motion could not be used ({why}).", "yellow")
        asker.say(f"It is kept as {shown(where)}; starting a new one.", "yellow")
        return {}
    old = drafting.existing_draft()
    if old is None:
        return {}
    profile = profiles.profiles.get(old.answers.get("profile"))
    body = profile.name if profile is not None else "a body not chosen yet"
    aside = old.aside_path()
    while True:
        try:
            choice = asker.choose(
                f"You have an unfinished motion, {old.describe(body)}. "
                "Carry on, or start a new one?",
                [
                    Item("carry-on", "Carry on with it"),
                    Item("new", f"Start a new one (the old draft is kept as {shown(aside)})"),
                ],
            )
            break
        except Back:
            asker.say("This is the first question.", "yellow")
    if choice == "carry-on":
        return old.answers
    old.put_aside()
    return {}


def _free_place(
    walk: Walkthrough, answers: dict[str, Any], formats: list[str], place: str, force: bool
) -> tuple[Path, str, bool]:
    """Where to write, asking what to do when the names are taken."""
    motion = drafting.to_motion(answers)
    while True:
        out_dir, stem = drafting.output_target(place, motion, Path("."))
        taken = drafting.taken(out_dir, stem, formats)
        if force or not taken:
            return out_dir, stem, force
        choice = walk.taken(f"{shown(out_dir / stem)} ({', '.join(p.suffix for p in taken)})")
        if choice == "replace":
            return out_dir, stem, True
        if choice == "copy":
            return out_dir, drafting.free_stem(out_dir, stem, formats), False
        place = walk.folder()


def _hang_up(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _starting_answers(request: NewRequest, catalogue: Any) -> dict[str, Any]:
    if request.resume:
        return drafting.Draft.resume(catalogue).answers
    if request.from_spec is not None:
        motion = spec.read_one(
            request.from_spec, refusal="--from takes a spec of one motion, not a batch"
        )
        return motion.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return {}


def _without_questions(
    request: NewRequest,
    answers: dict[str, Any],
    settings: dict[str, Any],
    catalogue: Any,
    profiles: Any,
) -> int:

    reused: list[str] = []
    if request.yes:
        if "profile" not in answers and settings.get("profile"):
            reused.append(f"profile {settings['profile']}")
        answers.setdefault("profile", settings.get("profile"))
        if answers["profile"] in profiles.profiles:
            profile = profiles.get(answers["profile"])
            for key, value in drafting.remembered(settings, profile.kind, profile.id).items():
                if key not in answers:
                    reused.append(f"{REUSED_WORDS.get(key, key)} {_reused_value(key, value)}")
                answers.setdefault(key, value)
        if "title" not in answers:
            reused.append(f"the title '{DEFAULT_TITLE}'")
        answers.setdefault("title", DEFAULT_TITLE)
    needed = drafting.missing(answers)
    if needed:
        why = "with --yes" if request.yes else "without a terminal to ask in"
        raise InputError(
            f"{why}, every answer must come from flags or a spec file, and these are missing: "
            + ", ".join(needed),
            hint="for example: motiongen new --profile labour-branch --title '…' "
            "--demand nationalise-foster-care --yes",
        )
    formats = parse_formats(
        request.formats or ",".join(settings.get("formats") or []) or "docx,md,txt"
    )
    place = request.output or str(settings.get("out_dir") or ".")
    if request.yes and not request.formats and settings.get("formats"):
        reused.append(f"the formats {','.join(formats)}")
    if request.yes and not request.output and settings.get("out_dir"):
        reused.append(f"the folder {place}")
    out_dir, stem = drafting.output_target(place, drafting.to_motion(answers), Path("."))
    target = (out_dir, stem, request.force)
    code, written = _write(request, answers, formats, target, settings, catalogue, profiles)
    if reused and written:
        # --yes takes what earlier motions answered: said, so a script is not surprised;
        # only once it is written, so that a motion that cannot be made is one line.
        _err(
            "Note: --yes used, from your earlier motions and the defaults: "
            + "; ".join(reused)
            + ". Give the flags (--submitted-by, --nation, --format, --output…) to change them."
        )
    if written and request.resume:
        drafting.Draft().discard()  # finished: --resume would otherwise offer it again
    return code


REUSED_WORDS = {
    "submitted_by": "submitted by",
    "to": "where it goes",
    "proposer": "proposer",
    "seconder": "seconder",
    "nation": "nation",
}


def _reused_value(key: str, value: Any) -> str:
    from motiongen.catalogue.models import NATION_NAMES

    return NATION_NAMES.get(str(value), str(value)) if key == "nation" else f"'{value}'"


def _write(
    request: NewRequest,
    answers: dict[str, Any],
    formats: list[str],
    target: tuple[Path, str, bool],
    settings: dict[str, Any],
    catalogue: Any,
    profiles: Any,
) -> tuple[int, bool]:
    """Write the motion; the exit code, and whether the spec file was written."""
    motion = drafting.to_motion(answers)
    out_dir, stem, force = target
    options = FileOptions(
        formats=formats,
        out_dir=out_dir,
        force=force,
        reference_docx=request.reference_docx,
        line_numbers=request.line_numbers,
        submission_copy=request.submission_copy,
    )
    result, spec_path = _finish(motion, stem, options, catalogue, profiles)
    if result.error is not None:
        _err(f"Error: {result.error}")
        return exit_code(result.error), False
    assert spec_path is not None
    kind = profiles.get(motion.profile).kind
    drafting.save_settings(answers, kind, formats=list(formats), out_dir=str(out_dir))
    for path in result.files:
        _err(f"Wrote {shown(path)}")
    _err(f"Saved the motion as {shown(spec_path)}")
    errors = [f for f in result.findings if f.severity == "error"]
    for finding in errors:
        _err(f"    {finding.line()}")
    _err(
        f"To change it, edit {shown(spec_path)} and run:\n"
        f"  motiongen build {shown(spec_path)} --out-dir {shown(out_dir)} "
        f"--format {','.join(formats)} --force"
    )
    return exit_code(checks_failed=has_errors(result.findings)), True


def _finish(
    motion: Any, stem: str, options: FileOptions, catalogue: Any, profiles: Any
) -> tuple[Any, Path | None]:
    """Write the documents and the spec file that rebuilds them, as one set."""
    result = prepare(Job("your motion", motion=motion), catalogue, profiles)
    if result.document is None:
        return result, None
    spec_path = safe_name(options.out_dir, stem, "yaml")
    default_stem = slug(motion.default_name(), limit=80)
    if stem != default_stem and motion.output is None:
        motion = motion.model_copy(update={"output": stem})  # so a rebuild keeps the names
    text = drafting.spec_text(motion, spec_path.name)
    try:
        written = write_motion(
            result.document, stem, options, extra=[Extra(spec_path, text.encode("utf-8"))]
        )
    except MotiongenError as exc:
        result.error = exc
        return result, None
    result.files = [p for p in written if p != spec_path]
    return result, spec_path
