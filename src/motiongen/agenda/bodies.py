"""Which body a motion written elsewhere was written for, read from its evidence.

Who its leads speak as says most ("Congress notes" is a union conference's,
"This Council notes" a council's, "This AGM" Napo's); words elsewhere in the
file settle the rest ("CLP" or "UNISON" beside "This meeting", "Labour's
manifesto" beside "Conference"). What each body is known by is its profile's
``recognise:``, so that a new body brings its own evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from motiongen.profiles import Profile, ProfileSet

SPEAKER_WEIGHT = 2.0  # a lead's speaker against a word elsewhere in the file
WORD_WEIGHT = 0.5
# The words are looked for in the first this many characters: a motion, its
# notes and its names are far shorter, and a pasted document many times longer
# would cost each body's every word a search of all of it.
EVIDENCE_CHARS = 50_000


@dataclass(frozen=True)
class Reading:
    """The body chosen, its score, those close behind, and what it was read from."""

    profile: Profile
    score: float
    close: list[str]
    evidence: list[str]


@cache
def _pattern(word: str) -> re.Pattern[str]:
    """A whole word or phrase; initials ("EC", "TUC") in capitals only."""
    flags = 0 if word.isupper() and len(word) <= 6 else re.IGNORECASE
    phrase = r"\s+".join(re.escape(part) for part in word.split())
    return re.compile(rf"(?<![\w’']){phrase}(?![\w’'])", flags)


_PROFESSION = re.compile(r"\bsocial\s+(?:care\s+)?workers?\b", re.IGNORECASE)
_BODY_NOUN = re.compile(
    r"\b(?:congress|conference|council|meeting|agm|branch|party|forum|assembly)$", re.IGNORECASE
)


def _head(speaker: str) -> str:
    """The body a lead's speaker names: "This BDC of PCS" is the BDC, "That this
    meeting of RCN Congress" is RCN Congress."""
    before, _, after = speaker.partition(" of ")
    return after if after and _BODY_NOUN.search(after) else before


def read_body(speakers: list[str], text: str, profiles: ProfileSet) -> Reading | None:
    """The body whose speakers and words the motion's leads and text show most, or
    None where nothing points anywhere. ``speakers`` are who each lead speaks as."""
    bodies = sorted(profiles.profiles.values(), key=lambda p: p.position)
    text = text[:EVIDENCE_CHARS]
    scores = {p.id: 0.0 for p in bodies}
    evidence: dict[str, list[str]] = {p.id: [] for p in bodies}
    for speaker in speakers:
        head = _head(speaker)
        voted = [p for p in bodies if any(_pattern(s).search(head) for s in p.recognise.speakers)]
        for p in voted:
            scores[p.id] += SPEAKER_WEIGHT / len(voted)
            evidence[p.id].append(f"'{speaker}'")
    shared: dict[str, int] = {}
    for p in bodies:
        for word in {w.lower() for w in p.recognise.words}:
            shared[word] = shared.get(word, 0) + 1
    # "Social workers" is what nearly every motion here is about, whoever moves it: not
    # a union's "workers".
    text = _PROFESSION.sub(" ", text)
    for p in bodies:
        for word in p.recognise.words:
            if _pattern(word).search(text):
                scores[p.id] += WORD_WEIGHT / shared[word.lower()]
                evidence[p.id].append(f"'{word}'")
    best = max(bodies, key=lambda p: (scores[p.id], -p.position))
    if scores[best.id] == 0:
        return None
    close = [p.id for p in bodies if p is not best and scores[p.id] >= 0.9 * scores[best.id] > 0]
    return Reading(best, scores[best.id], close, list(dict.fromkeys(evidence[best.id])))
