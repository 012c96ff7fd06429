"""One composite motion from several: demands united, repeats kept once, every clause traced.

The composite is built from the motions' own material (catalogue ids and their
free text, word for word), as Labour's rule that a composite "must be drawn
from the words used in the various motions" asks. Nothing is settled silently:
a conflict between demands is left for the compositing meeting unless the user
says which side to keep.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from motiongen.agenda import importer
from motiongen.catalogue import Catalogue
from motiongen.conference import likeness
from motiongen.errors import ChecksFailed, InputError
from motiongen.io import datafile
from motiongen.motion import spec
from motiongen.motion.compose import Document, acts_itself, compose
from motiongen.motion.spec import COMPOSITE_BODIES_MAX, ById, FreeText, Motion, fit_line
from motiongen.output import sentences
from motiongen.profiles import Profile, ProfileSet
from motiongen.sections import KINDS
from motiongen.text import count_words, fill, sentence

Kind = Literal["demand", "evidence", "belief", "text"]
SECTIONS = ("demands", "notes", "believes", "resolves", "mandates")
REPEAT_SIMILARITY = 0.5  # share of words two free-text clauses have in common to be alike
# The order sections come in, when a composite is written as sections: what the
# motions say, then what they decide, then what they ask of whom.
KIND_ORDER = (
    "notes", "welcomes", "recognises", "condemns", "believes", "supports", "affirms",
    "resolves", "calls_on", "asks", "requests", "instructs", "mandates",
)  # fmt: skip
Home = tuple[str, str | None]  # a section's kind, and whom it asks (as first written)


@dataclass
class Source:
    """One motion going into the composite: ``label`` is the body that submitted it."""

    label: str
    path: Path
    motion: Motion


@dataclass
class Part:
    """One clause of an input motion, and what became of it. ``section`` is the part of
    a spec it belongs to (demands, notes, believes, resolves, mandates); ``home`` the
    section it sits in, as its kind and whom it asks; ``lead`` that section's lead as
    the motion printed it, where it gives one."""

    motion: int
    section: str
    kind: Kind
    ref: str | None
    text: str
    item: int | None = None  # the composite item it went into
    why: str = ""  # why it was left out, or how it was folded in
    home: Home = ("resolves", None)
    lead: str | None = None
    own: FreeText | None = None  # the clause as written, for words of the motion's own
    dropped: bool = False  # left out before the clauses are united (a conflict)


@dataclass
class Item:
    """One clause of the composite, before it is numbered."""

    section: str
    kind: Kind
    ref: str | None
    text: str
    origins: list[int] = field(default_factory=list)
    repeats: int | None = None  # an earlier item saying much the same (both are kept)
    number: str = ""  # C1, C2... once composed
    shown: str = ""  # the clause as the composed motion words it
    home: Home = ("resolves", None)
    leads: list[str | None] = field(default_factory=list)
    own: FreeText | None = None
    words: int = 0  # its words in the composed motion


@dataclass(frozen=True)
class Conflict:
    first: str
    second: str
    why: str
    kept: str | None  # None: for the compositing meeting to decide


@dataclass(frozen=True)
class Apart:
    """Two motions of the composite that share little: a warning for the meeting."""

    first: int
    second: int
    likeness: likeness.Likeness


@dataclass
class Composite:
    """The composite motion and everything the report needs to account for it."""

    sources: list[Source]
    profile: Profile
    motion: Motion
    document: Document
    items: list[Item]
    parts: list[Part]
    conflicts: list[Conflict]
    mover: int
    seconder: int
    limit: int | None
    apart: list[Apart] = field(default_factory=list)

    @property
    def undecided(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.kept is None]

    def origin_names(self, indexes: Sequence[int]) -> str:
        return join(list(dict.fromkeys(self.sources[i].label for i in sorted(set(indexes)))))

    @property
    def over(self) -> int:
        """How many words the composite runs over its limit (0 when it fits)."""
        return max(0, self.document.words - self.limit) if self.limit is not None else 0

    def not_fitting(self) -> list[Item]:
        """The clauses that fall past the word limit, in the order printed: what will not
        fit, for the movers to agree cuts on. None is cut here."""
        if not self.over or self.limit is None:
            return []
        numbered = sorted((i for i in self.items if i.number), key=lambda i: int(i.number[1:]))
        past: list[Item] = []
        room = self.document.words - self.over  # the limit
        used = self.document.words - sum(i.words for i in numbered)  # leads, title
        for item in numbered:
            used += item.words
            if used > room:
                past.append(item)
        return past

    def warnings(self, template_dir: Path | None = None) -> list[str]:
        """What the compositing meeting should know before it agrees the text: pairs of
        motions that share too little to be one composite."""
        say = sentences.table("report", template_dir)
        out = []
        for apart in self.apart:
            values = {
                "first": self.sources[apart.first].label,
                "second": self.sources[apart.second].label,
                "score": f"{apart.likeness.score:.2f}",
                "least": f"{likeness.RELATED:.2f}",
                "shared": ", ".join(apart.likeness.shared) or say["nothing_shared"],
            }
            out.append(fill(say["apart"], values))
        return out


@dataclass(frozen=True)
class Request:
    """What the user asked for, as the command line gives it."""

    profile: str | None = None
    number: int | None = None
    title: str | None = None
    mover: str | None = None
    seconder: str | None = None
    prefer: tuple[str, ...] = ()
    max_words: int | None = None


def join(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def bodies(names: Sequence[str], plurals: dict[str, str]) -> str:
    """'Anytown, Barrow and Carlisle CLPs' when every name ends alike, else names in full;
    a body with two motions in the composite is named once."""
    names = list(dict.fromkeys(names))
    for singular, plural in sorted(plurals.items(), key=lambda kv: -len(kv[0])):
        tail = " " + singular
        if len(names) > 1 and all(n.endswith(tail) and n != tail.strip() for n in names):
            return join([n[: -len(tail)] for n in names]) + " " + plural
    return join(names)


def read_sources(paths: Sequence[Path], catalogue: Catalogue, profiles: ProfileSet) -> list[Source]:
    """Each file holds one motion: a spec, or a Word, text or Markdown motion imported.
    Each is named by the body that submitted it (``submitted_by``), never by its file."""
    sources: list[Source] = []
    for path in paths:
        motion = importer.read_one(
            path,
            catalogue,
            profiles,
            refusal="this file holds {count} motions; composite takes one motion a file",
            hint="split the batch into one spec file a motion",
        )
        sources.append(source_of(path, motion))
    return sources


def source_of(path: Path, motion: Motion) -> Source:
    """A motion read from ``path``, named by its submitting body, or, where it names none,
    by its title: never by the file's name."""
    say = sentences.table("report")
    label = motion.submitted_by or fill(say["unnamed"], {"title": motion.title})
    return Source(fit_line(label), path, motion)


