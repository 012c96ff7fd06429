"""A motion, its profile and the catalogue made into one document for every format.

The sections, numbered clauses and word count are decided here, once, so that
Markdown, text and Word agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from motiongen.errors import InputError
from motiongen.io.datafile import format_loc
from motiongen.motion.spec import ById, Carried, FreeText, Item, Motion
from motiongen.profiles import Profile
from motiongen.sections import KINDS
from motiongen.text import british_date, count_words, fill, nearest_hint, sentence

if TYPE_CHECKING:  # the catalogue is passed in; composing needs only its type
    from motiongen.catalogue import Catalogue
    from motiongen.catalogue.models import Demand

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
    """A clause as printed. ``ref`` is its catalogue entry: the entry's own words
    (a demand, fact or belief), or, for ``kind`` text, the first entry the user's
    own words are linked to (``link:``); ``links`` are all of those, whose evidence
    and sources check and brief use."""

    number: str
    text: str
    kind: ItemKind
    ref: str | None = None
    links: tuple[str, ...] = ()

    @property
    def link(self) -> str | None:
        """The entry the user's own words say, if they are linked to one."""
        return self.ref if self.kind == "text" else None

    @property
    def entries(self) -> tuple[str, ...]:
        """The catalogue entries this clause says: its own, or those its words link."""
        if self.kind == "text":
            return self.links or ((self.ref,) if self.ref else ())
        return (self.ref,) if self.ref else ()


@dataclass(frozen=True)
class Section:
    """A section as printed: what it does (``kind``), its lead, whom it asks (``to``,
    for a section that calls on, asks, requests or instructs someone) and its clauses."""

    kind: str
    lead: str
    clauses: list[Clause]
    to: str | None = None

    @property
    def key(self) -> str:
        """The kind, by the name templates have known it by."""
        return self.kind

    @property
    def acts(self) -> bool:
        """It decides or asks for something to be done."""
        return self.kind in KINDS and KINDS[self.kind].acts

    @property
    def name(self) -> str:
        """The section as a user cites it: 'notes', 'calls on the Labour Government'."""
        info = KINDS.get(self.kind)
        if info is not None and info.addressed and self.to:
            return info.verb.replace("{to}", self.to).removesuffix(" to")
        return self.kind.replace("_", " ")

    def place(self, clause: Clause) -> str:
        """'calls on the Labour Government 2': the clause's number, or its place where
        it has none (a lone clause)."""
        number = clause.number.strip(".()") or str(self.clauses.index(clause) + 1)
        return f"{self.name} {number}"


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
    preamble: str | None = None  # printed before the first section: "This Council:"

    def section_name(self, section: Section) -> str:
        """The section as a user cites it: its kind ('notes', 'calls on') where no other
        section is of that kind, else with whom it asks ('calls on the NEC'), or its
        place ('calls on, section 4')."""
        alike = [s for s in self.sections if s.kind == section.kind]
        short = section.kind.replace("_", " ")
        if len(alike) == 1:
            return short
        named = [s for s in alike if s.name == section.name]
        if section.name != short and len(named) == 1:
            return section.name
        return f"{short}, section {self.sections.index(section) + 1}"

    def place(self, section: Section, clause: Clause) -> str:
        """'calls on 2': the section as cited and the clause's number (or its place,
        for a clause the motion leaves unnumbered)."""
        number = clause.number.strip(".()") or str(section.clauses.index(clause) + 1)
        return f"{self.section_name(section)} {number}"

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


# A clause's text, its kind and its catalogue id; for the user's own words linked to
# more than one entry, all of them after (the id is the first).
Line = tuple[str, ItemKind, str | None] | tuple[str, ItemKind, str | None, tuple[str, ...]]


@dataclass
class Raw:
    """A section before its clauses are numbered."""

    kind: str
    lead: str
    to: str | None
    lines: list[Line]
    verbatim: bool = False  # the user's own words printed exactly as written


def compose(motion: Motion, profile: Profile, catalogue: Catalogue) -> Document:
    """The motion as every format prints it: its sections in the body's order and
    wording (or as the spec's ``sections:`` give them), clauses numbered as the
    body's form shows them, words counted."""
    calls_on = motion.calls_on or profile.defaults.calls_on or "the relevant body"
    values = profile.lead_values(calls_on, catalogue.devolved_government(motion.nation))
    cited: list[str] = []
    if motion.sections:
        raw = _given(motion, profile, catalogue, values, cited)
    else:
        raw = [
            Raw(
                "notes",
                fill(profile.sections.notes, values),
                None,
                _notes(motion, catalogue, cited),
            ),
            Raw(
                "believes",
                fill(profile.sections.believes, values),
                None,
                _beliefs(motion, catalogue),
            ),
            *_resolves(motion, profile, catalogue, values),
            *_mandates(motion, profile, catalogue, values),
        ]
    sections = number_sections([r for r in raw if r.lines], profile)
    counted = [s.lead for s in sections] + [c.text for s in sections for c in s.clauses]
    if motion.preamble:
        counted.append(motion.preamble)
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
        preamble=motion.preamble,
        citations=_citations(cited, sections, catalogue),
        words=sum(count_words(t) for t in counted),
        word_limit=motion.word_limit or profile.word_limit,
        title_words=count_words(motion.title),
        title_word_limit=profile.title_word_limit,
    )


