"""A motion someone else wrote (.docx, .txt, .md) read back into a spec.

It finds the title, the sections by their lead phrases, the clauses and the
proposer and seconder, and links each clause that says what a catalogue entry
says to that entry, keeping the words of the file (agenda.linking); a near miss
is a comment above the clause, never a link.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from motiongen.agenda import is_document
from motiongen.catalogue import Catalogue
from motiongen.errors import InputError
from motiongen.io import datafile
from motiongen.motion import spec
from motiongen.motion.compose import Document, compose, section_entry
from motiongen.motion.spec import LINE_MAX, Job, Motion, fit_line, too_long
from motiongen.output.fileset import FileSet
from motiongen.profiles import Profile, ProfileSet
from motiongen.sections import KINDS, spec_key
from motiongen.text import british_date

if TYPE_CHECKING:
    from motiongen.agenda.linking import Linker, Score
    from motiongen.agenda.matching import Candidate
    from motiongen.agenda.parsing import Found, Parsed
    from motiongen.agenda.reading import Para

# Reading a document (bodies, matching, parsing, reading) is imported where a
# document is read: a spec read through read_one, as amend, composite and brief
# do, needs none of it, and those modules compile many patterns as they load.


@dataclass
class Imported:
    """The spec made from a file, with what was recognised and what was not."""

    source: Path
    data: dict[str, Any]
    comments: dict[tuple[str | int, ...], str] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    has_title: bool = False
    body_evidence: list[str] = field(default_factory=list)
    sections: int = 0
    clauses: int = 0
    matched: int = 0  # clauses linked to the catalogue
    near: int = 0  # clauses with a near miss offered in a comment

    def summary(self) -> str:
        """'title, 3 sections, 9 clauses, 4 linked to the catalogue, 1 near miss'."""
        parts = ["title" if self.has_title else "no title"]
        parts.append(_plural(self.sections, "section"))
        parts.append(_plural(self.clauses, "clause"))
        parts.append(f"{self.matched} linked to the catalogue")
        if self.near:
            parts.append(f"{self.near} near miss" if self.near == 1 else f"{self.near} near misses")
        people = [k for k in ("proposer", "seconder") if self.data.get(k)]
        if people:
            parts.append(" and ".join(people))
        if self.body_evidence:
            parts.append(f"read as {self.data.get('profile')} from {', '.join(self.body_evidence)}")
        return ", ".join(parts)

    def left_out_line(self) -> str | None:
        """What was left out as not the motion's words, for the terminal: "3 paragraphs
        ('Hi all,', 'Thanks,', 'Sam'), listed at the top of the spec"."""
        if not self.left_out:
            return None
        shown = ", ".join(repr(_short(t)) for t in self.left_out[:4])
        more = f" and {len(self.left_out) - 4} more" if len(self.left_out) > 4 else ""
        verb = "is" if len(self.left_out) == 1 else "are"
        return (
            f"left out {_plural(len(self.left_out), 'paragraph')} that {verb} not the "
            f"motion's words ({shown}{more}), listed at the top of the spec"
        )

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


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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
    from motiongen.agenda.parsing import parse
    from motiongen.agenda.reading import read_paragraphs

    source = Path(path)
    paras = read_paragraphs(source)
    if not paras:
        raise InputError("the file holds no text", file=source, hint="is it the right file?")
    parsed = parse(paras)
    result = Imported(source, {})
    result.has_title = parsed.title is not None
    profile = _body(result, parsed, paras, profiles, catalogue, profile_id)
    sections = parsed.sections
    if not any(s.lead for s in sections) and sections:
        result.warnings.append(
            "no section leads ('notes', 'believes', 'resolves', 'calls on') were found, so "
            "the motion's paragraphs are one section with no lead; give each its lead"
        )
    if not sections:
        result.warnings.append("no motion text was found: every paragraph is listed as left out")
    if parsed.unquoted:
        result.warnings.append("the quotation marks round the whole motion were taken off")
    result.left_out = parsed.left_out
    data: dict[str, Any] = {"profile": profile.id, **_fields(result, parsed, source)}
    if "submitted_by" not in data and (named := _named_speaker(parsed)):
        data["submitted_by"] = named
    if parsed.preamble:
        data["preamble"] = parsed.preamble
    calls_on = _calls_on(sections)
    default = profile.defaults.calls_on or "the relevant body"
    if calls_on and calls_on != default:
        data["calls_on"] = calls_on
    from motiongen.agenda.linking import Linker

    linker = Linker.of(catalogue, profiles)
    data.update(_clauses(result, sections, profile, (catalogue, linker), calls_on or default))
    if parsed.fields.get("carried_on"):
        data["carried_on"] = parsed.fields["carried_on"]
    result.data = data
    return result


