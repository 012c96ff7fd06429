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
from motiongen.errors import ChecksFailed, InputError
from motiongen.io import datafile
from motiongen.motion import spec
from motiongen.motion.compose import Document, compose
from motiongen.motion.spec import COMPOSITE_BODIES_MAX, ById, FreeText, Motion, fit_line
from motiongen.profiles import Profile, ProfileSet
from motiongen.sections import KINDS, spec_key
from motiongen.text import count_words, sentence

Kind = Literal["demand", "evidence", "belief", "text"]
SECTIONS = ("demands", "notes", "believes", "resolves", "mandates")
REPEAT_SIMILARITY = 0.5  # share of words two free-text clauses have in common to be repeats


@dataclass
class Source:
    """One motion going into the composite."""

    label: str
    path: Path
    motion: Motion


@dataclass
class Part:
    """One clause of an input motion, and what became of it."""

    motion: int
    section: str
    kind: Kind
    ref: str | None
    text: str
    item: int | None = None  # the composite item it went into
    why: str = ""  # why it was left out, or how it was folded in


@dataclass
class Item:
    """One clause of the composite, before it is numbered."""

    section: str
    kind: Kind
    ref: str | None
    text: str
    origins: list[int] = field(default_factory=list)
    repeats: int | None = None  # an earlier item saying much the same
    dropped: str = ""
    number: str = ""  # C1, C2... once composed
    shown: str = ""  # the clause as the composed motion words it


@dataclass(frozen=True)
class Conflict:
    first: str
    second: str
    why: str
    kept: str | None  # None: for the compositing meeting to decide


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
    dropped: list[Item]
    mover: int
    seconder: int
    limit: int | None

    @property
    def undecided(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.kept is None]

    def origin_names(self, indexes: Sequence[int]) -> str:
        return join([self.sources[i].label for i in sorted(set(indexes))])


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
    """'Anytown, Barrow and Carlisle CLPs' when every name ends alike, else names in full."""
    for singular, plural in sorted(plurals.items(), key=lambda kv: -len(kv[0])):
        tail = " " + singular
        if len(names) > 1 and all(n.endswith(tail) and n != tail.strip() for n in names):
            return join([n[: -len(tail)] for n in names]) + " " + plural
    return join(names)


def read_sources(paths: Sequence[Path], catalogue: Catalogue, profiles: ProfileSet) -> list[Source]:
    """Each file holds one motion: a spec, or a Word, text or Markdown motion imported."""
    sources: list[Source] = []
    for path in paths:
        motion = importer.read_one(
            path,
            catalogue,
            profiles,
            refusal="this file holds {count} motions; composite takes one motion a file",
            hint="split the batch into one spec file a motion",
        )
        sources.append(Source(motion.submitted_by or path.stem, path, motion))
    seen: dict[str, int] = {}
    for source in sources:
        seen[source.label] = seen.get(source.label, 0) + 1
        if seen[source.label] > 1:
            source.label = fit_line(f"{source.label} ({source.path.name})")
    return sources


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


def _parts(index: int, motion: Motion, catalogue: Catalogue) -> list[Part]:
    """Every clause of a motion, by the part of a spec it belongs to (a motion written
    as sections: gives its facts, beliefs, demands and clauses of its own the same way)."""
    demands, notes, believes = list(motion.demands), list(motion.notes), list(motion.believes)
    own: dict[str, list[str]] = {
        "resolves": [e.text for e in motion.resolves],
        "mandates": [e.text for e in motion.mandates],
    }
    for given in motion.sections:
        kind = KINDS[given.kind]
        for item in given.items:
            if kind.items == "facts":
                notes.append(item)
            elif kind.items == "beliefs":
                believes.append(item)
            elif isinstance(item, FreeText):
                own["mandates" if given.kind == "mandates" else "resolves"].append(item.text)
            else:
                demands.append(item.id if isinstance(item, ById) else item)
    parts = [Part(index, "demands", "demand", d, catalogue.demand(d).title) for d in demands]
    for entry in notes:
        if isinstance(entry, FreeText):
            parts.append(Part(index, "notes", "text", None, entry.text))
            continue
        ref = entry.id if isinstance(entry, ById) else entry
        parts.append(Part(index, "notes", "evidence", ref, catalogue.fact(ref).statement))
    for entry in believes:
        if isinstance(entry, FreeText):
            parts.append(Part(index, "believes", "text", None, entry.text))
            continue
        ref = entry.id if isinstance(entry, ById) else entry
        parts.append(Part(index, "believes", "belief", ref, catalogue.belief(ref).text))
    for key, texts in own.items():
        parts += [Part(index, key, "text", None, text) for text in texts]
    return parts


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