def target_profile(sources: Sequence[Source], profiles: ProfileSet, wanted: str | None) -> Profile:
    """The body the composite goes to; every motion must be one it can composite."""
    if len(sources) < 2:
        raise InputError(
            "a composite needs at least two motions",
            hint="give two or more spec files: motiongen composite a.yaml b.yaml",
        )
    profile = profiles.get(wanted or sources[0].motion.profile)
    if profile.composite is None:
        able = [p for p in profiles.profiles.values() if p.composite is not None]
        takers = [p.id for p in able if profile.id in p.composite.accepts]  # type: ignore[union-attr]
        conference = profiles.get(takers[0]) if takers else None
        accepted = (conference.composite.accepts or [conference.id]) if conference else []  # type: ignore[union-attr]
        apart = next((s for s in sources if s.motion.profile not in accepted), None)
        if conference is not None and apart is not None and not wanted:
            # A motion the conference does not take either: --profile would not help.
            other = profiles.get(apart.motion.profile)
            raise InputError(
                f"this motion is to {other.body}, and cannot be composited with motions to "
                f"a {profile.body}",
                file=apart.path,
                field="profile",
                hint="composite only motions to the same conference",
            )
        raise InputError(
            f"motions to a {profile.name} are not composited",
            field="profile",
            hint=f"to composite them for the conference, add --profile {takers[0]}"
            if takers
            else "compositing is for conferences: " + ", ".join(p.id for p in able),
        )
    accepts = profile.composite.accepts or [profile.id]
    for source in sources:
        if source.motion.profile not in accepts:
            other = profiles.get(source.motion.profile)
            raise InputError(
                f"a motion to a {other.name} cannot be composited with motions to a {profile.name}",
                file=source.path,
                field="profile",
                hint="composite only motions to the same conference",
            )
    return profile


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


