"""Where a motion written elsewhere opens its sections, read from the words alone.

A lead is who speaks and what they do: "Congress notes that", "This AGM calls
on Napo to", "The Council calls on the Conservative Opposition to", "We agree:".
Real motions put one at the start of a paragraph, run it on into the first
clause ("Congress believes that good public transport…"), set it in the middle
of a paragraph after a full stop, open it with a phrase of their own ("If
austerity is truly over, Council calls on the government to"), or, after a
preamble such as "This Council:", leave the speaker out ("Notes that").

The grammar is a speaker, a verb from the table below and what the verb takes:
whom it asks and "to", "that", a colon. Each verb gives the section's kind as
motiongen knows it; the lead itself is kept exactly as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The nouns a body speaks as ("This Council", "Congress", "the meeting", "This BDC of
# PCS"), and a union's or party's initials ("Islington NEU", "This LTRC", "The CLP").
_NOUN = (
    r"(?i:congress|conference|council|meeting|agm|branch|party|group|house|committee|"
    r"executive|forum|assembly|association|union|society|caucus|convention)"
)
_INITIALS = r"\(?[A-Z][A-Z0-9]{1,5}\)?(?![\w’'])"
_OF = r"(?:\s+of\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2})?"
_NOT_NAME_WORD = (
    r"(?!(?i:we|i|you|they|it|will|would|should|shall|can|could|must|is|are|was|were|has|"
    r"have|had|to|that|this|these|those|the|and|but|not|who|which)\b)"
)
# Up to six words before the noun: "This bi-annual delegate conference", "< name >
# Constituency Labour Party (CLP)".
_SPEAKER = (
    rf"(?:(?i:that)\s+)?(?:(?i:this|the|our)\s+)?(?:{_NOT_NAME_WORD}[\w’'\-<>]+\s+){{0,6}}?"
    rf"(?:{_NOUN}|{_INITIALS}){_OF}"
    r"|(?i:we|i)|…|\.\.\."
)
# Words between the speaker and the verb.
_ADVERBS = (
    r"(?:\s+(?i:therefore|further|also|fully|again|once\s+again|hereby|strongly|warmly|"
    r"now|formally|unanimously|still|firmly))*"
)

# Each verb as printed, the kind it gives, and what it takes: "to" whom it asks and
# "to" (``addressee``), whom or nothing (``maybe``), or nothing.
_VERBS: tuple[tuple[str, str, str], ...] = (
    (r"call(?:s)?\s+(?:up)?on", "calls_on", "addressee"),
    (r"urges?", "calls_on", "addressee"),
    (r"asks?", "asks", "maybe"),
    (r"requests?", "requests", "maybe"),
    (r"instructs?", "instructs", "addressee"),
    (r"mandates?", "mandates", "addressee"),
    (r"(?:is|are|be)\s+instructed\s+to", "instructs", "speaker"),
    (r"(?:is|are|be)\s+(?:asked|requested)\s+to", "asks", "speaker"),
    (r"calls?\s+for", "resolves", ""),
    (r"resolves?|resolved", "resolves", "to"),
    (r"agrees?", "resolves", "to"),
    (r"pledges?", "resolves", "to"),
    (r"proposes?", "resolves", ""),
    (r"commits?(?:\s+itself)?", "resolves", "to"),
    (r"demands?", "resolves", ""),
    (r"(?:re)?affirms?|assures?|makes\s+the\s+assurance", "affirms", ""),
    (r"notes?", "notes", ""),
    (
        r"welcomes?|congratulates?|(?:is|are)\s+(?:encouraged|pleased|delighted)(?:\s+(?:by|at))?",
        "welcomes",
        "",
    ),
    (r"recogni[sz]es?|acknowledges?", "recognises", ""),
    (r"supports?|endorses?", "supports", ""),
    (
        r"condemns?|deplores?|regrets?|opposes?|(?:is|are)\s+opposed\s+to"
        r"|(?:is|are)\s+appalled(?:\s+(?:at|by))?",
        "condemns",
        "",
    ),
    (
        r"believes?|considers?|(?:is|are)\s+(?:aware|concerned|clear|convinced)|views?"
        r"|understands?|asserts?|insists?|declares?",
        "believes",
        "",
    ),
)
_VERB = "|".join(f"(?P<v{n}>{pattern})" for n, (pattern, _, _) in enumerate(_VERBS))
# "notes and condemns", "welcomes and supports"
_MORE = rf"(?:\s+and\s+(?i:{'|'.join(p for p, _, _ in _VERBS)}))?"
# What may follow the verb before the clause: an aside, "that", a colon.
_TAIL = (
    r"(?:,\s*(?i:however|especially|therefore|also|further|in\s+particular)\s*,)?"
    r"(?:\s+(?i:with\s+(?:great\s+|grave\s+|deep\s+)?(?:concern|alarm|dismay)"
    r"|in\s+the\s+strongest\s+(?:possible\s+)?terms))?"
)
# "resolves that -": a minute's dash after "that" is the lead's, not the clause's.
_END = r"(?:\s+(?i:that)(?:\s+[-–—](?=\s))?)?(?:\s*[:;,](?=\s|$)|\s*:-)?"

# An opening phrase of the motion's own before the speaker: "That said, ".
_OPENING = r"(?:[A-Z][^.;:!?]{0,200}?,\s+)"
# Before "we" or "I", any words: "As the number … approaches the 1000 mark we propose".
_OPENING_WE = (
    r"(?:(?:As|If|When|Since|Because|Given|While|Whilst|Although|Following|After|Now|With)\s"
    r"[^.;:!?,]{0,160}?\s+(?=(?i:we|i)\s))"
)

_SPOKEN = re.compile(rf"{_OPENING}?(?P<speaker>{_SPEAKER}){_ADVERBS}\s+(?i:(?:{_VERB}){_MORE})\b")
_SPOKEN_WE = re.compile(
    rf"{_OPENING_WE}(?P<speaker>(?i:we|i)){_ADVERBS}\s+(?i:(?:{_VERB}){_MORE})\b"
)
_UNSPOKEN = re.compile(rf"(?P<speaker>)(?i:(?:(?:also|further|therefore)\s+)?(?:{_VERB}){_MORE})\b")
_ADDRESSEE = re.compile(r"\s+(?P<to>[^.;:!?]{1,120}?),?\s+to\b")
_ADDRESSEE_COLON = re.compile(r"\s+(?P<to>[^.;:!?]{1,80}?)\s*:")
_NAMED = re.compile(r"\s+(?P<to>(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,4})")
_NOT_A_NAME = re.compile(
    r"\b(?:that|which|who|because|have|has|had|is|are|was|were|be|been|will|would|should|"
    r"can|could|must|hear|say|make|take|give)\b"
)
_TO = re.compile(r"\s+(?i:to)\b")
_RUN_ON = re.compile(
    r"\b(?!(?:of|the|to|by|and|at|in|for|from|with|on|that|as|is|a|an)\s)[a-z]+\s+"
    r"((?:Congress|Conference|This (?:Council|AGM|meeting|branch|CLP|Conference|Congress))\s)"
)
# A second action run on in the same sentence, by the same speaker: "This conference
# believes that … and instructs the service group executive to".
_AND_ASKS = re.compile(
    r"(?<=\s)and\s+(?:also\s+|further\s+)?"
    r"(?P<verb>(?i:instructs|calls\s+(?:up)?on|urges|requests|mandates|asks)\s)"
)
_SENTENCE = re.compile(r"(?<=[.!?])[”\"’')]*\s+(?=[“\"‘'(]?[A-Z…])")


@dataclass(frozen=True)
class Lead:
    """A lead found in a paragraph: where it stands, its kind, whom it asks."""

    start: int
    end: int
    kind: str
    to: str | None
    speaker: str

    def text(self, paragraph: str) -> str:
        return paragraph[self.start : self.end].strip()


def _kind_of(match: re.Match[str]) -> tuple[str, str]:
    for n, (_, kind, takes) in enumerate(_VERBS):
        if match.group(f"v{n}"):
            return kind, takes
    raise AssertionError("a verb matched without a group")  # pragma: no cover


def _lead_at(text: str, pos: int, *, speakerless: bool) -> Lead | None:
    """The lead starting at ``pos`` (the start of a sentence), if one does."""
    if speakerless:
        match = _UNSPOKEN.match(text, pos)
        verbs = match.groupdict().items() if match else ()
        verb = next((v for k, v in verbs if k[0] == "v" and v), "")
        if match and not verb.split()[0].lower().endswith("s"):
            return None  # "Review the pledge" is a clause: after "This Council:" a lead "Notes"
    else:
        match = _SPOKEN.match(text, pos) or _SPOKEN_WE.match(text, pos)
    if match is None:
        return None
    kind, takes = _kind_of(match)
    speaker = match.group("speaker").strip()
    end = match.end()
    to: str | None = None
    if takes in ("addressee", "maybe"):
        found = _ADDRESSEE.match(text, end)
        if found and _plausible(found.group("to")):
            to, end = found.group("to").strip(" ,"), found.end()
        elif (found := _ADDRESSEE_COLON.match(text, end)) and _plausible(found.group("to")):
            to, end = found.group("to").strip(" ,"), found.end() - 1
        elif takes == "maybe" and (found := _NAMED.match(text, end)):
            to, end = found.group("to"), found.end()
        elif takes == "addressee":
            return None  # "calls on" with no one to call on is not a lead
        else:
            kind = "resolves"  # "Requests an urgent report": asks for it, of no one named
    elif takes == "speaker":
        to = speaker
    elif takes == "to" and (found := _TO.match(text, end)):
        end = found.end()
    tail = re.compile(_TAIL + _END).match(text, end)
    if tail:
        end = tail.end()
    return Lead(pos, end, kind, to, speaker)


def _and_asks(text: str, found: list[Lead]) -> list[Lead]:
    """``found`` with each action run on after a lead's clause ("… and instructs the
    NEC to"), where it names whom it asks."""
    more: list[Lead] = []
    for match in _AND_ASKS.finditer(text):
        taken = [*found, *more]
        if match.start() < found[0].end or any(x.start <= match.start() < x.end for x in taken):
            continue
        lead = _lead_at(text, match.start("verb"), speakerless=True)
        if lead is None or lead.to is None:
            continue
        if any(match.start() < x.start < lead.end for x in taken):
            continue
        before = [x for x in found if x.start < match.start()]
        more.append(Lead(match.start(), lead.end, lead.kind, lead.to, before[-1].speaker))
    return sorted([*found, *more], key=lambda x: x.start)