def _demands(
    parts: list[Part], items: list[Item], catalogue: Catalogue, prefer: Sequence[str]
) -> list[Conflict]:
    """Unite the demands: most-supported first, overlaps folded in, conflicts kept apart."""
    carried: dict[str, list[int]] = {}
    for part in parts:
        if part.kind == "demand" and part.ref is not None:
            carried.setdefault(part.ref, []).append(part.motion)
    order = sorted(carried, key=lambda d: -len(set(carried[d])))  # stable: first seen first
    conflicts: list[Conflict] = []
    losers: dict[str, str] = {}
    used_prefs: set[str] = set()
    for i, a in enumerate(order):
        for b in order[i + 1 :]:
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
    kept_at: dict[str, int] = {}
    for demand_id in order:
        if demand_id in losers:
            continue
        # Only a demand kept in its own right can carry another: overlaps do not chain.
        into = next(
            (
                k
                for k, at in kept_at.items()
                if items[at].ref == k and _overlap(catalogue, demand_id, k)
            ),
            None,
        )
        if into is not None:
            items[kept_at[into]].origins += carried[demand_id]
            kept_at[demand_id] = kept_at[into]
            continue
        kept_at[demand_id] = len(items)
        items.append(
            Item(
                "demands",
                "demand",
                demand_id,
                catalogue.demand(demand_id).title,
                list(carried[demand_id]),
            )
        )
    for part in parts:
        if part.kind != "demand" or part.ref is None:
            continue
        if part.ref in losers:
            part.why = losers[part.ref]
            continue
        part.item = kept_at[part.ref]
        kept = items[part.item].ref
        if kept != part.ref:
            part.why = f"overlaps {kept}, which carries it"
    return conflicts


def _conflict(catalogue: Catalogue, a: str, b: str) -> str | None:
    for x, y in ((a, b), (b, a)):
        for c in catalogue.demand(x).conflicts:
            if c.with_ == y:
                return c.why
    return None


def _overlap(catalogue: Catalogue, a: str, b: str) -> bool:
    return b in catalogue.demand(a).overlaps or a in catalogue.demand(b).overlaps


def _clauses(parts: list[Part], items: list[Item], sources: Sequence[Source]) -> None:
    """Facts, beliefs and free text: each kept once, free text in its own words."""
    for section in ("notes", "believes", "resolves", "mandates"):
        first: dict[tuple[str, str], int] = {}
        for part in (p for p in parts if p.section == section):
            key = (part.kind, part.ref or _norm(part.text))
            if key in first:
                part.item = first[key]
                items[part.item].origins.append(part.motion)
                part.why = f"same as the clause from {sources[items[part.item].origins[0]].label}"
                continue
            item = Item(section, part.kind, part.ref, part.text, [part.motion])
            if part.kind == "text":
                item.repeats = next(
                    (
                        i
                        for i, other in enumerate(items)
                        if other.section == section
                        and other.kind == "text"
                        and _similar(other.text, part.text) >= REPEAT_SIMILARITY
                    ),
                    None,
                )
            first[key] = part.item = len(items)
            items.append(item)