def _similar(a: str, b: str) -> float:
    wa, wb = set(_norm(a).split()), set(_norm(b).split())
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def _addressee(to: str | None) -> str | None:
    """Whom a section asks, as two motions' leads are compared: 'the NEC' and 'The NEC'
    are one addressee."""
    if not to:
        return None
    return _norm(re.sub(r"^the\s+", "", to.strip(), flags=re.IGNORECASE)) or None


def _parts(index: int, motion: Motion, catalogue: Catalogue, profile: Profile) -> list[Part]:
    """Every clause of a motion, with the section it sits in: a motion written as
    sections: keeps each clause's own section and addressee; a short-form motion's
    are where the composite's body would put them (a demand under whoever acts on it)."""
    if motion.sections:
        return _section_parts(index, motion, catalogue)
    calls_on = motion.calls_on or profile.defaults.calls_on or "the relevant body"
    values = profile.lead_values(calls_on, catalogue.devolved_government(motion.nation))
    parts: list[Part] = []
    for d in motion.demands:
        demand = catalogue.demand(d)
        _, wording = profile.frame(demand.acted_on_by)
        to = fill(wording.to, values) if wording.to else None
        home: Home = (wording.kind, to)
        parts.append(Part(index, "demands", "demand", d, demand.title, home=home))
    tables: tuple[tuple[str, Kind], ...] = (("notes", "evidence"), ("believes", "belief"))
    for key, kind in tables:
        for entry in getattr(motion, key):
            parts.append(_entry_part(index, key, kind, entry, catalogue, (key, None), None))
    own_kind, _, own_to = profile.own_section(values)
    for clause in motion.resolves:
        home = (
            ("resolves", None)
            if own_kind != "resolves" and acts_itself(clause.text)
            else (
                own_kind,
                own_to,
            )
        )
        parts.append(_own_part(index, "resolves", clause, home, None))
    for clause in motion.mandates:
        parts.append(_own_part(index, "mandates", clause, ("mandates", None), None))
    return parts


def _section_parts(index: int, motion: Motion, catalogue: Catalogue) -> list[Part]:
    parts: list[Part] = []
    for given in motion.sections:
        kind = KINDS[given.kind]
        home: Home = (given.kind, given.to)
        entry_kind: Kind
        if kind.items == "facts":
            key, entry_kind = "notes", "evidence"
        elif kind.items == "beliefs" and not kind.acts:
            key, entry_kind = "believes", "belief"
        elif kind.items == "beliefs":
            key, entry_kind = "resolves", "belief"
        else:
            key, entry_kind = ("mandates" if given.kind == "mandates" else "resolves"), "demand"
        for item in given.items:
            if isinstance(item, FreeText):
                parts.append(_own_part(index, key, item, home, given.lead))
            elif entry_kind == "demand":
                ref = item.id if isinstance(item, ById) else item
                part = Part(index, "demands", "demand", ref, catalogue.demand(ref).title)
                part.home, part.lead = home, given.lead
                parts.append(part)
            else:
                parts.append(_entry_part(index, key, entry_kind, item, catalogue, home, given.lead))
    return parts


def _entry_part(
    index: int,
    key: str,
    kind: Kind,
    entry: Any,
    catalogue: Catalogue,
    home: Home,
    lead: str | None,
) -> Part:
    if isinstance(entry, FreeText):
        return _own_part(index, key, entry, home, lead)
    ref = entry.id if isinstance(entry, ById) else entry
    text = catalogue.fact(ref).statement if kind == "evidence" else catalogue.belief(ref).text
    return Part(index, key, kind, ref, text, home=home, lead=lead)


def _own_part(index: int, key: str, clause: FreeText, home: Home, lead: str | None) -> Part:
    return Part(index, key, "text", None, clause.text, home=home, lead=lead, own=clause)


def _pick(sources: Sequence[Source], wanted: str | None, default: int, flag: str) -> int:
    if wanted is None:
        return default
    key = wanted.casefold().strip()
    hits = [
        i
        for i, s in enumerate(sources)
        if key in s.label.casefold() or key == s.path.stem.casefold()
    ]
    if len(hits) != 1:
        names = "; ".join(s.label for s in sources)
        raise InputError(
            f"'{wanted}' {'matches none' if not hits else 'matches more than one'} of the "
            "submitting bodies",
            field=flag,
            hint=f"name one of: {names}",
        )
    return hits[0]


