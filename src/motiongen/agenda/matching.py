"""Which body a motion is for, and which of its clauses the catalogue already holds.

The body is the one whose wording fits the leads, and, between bodies alike, the
one that words the motion's clauses exactly as the catalogue's; ``best_match``
finds a clause that is an entry's very words. What a clause says in words of its
own is agenda.linking's to find.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from motiongen.agenda.parsing import Found
from motiongen.catalogue import Catalogue
from motiongen.profiles import Profile, ProfileSet
from motiongen.sections import KINDS
from motiongen.text import fill, sentence

# Placeholders of a lead that stand for a name the motion prints ("the Welsh Government").
_NAMED = ("{calls_on}", "{to}", "{government}")
MATCH_AT = 0.8  # how alike, word for word, a clause and an entry's wording are (0 to 1)


# --- which profile, and the catalogue ------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower().replace("’", "'")))


def _lead_pattern(template: str, body: str) -> re.Pattern[str]:
    parts = re.split(r"(\{calls_on\}|\{to\}|\{government\})", template.replace("{body}", body))
    regex = "".join("(.+?)" if p in _NAMED else re.escape(_norm(p)) for p in parts)
    return re.compile(regex.replace(r"\ ", " ") + r"\s*$")


def _leads(profile: Profile) -> list[tuple[str, str, str | None]]:
    """(kind, wording, whom it asks) of every lead this profile writes; whom it asks
    is "{calls_on}" where the lead takes it from the motion."""
    own_kind = "calls_on" if "{calls_on}" in profile.sections.resolves else "resolves"
    out: list[tuple[str, str, str | None]] = [
        ("notes", profile.sections.notes, None),
        ("believes", profile.sections.believes, None),
        (own_kind, profile.sections.resolves, "{calls_on}" if own_kind == "calls_on" else None),
    ]
    if profile.sections.decides:
        out.append(("resolves", profile.sections.decides, None))
    for wording in profile.framing.levels.values():
        out.append((wording.kind, wording.lead, wording.to))
    if profile.sections.mandates:
        out.append(("mandates", profile.sections.mandates, None))
    out += [
        (kind, lead, "{to}" if "{to}" in lead else None)
        for kind, lead in profile.sections.leads.items()
    ]
    return out


@dataclass(frozen=True)
class LeadMatch:
    """A lead read as one of the body's own: its kind, whom it asks, and whether that
    name is the motion's own ``calls_on`` (a lead the body words with "{calls_on}")."""

    kind: str
    to: str | None
    calls_on: bool


def lead_match(profile: Profile, lead: str) -> LeadMatch | None:
    """The kind of a lead as this profile words it, and whom it asks, if it matches.
    Of several wordings that match, the one that leaves least to a name wins."""
    found: list[tuple[int, LeadMatch]] = []
    for kind, template, to in _leads(profile):
        match = _lead_pattern(template, profile.body).fullmatch(_norm(lead))
        if match:
            named = _original_words(lead, match.group(1)) if match.groups() else None
            if to in _NAMED:
                found.append((len(named or ""), LeadMatch(kind, named, to == "{calls_on}")))
            else:
                found.append((len(named or ""), LeadMatch(kind, to, False)))
    if not found:
        return None
    return min(found, key=lambda f: f[0])[1]


def _original_words(lead: str, normalised: str) -> str:
    """The words of ``lead`` that normalise to ``normalised``, with their capitals."""
    words = normalised.split()
    found = re.search(
        r"\W+".join(re.escape(w) for w in words), lead.replace("’", "'"), re.IGNORECASE
    )
    return found.group(0) if found else normalised


def choose_profile(
    sections: list[Found], profiles: ProfileSet, catalogue: Catalogue
) -> tuple[Profile, int, list[str]]:
    """The body whose wording fits the leads best; between bodies whose leads fit
    alike ("This branch notes:"), the one whose own wording of the demands and
    default "calls on" fits. Returns the profile, its score and any left tied."""
    scored = [
        (sum(1 for s in sections if lead_match(p, s.lead)), p) for p in profiles.profiles.values()
    ]
    top = max(score for score, _ in scored)
    tied = [p for score, p in scored if score == top]
    if top == 0:
        return tied[0], 0, []
    if len(tied) > 1:
        finer = [(_fit(p, sections, catalogue), p) for p in tied]
        best = max(score for score, _ in finer)
        tied = [p for score, p in finer if score == best]
    return tied[0], top, [p.id for p in tied[1:]]


def _fit(profile: Profile, sections: list[Found], catalogue: Catalogue) -> int:
    """How many clauses this body would word exactly so, and whether it calls on the same."""
    score = 0
    calls_on = profile.defaults.calls_on or "the relevant body"
    for found in sections:
        matched = lead_match(profile, found.lead)
        if matched and (not matched.calls_on or _norm(matched.to or "") == _norm(calls_on)):
            score += 1  # the lead is this body's word for word
    for found in sections:
        matched = lead_match(profile, found.lead)
        kind = matched.kind if matched else found.kind
        if kind not in KINDS or KINDS[kind].items != "demands":
            continue
        pool = candidates(kind, profile, catalogue, calls_on)
        for clause in found.clauses:
            hit = best_match(clause, pool)
            score += 2 if hit and hit[1] >= 0.999 else 0
    return score


@dataclass(frozen=True)
class Candidate:
    ref: str
    words: list[str]


def candidates(kind: str, profile: Profile, catalogue: Catalogue, calls_on: str) -> list[Candidate]:
    """Every wording of a catalogue entry that could stand in a section of ``kind``."""
    out: list[Candidate] = []
    items = KINDS[kind].items if kind in KINDS else "demands"
    if items == "facts":
        for ref, fact in catalogue.evidence.items():
            out.append(Candidate(ref, _norm(sentence(fact.statement)).split()))
    elif items == "beliefs":
        for ref, belief in catalogue.beliefs.items():
            out.append(Candidate(ref, _norm(sentence(belief.text)).split()))
    else:
        values = profile.lead_values(calls_on)
        for ref, demand in catalogue.demands.items():
            seen: set[str] = set()
            for level, wording in profile.framing.levels.items():
                clause = demand.clause_at(level)
                for text in (fill(wording.item, {**values, "clause": clause}), clause):
                    key = _norm(sentence(text))
                    if key not in seen:
                        seen.add(key)
                        out.append(Candidate(ref, key.split()))
    return out


def best_match(text: str, options: list[Candidate]) -> tuple[str, float] | None:
    words = _norm(text).split()
    best: tuple[str, float] | None = None
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(words)
    for option in options:
        matcher.set_seq1(option.words)
        if matcher.real_quick_ratio() < MATCH_AT or matcher.quick_ratio() < MATCH_AT:
            continue
        ratio = matcher.ratio()
        if ratio >= MATCH_AT and (best is None or ratio > best[1]):
            best = (option.ref, ratio)
    return best
