"""The mover's brief: speech notes for one motion, sized to the minutes allowed.

The speech speaks to the motion as written: what it asks, quoted in its own
words (a catalogue demand or not), what it notes and believes, the sourced
facts and beliefs of the catalogue entries it names or links its words to,
and only the objections raised against those entries. Material is added in
order of importance until the speech fills its time at a normal speaking
pace; where the motion's own material runs out, the time left is given to
the mover's own words, as a timed part of its own, so that the speech fills
its minutes for any motion. It closes on what the motion itself asks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from motiongen.agenda import importer, is_document
from motiongen.catalogue import Catalogue
from motiongen.catalogue.models import CounterArgument, Demand, Evidence
from motiongen.checks import DEFAULT_MAX_AGE
from motiongen.conference.composite import bodies
from motiongen.conference.likeness import link_ids
from motiongen.motion import spec
from motiongen.motion.compose import Clause, Section, compose
from motiongen.motion.spec import ById, FreeText, Motion
from motiongen.output import sentences
from motiongen.output.paper import Paper
from motiongen.prepare import prepare
from motiongen.profiles import Profile, ProfileSet
from motiongen.text import count_words, fill, sentence

WORDS_A_MINUTE = 130
FILL_TO = 1.0  # never plan more than the time: a chair cuts off an over-run
OWN_WORDS_FROM = 0.1  # time left over this share of the whole goes to the mover's own words
LineKind = Literal["say", "fact", "belief", "claim", "reply"]


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
    allotted: int = 0  # seconds given to the mover's own words, beyond the lines

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

    @property
    def own_time(self) -> int:
        """Seconds given to the mover's own words."""
        return sum(part.allotted for part in self.parts)

    @property
    def seconds(self) -> float:
        """How long the speech planned runs: its words at the pace, and the own-words time."""
        return self.words / WORDS_A_MINUTE * 60 + self.own_time


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
        ref
        for n in motion.all_items("facts")
        for ref in (n.links if isinstance(n, FreeText) else [n.id if isinstance(n, ById) else n])
    ]
    facts = [catalogue.evidence[e] for e in demand.evidence if e in catalogue.evidence]

    def strength(fact: Evidence) -> tuple[bool, bool, bool, bool, int]:
        fresh = fact.kind != "figure" or fact.year is None or year - fact.year <= max_age
        here = motion.nation is None or not fact.holds_for or motion.nation in fact.holds_for
        return (fresh, fact.id in noted, here, fact.kind == "figure", fact.year or 0)

    return sorted(facts, key=strength, reverse=True)


def _beliefs(demand: Demand, motion: Motion, catalogue: Catalogue) -> list[str]:
    held = [
        b.id if isinstance(b, ById) else b
        for b in motion.all_items("beliefs")
        if not isinstance(b, FreeText)
    ]
    ids = [b for b in demand.beliefs if b in catalogue.beliefs]
    return sorted(ids, key=lambda b: b not in held)


def linked(motion: Motion) -> list[str]:
    """Every catalogue entry the motion names or links its own words to, in order."""
    found = list(motion.demands)
    items = [*motion.notes, *motion.believes, *motion.resolves, *motion.mandates]
    items += [i for section in motion.sections for i in section.items]
    for item in items:
        if isinstance(item, FreeText):
            found += link_ids(item)
        else:
            found.append(item.id if isinstance(item, ById) else str(item))
    return list(dict.fromkeys(found))


def objections(motion: Motion, catalogue: Catalogue) -> list[CounterArgument]:
    """The counter-arguments raised against the demands the motion makes or links its
    words to, most relevant first; none for a motion the catalogue has no entry of."""
    wanted = {e for e in linked(motion) if e in catalogue.demands}
    found = [c for c in catalogue.counter_arguments.values() if wanted & set(c.against)]
    return sorted(found, key=lambda c: -len(wanted & set(c.against)))


def _carriers(motion: Motion, demand_id: str, catalogue: Catalogue, say: dict[str, str]) -> str:
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
    return fill(say["carries"], {"names": _join(names, say)})