def section_entry(
    profile: Profile, calls_on: str, kind: str, lead: str, to: str | None, items: list[Any]
) -> dict[str, Any]:
    """A section as a spec's ``sections:`` writes it: its lead only where the body would
    word it otherwise, whom it asks where it asks anyone."""
    values = profile.lead_values(calls_on)
    entry: dict[str, Any] = {"kind": kind}
    if lead != profile.section_lead(kind, to, values):
        entry["lead"] = lead
    if to:
        entry["to"] = to
    entry["items"] = items
    return entry


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
    (a call on the Government, the body's own resolve), then the motion's own
    clauses under the body's own lead: a clause that is the body's own act ("To
    send this motion to our MP") never under a lead that asks someone else."""
    groups: dict[tuple[str, str, str | None], list[Line]] = {}
    seen: set[str] = set()
    for i, demand_id in enumerate(motion.demands):
        demand = _demand(demand_id, ("demands", i), catalogue, seen)
        level, wording = profile.frame(demand.acted_on_by)
        to = fill(wording.to, values) if wording.to else None
        lead = fill(wording.lead, {**values, "to": to or ""})
        text = fill(wording.item, {**values, "clause": demand.clause_at(level)})
        groups.setdefault((wording.kind, lead, to), []).append((text, "demand", demand_id))
    own = profile.own_section(values)
    decides = ("resolves", profile.decides_lead(values), None)
    for i, clause in enumerate(motion.resolves):
        home = decides if own[0] != "resolves" and acts_itself(clause.text) else own
        groups.setdefault(home, []).append(_text(clause, ("resolves", i), catalogue))
    return [Raw(kind, lead, to, lines) for (kind, lead, to), lines in groups.items()]


def acts_itself(text: str) -> bool:
    """A clause written as the body's own act: "To send this motion to our MP"."""
    return text.startswith(("To ", "to ")) and len(text) > 3


def _demand(
    demand_id: str, loc: tuple[str | int, ...], catalogue: Catalogue, seen: set[str]
) -> Demand:
    if demand_id not in catalogue.demands:
        raise UnknownId(
            f"there is no demand '{demand_id}'",
            loc,
            nearest_hint(demand_id, catalogue.demands, "demands"),
        )
    if demand_id in seen:
        raise InputError(
            f"the demand '{demand_id}' is listed twice", field=_field(loc), hint="keep one"
        )
    seen.add(demand_id)
    return catalogue.demands[demand_id]


def _mandates(
    motion: Motion, profile: Profile, catalogue: Catalogue, values: dict[str, str]
) -> list[Raw]:
    if not motion.mandates:
        return []
    if profile.sections.mandates is None:
        raise InputError(
            f"a motion to a {profile.name} cannot mandate officers or delegates",
            field="mandates",
            hint="move these clauses into 'resolves:'",
        )
    lead = fill(profile.sections.mandates, values)
    lines = [_text(m, ("mandates", i), catalogue) for i, m in enumerate(motion.mandates)]
    return [Raw("mandates", lead, None, lines)]


def _given(
    motion: Motion,
    profile: Profile,
    catalogue: Catalogue,
    values: dict[str, str],
    cited: list[str],
) -> list[Raw]:
    """The sections as the spec gives them: each kind's items from its own table, its
    lead as given (or the body's for the kind), a demand worded for whom it asks."""
    raw: list[Raw] = []
    seen: set[str] = set()
    for s, spec in enumerate(motion.sections):
        kind = KINDS[spec.kind]
        to = spec.to or (values["calls_on"] if kind.addressed else None)
        lead = spec.lead if spec.lead is not None else profile.section_lead(spec.kind, to, values)
        lines: list[Line] = []
        for i, item in enumerate(spec.items):
            loc = ("sections", s, "items", i)
            if kind.items == "demands":
                lines.append(_section_demand(item, loc, catalogue, profile, values, to, seen))
            elif kind.items == "facts":
                line = _item(item, loc, catalogue, "evidence", "beliefs")
                _cite(line, catalogue, cited)
                lines.append(line)
            else:
                lines.append(_item(item, loc, catalogue, "beliefs", "evidence"))
        raw.append(Raw(spec.kind, lead, to, lines, verbatim=True))
    return raw


def _section_demand(
    item: Item,
    loc: tuple[str | int, ...],
    catalogue: Catalogue,
    profile: Profile,
    values: dict[str, str],
    to: str | None,
    seen: set[str],
) -> Line:
    """A clause of a section that acts: the user's own words, or a demand worded as
    this body puts it, for the level of whom the section asks where they can act
    on it themselves."""
    if isinstance(item, FreeText):
        return _text(item, loc, catalogue)
    demand = _demand(item.id if isinstance(item, ById) else item, loc, catalogue, seen)
    level, wording = profile.frame(demand.acted_on_by)
    asked = {a.level for a in catalogue.actors_named(to, profile.kind)} if to else set()
    if profile.acts_at and not to:
        asked.add(profile.acts_at)  # the body's own resolve
    for own in profile.framing.order:
        if own in asked and own in demand.acted_on_by and own in profile.framing.levels:
            level, wording = own, profile.framing.levels[own]
            break
    return fill(wording.item, {**values, "clause": demand.clause_at(level)}), "demand", demand.id


def number_sections(filled: list[Raw], profile: Profile) -> list[Section]:
    """Each run of clauses numbered as one list: a section, or (numbered
    continuously) the sections up to a restart the body's form shows (a restart
    at "resolves" restarts at every section that acts)."""
    runs: list[int] = []
    for raw in filled:
        restart = raw.kind in profile.restart_at or (
            "resolves" in profile.restart_at and raw.kind in KINDS and KINDS[raw.kind].acts
        )
        fresh = not runs or profile.numbering == "per-section" or restart
        runs.append(len(runs) if fresh else runs[-1])
    run_sizes = {run: 0 for run in runs}
    for run, raw in zip(runs, filled, strict=True):
        run_sizes[run] += len(raw.lines)
    sections: list[Section] = []
    counter = 0
    for index, raw in enumerate(filled):
        if index == 0 or runs[index] != runs[index - 1]:
            counter = 0
        # A lone clause needs no "1." where the body's form allows it.
        unnumbered = run_sizes[runs[index]] == 1 and not profile.number_single_clause
        clauses = []
        for line in raw.lines:
            text, kind, ref = line[0], line[1], line[2]
            links = line[3] if len(line) == 4 else ((ref,) if kind == "text" and ref else ())
            counter += 1
            number = "" if unnumbered else number_label(counter, profile.number_format)
            # Words of the user's own in sections: are printed as written (a motion
            # imported from elsewhere keeps its movers' punctuation); elsewhere each is
            # made a sentence.
            printed = text if raw.verbatim and kind == "text" else sentence(text)
            clauses.append(Clause(number, printed, kind, ref, links))
        sections.append(Section(raw.kind, raw.lead, clauses, raw.to))
    return sections


def _citations(cited: list[str], sections: list[Section], catalogue: Catalogue) -> list[Citation]:
    """Each fact noted, with its sources and the number of the note that cites it."""
    noted = {c.ref: c.number for s in sections for c in s.clauses if c.kind == "evidence" and c.ref}
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


def _text(item: FreeText, loc: tuple[str | int, ...], catalogue: Catalogue) -> Line:
    """The user's own words, and the catalogue entries they are linked to, if any."""
    links = item.links
    if not links:
        return item.text, "text", None
    tables = ("demands", "evidence", "beliefs")
    for j, ref in enumerate(links):
        if not any(ref in getattr(catalogue, t) for t in tables):
            known = {**catalogue.demands, **catalogue.evidence, **catalogue.beliefs}
            where = (*loc, "link") if isinstance(item.link, str) else (*loc, "link", j)
            raise UnknownId(
                f"there is no demand, fact or belief '{ref}' to link to",
                where,
                nearest_hint(ref, known, "demands"),
            )
    return item.text, "text", links[0], tuple(links)


def _note(item: Item, index: int, catalogue: Catalogue, cited: list[str]) -> Line:
    line = _item(item, ("notes", index), catalogue, "evidence", "beliefs")
    _cite(line, catalogue, cited)
    return line


def _cite(line: Line, catalogue: Catalogue, cited: list[str]) -> None:
    """A fact the motion states in the catalogue's words, cited once in the sources.
    Words of the movers' own linked to a fact print as they wrote them, with nothing
    added under the motion: check and brief use the fact and its sources."""
    ref = line[2]
    if line[1] == "evidence" and ref in catalogue.evidence and ref not in cited:
        cited.append(ref)


def _belief(item: Item, index: int, catalogue: Catalogue) -> Line:
    return _item(item, ("believes", index), catalogue, "beliefs", "evidence")


def _item(
    item: Item, loc: tuple[str | int, ...], catalogue: Catalogue, section: str, other: str
) -> Line:
    """A clause of the user's own, or a catalogue entry by id from ``section``."""
    if isinstance(item, FreeText):
        return _text(item, loc, catalogue)
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