def _body(
    result: Imported,
    parsed: Parsed,
    paras: list[Para],
    profiles: ProfileSet,
    catalogue: Catalogue,
    profile_id: str | None,
) -> Profile:
    """The body given, or the one the motion's evidence points to (who its leads speak
    as, the words of the file), with a warning where another fits nearly as well or
    nothing points anywhere."""
    from motiongen.agenda.bodies import read_body
    from motiongen.agenda.matching import choose_profile

    if profile_id is not None:
        return profiles.get(profile_id)
    speakers = [_speaker(s.lead) for s in parsed.sections if s.lead]
    text = "\n".join(p.text for p in paras)
    reading = read_body([s for s in speakers if s], text, profiles)
    if reading is None:
        profile, _, _ = choose_profile(parsed.sections, profiles, catalogue)
        result.warnings.append(
            f"nothing in the file says which body it is for, so the spec is for "
            f"'{profile.id}': change 'profile:' (see 'motiongen profiles list') if it "
            "goes elsewhere"
        )
        return profile
    result.body_evidence = reading.evidence[:4]
    if reading.close:
        result.warnings.append(
            f"the motion reads as {reading.profile.id} but could be "
            f"{' or '.join(reading.close)}: give --profile if it is for another body"
        )
    return reading.profile


# Words that join a lead to what came before, not part of who speaks: "Therefore".
_CONNECTIVE = re.compile(
    r"^(?:therefore|accordingly|further|furthermore|finally|also|and|so|however|thus),?\s+",
    re.IGNORECASE,
)


def _named_speaker(parsed: Parsed) -> str | None:
    """Who sends the motion, where its first lead names them: "Islington NEU declares"."""
    first = next((s.lead for s in parsed.sections if s.lead), "")
    speaker = re.sub(_CONNECTIVE, "", _speaker(first))
    # A council's motion speaks as the council ("Thurrock Council resolves"): its
    # movers send it, not the council.
    generic = re.match(
        r"^(?:that|this|the|our|we|i|…|\.\.\.)\b|^(?:congress|conference)$"
        r"|^(?:.*(?<!trades) )?council$",
        speaker,
        re.IGNORECASE,
    )
    if not speaker or generic or not speaker[:1].isupper() or "<" in speaker:
        return None
    return speaker


def _speaker(lead: str) -> str:
    """Who a lead speaks as: its words before the verb ("Congress", "This AGM")."""
    from motiongen.agenda import leads

    found = leads.find(lead)
    return found[0].speaker if found else ""


def _fields(result: Imported, parsed: Parsed, source: Path) -> dict[str, Any]:
    """The title and the labelled lines (Submitted by, Proposer, …) as spec keys."""
    from motiongen.agenda.reading import read_contact, read_date

    fields = parsed.fields
    data: dict[str, Any] = {}
    title = parsed.title or fields.get("title")
    if not title:
        title = fit_line(source.stem.replace("-", " ").replace("_", " ").strip() or "Motion")
        result.warnings.append("no title was found: the file's name is the title for now")
    data["title"] = _shortened(result, title)
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
            data[key] = value[:LINE_MAX] if isinstance(value, str) else value
    if fields.get("contact"):
        data["contact"] = read_contact(fields["contact"])
    if fields.get("commission"):
        data["commission"] = fields["commission"][:LINE_MAX]
    return data