def covered(catalogue: Catalogue, demand_id: str) -> set[str]:
    """Every demand that ``demand_id`` states in full, as the catalogue's ``covers:``
    says, and what those state in turn."""
    found: set[str] = set()
    todo = list(catalogue.demand(demand_id).covers)
    while todo:
        other = todo.pop()
        if other in found or other == demand_id or other not in catalogue.demands:
            continue
        found.add(other)
        todo += catalogue.demands[other].covers
    return found


def _demands(
    parts: list[Part], items: list[Item], catalogue: Catalogue, prefer: Sequence[str]
) -> list[Conflict]:
    """Unite the demands: each kept once, one left out only where another motion's demand
    states it in full (``covers:``); demands that only overlap are both kept; conflicts
    are kept apart for the meeting, unless --prefer settles them."""
    carried, first_part = _carried(parts)
    linked = _linked(parts, catalogue)
    conflicts, losers = _settle(list(dict.fromkeys([*carried, *linked])), catalogue, prefer)
    for ref, texts in linked.items():
        if ref in losers:
            for part in texts:
                part.why, part.dropped = losers[ref], True
    live = [d for d in carried if d not in losers]
    covers_it = _covered_by(live, carried, catalogue)
    kept_at = _demand_items(live, covers_it, carried, first_part, items, catalogue)
    _place(parts, items, losers, kept_at)
    return conflicts


def _carried(parts: list[Part]) -> tuple[dict[str, list[int]], dict[str, Part]]:
    """Each catalogue demand the motions make, in the order they give them: the motions
    that make it, and its first part."""
    carried: dict[str, list[int]] = {}
    first_part: dict[str, Part] = {}
    for part in parts:
        if part.kind == "demand" and part.ref is not None:
            carried.setdefault(part.ref, []).append(part.motion)
            first_part.setdefault(part.ref, part)
    return carried, first_part


def _linked(parts: list[Part], catalogue: Catalogue) -> dict[str, list[Part]]:
    """The clauses in a motion's own words linked to each demand: they say it, so they
    can conflict too."""
    linked: dict[str, list[Part]] = {}
    for part in parts:
        if part.kind == "text" and part.own is not None:
            for ref in part.own.links:
                if ref in catalogue.demands:
                    linked.setdefault(ref, []).append(part)
    return linked


def _settle(
    said: list[str], catalogue: Catalogue, prefer: Sequence[str]
) -> tuple[list[Conflict], dict[str, str]]:
    """Every conflict between the demands said, and why each demand that loses is left
    out: for the meeting to decide, or the one --prefer did not keep."""
    conflicts: list[Conflict] = []
    losers: dict[str, str] = {}
    used_prefs: set[str] = set()
    for i, a in enumerate(said):
        for b in said[i + 1 :]:
            why = _conflict(catalogue, a, b)
            if why is None:
                continue
            kept = a if a in prefer else b if b in prefer else None
            if kept is not None:
                used_prefs.add(kept)
                loser = b if kept == a else a
                losers[loser] = f"in conflict with {kept}; --prefer kept {kept}"
            else:
                losers.setdefault(a, f"in conflict with {b}: for the compositing meeting to decide")
                losers.setdefault(b, f"in conflict with {a}: for the compositing meeting to decide")
            conflicts.append(Conflict(a, b, why, kept))
    for wanted in prefer:
        if wanted not in used_prefs:
            pairs = [f"{c.first} or {c.second}" for c in conflicts]
            raise InputError(
                f"'{wanted}' settles no conflict between these motions",
                field="--prefer",
                hint=("the conflicts are: " + "; ".join(pairs)) if pairs else "there is none",
            )
    return conflicts, losers


def _covered_by(
    live: list[str], carried: dict[str, list[int]], catalogue: Catalogue
) -> dict[str, str]:
    """The demands left out because a demand of another motion states them in full: for
    every motion that makes one, another motion makes the demand that covers it."""
    covers_it: dict[str, str] = {}
    for d in live:
        for other in live:
            if other == d or d not in covered(catalogue, other):
                continue
            if all(set(carried[other]) - {m} for m in carried[d]):
                covers_it[d] = other
                break
    return covers_it


