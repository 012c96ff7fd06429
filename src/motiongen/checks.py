"""Checks a conference office or a sharp chair would make, run before anything is written."""

from __future__ import annotations

from motiongen.catalogue import Catalogue
from motiongen.compose import Document
from motiongen.findings import Finding, ordered
from motiongen.profiles import Profile
from motiongen.spec import Motion
from motiongen.text import count_words

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


def run(motion: Motion, document: Document, catalogue: Catalogue) -> list[Finding]:
    """Every finding for one motion, errors first."""
    findings: list[Finding] = []
    findings += required_fields(motion, document)
    findings += word_limit(document)
    findings += title_limit(document)
    return ordered(findings)


def required_fields(motion: Motion, document: Document) -> list[Finding]:
    profile = document.profile
    out = []
    for key in profile.required:
        value = getattr(motion, key)
        if key in ("to", "commission"):
            value = getattr(document, key)
        if value in (None, ""):
            what, fix = FIELD_NAMES[key]
            out.append(
                Finding(
                    rule="required-field",
                    severity="error",
                    message=f"{profile.name} motions need {what}, and this one has none",
                    fix=fix,
                    where=key,
                    source=_rule_about(profile, key),
                )
            )
    return out


RULE_WORDS = {
    "proposer": ("propos",),
    "seconder": ("second",),
    "submitted_by": ("from a", "sent by", "submitted"),
    "meeting_date": ("before the meeting", "days before"),
    "commission": ("commission",),
}


def _rule_about(profile: Profile, key: str) -> str | None:
    """The source of the profile rule that asks for ``key``, where one does."""
    for rule in profile.rules:
        if any(word in rule.what.lower() for word in RULE_WORDS.get(key, ())):
            state = "verified" if rule.verified else "not verified"
            return f"{rule.source} ({state})"
    return None


def word_limit(document: Document) -> list[Finding]:
    if not document.over_limit:
        return []
    assert document.word_limit is not None
    over = document.words - document.word_limit
    costly = sorted(
        (
            (count_words(c.text), f"{s.key} {c.number.strip('.()')}")
            for s in document.sections
            for c in s.clauses
        ),
        reverse=True,
    )[:3]
    longest = ", ".join(f"{where} ({n} words)" for n, where in costly)
    return [
        Finding(
            rule="word-limit",
            severity="error",
            message=(
                f"{document.words} words, {over} over the limit of {document.word_limit} "
                f"for {document.profile.name}"
            ),
            fix=f"cut {over} words; the longest clauses are {longest}",
            where="whole motion",
            source=_limit_source(document),
        )
    ]


def title_limit(document: Document) -> list[Finding]:
    limit = document.title_word_limit
    if limit is None or document.title_words <= limit:
        return []
    return [
        Finding(
            rule="title-limit",
            severity="error",
            message=f"the title has {document.title_words} words; the limit is {limit}",
            fix=f"shorten the title to {limit} words or fewer",
            where="title",
            source=_limit_source(document),
        )
    ]


def _limit_source(document: Document) -> str:
    for rule in document.profile.rules:
        if "word" in rule.what:
            state = "verified" if rule.verified else "not verified"
            return f"{rule.source} ({state})"
    return document.profile.rules[0].source