def _shortened(result: Imported, title: str) -> str:
    """A title short enough for a document's properties; a longer one is cut at a word
    and the user told, never refused."""
    if not too_long(title):
        return title
    cut = fit_line(title)
    result.warnings.append(
        f"the title was {len(title)} characters, more than a document's title holds "
        f'({LINE_MAX}): it is cut to "{cut[:40]}…"; shorten it as you wish'
    )
    return cut


def _calls_on(sections: list[Found]) -> str | None:
    """Whom the motion's first section that asks someone by name calls on."""
    for found in sections:
        if found.to and found.kind in KINDS and KINDS[found.kind].addressed:
            return found.to
    return None


def _section(found: Found, profile: Profile) -> tuple[str, str | None]:
    """The kind of a section found and whom it asks: as the body words its own leads
    where the lead is one of them, else as the lead reads; paragraphs before the
    first lead state what the motion notes."""
    from motiongen.agenda.matching import lead_match

    own = lead_match(profile, found.lead) if found.lead else None
    if own is not None and own.kind in KINDS:
        return own.kind, own.to if KINDS[own.kind].addressed else None
    if found.kind in KINDS:
        return found.kind, found.to if KINDS[found.kind].addressed else None
    return "notes", None


def _clauses(
    result: Imported,
    sections: list[Found],
    profile: Profile,
    lookup: tuple[Catalogue, Linker],
    calls_on: str,
) -> dict[str, list[Any]]:
    """The motion section by section, each lead and addressee as written, each clause
    in the file's words: linked (``link:``) to the catalogue entries it says, with a
    near miss offered in a comment above it. Where the body's own layout prints the
    very same motion, the spec is written in the short form (notes:, demands:, …)."""
    catalogue, linker = lookup
    from motiongen.agenda.linking import Score, tables_for
    from motiongen.agenda.matching import best_match, candidates

    pools: dict[str, list[Candidate]] = {}
    entries: list[dict[str, Any]] = []
    comments: dict[tuple[str | int, ...], str] = {}
    about = linker.about([c for found in sections for c in found.clauses])
    for found in sections:
        if not found.clauses:
            continue
        kind, to = _section(found, profile)
        result.sections += 1
        items: list[Any] = []
        for clause in found.clauses:
            result.clauses += 1
            if kind not in pools:
                pools[kind] = candidates(kind, profile, catalogue, calls_on)
            same = best_match(clause, pools[kind])
            linked: list[Score] = []
            near: list[Score] = []
            if same and same[1] >= 0.999:
                # The catalogue's own words, as motiongen prints them: that entry alone.
                linked = [Score(same[0], 1.0, "")]
            elif about:
                linked, near = linker.link(clause, tables_for(kind))
            item: dict[str, Any] = {"text": clause}
            if linked:
                refs = [s.ref for s in linked]
                item["link"] = refs[0] if len(refs) == 1 else refs
                result.matched += 1
            if near:
                result.near += 1
            note = _link_note(linked, near)
            if note:
                comments[(len(entries), len(items))] = note
            items.append(item)
        entries.append(section_entry(profile, calls_on, kind, found.lead, to, items))
    short = _short_form(entries, profile, catalogue, calls_on)
    if short is not None:
        data, places = short
        result.comments = {places[k]: v for k, v in comments.items() if k in places}
        return data
    result.comments = {("sections", s, "items", i): v for (s, i), v in comments.items()}
    return {"sections": entries} if entries else {}


def _link_note(linked: list[Score], near: list[Score]) -> str | None:
    """The comment above a clause: how alike the entries it is linked to are, and its
    near misses, which are offered and never applied."""
    said = [f"{s.ref} ({s.shown})" for s in linked if s.score < 1.0]
    parts = []
    if said:
        parts.append(
            f"linked: {', '.join(said)} — take the link out if this clause does not say it"
        )
    if near:
        best = near[0].ref
        shown = ", ".join(f"{s.ref} ({s.shown})" for s in near[:3])
        add = f"add '{best}' to 'link:'" if linked else f"add 'link: {best}'"
        parts.append(f"near: {shown} — {add} if this clause says it")
    return "; ".join(parts) or None