def _join(names: list[str], say: dict[str, str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + say["and"] + names[-1]


def read(path: Path, catalogue: Catalogue, profiles: ProfileSet) -> tuple[Motion, Profile]:
    """The one motion in a spec file or an imported document, checked to compose."""
    motion = importer.read_one(
        path,
        catalogue,
        profiles,
        refusal="this file holds {count} motions; a brief is for one motion",
        hint="put the motion you will move in a spec file of its own",
    )
    job = spec.Job(str(path), motion=motion)
    if not is_document(path):
        job = spec.read(path)[0]  # the same motion, with its file's lines for an error
    result = prepare(job, catalogue, profiles)
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
    template_dir: Path | None = None,
) -> Brief:
    """Speech notes for ``motion``, filled to ``minutes`` at about 130 words a minute.

    Its words are the ``[brief]`` table of ``templates/sentences.toml``."""
    say = sentences.table("brief", template_dir)
    document = compose(motion, profile, catalogue)
    when = motion.meeting_date or today or dt.date.today()
    asks = [(s, c) for s in document.sections if s.acts for c in s.clauses]
    opening, close = _opening(motion, profile, say), _close(motion, profile, asks, catalogue, say)
    pool: list[Candidate] = []
    parts = [opening]
    for n, (section, clause) in enumerate(asks):
        is_demand = clause.kind == "demand" and clause.ref
        title = catalogue.demand(clause.ref).title if is_demand and clause.ref else _short(clause)
        values = {"n": str(n + 1), "count": str(len(asks)), "title": title}
        part = Part(fill(say["demand_heading"], values))
        if clause.kind == "demand" and clause.ref:
            part.carries = _carriers(motion, clause.ref, catalogue, say)
        else:
            part.carries = _whose(motion, clause, say)
        parts.append(part)
        first = n == 0 or asks[n - 1][0] is not section
        point = Line("say", _ask_line(n, section, clause, first, say))
        pool.append((1, 100 * n, part, [point], None))
        for ref in _refs(clause):
            pool += _entry_material(n, ref, part, motion, catalogue, (when.year, max_age), say)
    local = Part(say["local_heading"])
    pool += _own_material(motion, local, 100 * len(asks), catalogue, (when.year, max_age), say)
    answer = Part(say["objections_heading"])
    order = 100 * (len(asks) + 1)
    pool += _objection_material(motion, catalogue, answer, (order, len(pool)), say)
    own = Part(say["own_heading"])
    parts += [local, answer, own, close]
    target = minutes * WORDS_A_MINUTE * FILL_TO
    while opening.words + close.words > target and len(close.lines) > 1:
        close.lines.pop(0)  # a very short time: the move itself is what must be said
    chosen = _fill(pool, target - opening.words - close.words)
    left_out = [
        fill(say["no_time"], {"heading": pool[i][2].heading})
        for i in range(len(pool))
        if i not in chosen and pool[i][0] == 1
    ]
    sources: list[str] = []
    for index in sorted(chosen, key=lambda i: pool[i][1]):
        _, _, part, lines, _ = pool[index]
        part.lines += lines
        sources += [line.source for line in lines if line.source and line.source not in sources]
    spoken = opening.words + close.words + sum(sum(ln.words for ln in pool[i][3]) for i in chosen)
    spare = (target - spoken) / WORDS_A_MINUTE * 60
    if spare > OWN_WORDS_FROM * minutes * 60:
        # The motion's own material runs out: the time left is the mover's, on its subject.
        own.allotted = round(spare)
        prompt = fill(say["own_prompt"], {"time": clock(spare), "title": motion.title})
        own.lines.append(Line("say", "", prompt))
    parts = _timed([p for p in parts if p.lines or p is opening])
    return Brief(motion.title, motion.submitted_by or "", minutes, parts, left_out, sources)


def _short(clause: Clause, words: int = 8) -> str:
    """A clause of the motion's own words, as a heading names it: its first words."""
    split = clause.text.rstrip(".;:,").split()
    return " ".join(split) if len(split) <= words else " ".join(split[:words]) + " \u2026"


def _refs(clause: Clause) -> list[str]:
    """The catalogue entries a clause is (a demand) or says (its link, one or a list)."""
    return list(clause.entries)


def _whose(motion: Motion, clause: Clause, say: dict[str, str]) -> str:
    """For a composite: whose words an ask of a motion's own words is."""
    if motion.composite is None:
        return ""
    for section in motion.sections:
        for item in section.items:
            if isinstance(item, FreeText) and item.by and item.text == clause.text:
                return fill(say["carries"], {"names": item.by})
    for item in [*motion.resolves, *motion.mandates]:
        if item.by and clause.text in (item.text, sentence(item.text)):
            return fill(say["carries"], {"names": item.by})
    return ""


def _ask_line(n: int, section: Section, clause: Clause, first: bool, say: dict[str, str]) -> str:
    """The ask as the motion words it, quoted: the section's lead before the first of
    its clauses ("First, Conference calls on the Labour Government to: “…”")."""
    ordinals = [o.strip() for o in say["ordinals"].split(",")]
    ordinal = ordinals[n] if n < len(ordinals) else fill(say["ordinal_beyond"], {"n": str(n + 1)})
    ordinal = ordinal[:1].upper() + ordinal[1:]
    lead = section.lead.strip()
    values = {"ordinal": ordinal, "lead": lead, "clause": unquoted(clause.text)}
    return fill(say["ask"] if first and lead else say["ask_more"], values)


def unquoted(text: str) -> str:
    """A clause to quote, without the quotation marks a page may already print round it."""
    text = text.strip()
    for left, right in (("\u201c", "\u201d"), ('"', '"'), ("\u2018", "\u2019"), ("'", "'")):
        if len(text) > 2 and text.startswith(left) and text.endswith(right):
            inner = text[1:-1]
            if left not in inner and right not in inner:
                return inner
        if len(text) > 2 and text.startswith(left) and text.endswith(right + "."):
            inner = text[1:-2]
            if left not in inner and right not in inner:
                return inner + "."
    return text


def _opening(motion: Motion, profile: Profile, say: dict[str, str]) -> Part:
    """'Chair, Conference, I move Composite 3, "…", on behalf of …'."""
    name = (
        fill(say["composite"], {"number": str(motion.composite.number)})
        if motion.composite and motion.composite.number
        else say["this_motion"]
    )
    names = motion.submitted_by or ""
    if motion.composite is not None:
        plurals = profile.composite.plurals if profile.composite else {}
        names = bodies([m.submitted_by for m in motion.composite.motions], plurals)
    behalf = fill(say["behalf"], {"names": names}) if names else ""
    values = {"address": profile.address, "name": name, "title": motion.title, "behalf": behalf}
    opening = Part(say["opening_heading"])
    opening.lines.append(Line("say", fill(say["opening"], values)))
    return opening


def _close(
    motion: Motion,
    profile: Profile,
    asks: list[tuple[Section, Clause]],
    catalogue: Catalogue,
    say: dict[str, str],
) -> Part:
    """The close: what this motion asks, in its words; the campaign's own line only for
    a motion that makes or links the catalogue's demands (children's care); then the move."""
    audience = profile.address.split(",", 1)[-1].strip() or profile.address
    close = Part(say["close_heading"])
    if asks:
        text = unquoted(asks[0][1].text).rstrip(" .;:,")
        more = len(asks) - 1
        tail = fill(say["close_more_one" if more == 1 else "close_more"], {"more": str(more)})
        tail = tail if more else ""
        values = {"title": motion.title, "ask": text, "more": tail}
        close.lines.append(Line("say", fill(say["close_asks"], values)))
    else:
        close.lines.append(Line("say", fill(say["close_title"], {"title": motion.title})))
    if any(e in catalogue.demands for e in linked(motion)):
        close.lines.append(Line("say", say["close"]))
    close.lines.append(Line("say", fill(say["move"], {"audience": audience})))
    return close


def _entry_material(
    n: int,
    ref: str,
    part: Part,
    motion: Motion,
    catalogue: Catalogue,
    age: tuple[int, int],
    say: dict[str, str],
) -> list[Candidate]:
    """What a catalogue entry behind an ask brings: a demand's strongest sourced fact and
    belief, then more; a fact or belief linked to, itself."""
    if ref in catalogue.evidence:
        return [
            (2, 100 * n + 1, part, [_fact_line(catalogue.evidence[ref], catalogue, age, say)], None)
        ]
    if ref in catalogue.beliefs:
        line = Line("belief", sentence(catalogue.beliefs[ref].text))
        return [(4, 100 * n + 50, part, [line], None)]
    if ref not in catalogue.demands:
        return []
    return _demand_material(n, ref, part, motion, catalogue, age, say)


def _demand_material(
    n: int,
    demand_id: str,
    part: Part,
    motion: Motion,
    catalogue: Catalogue,
    age: tuple[int, int],
    say: dict[str, str],
) -> list[Candidate]:
    """A demand's strongest sourced fact and belief, then more.
    ``age``: the year of the meeting, and the age at which a figure is old."""
    year, max_age = age
    demand = catalogue.demand(demand_id)
    out: list[Candidate] = []
    for k, fact in enumerate(_facts(demand, motion, catalogue, year, max_age)[:4]):
        out.append(
            (
                2 if k == 0 else 6 + k,
                100 * n + 1 + k,
                part,
                [_fact_line(fact, catalogue, age, say)],
                None,
            )
        )
    for k, belief_id in enumerate(_beliefs(demand, motion, catalogue)[:3]):
        line = Line("belief", sentence(catalogue.beliefs[belief_id].text))
        out.append((4 if k == 0 else 8 + k, 100 * n + 50 + k, part, [line], None))
    return out


def _fact_line(
    fact: Evidence, catalogue: Catalogue, age: tuple[int, int], say: dict[str, str]
) -> Line:
    """The fact as spoken, with its source and year, and a warning if it is old."""
    year, max_age = age
    spoken, full = _cite(catalogue, fact.sources)
    note = ""
    old = year - (fact.year or year)
    if fact.kind == "figure" and old > max_age:
        values = {"year": str(fact.year), "age": str(old), "max_age": str(max_age)}
        note = fill(say["old_figure"], values)
    said_year = fill(say["fact_year"], {"year": str(fact.year)}) if fact.year else ""
    if fact.year and (str(fact.year) in fact.statement or str(fact.year) in spoken):
        said_year = ""
    values = {"statement": sentence(fact.statement), "source": spoken, "year": said_year}
    return Line("fact", fill(say["fact"], values), note, full)


def _own_material(
    motion: Motion,
    local: Part,
    order: int,
    catalogue: Catalogue,
    age: tuple[int, int],
    say: dict[str, str],
) -> list[Candidate]:
    """What the motion notes and believes: its own words as written, and the facts and
    beliefs of the catalogue it names or links them to, with their sources."""
    own = [*motion.all_items("facts"), *motion.all_items("beliefs")]
    out: list[Candidate] = []
    for k, item in enumerate(own):
        if isinstance(item, FreeText):
            by = fill(say["whose_words"], {"body": item.by}) if item.by and motion.composite else ""
            out.append((5, order + 2 * k, local, [Line("say", sentence(item.text), by)], None))
            refs = link_ids(item)
        else:
            refs = [item.id if isinstance(item, ById) else str(item)]
        for ref in refs:
            if ref in catalogue.evidence:
                line = _fact_line(catalogue.evidence[ref], catalogue, age, say)
            elif ref in catalogue.beliefs:
                line = Line("belief", sentence(catalogue.beliefs[ref].text))
            else:
                continue
            out.append((6, order + 2 * k + 1, local, [line], None))
    return out


def _objection_material(
    motion: Motion,
    catalogue: Catalogue,
    answer: Part,
    at: tuple[int, int],
    say: dict[str, str],
) -> list[Candidate]:
    """Each objection with its first answer; a further answer only once those are in.
    ``at``: the order they are said in, and where they start in the pool, for what
    they need."""
    order, first = at
    out: list[Candidate] = []
    for k, counter in enumerate(objections(motion, catalogue)):
        first_at = first + len(out)
        for j, reply in enumerate(counter.replies[:3]):
            spoken, full = _cite(catalogue, reply.sources)
            said = fill(say["reply"], {"reply": sentence(reply.text), "source": spoken})
            line = Line("reply", said, "", full)
            if j == 0:
                claim = Line("claim", fill(say["claim"], {"claim": sentence(counter.claim)}))
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
        elapsed += part.words / WORDS_A_MINUTE * 60 + part.allotted
    return parts


def paper(brief: Brief, template_dir: Path | None = None) -> Paper:
    """The brief laid out for a rostrum: one idea a line, a timing mark for each part."""
    say = sentences.table("brief", template_dir)
    minutes = f"{brief.minutes:g}"
    out = Paper(
        title=fill(say["title"], {"title": brief.title}),
        author=brief.submitted_by or "motiongen",
        subject=fill(say["subject"], {"minutes": minutes}),
        large=True,
    )
    seconds = brief.seconds
    sized = {
        "minutes": minutes,
        "pace": str(WORDS_A_MINUTE),
        "target": str(brief.target),
        "words": str(brief.words),
        "time": clock(seconds),
        "own": clock(brief.own_time),
    }
    out.para(fill(say["sized_own" if brief.own_time else "sized"], sized))
    out.para(say["one_idea"])
    for part in brief.parts:
        out.mark(f"[{clock(part.start)}] {part.heading}")
        if part.carries:
            out.note(part.carries)
        for line in part.lines:
            if line.text:
                out.line(line.text)
            if line.note:
                out.note(line.note)
    out.mark(f"[{clock(seconds)}] {say['end']}")
    if brief.left_out:
        out.heading(say["not_in_time_heading"])
        for text in brief.left_out:
            out.line(text)
    if brief.sources:
        out.heading(say["sources_heading"])
        for text in brief.sources:
            out.line(text)
    return out
