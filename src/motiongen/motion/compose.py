"""A motion, its profile and the catalogue made into one document for every format.

The sections, numbered clauses and word count are decided here, once, so that
Markdown, text and Word agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from motiongen.errors import InputError
from motiongen.io.datafile import format_loc
from motiongen.motion.spec import ById, Carried, FreeText, Item, Motion
from motiongen.profiles import Profile
from motiongen.text import british_date, count_words, fill, nearest_hint, sentence

if TYPE_CHECKING:  # the catalogue is passed in; composing needs only its type
    from motiongen.catalogue import Catalogue

ItemKind = Literal["demand", "evidence", "belief", "text"]


class UnknownId(InputError):
    """An id in a spec that the catalogue does not have; ``loc`` points at it."""

    def __init__(self, message: str, loc: tuple[str | int, ...], hint: str) -> None:
        super().__init__(message, field=_field(loc), hint=hint)
        self.loc = loc


def _field(loc: tuple[str | int, ...]) -> str:

    return format_loc(loc)


@dataclass(frozen=True)
class Clause:
    number: str
    text: str
    kind: ItemKind
    ref: str | None = None


@dataclass(frozen=True)
class Section:
    key: str
    lead: str
    clauses: list[Clause]


@dataclass(frozen=True)
class CitedSource:
    """One source of a fact, as a short reference names it."""

    title: str
    body: str  # the publisher, or the body that wrote it
    year: str  # or "undated"
    at: str  # the point in it
    address: str  # a web address, where it has one


@dataclass(frozen=True)
class Citation:
    """A fact the motion notes, the number of its clause, and where it comes from."""

    ref: str
    statement: str
    sources: list[CitedSource]
    caveat: str | None
    clause: str = ""


@dataclass
class Document:
    """Everything a renderer needs, in the order it appears."""

    profile: Profile
    title: str
    submitted_by: str | None
    to: str | None
    meeting_date: str | None
    deadline: str | None
    commission: str | None
    proposer: str | None
    seconder: str | None
    carried_on: str | None
    carried_at: str | None  # the meeting that carried it, where named
    submitted_on: str | None
    moved_by: str | None
    contact: list[str]  # name, email, phone: those given
    sections: list[Section]
    citations: list[Citation]
    words: int
    word_limit: int | None
    title_words: int
    title_word_limit: int | None

    @property
    def over_limit(self) -> bool:
        return self.word_limit is not None and self.words > self.word_limit

    @property
    def word_count_line(self) -> str:
        """The count for messages: '216 of 250 words', or '216 words' with no limit."""
        if self.word_limit is None:
            return f"{self.words} words"
        return f"{self.words} of {self.word_limit} words"


def number_label(n: int, style: str) -> str:
    if style == "a)":
        return f"{_letters(n)})"
    if style == "(1)":
        return f"({n})"
    if style == "1)":
        return f"{n})"
    return f"{n}."


def _letters(n: int) -> str:
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(97 + rest) + out
    return out


Line = tuple[str, ItemKind, str | None]  # a clause's text, its kind and its catalogue id
Raw = tuple[str, str, list[Line]]  # a section's key, its lead and its clauses, not numbered yet


def compose(motion: Motion, profile: Profile, catalogue: Catalogue) -> Document:
    """The motion as every format prints it: its sections in the body's order and
    wording, clauses numbered as the body's form shows them, words counted."""
    calls_on = motion.calls_on or profile.defaults.calls_on or "the relevant body"
    values = {"calls_on": calls_on, "body": profile.body}
    cited: list[str] = []
    raw: list[Raw] = [
        ("notes", profile.sections.notes, _notes(motion, catalogue, cited)),
        ("believes", profile.sections.believes, _beliefs(motion, catalogue)),
        *_resolves(motion, profile, catalogue, values),
        *_mandates(motion, profile, values),
    ]
    sections = _numbered([r for r in raw if r[2]], profile)
    counted = [s.lead for s in sections] + [c.text for s in sections for c in s.clauses]
    if profile.count_title:
        counted.append(motion.title)
    carried, carried_at = (
        (motion.carried_on.date, motion.carried_on.meeting)
        if isinstance(motion.carried_on, Carried)
        else (motion.carried_on, None)
    )
    contact = motion.contact
    return Document(
        profile=profile,
        title=motion.title,
        submitted_by=motion.submitted_by,
        to=motion.to or profile.defaults.to,
        meeting_date=_date(motion.meeting_date),
        deadline=_date(motion.deadline),
        commission=motion.commission or profile.defaults.commission,
        proposer=motion.proposer,
        seconder=motion.seconder,
        carried_on=_date(carried),
        carried_at=carried_at,
        submitted_on=_date(motion.submitted_on),
        moved_by=motion.moved_by,
        contact=[v for v in (contact.name, contact.email, contact.phone) if v] if contact else [],
        sections=sections,
        citations=_citations(cited, sections, catalogue),
        words=sum(count_words(t) for t in counted),
        word_limit=motion.word_limit or profile.word_limit,
        title_words=count_words(motion.title),
        title_word_limit=profile.title_word_limit,
    )


def _date(day: dt.date | None) -> str | None:
    return british_date(day) if day else None


def _notes(motion: Motion, catalogue: Catalogue, cited: list[str]) -> list[Line]:
    """The notes; each fact cited is added to ``cited``, once, for the sources."""
    return [_note(item, i, catalogue, cited) for i, item in enumerate(motion.notes)]


