"""Checks a conference office or a sharp chair would make, before anything is written.

Each rule is a function from a motion (as written and as composed) to findings;
``run`` applies them all. The rules use only data: the profile's limits and
wording, the catalogue's facts, nations and guidance.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from motiongen.catalogue import Catalogue
from motiongen.catalogue.models import NATION_NAMES, Actor, Demand, Evidence, SourceRef
from motiongen.checks.findings import Finding, ordered
from motiongen.errors import INVISIBLE_MARKS
from motiongen.motion.compose import Clause, Document, Section
from motiongen.motion.spec import Carried, Motion
from motiongen.profiles import Profile
from motiongen.text import british_date, count_words

DEFAULT_MAX_AGE = 5

FIELD_NAMES = {
    "submitted_by": (
        "the name of the branch, CLP, union or group submitting it",
        "add 'submitted_by: <your branch, CLP or union>'",
    ),
    "to": ("the meeting or body it goes to", "add 'to: <the meeting or body>'"),
    "proposer": ("a proposer", "add 'proposer: <name>'"),
    "seconder": ("a seconder", "add 'seconder: <name>'"),
    "meeting_date": ("the meeting date", "add 'meeting_date: YYYY-MM-DD'"),
    "commission": ("the policy commission", "add 'commission: <the commission's name>'"),
    "nation": ("the nation", "add 'nation: england' (or wales, scotland, northern-ireland)"),
}
LEVEL_WORDS = {
    "national": "Government and Parliament",
    "council": "a council",
    "party": "the party",
    "union": "a union",
}


@dataclass(frozen=True)
class Context:
    motion: Motion
    document: Document
    catalogue: Catalogue
    today: dt.date
    max_age: int = DEFAULT_MAX_AGE
    speakers: tuple[str, ...] = ()  # the names every profile's motions speak as

    @property
    def profile(self) -> Profile:
        return self.document.profile

    def clauses(self) -> Iterator[tuple[Section, Clause]]:
        for section in self.document.sections:
            for clause in section.clauses:
                yield section, clause

    def facts(self) -> Iterator[tuple[Section, Clause, Evidence]]:
        """Each catalogue fact the motion notes (or whose words it links), with its clause."""
        for section, clause in self.clauses():
            if clause.kind in ("evidence", "text"):
                for ref in clause.entries:
                    if ref in self.catalogue.evidence:
                        yield section, clause, self.catalogue.evidence[ref]

    def demands(self) -> Iterator[tuple[Section, Clause, Demand]]:
        """Each clause that is a catalogue demand, or the user's words linked to one
        (once for each demand they are linked to), with the demand."""
        for section, clause in self.clauses():
            if clause.kind in ("demand", "text"):
                for ref in clause.entries:
                    if ref in self.catalogue.demands:
                        yield section, clause, self.catalogue.demands[ref]


Rule = Callable[[Context], list[Finding]]


def run(
    motion: Motion,
    document: Document,
    catalogue: Catalogue,
    *,
    today: dt.date | None = None,
    max_age: int = DEFAULT_MAX_AGE,
    speakers: tuple[str, ...] = (),
) -> list[Finding]:
    """Every finding for one motion, errors first.

    ``speakers``: the names other bodies' motions speak as (``ProfileSet.speakers``),
    so that a clause written for another body is caught.
    """
    ctx = Context(motion, document, catalogue, today or dt.date.today(), max_age, speakers)
    findings: list[Finding] = []
    for rule in RULES:
        findings += rule(ctx)
    return ordered(findings)


def _where(ctx: Context, section: Section, clause: Clause) -> str:
    """'calls on 2': the section as cited, and the clause (``Document.place``)."""
    return ctx.document.place(section, clause)


def _excerpt(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _rule_source(profile: Profile, key: str) -> str | None:
    """The source of the profile rule that covers ``key``, where one does."""
    rule = profile.rule_for(key)
    if rule is None:
        return None
    state = "verified" if rule.verified else "not verified"
    return f"{rule.source} ({state})"


def _cite(catalogue: Catalogue, refs: list[SourceRef]) -> str:
    return "; ".join(s.citation(at) for s, at in catalogue.cited(refs))


# --- the body's rules ---------------------------------------------------------------


def required_fields(ctx: Context) -> list[Finding]:
    out = []
    for key in ctx.profile.required:
        value = getattr(ctx.document, key) if key in ("to", "commission") else None
        value = value or getattr(ctx.motion, key)
        if value in (None, ""):
            what, fix = FIELD_NAMES[key]
            out.append(
                Finding(
                    rule="required-field",
                    severity="error",
                    message=f"{ctx.profile.motions} need {what}, and this one has none",
                    fix=fix,
                    where=key,
                    source=_rule_source(ctx.profile, key),
                )
            )
    return out


UNVERIFIED = "; the profile's source for this limit is not verified, so check it with the body"


def _limit_is_firm(profile: Profile, key: str) -> bool:
    """A limit fails the motion only where the body's own rule for it has been read;
    one known only from a secondary or dated source is advice."""
    rule = profile.rule_for(key)
    return rule is None or rule.verified


def word_limit(ctx: Context) -> list[Finding]:
    document = ctx.document
    if not document.over_limit:
        return []
    assert document.word_limit is not None
    over = document.words - document.word_limit
    costly = sorted(
        ((count_words(c.text), _where(ctx, s, c)) for s, c in ctx.clauses()),
        key=lambda t: -t[0],
    )[:3]
    longest = ", ".join(f"{where} ({n} words)" for n, where in costly)
    # A limit the user set in the spec is their own word, and firm.
    firm = ctx.motion.word_limit is not None or _limit_is_firm(ctx.profile, "word_limit")
    return [
        Finding(
            rule="word-limit",
            severity="error" if firm else "advice",
            message=(
                f"{document.words} words, {over} over the limit of {document.word_limit} "
                f"for {ctx.profile.name}" + ("" if firm else UNVERIFIED)
            ),
            fix=f"cut {over} words; the longest clauses are {longest}",
            where="whole motion",
            source=None if ctx.motion.word_limit else _rule_source(ctx.profile, "word_limit"),
        )
    ]


def title_limit(ctx: Context) -> list[Finding]:
    limit = ctx.document.title_word_limit
    if limit is None or ctx.document.title_words <= limit:
        return []
    firm = _limit_is_firm(ctx.profile, "title")
    return [
        Finding(
            rule="title-limit",
            severity="error" if firm else "advice",
            message=f"the title has {ctx.document.title_words} words; the limit is {limit}"
            + ("" if firm else UNVERIFIED),
            fix=f"shorten the title to {limit} words or fewer",
            where="title",
            source=_rule_source(ctx.profile, "title"),
        )
    ]


GENERIC_TITLES = re.compile(
    r"^(?:(?:emergency |contemporary |model |draft |new )?motion(?: \d+)?|untitled|title|"
    r"children'?s (?:social )?(?:care|services)|social care|privatisation)$",
    re.IGNORECASE,
)
TITLE_VERBS = re.compile(
    r"\b(?:stop|end|oppose|opposing|keep|bring|reverse|ban|defend|protect|save|fund|halt|no|"
    r"not|against|back|public|return|take|put|make|give|invest|scrap|restore|reclaim|run|own|"
    r"provide|rebuild|for|cap|limit|curb|abolish|nationalise|nationalize|insource|regulate|"
    r"support|campaign|win|fight|tax|pay|staff|hire|recruit|employ|build|open|stand|act)\b",
    re.IGNORECASE,
)


def title_says_what(ctx: Context) -> list[Finding]:
    title = ctx.motion.title
    out = []
    if GENERIC_TITLES.match(title.strip(" .")) or count_words(title) < 3:
        out.append(
            Finding(
                rule="title-vague",
                severity="warning",
                message="the title does not say what the motion does",
                fix="name the action, e.g. 'Bring children's homes back into public hands'",
                where="title",
            )
        )
    elif not TITLE_VERBS.search(title):
        out.append(
            Finding(
                rule="title-vague",
                severity="advice",
                message="the title names a subject but not what the motion wants",
                fix="put the aim in the title, e.g. 'Keep child protection public'",
                where="title",
            )
        )
    letters = [c for c in title if c.isalpha()]
    if len(letters) > 8 and all(c.isupper() for c in letters):
        out.append(
            Finding(
                rule="title-capitals",
                severity="advice",
                message="a title in capitals is harder to read, as accessibility guidance notes",
                fix="write the title in sentence case",
                where="title",
            )
        )
    return out


def sections_filled(ctx: Context) -> list[Finding]:
    present = {s.kind for s in ctx.document.sections if s.clauses}
    out = []
    if not any(s.acts and s.clauses for s in ctx.document.sections):
        out.append(
            Finding(
                rule="no-action",
                severity="error",
                message="the motion resolves nothing: it has no demands and no clauses of its own",
                fix="add demands ('motiongen demands list') or 'resolves:' clauses",
                where="resolves",
            )
        )
    for key, advice in (
        ("notes", "a fact or two makes the case: add ids from 'notes' in 'motiongen demands show'"),
        ("believes", "say why: add a belief id or a 'text:' under 'believes:'"),
    ):
        if key not in present:
            out.append(
                Finding(
                    rule="empty-section",
                    severity="advice",
                    message=f"the motion has no '{key}' section",
                    fix=advice,
                    where=key,
                )
            )
    calls_on = ctx.motion.calls_on or ctx.profile.defaults.calls_on
    leads = [s.lead for s in ctx.document.sections if s.acts]
    if not calls_on and any("{calls_on}" in lead or "relevant body" in lead for lead in leads):
        out.append(
            Finding(
                rule="no-one-to-act",
                severity="warning",
                message="the motion does not say who is to carry it out",
                fix="add 'calls_on: <the body or officer>'",
                where="calls_on",
            )
        )
    return out


# Two clauses read as one point when the shorter's words (five or more, short words
# aside) are nearly all in the longer: "Children's care should never be run for
# profit" beside "…should never be bought and sold for profit".
REPEAT = 0.75


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.casefold())) - {"the", "a", "an", "of", "to", "and"}


def repeated_clauses(ctx: Context) -> list[Finding]:
    """A clause of the user's own that says again what another clause of its section says
    (a belief typed in that the catalogue's belief above it already holds)."""
    out = []
    for section in ctx.document.sections:
        for later, clause in enumerate(section.clauses):
            if clause.kind != "text":
                continue
            mine = _words(clause.text)
            for earlier in section.clauses[:later]:
                theirs = _words(earlier.text)
                shorter = min(len(mine), len(theirs))
                if shorter >= 5 and len(mine & theirs) / shorter >= REPEAT:
                    out.append(
                        Finding(
                            rule="repeated-clause",
                            severity="advice",
                            message=f"this says again what {_where(ctx, section, earlier)} says "
                            f'("{_excerpt(earlier.text)}")',
                            fix="take one of them out, or say something the other does not",
                            where=_where(ctx, section, clause),
                            clause=_excerpt(clause.text),
                        )
                    )
                    break
    return out


def own_clauses_act(ctx: Context) -> list[Finding]:
    """A clause of the user's own under "resolves" should say what will be done."""
    out = []
    for section, clause in ctx.clauses():
        if not section.acts or clause.kind != "text":
            continue
        ends_with_to = section.lead.rstrip(":").rstrip().endswith(" to")
        first = clause.text.split()[0].lower() if clause.text.split() else ""
        if not ends_with_to and first != "to":
            out.append(
                Finding(
                    rule="resolve-without-action",
                    severity="advice",
                    message="this clause does not read as an action after its lead",
                    fix="start it with 'To …' and a verb: 'To send this motion to our MP'",
                    where=_where(ctx, section, clause),
                    clause=_excerpt(clause.text),
                )
            )
    return out


# --- wording --------------------------------------------------------------------------

PLACEHOLDERS = re.compile(
    r"\[[^\]]{0,40}\b(?:branch|clp|name|date|insert|council|union|organisation|body|"
    r"your|area|town|number|mp|cllr|x+)\b[^\]]{0,40}\]"
    r"|<[^<>]{1,40}>|\bX{3,}\b|\bTBC\b|\bTBA\b|\bTBD\b|\blorem ipsum\b|_{4,}|\.{5,}",
    re.IGNORECASE,
)


def _user_text(ctx: Context) -> Iterator[tuple[str, str, str | None]]:
    """(where, text, excerpt) of everything the user typed."""
    m = ctx.motion
    for key in (
        "title", "submitted_by", "to", "proposer", "seconder", "calls_on", "commission",
        "moved_by",
    ):  # fmt: skip
        value = getattr(m, key)
        if value:
            yield key, value, None
    if m.contact is not None and m.contact.name:
        yield "contact.name", m.contact.name, None
    if isinstance(m.carried_on, Carried) and m.carried_on.meeting:
        yield "carried_on.meeting", m.carried_on.meeting, None
    for section, clause in ctx.clauses():
        if clause.kind == "text":
            yield _where(ctx, section, clause), clause.text, _excerpt(clause.text)


_MARKS = re.compile(f"[{INVISIBLE_MARKS}]")


def invisible_marks(ctx: Context) -> list[Finding]:
    """A bidirectional or zero-width mark, pasted in with a name or a clause, can show
    the words in another order than they are read, or hide some: say where it is."""
    out = []
    for where, text, excerpt in _user_text(ctx):
        found = list(dict.fromkeys(_MARKS.findall(text)))
        if not found:
            continue
        named = ", ".join(
            f"U+{ord(c):04X} {unicodedata.name(c, 'format character').lower()}" for c in found
        )
        out.append(
            Finding(
                rule="invisible-mark",
                severity="warning",
                message=f"this holds a character that shows nothing but can reorder or hide "
                f"the words around it ({named})",
                fix="retype the words, or paste them as plain text; keep the mark only where "
                "a name in a right-to-left script needs it",
                where=where,
                clause=excerpt,
            )
        )
    return out


def placeholders(ctx: Context) -> list[Finding]:
    out = []
    for where, text, excerpt in _user_text(ctx):
        match = PLACEHOLDERS.search(text)
        if match:
            out.append(
                Finding(
                    rule="placeholder",
                    severity="error",
                    message=f"'{match.group(0)}' looks like a gap left in a model motion",
                    fix="fill it in or take it out",
                    where=where,
                    clause=excerpt,
                )
            )
    return out


def guidance(ctx: Context) -> list[Finding]:
    """The 2021 briefing's wording advice, on every clause and the title."""
    texts: list[tuple[str, str, str | None]] = [("title", ctx.motion.title, None)]
    texts += [(_where(ctx, s, c), c.text, _excerpt(c.text)) for s, c in ctx.clauses()]
    out = []
    for rule in ctx.catalogue.guidance.values():
        for where, text, excerpt in texts:
            for match in rule.matches(text):
                out.append(
                    Finding(
                        rule=f"wording:{rule.id}",
                        severity=rule.severity,
                        message=f"'{match.group(0)}': {rule.reason}",
                        fix=f"say '{rule.prefer}'",
                        where=where,
                        source=_cite(ctx.catalogue, rule.sources),
                        clause=excerpt,
                    )
                )
    return out


def proper_form(ctx: Context) -> list[Finding]:
    """Clauses of the user's own that address another body than the profile's."""
    own = {name.lower() for name in ctx.profile.speaks_as}
    names = sorted({*ctx.speakers, *ctx.profile.speaks_as}, key=len, reverse=True)
    if not names:
        return []
    speaking_as = re.compile(r"^(?:" + "|".join(map(re.escape, names)) + r")\b", re.IGNORECASE)
    out = []
    for section, clause in ctx.clauses():
        if clause.kind != "text":
            continue
        match = speaking_as.match(clause.text)
        if match and match.group(0).lower() not in own:
            out.append(
                Finding(
                    rule="proper-form",
                    severity="warning",
                    message=(
                        f"this clause speaks as '{match.group(0)}', but a motion to "
                        f"{ctx.profile.body} speaks as '{ctx.profile.speaks_as[0]}'"
                    ),
                    fix="reword it, or check that the profile is the right one",
                    where=_where(ctx, section, clause),
                    clause=_excerpt(clause.text),
                )
            )
    return out


# --- facts and demands -----------------------------------------------------------------


def evidence_age(ctx: Context) -> list[Finding]:
    when = ctx.motion.meeting_date or ctx.today
    out = []
    for section, clause, fact in ctx.facts():
        if fact.kind != "figure" or fact.year is None:
            continue
        age = when.year - fact.year
        if age > ctx.max_age:
            at = "at the meeting" if ctx.motion.meeting_date else "today"
            out.append(
                Finding(
                    rule="old-evidence",
                    severity="warning",
                    message=(
                        f"the fact '{fact.id}' dates from {fact.year}: {age} years old {at}, "
                        f"more than {ctx.max_age}"
                    ),
                    fix="look for a newer figure; if you keep this one, its year stays in the text",
                    where=_where(ctx, section, clause),
                    source=_cite(ctx.catalogue, fact.sources),
                    clause=_excerpt(clause.text),
                )
            )
    return out


def nations(ctx: Context) -> list[Finding]:
    nation = ctx.motion.nation
    out = []
    facts = [(s, c, f) for s, c, f in ctx.facts()]
    if nation is None:
        narrow = [f for _, _, f in facts if 0 < len(f.holds_for) < len(NATION_NAMES)]
        if narrow:
            out.append(
                Finding(
                    rule="nation-unknown",
                    severity="advice",
                    message=(
                        f"'{narrow[0].id}' holds for {narrow[0].scope} only, and the motion "
                        "does not say which nation it is for"
                    ),
                    fix="add 'nation: england' (or wales, scotland, northern-ireland)",
                    where="nation",
                )
            )
        return out
    name = NATION_NAMES[nation]
    for section, clause, fact in facts:
        if fact.holds_for and nation not in fact.holds_for:
            out.append(
                Finding(
                    rule="fact-elsewhere",
                    severity="warning",
                    message=f"'{fact.id}' holds for {fact.scope}, not {name}",
                    fix=f"use a figure for {name}, or say plainly that it is about {fact.scope}",
                    where=_where(ctx, section, clause),
                    source=_cite(ctx.catalogue, fact.sources),
                    clause=_excerpt(clause.text),
                )
            )
    for section, clause, demand in ctx.demands():
        if nation not in demand.applies_in:
            where_applies = ", ".join(NATION_NAMES[n] for n in demand.applies_in)
            out.append(
                Finding(
                    rule="demand-elsewhere",
                    severity="warning",
                    message=f"'{demand.id}' concerns {where_applies}, not {name}",
                    fix=f"drop it, or find the {name} equivalent",
                    where=_where(ctx, section, clause),
                    clause=_excerpt(clause.text),
                )
            )
    return out


def retired_demands(ctx: Context) -> list[Finding]:
    """A demand that events have overtaken asks for what is already done or gone."""
    out = []
    for section, clause in ctx.clauses():
        if clause.kind != "demand" or clause.ref is None:
            continue
        retired = ctx.catalogue.demands[clause.ref].retired
        if retired is None:
            continue
        instead = [f"note '{ref}' under notes" for ref in retired.notes]
        instead += [f"ask for '{ref}'" for ref in retired.demands]
        out.append(
            Finding(
                rule="retired-demand",
                severity="error",
                message=(
                    f"'{clause.ref}' is retired since {british_date(retired.since)}: {retired.why}"
                ),
                fix=f"take '{clause.ref}' out of demands; instead, " + ", or ".join(instead),
                where=_where(ctx, section, clause),
                source=_cite(ctx.catalogue, retired.sources),
                clause=_excerpt(clause.text),
            )
        )
    return out


MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
DAY_MONTH_YEAR = re.compile(
    r"\b(?:(\d{1,2})(?:st|nd|rd|th)? )?(" + "|".join(MONTHS) + r") (\d{4})\b", re.IGNORECASE
)
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def dates_in(text: str) -> list[dt.date]:
    """The days a clause of the user's own names: "3 August 2027", "2027-08-03"; a month
    alone ("in August 2027") stands for its last day, as the matter may fall late in it."""
    found = []
    for day, month, year in DAY_MONTH_YEAR.findall(text):
        number = MONTHS.index(month.lower()) + 1
        try:
            if day:
                found.append(dt.date(int(year), number, int(day)))
            else:
                following = dt.date(int(year) + number // 12, number % 12 + 1, 1)
                found.append(following - dt.timedelta(days=1))
        except ValueError:
            continue
    for year, month, day in ISO_DATE.findall(text):
        try:
            found.append(dt.date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return found


def _note_dates(ctx: Context) -> list[dt.date]:
    """The latest day each note can be shown to concern, where it can be shown at all."""
    found: list[dt.date] = []
    for section, clause in ctx.clauses():
        if section.acts:
            continue  # what the motion notes or welcomes, not what it asks for
        if clause.kind == "evidence" and clause.ref is not None:
            fact = ctx.catalogue.evidence[clause.ref]
            if fact.arose is not None:
                found.append(fact.arose)
            elif fact.year is not None:
                found.append(dt.date(fact.year, 1, 1))  # only a later year is surely after
        elif clause.kind == "text":
            found += dates_in(clause.text)
    return found


def contemporary(ctx: Context) -> list[Finding]:
    """A conference that takes only motions on matters arising after a cut-off."""
    rule = ctx.profile.contemporary
    if rule is None:
        return []
    m = ctx.motion
    when = m.meeting_date or m.deadline or m.submitted_on or ctx.today
    cut_off, entry = rule.cut_off(when.year)
    if any(day > cut_off for day in _note_dates(ctx)):
        return []
    day = british_date(cut_off)
    if entry is None:
        known = ", ".join(f"{british_date(c.date)} in {c.conference}" for c in rule.cut_offs)
        message = (
            f"no note concerns a matter after {day}; the cut-off for {when.year} is not in "
            f"the profile, so this takes the earliest day seen in past years ({known})"
        )
    else:
        message = f"no note concerns a matter after the {entry.conference} cut-off, {day}"
    firm = entry is not None and entry.verified
    return [
        Finding(
            rule="contemporary",
            severity="warning" if firm else "advice",
            message=f"{message}: {rule.what}",
            fix=(
                "add a note on something that happened after the cut-off, with its date "
                '("On 3 September 2027 …"), or check the cut-off with the conference office'
            ),
            where="notes",
            source=f"{entry.source} ({'verified' if entry.verified else 'not verified'})"
            if entry
            else None,
        )
    ]


def demand_relations(ctx: Context) -> list[Finding]:
    chosen = [d for d in ctx.motion.all_demands() if d in ctx.catalogue.demands]
    out = []
    reported: set[frozenset[str]] = set()
    for demand_id in chosen:
        demand = ctx.catalogue.demands[demand_id]
        for conflict in demand.conflicts:
            pair = frozenset((demand_id, conflict.with_))
            if conflict.with_ in chosen and pair not in reported:
                reported.add(pair)
                out.append(
                    Finding(
                        rule="demands-conflict",
                        severity="warning",
                        message=f"'{demand_id}' and '{conflict.with_}' pull apart: {conflict.why}",
                        fix="keep one, or add a clause saying how they fit together",
                        where="demands",
                    )
                )
        for other in demand.overlaps:
            pair = frozenset((demand_id, other))
            if other in chosen and pair not in reported:
                reported.add(pair)
                out.append(
                    Finding(
                        rule="demands-overlap",
                        severity="advice",
                        message=f"'{demand_id}' and '{other}' overlap",
                        fix="keep both only if the motion needs each; dropping one saves words",
                        where="demands",
                    )
                )
    return out


# A clause that asks whom it calls on to press someone else for the demand, not to
# carry it out: "campaign for the Government to …", "press councils to …".
PRESSING = (
    "campaign", "press ", "lobby ", "ask ", "urge ", "write to ", "call on ", "work with ",
    "support ", "seek ", "make the case", "back ", "push ",
)  # fmt: skip


# A lead under which the body presses someone else ("resolves to write to the
# Secretary of State asking the Government to:", "will press local councils to:").
PRESSING_LEAD = re.compile(r"\b(?:asking|write to|writes to|press|lobby|work with|urge)\b", re.I)


def who_can_act(ctx: Context) -> list[Finding]:
    """Each demand put to someone who can carry it out, or asked to press for it; every
    addressee one who acts on children's care in the motion's nation."""
    out: list[Finding] = []
    for section in ctx.document.sections:
        if not section.acts:
            continue
        actors, known = _asked(ctx, section)
        out += _out_of_nation(ctx, section, actors)
        if PRESSING_LEAD.search(section.lead):
            continue  # the body presses someone else for all of these
        levels = {actor.level for actor in actors}
        for clause in section.clauses:
            if clause.kind != "demand" or clause.ref is None:
                continue
            demand = ctx.catalogue.demands[clause.ref]
            if levels & set(demand.acted_on_by) or clause.text.lower().startswith(PRESSING):
                continue
            if not known:
                continue  # someone motiongen does not know: they may well be able to
            out.append(_cannot_act(ctx, section, clause, demand.id, demand.acted_on_by))
    framed = [lvl for lvl in ctx.profile.framing.levels]
    for section, clause in ctx.clauses():
        if clause.kind == "demand" and clause.ref is not None:
            demand = ctx.catalogue.demands[clause.ref]
            if not set(framed) & set(demand.acted_on_by):
                out.append(
                    Finding(
                        rule="cannot-ask",
                        severity="warning",
                        message=(
                            f"{ctx.profile.body} has no way to ask for '{demand.id}', which only "
                            + " or ".join(LEVEL_WORDS[lvl] for lvl in demand.acted_on_by)
                            + " can carry out"
                        ),
                        fix="drop it, or use a profile for a body that can press for it",
                        where=_where(ctx, section, clause),
                        clause=_excerpt(clause.text),
                    )
                )
    return out


def _asked(ctx: Context, section: Section) -> tuple[list[Actor], bool]:
    """Who the section asks to act (the body itself, where it resolves), and whether
    motiongen knows them."""
    if section.to:
        actors = ctx.catalogue.actors_named(section.to, ctx.profile.kind)
        return actors, bool(actors)
    level = ctx.profile.acts_at
    if level is None:
        return [], False
    own = [a for a in ctx.catalogue.actors.values() if a.level == level]
    return own[:1], bool(own)


def _out_of_nation(ctx: Context, section: Section, actors: list[Actor]) -> list[Finding]:
    """An addressee (or the body itself) who does not act on children's care where the
    motion is for: Westminster in a Scottish motion, a council in Northern Ireland."""
    nation = ctx.motion.nation
    if nation is None:
        return []
    out = []
    for actor in actors:
        if nation in actor.nations:
            continue
        government = ctx.catalogue.government_of(nation)
        instead = f"ask {government.name}" if government else "ask the body that acts there"
        who = f"'{section.lead}' asks {section.to}" if section.to else f"'{section.lead}'"
        out.append(
            Finding(
                rule="devolved",
                severity="error",
                message=(
                    f"{who}, who does not act on children's care in {NATION_NAMES[nation]}"
                    + (f": {actor.note}" if actor.note else "")
                ),
                fix=(
                    f"this is devolved: {instead}, with a section such as "
                    f"'- kind: calls_on' and 'to: {government.name}'"
                    if government
                    else instead
                ),
                where=ctx.document.section_name(section),
            )
        )
    return out


def _cannot_act(
    ctx: Context, section: Section, clause: Clause, demand_id: str, levels: Sequence[str]
) -> Finding:
    """A demand under a section asking someone who can neither do it nor is asked to
    press for it, with whom to ask instead."""
    nation = ctx.motion.nation or "england"
    able = [
        a
        for a in ctx.catalogue.actors.values()
        if a.level in levels
        and nation in a.nations
        and (not a.bodies or ctx.profile.kind in a.bodies)
    ]
    who = section.to or ctx.profile.body
    instead = able[0].name if able else " or ".join(LEVEL_WORDS[lvl] for lvl in levels)
    return Finding(
        rule="cannot-act",
        severity="error",
        message=(
            f"'{demand_id}' is for "
            + " or ".join(LEVEL_WORDS[lvl] for lvl in levels)
            + f" to carry out, and '{section.lead}' asks {who}, who cannot"
        ),
        fix=(
            f"add a section calling on {instead} and move it there, or ask {who} to press "
            f"for it ('campaign for {instead} to …')"
        ),
        where=_where(ctx, section, clause),
        clause=_excerpt(clause.text),
    )


def law_last_checked(ctx: Context) -> list[Finding]:
    """A law or policy read more than a year before the meeting may have moved on."""
    when = ctx.motion.meeting_date or ctx.today
    out = []
    for section, clause, fact in ctx.facts():
        checked = fact.last_checked
        if checked is None or (when - checked).days <= 365:
            continue
        month = british_date(checked).split(" ", 1)[1]
        out.append(
            Finding(
                rule="law-last-checked",
                severity="advice",
                message=f"the fact '{fact.id}' was last checked in {month}",
                fix=f"check whether this has changed since {month}",
                where=_where(ctx, section, clause),
                source=_cite(ctx.catalogue, fact.sources),
                clause=_excerpt(clause.text),
            )
        )
    return out


def opposition_wording(ctx: Context) -> list[Finding]:
    """Wording from before the profile's period ("the next Labour government" once
    Labour governs), in any clause, the user's own and the profile's leads included."""
    period = ctx.profile.period
    when = ctx.motion.meeting_date or ctx.today
    if period is None or period.out_of_date is None or not period.covers(when):
        return []
    wording = period.out_of_date
    texts: list[tuple[str, str, str | None]] = [("title", ctx.motion.title, None)]
    for section in ctx.document.sections:
        texts.append((ctx.document.section_name(section), section.lead, _excerpt(section.lead)))
        texts += [(_where(ctx, section, c), c.text, _excerpt(c.text)) for c in section.clauses]
    out = []
    for where, text, excerpt in texts:
        for pattern in wording.avoid:
            for match in re.finditer(pattern, text, flags=re.IGNORECASE):
                out.append(
                    Finding(
                        rule="opposition-wording",
                        severity="warning",
                        message=f"'{match.group(0)}': {wording.reason}",
                        fix=f"say {wording.prefer}",
                        where=where,
                        clause=excerpt,
                    )
                )
    return out


# --- timing ------------------------------------------------------------------------------


def timing(ctx: Context) -> list[Finding]:
    m = ctx.motion
    notice = ctx.profile.notice
    out = []
    if m.meeting_date and m.meeting_date < ctx.today:
        out.append(
            Finding(
                rule="meeting-passed",
                severity="warning",
                message=f"the meeting date, {british_date(m.meeting_date)}, has passed",
                fix="check meeting_date",
                where="meeting_date",
            )
        )
    elif m.meeting_date and notice and notice.days:
        send_by = m.meeting_date - dt.timedelta(days=notice.days)
        if send_by < ctx.today:
            out.append(
                Finding(
                    rule="notice",
                    severity="warning",
                    message=(
                        f"a motion should go {notice.what} {notice.days} days before the "
                        f"meeting, by {british_date(send_by)}, and that date has passed"
                    ),
                    fix="send it today and ask the chair to accept it late, or aim for the "
                    "next meeting",
                    where="meeting_date",
                    source=_rule_source(ctx.profile, "notice"),
                )
            )
        elif (send_by - ctx.today).days <= 7:
            out.append(
                Finding(
                    rule="notice",
                    severity="advice",
                    message=(
                        f"to give {notice.days} days' notice it must go {notice.what} by "
                        f"{british_date(send_by)}"
                    ),
                    fix="send it this week",
                    where="meeting_date",
                    source=_rule_source(ctx.profile, "notice"),
                )
            )
    if m.deadline and m.deadline < ctx.today:
        out.append(
            Finding(
                rule="deadline-passed",
                severity="warning",
                message=f"the deadline, {british_date(m.deadline)}, has passed",
                fix="check the deadline with the conference office",
                where="deadline",
            )
        )
    if m.deadline and m.meeting_date and m.deadline > m.meeting_date:
        out.append(
            Finding(
                rule="deadline-after-meeting",
                severity="warning",
                message="the deadline falls after the meeting date",
                fix="check both dates",
                where="deadline",
            )
        )
    return out


RULES: list[Rule] = [
    required_fields,
    word_limit,
    title_limit,
    title_says_what,
    sections_filled,
    own_clauses_act,
    repeated_clauses,
    placeholders,
    invisible_marks,
    guidance,
    proper_form,
    evidence_age,
    law_last_checked,
    opposition_wording,
    nations,
    retired_demands,
    contemporary,
    demand_relations,
    who_can_act,
    timing,
]