def _demand_items(
    live: list[str],
    covers_it: dict[str, str],
    carried: dict[str, list[int]],
    first_part: dict[str, Part],
    items: list[Item],
    catalogue: Catalogue,
) -> dict[str, int]:
    """One composite item for each demand kept; where each demand went."""
    kept_at: dict[str, int] = {}
    for demand_id in live:
        if demand_id in covers_it:
            continue
        kept_at[demand_id] = len(items)
        items.append(
            Item(
                "demands",
                "demand",
                demand_id,
                catalogue.demand(demand_id).title,
                list(carried[demand_id]),
                home=first_part[demand_id].home,
            )
        )
    for demand_id, other in covers_it.items():
        seen = {demand_id}
        while other in covers_it and other not in seen:  # a chain: the one that states all
            seen.add(other)
            other = covers_it[other]
        if other not in kept_at:  # a circle of covers (the catalogue refuses one): keep it
            kept_at[other] = len(items)
            items.append(Item("demands", "demand", other, catalogue.demand(other).title, []))
        kept_at[demand_id] = kept_at[other]
        items[kept_at[other]].origins += carried[demand_id]
    return kept_at


def _place(
    parts: list[Part], items: list[Item], losers: dict[str, str], kept_at: dict[str, int]
) -> None:
    """Each demand of each motion: the item it went into, or why it was left out."""
    for part in parts:
        if part.kind != "demand" or part.ref is None:
            continue
        if part.ref in losers:
            part.why = losers[part.ref]
            continue
        part.item = kept_at[part.ref]
        items[part.item].leads.append(part.lead)
        kept = items[part.item].ref
        if kept != part.ref:
            part.why = f"{kept} states it in full, as the catalogue's covers: says"


def _conflict(catalogue: Catalogue, a: str, b: str) -> str | None:
    for x, y in ((a, b), (b, a)):
        for c in catalogue.demand(x).conflicts:
            if c.with_ == y:
                return c.why
    return None


def _group_key(home: Home) -> tuple[str, str | None]:
    return home[0], _addressee(home[1])


# Words of a lead that say only who speaks and what the section does ("This Congress
# further notes that:"); what is left ("that GMB", "is encouraged by") is the lead's
# own, which its clauses read on from.
_PLAIN_LEAD = re.compile(
    r"^(?:this|the|conference|congress|council|branch|meeting|agm|clp|party|that|therefore|"
    r"further|also|and|to|on|upon|call|calls|note|notes|noting|believe|believes|resolve|"
    r"resolves|resolved|ask|asks|request|requests|instruct|instructs|mandate|mandates|"
    r"welcome|welcomes|recognise|recognises|recognize|recognizes|support|supports|condemn|"
    r"condemns|affirm|affirms|reaffirms)$"
)


def _lead_words(lead: str | None, to: str | None) -> str:
    """What a lead says beyond who speaks and what the section does: '' for 'Congress
    notes that:', 'gmb' for 'Congress notes that GMB:'."""
    if not lead:
        return ""
    text = _norm(lead)
    if to:
        text = text.replace(_norm(to), " ")
    return " ".join(w for w in text.split() if not _PLAIN_LEAD.match(w))


def _clauses(parts: list[Part], items: list[Item], sources: Sequence[Source]) -> None:
    """Facts, beliefs and clauses of the motions' own words: each kept, and kept once
    only where another motion says it in the very same words (case and punctuation
    aside). Clauses that say much the same in other words are both kept, and marked
    for the meeting."""
    first: dict[tuple[Any, ...], int] = {}
    for part in parts:
        if part.kind == "demand" or part.dropped:
            continue
        if part.kind == "text":
            key: tuple[Any, ...] = (part.section, _group_key(part.home), _norm(part.text))
        else:
            key = (part.section, part.kind, part.ref)
        if key in first:
            part.item = first[key]
            items[part.item].origins.append(part.motion)
            items[part.item].leads.append(part.lead)
            same = "the same words as" if part.kind == "text" else "the same entry as"
            part.why = f"{same} the clause from {sources[items[part.item].origins[0]].label}"
            continue
        item = Item(
            part.section,
            part.kind,
            part.ref,
            part.text,
            [part.motion],
            home=part.home,
            leads=[part.lead],
            own=part.own,
        )
        if part.kind == "text":
            item.repeats = next(
                (
                    i
                    for i, other in enumerate(items)
                    if other.section == part.section
                    and other.kind == "text"
                    and part.motion not in other.origins
                    and _similar(other.text, part.text) >= REPEAT_SIMILARITY
                ),
                None,
            )
        first[key] = part.item = len(items)
        items.append(item)


