"""The checks' findings in the walk-through's words, each with the question that fixes it.

They name what the secretary chose ("the demand 'End agency staffing'", "your own
clause 2"), never a spec key or a section number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from motiongen.catalogue import Catalogue
from motiongen.checks.findings import Finding, ordered
from motiongen.motion.compose import Clause, Document
from motiongen.motion.spec import Motion
from motiongen.sections import spec_key
from motiongen.text import count_words

FIELD_WORDS = {
    "title": ("the title", "title"),
    "submitted_by": ("'Submitted by'", "submitted_by"),
    "to": ("'Where it goes'", "to"),
    "meeting_date": ("the meeting date", "meeting_date"),
    "nation": ("the nation", "nation"),
    "commission": ("the policy commission", "commission"),
    "proposer": ("the proposer", "proposer"),
    "seconder": ("the seconder", "seconder"),
    "calls_on": ("who the motion calls on", ""),
    "demands": ("", "demands"),  # the message names the demands
    "notes": ("the facts", "notes"),
    "believes": ("the beliefs", "believes"),
    "resolves": ("the demands", "demands"),
    "whole motion": ("the motion", "demands"),
}
# Findings whose 'what to do' speaks of spec-file keys: said here in the walk-through's words.
PLAIN_FIXES = {
    "required-field": "fill it in",
    "no-action": "pick at least one demand",
    "nation-unknown": "say which nation it is for",
    "no-one-to-act": "add 'calls_on' to the saved spec file",
}
EMPTY_SECTION = {
    "notes": "the motion notes no facts; a fact or two makes the case",
    "believes": "the motion says nothing it believes; a belief says why",
}
OWN = {"notes": "fact", "believes": "belief", "resolves": "clause", "mandates": "instruction"}


@dataclass(frozen=True)
class Plain:
    """A finding in the walk-through's words, and the question that fixes it."""

    severity: str
    text: str
    short: str  # for a menu: what is wrong, on one line
    step: str  # the question to go back to; '' when none fixes it
    rule: str


def plain_findings(
    findings: list[Finding], doc: Document, catalogue: Catalogue, motion: Motion
) -> list[Plain]:
    """Most serious first."""
    names = _clause_names(doc, catalogue)
    out = []
    for f in ordered(findings):
        subject, step, label = _subject(f, names)
        message = _unkeyed(f.message, catalogue)
        fix = PLAIN_FIXES.get(f.rule, f.fix)
        joined = False
        if label:  # "the fact 'X': the fact 'X' dates from…" says X once
            for lead in (f"the fact {label} ", f"{label} "):
                if message.startswith(lead):
                    # The subject begins the sentence: "The demand 'X' concerns England".
                    message, joined = message[len(lead) :], True
                    break
        if f.rule == "empty-section":
            subject, message, fix = "", EMPTY_SECTION.get(f.where or "", message), ""
        if f.rule == "word-limit":
            text = _over(doc, names)
            out.append(Plain(f.severity, text, text, "demands", f.rule))
            continue
        text = (
            (f"{subject} {message}" if joined else f"{subject}: {message}") if subject else message
        )
        text = text[:1].upper() + text[1:]
        full = f"{text}. {fix[0].upper()}{fix[1:]}." if fix else f"{text}."
        out.append(Plain(f.severity, full, text, step, f.rule))
    return out


Named = tuple[str, str, str, str, int, str]


def _clause_names(doc: Document, catalogue: Catalogue) -> list[Named]:
    """Each clause: (where, its text, what the secretary chose, the question, its words,
    and the quoted name in it, as a message quotes it: "'Cap the profits'").

    Several sections can restart their numbers, so a finding's 'calls on 1' is told
    apart by the start of the clause it quotes.
    """
    names = []
    own: dict[str, int] = {}
    for section in doc.sections:
        for clause in section.clauses:
            where = doc.place(section, clause)
            name, step, label = _name(spec_key(section.kind), clause, catalogue, own)
            names.append((where, clause.text, name, step, count_words(clause.text), label))
    return names


def _name(
    key: str, clause: Clause, catalogue: Catalogue, own: dict[str, int]
) -> tuple[str, str, str]:
    if clause.kind == "demand" and clause.ref in catalogue.demands:
        label = f"'{catalogue.demands[clause.ref].title}'"
        return f"the demand {label}", "demands", label
    if clause.kind == "evidence" and clause.ref:
        label = f"'{_short(clause.text)}'"
        return f"the fact {label}", "notes", label
    if clause.kind == "belief" and clause.ref:
        label = f"'{_short(clause.text)}'"
        return f"the belief {label}", "believes", label
    own[key] = own.get(key, 0) + 1
    return f"your own {OWN.get(key, 'clause')} {own[key]}", f"own-{key}", ""


def _subject(f: Finding, names: list[Named]) -> tuple[str, str, str]:
    """Whom a finding is about, in the walk-through's words; the question that fixes it;
    and the quoted name the message may begin with."""
    if not f.where:
        return "", "", ""
    start = (f.clause or "").rstrip("…")
    for where, text, name, step, _, label in names:
        if where == f.where and text.startswith(start):
            return name, step, label
    subject, step = FIELD_WORDS.get(f.where, ("", ""))
    return subject[:1].upper() + subject[1:], step, ""


def _unkeyed(message: str, catalogue: Catalogue) -> str:
    """Ids in a message replaced by what they are called."""

    def name(match: re.Match[str]) -> str:
        ref = match.group(1)
        if ref in catalogue.demands:
            return f"'{catalogue.demands[ref].title}'"
        if ref in catalogue.evidence:
            return f"'{_short(catalogue.evidence[ref].statement)}'"
        return match.group(0)

    return re.sub(r"'([a-z0-9-]+)'", name, message)


def _over(doc: Document, names: list[Named]) -> str:
    assert doc.word_limit is not None
    over = doc.words - doc.word_limit
    costly = sorted(names, key=lambda n: -n[4])[:3]
    most = ", ".join(f"{name} ({words} words)" for _, _, name, _, words, _ in costly)
    return (
        f"{doc.words} words, {over} over the limit of {doc.word_limit} for "
        f"{doc.profile.name}. Cut {over} words; these cost most: {most}."
    )


def _short(text: str, words: int = 6) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
