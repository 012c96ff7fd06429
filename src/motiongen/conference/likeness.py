"""How much two motions have in common: the words of their subject, and the entries they link.

Compositing joins motions on one subject, and a composite of motions that
share little is two motions stapled together. Two measures, the larger one
counting:

- **words**: the cosine of the two motions' content words (stems, with the
  words every motion uses, such as "notes", "calls", "Conference", set aside),
  each weighted by how often its motion uses it. A motion says its subject
  again and again (a bus motion says "bus" in most clauses), and says "public"
  or "profit" once or twice, so the subject counts most, and two motions that
  share only the language of public ownership stay apart.
- **entries**: the catalogue entries the two motions name or link their words
  to (demands, facts, beliefs), shared entries counting in full and pairs of
  demands the catalogue says overlap counting half.

``RELATED`` is the least of the two that makes two motions one subject.
Measured on motions of our own writing (tests/test_composite_substance.py):
two motions on one subject written by different hands score 0.3 to 0.8 on
words; motions on different subjects that both speak of public ownership (a bus
motion against a children's care motion) 0.04 to 0.12. On a corpus of 36
published motions (bench/conference_corpus.py, 211 pairs to one conference)
the median pair scores 0.05, three social care motions 0.49 to 0.67 with each
other, one resolution in two files 0.98. 0.2 sits between the two kinds with
room either side; a pair near it (0.1 to 0.2: related subjects, such as adult
and children's care) is warned of, which is advice to the meeting, not a refusal.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from motiongen.motion.spec import ById, FreeText, Motion
from motiongen.sections import KINDS

RELATED = 0.2

# Words of any motion or of English, which say nothing of its subject.
_COMMON = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "cannot",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "either",
        "every",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "least",
        "less",
        "like",
        "many",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "others",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "per",
        "same",
        "shall",
        "she",
        "should",
        "since",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "two",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "very",
        "was",
        "we",
        "well",
        "were",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "yet",
        "you",
        "your",
        "motion",
        "motions",
        "note",
        "notes",
        "noted",
        "noting",
        "believe",
        "believes",
        "believed",
        "resolve",
        "resolves",
        "resolved",
        "resolution",
        "call",
        "calls",
        "called",
        "calling",
        "ask",
        "asks",
        "asking",
        "request",
        "requests",
        "instruct",
        "instructs",
        "mandate",
        "mandates",
        "agree",
        "agrees",
        "welcome",
        "welcomes",
        "recognise",
        "recognises",
        "condemn",
        "condemns",
        "affirm",
        "affirms",
        "support",
        "supports",
        "supporting",
        "therefore",
        "conference",
        "congress",
        "council",
        "councils",
        "branch",
        "branches",
        "meeting",
        "agm",
        "clp",
        "clps",
        "party",
        "union",
        "unions",
        "members",
        "member",
        "government",
        "labour",
        "executive",
        "committee",
        "general",
        "secretary",
        "national",
        "local",
        "year",
        "years",
        "new",
        "work",
        "working",
        "ensure",
        "make",
        "made",
        "take",
        "give",
        "continue",
        "including",
        "include",
        "includes",
        "need",
        "needs",
        "people",
    ]
)


def stem(word: str) -> str:
    """A word's stem, crudely but alike for every motion: 'homes' and 'home', 'services' and
    'service', 'funding' and 'fund', 'children's' and 'children'."""
    word = word.casefold().removesuffix("'s").removesuffix("\u2019s")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> Iterator[str]:
    """The stems of the words of ``text`` that can say what it is about."""
    for word in re.findall(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?", text):
        low = word.casefold()
        if len(low) > 2 and low not in _COMMON:
            yielded = stem(low)
            if yielded not in _COMMON:
                yield yielded


def link_ids(item: Any) -> list[str]:
    """The catalogue ids a clause of one's own words is linked to: ``link: an-id``, or a list
    of them; none for a clause that names no entry."""
    link = getattr(item, "link", None)
    if not link:
        return []
    if isinstance(link, str):
        return [link]
    return [str(x) for x in link]


def _ref(item: Any) -> str:
    return str(item.id) if isinstance(item, ById) else str(item)


def clauses(motion: Motion) -> Iterator[tuple[str, Any]]:
    """Every clause of a motion, in either form, with the key of the short form it
    belongs to (demands, notes, believes, resolves, mandates)."""
    for demand in motion.demands:
        yield "demands", demand
    for key in ("notes", "believes", "resolves", "mandates"):
        for item in getattr(motion, key):
            yield key, item
    for section in motion.sections:
        kind = KINDS[section.kind]
        key = {"facts": "notes", "beliefs": "believes"}.get(kind.items, "demands")
        if kind.acts and key != "demands":
            key = "resolves"  # 'affirms': the body's own act on a belief
        for item in section.items:
            yield key, item


def entries(motion: Motion) -> frozenset[str]:
    """The catalogue entries a motion names or links its own words to."""
    found: set[str] = set()
    for _, item in clauses(motion):
        if isinstance(item, FreeText):
            found.update(link_ids(item))
        else:
            found.add(_ref(item))
    return frozenset(found)


def motion_words(motion: Motion, catalogue: Any) -> Counter[str]:
    """The content words of a motion's title and clauses, catalogue entries in their
    catalogue wording, with how often each is said."""
    counts: Counter[str] = Counter(content_words(motion.title))
    for key, item in clauses(motion):
        if isinstance(item, FreeText):
            counts.update(content_words(item.text))
            continue
        ref = _ref(item)
        if key == "demands" and ref in catalogue.demands:
            counts.update(content_words(catalogue.demands[ref].clause))
        elif ref in catalogue.evidence:
            counts.update(content_words(catalogue.evidence[ref].statement))
        elif ref in catalogue.beliefs:
            counts.update(content_words(catalogue.beliefs[ref].text))
    return counts


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(n * b[w] for w, n in a.items() if w in b)
    norm = math.sqrt(sum(n * n for n in a.values())) * math.sqrt(sum(n * n for n in b.values()))
    return dot / norm if norm else 0.0


def entry_likeness(a: Iterable[str], b: Iterable[str], catalogue: Any) -> float:
    """0 (no entry in common) to 1 (the same entries); overlapping demands count half."""
    a, b = frozenset(a), frozenset(b)
    if not a or not b:
        return 0.0
    only_a, only_b = a - b, b - a

    def overlaps(x: str, others: frozenset[str]) -> bool:
        demand = catalogue.demands.get(x)
        if demand is None:
            return False
        return any(
            o in demand.overlaps or (o in catalogue.demands and x in catalogue.demands[o].overlaps)
            for o in others
        )

    near = min(sum(overlaps(x, only_b) for x in only_a), sum(overlaps(y, only_a) for y in only_b))
    return 2 * (len(a & b) + 0.5 * near) / (len(a) + len(b))


@dataclass(frozen=True)
class Profile:
    """What a motion is about, for comparing it with others."""

    words: Counter[str]
    entries: frozenset[str]

    @classmethod
    def of(cls, motion: Motion, catalogue: Any) -> Profile:
        return cls(motion_words(motion, catalogue), entries(motion))


@dataclass(frozen=True)
class Likeness:
    words: float
    entries: float
    shared: tuple[str, ...]  # the content words both say most, for a message

    @property
    def score(self) -> float:
        return max(self.words, self.entries)

    @property
    def related(self) -> bool:
        return self.score >= RELATED


def compare(a: Profile, b: Profile, catalogue: Any) -> Likeness:
    shared = sorted(set(a.words) & set(b.words), key=lambda w: -(a.words[w] * b.words[w]))
    return Likeness(
        cosine(a.words, b.words),
        entry_likeness(a.entries, b.entries, catalogue),
        tuple(shared[:3]),
    )


def subject_words(motion: Motion, catalogue: Any, top: int = 6) -> list[str]:
    """The words a motion says most: what it is about."""
    return [w for w, _ in motion_words(motion, catalogue).most_common(top)]