def _own_entry(item: Item, sources: Sequence[Source]) -> dict[str, Any]:
    """Words of a motion's own as the composite's spec writes them: the text, whose
    words they are, and the entry they are linked to, as the motion gave it."""
    written = item.own.model_dump(exclude_none=True) if item.own else {"text": item.text}
    written["by"] = sources[item.origins[0]].label
    return written


def _entry(item: Item, sources: Sequence[Source]) -> Any:
    return _own_entry(item, sources) if item.kind == "text" else item.ref


def _sections(items: Sequence[Item], sources: Sequence[Source]) -> list[dict[str, Any]]:
    """The composite as sections, merged: every motion's notes in one section, their
    beliefs in another, each addressee's calls together, in the order people read."""
    groups: dict[tuple[str, str | None, str], list[Item]] = {}
    for item in items:
        lead = item.leads[0] if item.leads else None
        own = _lead_words(lead, item.home[1])  # a lead its clauses read on from stays apart
        groups.setdefault((*_group_key(item.home), own), []).append(item)
    ordered = sorted(groups.items(), key=lambda kv: KIND_ORDER.index(kv[0][0]))
    out: list[dict[str, Any]] = []
    for (kind, _, _own), members in ordered:
        entry: dict[str, Any] = {"kind": kind}
        given = [lead for m in members for lead in m.leads if lead is not None]
        given.sort(key=lambda lead: lead == "")  # a printed lead before none
        if given:
            # As the motions printed it ("Congress", not the profile's "Conference"): the
            # leads merged here differ only in who speaks and how, or say the same words.
            entry["lead"] = given[0]
        to = members[0].home[1]
        if to and KINDS[kind].addressed:
            entry["to"] = to
        entry["items"] = [_entry(m, sources) for m in members]
        out.append(entry)
    return out


def _spec(
    sources: Sequence[Source],
    profile: Profile,
    items: Sequence[Item],
    request: Request,
    mover: int,
    seconder: int,
) -> dict[str, Any]:
    """The composite as spec data, in the key order people read: in sections where any
    motion was written in sections, so that each keeps its leads and addressees."""
    assert profile.composite is not None
    first = sources[0].motion
    wording = profile.composite.submitted_by if request.number else profile.composite.unnumbered
    wording = wording.replace("{number}", str(request.number or ""))
    nations = {s.motion.nation for s in sources}
    preambles = {s.motion.preamble for s in sources}
    data: dict[str, Any] = {
        "profile": profile.id,
        "title": request.title or first.title,
        "submitted_by": _from_bodies(wording, [s.label for s in sources], profile),
        "to": first.to,
        "meeting_date": first.meeting_date,
        "nation": nations.pop() if len(nations) == 1 else None,
        "calls_on": first.calls_on,
        "proposer": sources[mover].label,
        "seconder": sources[seconder].label,
        "preamble": preambles.pop() if len(preambles) == 1 else None,
    }
    if any(s.motion.sections for s in sources):
        data["sections"] = _sections(items, sources)
    else:
        data["demands"] = [i.ref for i in items if i.section == "demands"]
        for section in ("notes", "believes", "resolves", "mandates"):
            data[section] = [_entry(i, sources) for i in items if i.section == section]
    data["composite"] = {
        "number": request.number,
        "motions": [
            {
                "submitted_by": s.label,
                "title": s.motion.title,
                "file": s.path.name,
                "demands": list(s.motion.all_demands(links=False)),
            }
            for s in sources
        ],
    }
    return {k: v for k, v in data.items() if v not in (None, [], "")}


def _from_bodies(wording: str, labels: list[str], profile: Profile) -> str:
    """'Composite 3, from Anytown, Barrow and Carlisle CLPs': every body named (once), as
    far as any composite goes; past COMPOSITE_BODIES_MAX, the first ones and how many more."""
    assert profile.composite is not None
    labels = list(dict.fromkeys(labels))
    plurals = profile.composite.plurals
    line = wording.replace("{bodies}", bodies(labels, plurals))
    shown = len(labels)
    while len(line) > COMPOSITE_BODIES_MAX and shown > 1:
        shown -= 1
        rest = len(labels) - shown
        line = wording.replace(
            "{bodies}", join([*labels[:shown], f"{rest} other{'s' if rest > 1 else ''}"])
        )
    return fit_line(line, COMPOSITE_BODIES_MAX)


