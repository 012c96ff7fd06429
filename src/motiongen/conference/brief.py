"""The mover's brief: speech notes for one motion, sized to the minutes allowed.

Everything spoken comes from the catalogue behind the motion's demands: the
strongest sourced fact, the strongest belief, and the objections the sources
record with the replies they give. Material is added in order of importance
until the speech fills its time at a normal speaking pace.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from motiongen.agenda import importer
from motiongen.catalogue import Catalogue
from motiongen.catalogue.models import CounterArgument, Demand, Evidence
from motiongen.checks import DEFAULT_MAX_AGE
from motiongen.conference.composite import bodies
from motiongen.conference.paper import Paper
from motiongen.motion import spec
from motiongen.motion.compose import compose
from motiongen.motion.spec import ById, FreeText, Motion
from motiongen.prepare import prepare
from motiongen.profiles import Profile, ProfileSet
from motiongen.text import count_words, sentence

WORDS_A_MINUTE = 130
FILL_TO = 1.0  # never plan more than the time: a chair cuts off an over-run
LineKind = Literal["say", "fact", "belief", "claim", "reply"]
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


@dataclass
class Line:
    kind: LineKind
    text: str
    note: str = ""  # for the speaker's eye only: not spoken, not counted
    source: str = ""  # the full reference, for the list at the end

    @property
    def words(self) -> int:
        return count_words(self.text)


@dataclass
class Part:
    heading: str
    lines: list[Line] = field(default_factory=list)
    carries: str = ""  # for a composite: whose point this part carries
    start: int = 0  # seconds into the speech

    @property
    def words(self) -> int:
        return sum(line.words for line in self.lines)


@dataclass
class Brief:
    title: str
    submitted_by: str
    minutes: float
    parts: list[Part]
    left_out: list[str]
    sources: list[str]

    @property
    def target(self) -> int:
        return round(self.minutes * WORDS_A_MINUTE)

    @property
    def words(self) -> int:
        return sum(part.words for part in self.parts)


def clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _cite(catalogue: Catalogue, refs: object) -> tuple[str, str]:
    """A short spoken attribution ("LSWG 2021") and the full reference for the list."""
    cited = catalogue.cited(refs)  # type: ignore[arg-type]
    if not cited:
        return "", ""
    source, at = cited[0]
    # "GFTU (undated)" would close one bracket inside another in the spoken line.
    spoken = source.label.replace(" (", ", ").replace(")", "")
    return spoken, source.citation(at)


def _facts(
    demand: Demand, motion: Motion, catalogue: Catalogue, year: int, max_age: int
) -> list[Evidence]:
    """Strongest first: within the age limit, cited by the motion, true where it is moved."""
    noted = [
        n.id if isinstance(n, ById) else n for n in motion.notes if not isinstance(n, FreeText)
    ]
    facts = [catalogue.evidence[e] for e in demand.evidence if e in catalogue.evidence]

    def strength(fact: Evidence) -> tuple[bool, bool, bool, bool, int]:
        fresh = fact.kind != "figure" or fact.year is None or year - fact.year <= max_age
        here = motion.nation is None or not fact.holds_for or motion.nation in fact.holds_for
        return (fresh, fact.id in noted, here, fact.kind == "figure", fact.year or 0)

    return sorted(facts, key=strength, reverse=True)


def _beliefs(demand: Demand, motion: Motion, catalogue: Catalogue) -> list[str]:
    held = [
        b.id if isinstance(b, ById) else b for b in motion.believes if not isinstance(b, FreeText)
    ]
    ids = [b for b in demand.beliefs if b in catalogue.beliefs]
    return sorted(ids, key=lambda b: b not in held)


def objections(motion: Motion, catalogue: Catalogue) -> list[CounterArgument]:
    """The counter-arguments raised against the motion's demands, most relevant first."""
    wanted = set(motion.demands)
    found = [c for c in catalogue.counter_arguments.values() if wanted & set(c.against)]
    return sorted(found, key=lambda c: -len(wanted & set(c.against)))


def _carriers(motion: Motion, demand_id: str, catalogue: Catalogue) -> str:
    if motion.composite is None:
        return ""
    demand = catalogue.demand(demand_id)
    names = []
    for source in motion.composite.motions:
        for other in source.demands:
            near = other in demand.overlaps or (
                other in catalogue.demands and demand_id in catalogue.demands[other].overlaps
            )
            if other == demand_id or near:
                names.append(source.submitted_by)
                break
    if not names:
        return ""
    return "Carries the point of " + _join(names)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def read(path: Path, catalogue: Catalogue, profiles: ProfileSet) -> tuple[Motion, Profile]:
    """The one motion in a spec file or an imported document, checked to compose."""
    motion = importer.read_one(
        path,
        catalogue,
        profiles,
        refusal="this file holds {count} motions; a brief is for one motion",
        hint="put the motion you will move in a spec file of its own",
    )
    result = prepare(spec.Job(str(path), motion=motion), catalogue, profiles)
    if result.error is not None:
        raise result.error
    return motion, profiles.get(motion.profile)


