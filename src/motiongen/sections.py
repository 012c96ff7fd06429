"""The kinds of section a motion is made of, and who each one speaks to.

A motion is a list of sections, each opened by a lead as printed ("Conference
notes:", "Council therefore requests Cabinet to:") and holding clauses. The
kind says what the section does: a statement of the body (notes, believes,
welcomes…), the body's own decision (resolves, affirms), or a request to
someone else (calls on, asks, requests, instructs, mandates), which names whom it
asks: its addressee. The wording of each body's leads is in its profile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

SectionKind = Literal[
    "notes",
    "believes",
    "welcomes",
    "recognises",
    "supports",
    "condemns",
    "affirms",
    "resolves",
    "calls_on",
    "asks",
    "requests",
    "instructs",
    "mandates",
]
Items = Literal["facts", "beliefs", "demands"]


@dataclass(frozen=True)
class Kind:
    verb: str  # as a lead says it: "calls on {to} to"
    acts: bool  # it decides or asks for something to be done (a motion needs one)
    addressed: bool  # it names whom it asks
    items: Items  # the catalogue entries it draws on: facts, beliefs or demands
    describe: str  # how an amendment names it: "calling on {to}"


KINDS: dict[str, Kind] = {
    "notes": Kind("notes", False, False, "facts", "noting"),
    "believes": Kind("believes that", False, False, "beliefs", "of belief"),
    "welcomes": Kind("welcomes", False, False, "facts", "welcoming"),
    "recognises": Kind("recognises", False, False, "facts", "recognising"),
    "supports": Kind("supports", False, False, "beliefs", "of support"),
    "condemns": Kind("condemns", False, False, "facts", "condemning"),
    "affirms": Kind("affirms", True, False, "beliefs", "affirming"),
    "resolves": Kind("resolves", True, False, "demands", "resolving"),
    "calls_on": Kind("calls on {to} to", True, True, "demands", "calling on {to}"),
    "asks": Kind("asks {to} to", True, True, "demands", "asking {to}"),
    "requests": Kind("requests {to} to", True, True, "demands", "requesting {to}"),
    "instructs": Kind("instructs {to} to", True, True, "demands", "instructing {to}"),
    "mandates": Kind("mandates {to}", True, True, "demands", "mandating {to}"),
}
STATEMENTS = tuple(k for k, v in KINDS.items() if not v.acts)
ACTIONS = tuple(k for k, v in KINDS.items() if v.acts)


def default_lead(kind: str, speaker: str, to: str | None) -> str:
    """'Conference calls on the General Council to:' from the body's speaker and the kind."""
    verb = KINDS[kind].verb.replace("{to}", to or "the relevant body")
    return f"{speaker} {verb}:"


def described(kind: str, to: str | None, lead: str) -> str:
    """The section as an amendment cites it: 'the section calling on the Labour
    Government', or by its lead where it names no one: "the section 'This branch
    notes:'"."""
    info = KINDS.get(kind)
    if info is not None and info.addressed and to:
        return "the section " + info.describe.replace("{to}", to)
    return f"the section '{lead}'"


# How each kind shows in a lead as printed; whom it asks is the named group. The
# kinds that ask someone come first: "resolves to call on X to" asks X.
_LEAD_PATTERNS: tuple[tuple[str, str], ...] = (
    ("calls_on", r"\bcall(?:s|ing)? (?:up)?on (?P<to>.+?) to\b"),
    ("requests", r"\brequest(?:s|ing)? (?P<to>.+?) to\b"),
    ("instructs", r"\binstruct(?:s|ing)? (?P<to>.+?) to\b"),
    ("asks", r"\bask(?:s|ing)? (?P<to>.+?) to\b"),
    ("mandates", r"\bmandat(?:es|ing) (?P<to>.+?)(?: to\b|:?\s*$)"),
    ("resolves", r"\bresolv(?:es|e|ed)\b"),
    ("affirms", r"\b(?:re)?affirms?\b"),
    ("notes", r"\bnot(?:es|e|ing)\b"),
    ("believes", r"\bbeliev(?:es|e)\b"),
    ("welcomes", r"\bwelcom(?:es|e)\b"),
    ("recognises", r"\brecogni[sz](?:es|e)\b"),
    ("supports", r"\bsupports?\b"),
    ("condemns", r"\bcondemns?\b"),
)
_LEADS = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _LEAD_PATTERNS)


def read_lead(lead: str) -> tuple[str, str | None] | None:
    """The kind of a lead as printed, and whom it asks: "Congress calls on the General
    Council to:" is ("calls_on", "the General Council"); None if it says neither."""
    for kind, pattern in _LEADS:
        match = pattern.search(lead)
        if match:
            to = match.groupdict().get("to")
            return kind, to.strip(" ,") if to else None
    return None


def spec_key(kind: str) -> str:
    """The key of a spec's short form that holds what a section of ``kind`` holds: a
    statement's facts are notes, its beliefs believes, and the clauses of a section
    that acts are resolves (mandates for a mandate)."""
    if kind in ("notes", "believes", "mandates"):
        return kind
    info = KINDS[kind]
    if info.acts:
        return "resolves"
    return "notes" if info.items == "facts" else "believes"