def _number(document: Document, items: list[Item]) -> None:
    """C1, C2...: each composite clause's place in the composed document."""
    pending = dict(enumerate(items))
    count = 0
    for section in document.sections:
        for clause in section.clauses:
            count += 1
            for i, item in pending.items():
                if item.kind != clause.kind:
                    continue
                same = (
                    item.ref == clause.ref
                    if item.kind != "text"
                    else clause.text in (item.text, sentence(item.text))
                )
                if same:
                    item.number, item.shown = f"C{count}", clause.text
                    item.words = count_words(clause.text)
                    del pending[i]
                    break


def _to_motion(data: dict[str, Any]) -> Motion:
    try:
        return Motion.model_validate(data)
    except ValidationError as exc:
        source = datafile.DataFile("the composite", data, lambda loc: None)
        raise datafile.validation_error(exc, source) from None


def build(
    paths: Sequence[Path],
    catalogue: Catalogue,
    profiles: ProfileSet,
    request: Request = Request(),
) -> Composite:
    """Composite the motions in ``paths``; raises InputError (2). A composite over its
    word limit is returned whole: ``not_fitting()`` says what will not fit."""
    return build_from(read_sources(paths, catalogue, profiles), catalogue, profiles, request)


def build_from(
    sources: list[Source],
    catalogue: Catalogue,
    profiles: ProfileSet,
    request: Request = Request(),
) -> Composite:
    """Composite motions already read (``read_sources``)."""
    profile = target_profile(sources, profiles, request.profile)
    mover = _pick(sources, request.mover, 0, "--mover")
    seconder = _pick(sources, request.seconder, 1 if mover == 0 else 0, "--seconder")
    if mover == seconder:
        raise InputError(
            "the mover and the seconder must come from different motions", field="--seconder"
        )
    parts: list[Part] = []
    for index, source in enumerate(sources):
        try:
            parts += _parts(index, source.motion, catalogue, profile)
        except InputError as exc:
            exc.file = str(source.path)
            raise
    items: list[Item] = []
    conflicts = _demands(parts, items, catalogue, request.prefer)
    _clauses(parts, items, sources)
    # --max-words can tighten the body's limit, never loosen it.
    limit = min(filter(None, (request.max_words, profile.word_limit)), default=None)
    motion = _to_motion(_spec(sources, profile, items, request, mover, seconder))
    document = compose(motion, profile, catalogue)
    _number(document, items)
    return Composite(
        sources,
        profile,
        motion,
        document,
        items,
        parts,
        conflicts,
        mover,
        seconder,
        limit,
        _apart(sources, catalogue),
    )


def _apart(sources: Sequence[Source], catalogue: Catalogue) -> list[Apart]:
    """Each pair of motions that share too little to be one composite."""
    about = [likeness.Profile.of(s.motion, catalogue) for s in sources]
    found = []
    for i in range(len(sources)):
        for j in range(i + 1, len(sources)):
            measured = likeness.compare(about[i], about[j], catalogue)
            if not measured.related:
                found.append(Apart(i, j, measured))
    return found


def over_limit(result: Composite) -> ChecksFailed | None:
    """Over the word limit: how far, and which clauses will not fit (nothing is cut)."""
    if not result.over or result.limit is None:
        return None
    past = result.not_fitting()
    listed = "; ".join(
        f"{i.number} ({i.words} words, from {result.origin_names(i.origins)})" for i in past
    )
    return ChecksFailed(
        f"the composite runs to {result.document.words} words, {result.over} over the limit "
        f"of {result.limit}; what will not fit: {listed}",
        hint="the movers agree the cuts: edit the composite's spec, which has every clause "
        "and whose it is, and build it again",
    )


def spec_text(result: Composite, name: str) -> str:
    """The composite as a spec file a person can read, edit and rebuild."""
    names = ", ".join(s.path.name for s in result.sources)
    header = [
        f"A composite written by 'motiongen composite' from {names}.",
        "Each clause in your own words says whose it is (by:). Rebuild the documents with",
        f"  motiongen build {name} --force",
    ]
    return spec.spec_text(result.motion, header)