# A candidate for the speech: (priority, order, part, lines, index of the candidate it
# needs first). Lower priorities are added first; the order is where it is said.
Candidate = tuple[int, int, Part, list[Line], int | None]


def make(
    motion: Motion,
    profile: Profile,
    catalogue: Catalogue,
    *,
    minutes: float = 3,
    today: dt.date | None = None,
    max_age: int = DEFAULT_MAX_AGE,
) -> Brief:
    """Speech notes for ``motion``, filled to ``minutes`` at about 130 words a minute."""
    document = compose(motion, profile, catalogue)
    when = motion.meeting_date or today or dt.date.today()
    demands = [c.ref for s in document.sections for c in s.clauses if c.kind == "demand" and c.ref]
    opening, close = _opening(motion, profile), _close(profile)
    pool: list[Candidate] = []
    parts = [opening]
    for n, demand_id in enumerate(demands):
        part = Part(f"Demand {n + 1} of {len(demands)}: {catalogue.demand(demand_id).title}")
        part.carries = _carriers(motion, demand_id, catalogue)
        parts.append(part)
        pool += _demand_material(n, demand_id, part, motion, catalogue, when.year, max_age)
    local = Part("Close to home")
    pool += _own_material(motion, local, 100 * len(demands))
    answer = Part("Objections you may hear, and the answers")
    pool += _objection_material(motion, catalogue, answer, 100 * (len(demands) + 1), len(pool))
    parts += [local, answer, close]
    chosen = _fill(pool, minutes * WORDS_A_MINUTE * FILL_TO - opening.words - close.words)
    left_out = [
        f"{pool[i][2].heading}: no time to put it"
        for i in range(len(pool))
        if i not in chosen and pool[i][0] == 1
    ]
    sources: list[str] = []
    for index in sorted(chosen, key=lambda i: pool[i][1]):
        _, _, part, lines, _ = pool[index]
        part.lines += lines
        sources += [line.source for line in lines if line.source and line.source not in sources]
    parts = _timed([p for p in parts if p.lines or p is opening])
    return Brief(motion.title, motion.submitted_by or "", minutes, parts, left_out, sources)


def _opening(motion: Motion, profile: Profile) -> Part:
    """'Chair, Conference, I move Composite 3, "…", on behalf of …'."""
    name = (
        f"Composite {motion.composite.number}"
        if motion.composite and motion.composite.number
        else "this motion"
    )
    on_behalf = f" on behalf of {motion.submitted_by}" if motion.submitted_by else ""
    if motion.composite is not None:
        plurals = profile.composite.plurals if profile.composite else {}
        on_behalf = " on behalf of " + bodies(
            [m.submitted_by for m in motion.composite.motions], plurals
        )
    behalf = f",{on_behalf}" if on_behalf else ""
    opening = Part("Opening")
    opening.lines.append(
        Line("say", f"{profile.address}, I move {name}, \u201c{motion.title}\u201d{behalf}.")
    )
    return opening


def _close(profile: Profile) -> Part:
    audience = profile.address.split(",", 1)[-1].strip() or profile.address
    close = Part("Close")
    close.lines.append(
        Line("say", "Children's care should be run for children, not for shareholders' returns.")
    )
    close.lines.append(Line("say", f"I ask {audience} to support the motion. I move."))
    return close


def _demand_material(
    n: int,
    demand_id: str,
    part: Part,
    motion: Motion,
    catalogue: Catalogue,
    year: int,
    max_age: int,
) -> list[Candidate]:
    """A demand's point first, then its strongest sourced fact and belief, then more."""
    demand = catalogue.demand(demand_id)
    ordinal = ORDINALS[n] if n < len(ORDINALS) else f"number {n + 1}"
    point = Line("say", f"Our {ordinal} demand: {sentence(demand.title)}")
    out: list[Candidate] = [(1, 100 * n, part, [point], None)]
    for k, fact in enumerate(_facts(demand, motion, catalogue, year, max_age)[:4]):
        out.append(
            (
                2 if k == 0 else 6 + k,
                100 * n + 1 + k,
                part,
                [_fact_line(fact, catalogue, year, max_age)],
                None,
            )
        )
    for k, belief_id in enumerate(_beliefs(demand, motion, catalogue)[:3]):
        line = Line("belief", sentence(catalogue.beliefs[belief_id].text))
        out.append((4 if k == 0 else 8 + k, 100 * n + 50 + k, part, [line], None))
    return out