def _beliefs(motion: Motion, catalogue: Catalogue) -> list[Line]:
    return [_belief(item, i, catalogue) for i, item in enumerate(motion.believes)]


def _resolves(
    motion: Motion, profile: Profile, catalogue: Catalogue, values: dict[str, str]
) -> list[Raw]:
    """Each demand framed for the body, under the lead of the level that acts on it
    (a call on the Government, the body's own resolve), then the clauses of the
    motion's own under the body's own lead; at least that lead, empty."""
    groups: dict[str, list[Line]] = {}
    seen: set[str] = set()
    for i, demand_id in enumerate(motion.demands):
        if demand_id not in catalogue.demands:
            raise UnknownId(
                f"there is no demand '{demand_id}'",
                ("demands", i),
                nearest_hint(demand_id, catalogue.demands, "demands"),
            )
        if demand_id in seen:
            raise InputError(
                f"the demand '{demand_id}' is listed twice",
                field=_field(("demands", i)),
                hint="keep one",
            )
        seen.add(demand_id)
        demand = catalogue.demands[demand_id]
        level, wording = profile.frame(demand.acted_on_by)
        lead = fill(wording.lead, values)
        text = fill(wording.item, {**values, "clause": demand.clause_at(level)})
        groups.setdefault(lead, []).append((text, "demand", demand_id))
    own_lead = fill(profile.sections.resolves, values)
    if motion.resolves:
        groups.setdefault(own_lead, []).extend((r.text, "text", None) for r in motion.resolves)
    if not groups:
        groups[own_lead] = []
    return [("resolves", lead, items) for lead, items in groups.items()]


def _mandates(motion: Motion, profile: Profile, values: dict[str, str]) -> list[Raw]:
    if not motion.mandates:
        return []
    if profile.sections.mandates is None:
        raise InputError(
            f"a motion to a {profile.name} cannot mandate officers or delegates",
            field="mandates",
            hint="move these clauses into 'resolves:'",
        )
    lead = fill(profile.sections.mandates, values)
    return [("mandates", lead, [(m.text, "text", None) for m in motion.mandates])]


def _numbered(filled: list[Raw], profile: Profile) -> list[Section]:
    """Each run of clauses numbered as one list: a section, or (numbered
    continuously) the sections up to a restart the body's form shows."""
    runs: list[int] = []
    for key, _, _ in filled:
        fresh = not runs or profile.numbering == "per-section" or key in profile.restart_at
        runs.append(len(runs) if fresh else runs[-1])
    run_sizes = {run: 0 for run in runs}
    for run, (_, _, items) in zip(runs, filled, strict=True):
        run_sizes[run] += len(items)
    sections: list[Section] = []
    counter = 0
    for index, (key, lead, items) in enumerate(filled):
        if index == 0 or runs[index] != runs[index - 1]:
            counter = 0
        # A lone clause needs no "1." where the body's form allows it.
        unnumbered = run_sizes[runs[index]] == 1 and not profile.number_single_clause
        clauses = []
        for text, kind, ref in items:
            counter += 1
            number = "" if unnumbered else number_label(counter, profile.number_format)
            clauses.append(Clause(number, sentence(text), kind, ref))
        sections.append(Section(key, lead, clauses))
    return sections


def _citations(cited: list[str], sections: list[Section], catalogue: Catalogue) -> list[Citation]:
    """Each fact noted, with its sources and the number of the note that cites it."""
    noted = {c.ref: c.number for s in sections if s.key == "notes" for c in s.clauses}
    citations = []
    for ref in cited:
        fact = catalogue.evidence[ref]
        sources = [
            CitedSource(
                source.title,
                source.publisher or source.body,
                str(source.year) if source.year else "undated",
                at,
                source.address or "",
            )
            for source, at in catalogue.cited(fact.sources)
        ]
        citations.append(Citation(ref, fact.statement, sources, fact.caveat, noted.get(ref, "")))
    return citations


def _note(item: Item, index: int, catalogue: Catalogue, cited: list[str]) -> Line:
    line = _item(item, ("notes", index), catalogue, "evidence", "beliefs")
    if line[2] is not None and line[2] not in cited:
        cited.append(line[2])
    return line


def _belief(item: Item, index: int, catalogue: Catalogue) -> Line:
    return _item(item, ("believes", index), catalogue, "beliefs", "evidence")


def _item(
    item: Item, loc: tuple[str | int, ...], catalogue: Catalogue, section: str, other: str
) -> Line:
    """A clause of the user's own, or a catalogue entry by id from ``section``."""
    if isinstance(item, FreeText):
        return item.text, "text", None
    ref = item.id if isinstance(item, ById) else item
    table = getattr(catalogue, section)
    if ref not in table:
        hint = nearest_hint(ref, table, section)
        if ref in getattr(catalogue, other):
            hint = (
                "that is a belief: put it under 'believes:'"
                if other == "beliefs"
                else "that is a fact: put it under 'notes:'"
            )
        what = "fact" if section == "evidence" else "belief"
        raise UnknownId(f"there is no {what} with the id '{ref}'", loc, hint)
    if section == "evidence":
        return table[ref].statement, "evidence", ref
    return table[ref].text, "belief", ref