def _spec(
    sources: Sequence[Source],
    profile: Profile,
    items: Sequence[Item],
    request: Request,
    mover: int,
    seconder: int,
) -> dict[str, Any]:
    """The composite as spec data, in the key order people read."""
    assert profile.composite is not None
    first = sources[0].motion
    wording = profile.composite.submitted_by if request.number else profile.composite.unnumbered
    wording = wording.replace("{number}", str(request.number or ""))
    nations = {s.motion.nation for s in sources}
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
    }
    live = [i for i in items if not i.dropped]
    data["demands"] = [i.ref for i in live if i.section == "demands"]
    for section in ("notes", "believes", "resolves", "mandates"):
        entries: list[Any] = []
        for item in (i for i in live if i.section == section):
            if item.kind == "text":
                entries.append({"text": item.text, "by": sources[item.origins[0]].label})
            else:
                entries.append(item.ref)
        data[section] = entries
    data["composite"] = {
        "number": request.number,
        "motions": [
            {
                "submitted_by": s.label,
                "title": s.motion.title,
                "file": s.path.name,
                "demands": list(s.motion.demands),
            }
            for s in sources
        ],
    }
    return {k: v for k, v in data.items() if v not in (None, [], "")}


def _from_bodies(wording: str, labels: list[str], profile: Profile) -> str:
    """'Composite 3, from Anytown, Barrow and Carlisle CLPs': every body named, as far as
    any composite goes; past COMPOSITE_BODIES_MAX, the first ones and how many more."""
    assert profile.composite is not None
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
    pending = {i: item for i, item in enumerate(items) if not item.dropped}
    count = 0
    for section in document.sections:
        for clause in section.clauses:
            count += 1
            key = "demands" if clause.kind == "demand" else spec_key(section.kind)
            for i, item in pending.items():
                same = (
                    item.ref == clause.ref
                    if item.kind != "text"
                    else clause.kind == "text" and sentence(item.text) == clause.text
                )
                if item.section == key and item.kind == clause.kind and same:
                    item.number, item.shown = f"C{count}", clause.text
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
    """Composite the motions in ``paths``; raises InputError (2) or ChecksFailed (1)."""
    sources = read_sources(paths, catalogue, profiles)
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
            parts += _parts(index, source.motion, catalogue)
        except InputError as exc:
            exc.file = str(source.path)
            raise
    items: list[Item] = []
    conflicts = _demands(parts, items, catalogue, request.prefer)
    _clauses(parts, items, sources)
    body_limit = profile.word_limit
    # --max-words can tighten the body's limit, never loosen it.
    limit = min(filter(None, (request.max_words, body_limit)), default=None)

    def composed() -> tuple[Motion, Document]:
        motion = _to_motion(_spec(sources, profile, items, request, mover, seconder))
        return motion, compose(motion, profile, catalogue)

    motion, document = composed()
    dropped: list[Item] = []
    if request.max_words is not None:
        repeats = sorted(
            (i for i in items if i.repeats is not None),
            key=lambda i: (-max(i.origins), -count_words(i.text)),
        )
        for item in repeats:
            if limit is not None and document.words <= limit:
                break
            item.dropped = f"dropped by --max-words: it repeats {items[item.repeats or 0].text!r}"
            dropped.append(item)
            motion, document = composed()
    _number(document, items)
    for item in dropped:
        for part in parts:
            if part.item is not None and items[part.item] is item:
                kept = items[item.repeats or 0]
                part.why = f"dropped by --max-words: it repeats {kept.number}"
    result = Composite(
        sources, profile, motion, document, items, parts, conflicts, dropped, mover, seconder, limit
    )
    if limit is not None and document.words > limit:
        raise ChecksFailed(
            _over_limit(result, limit),
            hint="cut those clauses in the motions, or ask a chair's ruling"
            if result.dropped
            else f"--max-words {limit} drops repeated free-text clauses",
        )
    return result


def _over_limit(result: Composite, limit: int) -> str:
    live = sorted((i for i in result.items if i.number), key=lambda i: -count_words(i.shown))[:3]
    costly = "; ".join(
        f"{i.number} ({count_words(i.shown)} words, from {result.origin_names(i.origins)})"
        for i in live
    )
    tried = " even with every repeated clause dropped" if result.dropped else ""
    undecided = "; ".join(f"{c.first} or {c.second}" for c in result.undecided)
    pending = f"; also left for the meeting to decide: {undecided}" if undecided else ""
    return (
        f"the composite runs to {result.document.words} words, over the limit of {limit}"
        f"{tried}; the clauses that cost most: {costly}{pending}"
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