def _short_form(
    entries: list[dict[str, Any]], profile: Profile, catalogue: Catalogue, calls_on: str
) -> tuple[dict[str, list[Any]], dict[tuple[int, int], tuple[str | int, ...]]] | None:
    """The same sections as the short form's lists, if the body's own layout of those
    lists prints exactly these sections (leads, whom they ask, clauses); with where
    each item went, for its comment."""
    lists: dict[str, list[Any]] = {k: [] for k in ("demands", "notes", "believes", "resolves")}
    lists["mandates"] = []
    places: dict[tuple[int, int], tuple[str | int, ...]] = {}
    for s, entry in enumerate(entries):
        key = spec_key(entry["kind"])
        for i, item in enumerate(entry["items"]):
            target = "demands" if key == "resolves" and isinstance(item, str) else key
            places[(s, i)] = (target, len(lists[target]))
            lists[target].append(item)
    data = {k: v for k, v in lists.items() if v}
    base = {"profile": profile.id, "title": "x", "calls_on": calls_on}
    try:
        short = compose(Motion.model_validate({**base, **data}), profile, catalogue)
        given = compose(Motion.model_validate({**base, "sections": entries}), profile, catalogue)
    except (ValidationError, InputError):
        return None
    if _printed(short) != _printed(given):
        return None
    return data, places


def _printed(document: Document) -> list[tuple[str, str, str | None, list[str]]]:
    return [(s.kind, s.lead, s.to, [c.text for c in s.clauses]) for s in document.sections]


def _to_yaml(result: Imported) -> str:
    """The spec as YAML, with each link and near miss explained in a comment above it."""
    header = [
        f"Imported from {result.source.name} on {british_date(dt.date.today())}: "
        f"{result.summary()}.",
        "Every clause keeps the file's words; 'link:' names the catalogue entries a",
        "clause says (check and brief use their facts and sources). A 'near:' comment",
        "offers an entry that comes close: add it to 'link:' if the clause says it.",
    ]
    header += [f"Note: {warning}." for warning in result.warnings]
    header += [f"Left out, not the motion's words: {text}" for text in result.left_out]
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
    profile_id: str | None = None,
) -> Motion:
    """One motion from a spec file, or from a Word, text or Markdown document
    imported on the fly (for the body ``profile_id`` where given); a batch is
    refused with ``refusal``, as spec.read_one says."""
    if is_document(path):
        return import_file(path, catalogue, profiles, profile_id=profile_id).motion()
    if Path(path).suffix.lower() in (".doc", ".odt"):
        raise InputError(
            "motiongen reads Word .docx, text and Markdown motions, not this format",
            file=path,
            hint="save it as .docx from Word or LibreOffice",
        )
    motion = spec.read_one(path, refusal=refusal, hint=hint)
    if profile_id is not None and profile_id != motion.profile:
        profiles.get(profile_id)  # an unknown body is refused as such
        raise InputError(
            f"this motion's spec is for '{motion.profile}', so the body given for it "
            f"('{profile_id}') is not used",
            file=path,
            field="profile",
            hint="change profile: in the spec itself; --profile and an amendment's "
            "profile: are for .docx and .txt motions",
        )
    return motion


def read_motion(
    path: Path, catalogue: Catalogue, profiles: ProfileSet, *, profile_id: str | None = None
) -> tuple[Motion, Document]:
    """The motion amended, from a spec or imported from a document (for the body
    ``profile_id`` where given, else the one its words point to), and composed."""
    motion = read_one(
        path,
        catalogue,
        profiles,
        refusal="an amendment amends one motion, and this file holds a batch",
        hint="point amends: at the spec of that one motion",
        profile_id=profile_id,
    )
    profile = profiles.get(motion.profile)
    try:
        document = compose(motion, profile, catalogue)
    except InputError as exc:
        exc.file = exc.file or str(path)
        raise
    return motion, document