def _fact_line(fact: Evidence, catalogue: Catalogue, year: int, max_age: int) -> Line:
    """The fact as spoken, with its source and year, and a warning if it is old."""
    spoken, full = _cite(catalogue, fact.sources)
    note = ""
    age = year - (fact.year or year)
    if fact.kind == "figure" and age > max_age:
        note = (
            f"OLD FIGURE: from {fact.year}, {age} years old at the meeting "
            f"(more than {max_age}); say the year, or find a newer one"
        )
    said_year = f", figures for {fact.year}" if fact.year else ""
    if fact.year and (str(fact.year) in fact.statement or str(fact.year) in spoken):
        said_year = ""
    return Line("fact", f"{sentence(fact.statement)} (Source: {spoken}{said_year}.)", note, full)


def _own_material(motion: Motion, local: Part, order: int) -> list[Candidate]:
    """The motion's own notes and beliefs, in its own words."""
    own = [*motion.notes, *motion.believes]
    out: list[Candidate] = []
    for k, item in enumerate(own):
        if isinstance(item, FreeText):
            by = f"{item.by}'s words" if item.by and motion.composite else ""
            out.append((5, order + k, local, [Line("say", sentence(item.text), by)], None))
    return out


def _objection_material(
    motion: Motion, catalogue: Catalogue, answer: Part, order: int, first: int
) -> list[Candidate]:
    """Each objection with its first answer; a further answer only once those are in.
    ``first`` is where these candidates start in the pool, for what they need."""
    out: list[Candidate] = []
    for k, counter in enumerate(objections(motion, catalogue)):
        first_at = first + len(out)
        for j, reply in enumerate(counter.replies[:3]):
            spoken, full = _cite(catalogue, reply.sources)
            line = Line(
                "reply", f"Our answer: {sentence(reply.text)} (Source: {spoken}.)", "", full
            )
            if j == 0:
                claim = Line("claim", f"They may say: {sentence(counter.claim)}")
                out.append((3 if k == 0 else 5 + k, order + 10 * k, answer, [claim, line], None))
            else:
                out.append((6 + k + j, order + 10 * k + j, answer, [line], first_at))
    return out


def _fill(pool: list[Candidate], room: float) -> set[int]:
    """The candidates that fit ``room`` words, most important first; what is said twice
    (a fact behind two demands) is said once."""
    total = 0
    chosen: set[int] = set()
    said: set[str] = set()
    for index in sorted(range(len(pool)), key=lambda i: pool[i][:2]):
        _, _, _, lines, needs = pool[index]
        if needs is not None and needs not in chosen:
            continue
        if any(line.text in said for line in lines):
            continue
        words = sum(line.words for line in lines)
        if total + words <= room:
            chosen.add(index)
            total += words
            said.update(line.text for line in lines)
    return chosen


def _timed(parts: list[Part]) -> list[Part]:
    """Each part's start, in seconds into the speech."""
    elapsed = 0.0
    for part in parts:
        part.start = round(elapsed)
        elapsed += part.words / WORDS_A_MINUTE * 60
    return parts


def paper(brief: Brief) -> Paper:
    """The brief laid out for a rostrum: one idea a line, a timing mark for each part."""
    out = Paper(
        title=f"Speech notes: {brief.title}",
        author=brief.submitted_by or "motiongen",
        subject=f"The mover's speech, {brief.minutes:g} minutes",
        large=True,
    )
    seconds = brief.words / WORDS_A_MINUTE * 60
    out.para(
        f"Sized for {brief.minutes:g} minutes at about {WORDS_A_MINUTE} words a minute "
        f"({brief.target} words): {brief.words} words to say, about {clock(seconds)}."
    )
    out.para("Each line is one idea. The times in brackets are where you should be.")
    for part in brief.parts:
        out.mark(f"[{clock(part.start)}] {part.heading}")
        if part.carries:
            out.note(part.carries)
        for line in part.lines:
            out.line(line.text)
            if line.note:
                out.note(line.note)
    out.mark(f"[{clock(seconds)}] End")
    if brief.words < brief.target * 0.9:
        spare = (brief.target - brief.words) / WORDS_A_MINUTE * 60
        out.note(
            f"The catalogue's material for these demands runs out about {clock(spare)} short "
            "of your time: fill it with an example from your own area, or sit down early."
        )
    if brief.left_out:
        out.heading("Not in the time")
        for text in brief.left_out:
            out.line(text)
    if brief.sources:
        out.heading("Sources, if you are asked")
        for text in brief.sources:
            out.line(text)
    return out
