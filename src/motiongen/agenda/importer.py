"""A motion someone else wrote (.docx, .txt, .md) read back into a spec.

It finds the title, the sections by their lead phrases, the clauses and the
proposer and seconder, and turns clauses close to the catalogue into its ids,
keeping the words of the file beside them as comments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from motiongen.agenda import is_document
from motiongen.agenda.matching import Candidate, best_match, candidates, choose_profile, lead_match
from motiongen.agenda.reading import (
    Found,
    parse,
    read_contact,
    read_date,
    read_paragraphs,
)
from motiongen.catalogue import Catalogue
from motiongen.errors import InputError
from motiongen.io import datafile
from motiongen.motion import spec
from motiongen.motion.compose import Document, compose
from motiongen.motion.spec import LINE_MAX, Job, Motion, fit_line, too_long
from motiongen.output.fileset import FileSet
from motiongen.profiles import Profile, ProfileSet
from motiongen.text import british_date


@dataclass
class Imported:
    """The spec made from a file, with what was recognised and what was not."""

    source: Path
    data: dict[str, Any]
    comments: dict[tuple[str, int], str] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    has_title: bool = False
    sections: int = 0
    clauses: int = 0
    matched: int = 0

    def summary(self) -> str:
        """'title, 3 sections, 9 clauses, 4 matched to the catalogue'."""
        parts = ["title" if self.has_title else "no title"]
        parts.append(_plural(self.sections, "section"))
        parts.append(_plural(self.clauses, "clause"))
        parts.append(f"{self.matched} matched to the catalogue")
        people = [k for k in ("proposer", "seconder") if self.data.get(k)]
        if people:
            parts.append(" and ".join(people))
        return ", ".join(parts)

    def motion(self) -> Motion:
        try:
            return Motion.model_validate(self.data)
        except ValidationError as exc:
            found = datafile.validation_error(exc, datafile.DataFile("", self.data, lambda _: None))
            raise InputError(
                f"the motion read from this file cannot be used: {found.message}",
                file=self.source,
                field=found.field,
                hint=f"write it out as a spec with 'motiongen import {self.source.name}' and "
                "edit it",
            ) from None

    def yaml(self) -> str:
        return _to_yaml(self)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --- the spec --------------------------------------------------------------------------


def import_file(
    path: str | Path,
    catalogue: Catalogue,
    profiles: ProfileSet,
    *,
    profile_id: str | None = None,
) -> Imported:
    """Read a motion from a file and make its spec; raises InputError if unreadable."""
    source = Path(path)
    paras = read_paragraphs(source)
    if not paras:
        raise InputError("the file holds no text", file=source, hint="is it the right file?")
    fields, sections, before, title_found = parse(paras)
    result = Imported(source, {})
    result.has_title = title_found
    profile = _body(result, sections, profiles, catalogue, profile_id)
    if not sections:
        sections = [Found("resolves", "", list(before))]
        before = []
        result.warnings.append(
            "no section leads ('notes', 'believes', 'resolves', 'calls on') were found, so "
            "every paragraph is under 'resolves:' as text; move them where they belong"
        )
    result.left_out = before
    data: dict[str, Any] = {"profile": profile.id, **_fields(result, fields, source)}
    calls_on = _calls_on(sections, profile)
    default = profile.defaults.calls_on or "the relevant body"
    if calls_on and calls_on != default:
        data["calls_on"] = calls_on
    data.update(_clauses(result, sections, profile, catalogue, calls_on or default))
    if fields.get("carried_on"):
        data["carried_on"] = fields["carried_on"]
    result.data = data
    return result


def _body(
    result: Imported,
    sections: list[Found],
    profiles: ProfileSet,
    catalogue: Catalogue,
    profile_id: str | None,
) -> Profile:
    """The body given, or the one whose wording fits the leads, with a warning where
    another fits as well or none fits."""
    if profile_id is not None:
        return profiles.get(profile_id)
    profile, score, others = choose_profile(sections, profiles, catalogue)
    if others:
        result.warnings.append(
            f"the wording fits {profile.id} and also {', '.join(others)}: the spec says "
            f"{profile.id}; give --profile if it is for another body"
        )
    if sections and score == 0:
        result.warnings.append(
            f"no body's wording matched the section leads, so the spec is for "
            f"'{profile.id}': change 'profile:' (see 'motiongen profiles list') if it "
            "goes elsewhere"
        )
    return profile


def _fields(result: Imported, fields: dict[str, str], source: Path) -> dict[str, Any]:
    """The title and the labelled lines (Submitted by, Proposer, …) as spec keys."""
    data: dict[str, Any] = {}
    title = fields.pop("title", None)
    if title and too_long(title):
        # A first paragraph longer than a title can be is the motion's opening, or a
        # covering note: kept in the spec's comments, never refused as a bad title.
        result.warnings.append(
            f"the first paragraph is {len(title):,} characters long, more than a title "
            f"holds ({LINE_MAX}), so it is not taken as the title: it is kept as a comment "
            "at the top of the spec, and the file's name is the title for now"
        )
        result.left_out.insert(0, title)
        result.has_title = False
        title = fit_line(source.stem.replace("-", " ").replace("_", " ").strip() or "Motion")
    if not title:
        title = fit_line(source.stem.replace("-", " ").replace("_", " ").strip() or "Motion")
        result.warnings.append("no title was found: the file's name is the title for now")
    data["title"] = title
    for key in (
        "submitted_by", "to", "meeting_date", "deadline", "submitted_on", "proposer",
        "seconder", "moved_by",
    ):  # fmt: skip
        value = fields.get(key)
        if key in ("meeting_date", "deadline", "submitted_on") and value:
            value = read_date(value)
        if isinstance(value, str) and too_long(value):
            result.warnings.append(
                f"the '{key}' line is {len(value):,} characters long, more than a name holds "
                f"({LINE_MAX}), so it is left out: it is kept as a comment at the top of the spec"
            )
            result.left_out.append(value)
            continue
        if value:
            data[key] = value
    if fields.get("contact"):
        data["contact"] = read_contact(fields["contact"])
    if fields.get("commission"):
        data["commission"] = fields["commission"]
    return data


def _calls_on(sections: list[Found], profile: Profile) -> str | None:
    """Whom the first lead that names a body calls on."""
    for found in sections:
        matched = lead_match(profile, found.lead) if found.lead else None
        if matched and matched[1]:
            return matched[1]
    return None


def _clauses(
    result: Imported,
    sections: list[Found],
    profile: Profile,
    catalogue: Catalogue,
    calls_on: str,
) -> dict[str, list[Any]]:
    """Each section's clauses under its key: a catalogue id where a clause is close to
    an entry (the file's words kept in a comment), the file's own text otherwise."""
    pools: dict[str, list[Candidate]] = {}
    lists: dict[str, list[Any]] = {
        k: [] for k in ("demands", "notes", "believes", "resolves", "mandates")
    }
    for found in sections:
        matched = lead_match(profile, found.lead) if found.lead else None
        kind = matched[0] if matched else found.kind
        if kind == "mandates" and profile.sections.mandates is None:
            kind = "resolves"
        if found.clauses:
            result.sections += 1
        for number, clause in enumerate(found.clauses, start=1):
            result.clauses += 1
            if kind not in pools:
                pools[kind] = candidates(kind, profile, catalogue, calls_on)
            hit = best_match(clause, pools[kind])
            key = "demands" if kind == "resolves" and hit else kind
            if hit and hit[0] in lists[key]:
                hit = None
                key = kind
            if hit:
                result.matched += 1
                lists[key].append(hit[0])
                alike = "the same words" if hit[1] >= 0.999 else f"{round(hit[1] * 100)}% alike"
                result.comments[(key, len(lists[key]) - 1)] = (
                    f"{kind} {number} in the file, {alike}: {clause}"
                )
            else:
                lists[kind].append({"text": clause})
    return {key: items for key, items in lists.items() if items}


def _to_yaml(result: Imported) -> str:
    """The spec as YAML, with each catalogue match explained in a comment above it."""
    header = [
        f"Imported from {result.source.name} on {british_date(dt.date.today())}: "
        f"{result.summary()}.",
        "A clause close to the catalogue became its id; the file's words are in the",
        "comment above it. Put them back as '- text: ...' if the wording matters.",
    ]
    header += [f"Note: {warning}." for warning in result.warnings]
    header += [f"Left out (before the first section): {text}" for text in result.left_out]
    return spec.dump(result.data, header, result.comments)


def write_spec(imported: Imported, out: Path, *, force: bool = False) -> Path:
    """Write the spec; an existing file is kept unless ``force``, and the file read
    from is never replaced."""
    files = FileSet(force=force, inputs=[imported.source])
    files.add(out, imported.yaml().encode("utf-8"), durable=True)
    files.write()
    return out


def job(path: str | Path, catalogue: Catalogue, profiles: ProfileSet) -> Job:
    """A motion in a document, imported on the fly so that it can be checked."""
    try:
        motion = import_file(path, catalogue, profiles).motion()
    except InputError as exc:
        return Job(str(path), error=exc)
    return Job(str(path), motion=motion)


def read_one(
    path: str | Path,
    catalogue: Catalogue,
    profiles: ProfileSet,
    *,
    refusal: str,
    hint: str | None = None,
) -> Motion:
    """One motion from a spec file, or from a Word, text or Markdown document
    imported on the fly; a batch is refused with ``refusal``, as spec.read_one says."""
    if is_document(path):
        return import_file(path, catalogue, profiles).motion()
    if Path(path).suffix.lower() in (".doc", ".odt"):
        raise InputError(
            "motiongen reads Word .docx, text and Markdown motions, not this format",
            file=path,
            hint="save it as .docx from Word or LibreOffice",
        )
    return spec.read_one(path, refusal=refusal, hint=hint)


def read_motion(path: Path, catalogue: Catalogue, profiles: ProfileSet) -> tuple[Motion, Document]:
    """The motion amended, from a spec or imported from a document, and composed."""
    motion = read_one(
        path,
        catalogue,
        profiles,
        refusal="an amendment amends one motion, and this file holds a batch",
        hint="point amends: at the spec of that one motion",
    )
    profile = profiles.get(motion.profile)
    try:
        document = compose(motion, profile, catalogue)
    except InputError as exc:
        exc.file = exc.file or str(path)
        raise
    return motion, document