def _plausible(name: str) -> bool:
    """Whom a lead asks is a short name, not a clause run on ("the Government to …")."""
    words = name.split()
    return 0 < len(words) <= 14 and not _NOT_A_NAME.search(name)


def sentence_starts(text: str) -> list[int]:
    """Where each sentence of a paragraph starts."""
    return [0, *(m.end() for m in _SENTENCE.finditer(text))]


def find(text: str, *, speakerless: bool = False, anywhere: bool = False) -> list[Lead]:
    """Every lead in a paragraph, in order. A lead starts a sentence; with
    ``speakerless`` one at the paragraph's start may leave the speaker out ("Notes
    that", after a preamble); with ``anywhere`` the first may start mid-sentence,
    as where a page's heading runs into the motion ("… in the Union Conference
    congratulates")."""
    found: list[Lead] = []
    starts = sentence_starts(text)
    # A page that lost a full stop runs a lead on: "… collective bargaining Congress
    # welcomes …". Only a body's own name, in capitals after a lower-case word, starts one.
    starts += [m.start(1) for m in _RUN_ON.finditer(text)]
    for pos in sorted(set(starts)):
        if found and pos < found[-1].end:
            continue
        lead = _lead_at(text, pos, speakerless=False)
        if lead is None and speakerless and pos == 0:
            lead = _lead_at(text, pos, speakerless=True)
        if lead is not None:
            found.append(lead)
    if found:
        found = _and_asks(text, found)
    if anywhere and not found:
        # The first verb a speaker reaches, with the shortest speaker that reaches it:
        # "… in the Union Conference congratulates" is "Conference congratulates".
        best: Lead | None = None
        for match in re.finditer(rf"\b{_NOUN}\b|\b(?:[Tt]his|[Tt]he)\s+{_NOUN}\b", text):
            if match.start() == 0:
                continue
            lead = _lead_at(text, match.start(), speakerless=False)
            if lead is None:
                continue
            earlier = best is None or lead.end < best.end
            if earlier or (lead.end == best.end and lead.start > best.start):  # type: ignore[union-attr]
                best = lead
        if best is not None:
            found.append(best)
    return found


_PREAMBLE = re.compile(
    rf"^[“\"‘']?(?P<preamble>(?:.{{0,400}}?,\s+)?(?:(?i:that)\s+)?(?:(?i:this|the)\s+)?"
    rf"(?:{_NOUN}|{_INITIALS}){_OF}\s*:-?)(?:\s+|$)"
)


def preamble(text: str) -> str | None:
    """The words every lead shares, where the paragraph opens with them: "This
    Council:", "That this Council:", "In light of …, this Council:"."""
    match = _PREAMBLE.match(text)
    return match.group("preamble") if match else None
