"""Which catalogue entries a clause says, in whatever words the movers say it.

A motion written elsewhere says what a catalogue entry says in words of its own:
"stop every plan to sell off children's services" for "allow no further
privatisation or outsourcing of children's social services". Comparing the words
in order (difflib) finds only copies. Here a clause and an entry are compared as
sets of content words, each cut to its stem (Snowball's English stemmer, so that
"privatised", "privatisation" and "privatization" meet), with the function words
left out and each stem weighted by how rare it is in the catalogue's own words
(Robertson and Spärck Jones's weight: "children" and "services" are in nearly
every entry and say little; "tagging" says a lot). A few words of one root the
stemmer leaves apart are joined ("sold" and "sell"; "outsourcing", "marketisation"
and "privatisation", which the campaign uses for one thing; "no further" and
"stop"), and "social work" is a word of its own.

An entry is every wording of it the catalogue holds: a demand's title, its clause
(and its wording for each level) and the clause as every profile frames it, the
framing weighing little; a fact's statement; a belief's text. The score of an
entry is the largest share of one of its wordings, by weight, that the clause
says, from three telling stems in common. A clause is linked to every entry that
scores ``LINK_AT`` or more, of the tables its section draws on (a call, demands;
a note or a belief, facts and beliefs); an entry from ``NEAR_AT`` is a near miss,
offered, never applied. An entry that names Scotland, Wales or Northern Ireland
needs a clause that names it; a motion that never speaks of children is linked
to nothing, the catalogue being about their care. The figures were chosen on a
corpus of published motions (bench/corpus.py): the right entries for the calls
and paragraphs of the resolution the catalogue draws on, and no false link
across the corpus.

Nothing is downloaded and nothing is learnt: the same clause and catalogue give
the same links on every machine.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from motiongen.catalogue import Catalogue
from motiongen.profiles import Profile, ProfileSet
from motiongen.sections import KINDS
from motiongen.text import fill

# How much of an entry's wording, by weight, a clause must say to be linked to it,
# and to be offered it as a near miss (0 to 1).
LINK_AT = 0.4
NEAR_AT = 0.3
TABLES = ("demands", "evidence", "beliefs")
# The least weight of a stem: one in half the entries or more says next to nothing,
# and does not count among the stems a link needs in common.
WEIGHT_FLOOR = 0.1
# The weight of a word only a profile's framing brings ("lobby", "affiliates").
FRAMING_WEIGHT = 0.5
# Added to the weight of every wording, so that a short one (a title) is not said
# by every clause that shares two or three of its words.
SMOOTHING = 1.0
# A link needs this many telling stems in common (or all of a shorter wording's).
SHARED_MIN = 3

# English function words, and the words every motion and every entry use to frame
# what they say, which tell one entry from another not at all.
STOPWORDS = frozenset(
    """
    a about above across after again against all almost also although always am among an
    and any are aren't as at be because been before being below between both but by can
    cannot could did do does doing done down during each either else even ever every few
    for from further had has have having he her here hers herself him himself his how
    however i if in into is isn't it it's its itself just least less let like made make
    makes many may me might more most much must my myself neither no nor not now of off
    often on once one only or other others otherwise our ours ourselves out over own per
    rather same shall she should since so some such than that the their theirs them
    themselves then there these they this those though through thus to too under until up
    upon us very via was we were what when where whether which while who whom whose why
    will with within without would yet you your yours yourself etc e.g i.e conference
    congress motion motions notes note noted believes believe belief resolves resolve
    resolved calls call called urges urge asks ask requests request instructs instruct
    agrees agree welcomes welcome recognises recognise therefore further government
    governments minister ministers secretary dfe
    """.split()  # noqa: SIM905 (a block of words reads better than a list of strings)
)
# Forms a stemmer cannot join to their verb, and words of one root it cuts apart.
_ROOTS = {
    "child": "children", "chariti": "charit", "sold": "sell", "sale": "sell",
    "bought": "buy", "taken": "take", "took": "take", "left": "leav", "won": "win",
    "spent": "spend", "paid": "pay", "kept": "keep", "held": "hold", "lost": "lose",
    "ran": "run", "brought": "bring", "given": "give", "gave": "give", "staf": "staff",
    # The campaign's words for one thing: services taken into the market.
    "outsourc": "privat", "market": "privat", "halt": "stop", "ceas": "stop", "end": "stop",
}  # fmt: skip

_HYPHENED = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_AMERICAN = re.compile(r"iz(e|es|ed|ing|ation|ations|er|ers)$")


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer  # only when a motion is read (it has no type hints)

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=20_000)
def _stem(word: str) -> str:
    stem: str = _stemmer().stemWord(_AMERICAN.sub(r"is\1", word))
    # "marketisation" and "market", "privatised" and "private": one root.
    if len(stem) > 6 and stem.endswith("is"):
        stem = stem[:-2]
    return _ROOTS.get(stem, stem)


# Phrases of function words that say something: "no further outsourcing" asks that
# it stop, as "all plans … are stopped" does; "social work" is a profession, not
# work: "unions work together" does not say it.
_PHRASES = (
    (re.compile(r"\bno (?:further|more)\b"), " stop "),
    (re.compile(r"\bsocial[ -]work"), " socialwork"),
)


@lru_cache(maxsize=4096)
def stems(text: str) -> frozenset[str]:
    """The content words of ``text``, each cut to its stem."""
    out: set[str] = set()
    text = text.lower().replace("’", "'")
    for pattern, meaning in _PHRASES:
        text = pattern.sub(meaning, text)
    words = _WORD.findall(text)
    # A word written with hyphens is its parts and the whole: "multi-national" says
    # "multinational", "part-privatised" says "privatised".
    words += [w.replace("-", "") for w in _HYPHENED.findall(text)]
    for word in words:
        word = word.removesuffix("'s").removesuffix("'")
        if word in STOPWORDS or len(word) < 2 or (word.isdigit() and len(word) < 4):
            continue
        out.add(_stem(word))
    return frozenset(out)


@dataclass(frozen=True)
class Score:
    """How much of a catalogue entry a clause says: ``ref`` and its score (0 to 1)."""

    ref: str
    score: float
    table: str  # demands, evidence or beliefs

    @property
    def shown(self) -> str:
        """The score as a comment shows it: '0.41'."""
        return f"{self.score:.2f}"


@dataclass(frozen=True)
class _Wording:
    said: frozenset[str]  # every stem of it
    framing: frozenset[str]  # those only a profile's framing brings ("lobby", "press")


@dataclass(frozen=True)
class _Entry:
    ref: str
    table: str
    wordings: tuple[_Wording, ...]  # its own, then as each profile frames it
    own: frozenset[str]  # the stems of its own words, with no profile's framing


class Linker:
    """Scores a clause against every catalogue entry, as the profiles word them.
    ``Linker.of`` gives the one for a catalogue and its profiles, made once."""

    _last: tuple[Catalogue, ProfileSet, Linker] | None = None

    @classmethod
    def of(cls, catalogue: Catalogue, profiles: ProfileSet) -> Linker:
        last = cls._last
        if last is None or last[0] is not catalogue or last[1] is not profiles:
            last = cls._last = (catalogue, profiles, cls(catalogue, profiles.profiles.values()))
        return last[2]

    def __init__(self, catalogue: Catalogue, profiles: Iterable[Profile] = ()) -> None:
        self.entries = list(_entries(catalogue, list(profiles)))
        # How rare a stem is, in the entries' own words: a profile's framing ("calls
        # on the trade union movement to") is round every demand and says nothing.
        df: dict[str, int] = {}
        for entry in self.entries:
            for stem in entry.own:
                df[stem] = df.get(stem, 0) + 1
        n = len(self.entries)
        # Robertson and Spärck Jones's weight: a stem in half the entries or more
        # ("children", "services") tells one from another hardly at all.
        self.weight = {
            s: max(WEIGHT_FLOOR, math.log((n - d + 0.5) / (d + 0.5))) for s, d in df.items()
        }

    def scores(self, clause: str) -> list[Score]:
        """Every entry the clause says something of, best first."""
        said = stems(clause)
        out: list[Score] = []
        for entry in self.entries:
            best = 0.0
            for wording in entry.wordings:
                shared = wording.said & said
                telling = [s for s in shared if self.weight.get(s, 1.0) > WEIGHT_FLOOR]
                if len(telling) < min(SHARED_MIN, len(wording.said)):
                    continue
                if any(not (names & said) for names in _nations(entry.own)):
                    continue  # an entry for Scotland, and a clause that never names it
                total = self._weight(wording.said, wording) + SMOOTHING
                best = max(best, self._weight(shared, wording) / total)
            if best > 0:
                out.append(Score(entry.ref, best, entry.table))
        return sorted(out, key=lambda s: (-s.score, s.ref))

    def _weight(self, found: frozenset[str], wording: _Wording) -> float:
        return sum(
            FRAMING_WEIGHT if s in wording.framing else self.weight.get(s, FRAMING_WEIGHT)
            for s in found
        )

    def link(self, clause: str, tables: Sequence[str] = TABLES) -> tuple[list[Score], list[Score]]:
        """The entries of ``tables`` the clause says (scoring ``LINK_AT`` or more),
        and its near misses (from ``NEAR_AT``), each best first."""
        found = [s for s in self.scores(clause) if s.table in tables]
        linked = [s for s in found if s.score >= LINK_AT]
        near = [s for s in found if NEAR_AT <= s.score < LINK_AT]
        return linked, near

    @staticmethod
    def about(texts: Iterable[str]) -> bool:
        """Whether a motion speaks of children at all: the catalogue is about their
        care, and a motion on buses or adult care that shares its words about public
        services is linked to none of it."""
        children = _children()
        return any(stems(text) & children for text in texts)


@lru_cache(maxsize=1)
def _children() -> frozenset[str]:
    """The stems that say a motion is about children."""
    return frozenset(_stem(w) for w in ("child", "children", "foster", "fostering", "adoption"))


@lru_cache(maxsize=1)
def _nation_names() -> tuple[frozenset[str], ...]:
    """Scotland, Wales and Northern Ireland, each by the stems of its names."""
    return tuple(
        frozenset(_stem(w) for w in names)
        for names in (("scotland", "scottish"), ("wales", "welsh"), ("ireland", "irish"))
    )


def _nations(own: frozenset[str]) -> tuple[frozenset[str], ...]:
    """The nations other than England an entry names: a clause says it only if it
    names them too."""
    return tuple(names for names in _nation_names() if names & own)


def tables_for(kind: str) -> tuple[str, ...]:
    """The catalogue tables a section of ``kind`` can say: what it asks for is a
    demand; what it notes or believes, a fact or a belief."""
    info = KINDS.get(kind)
    if info is None or info.items != "demands":
        return ("evidence", "beliefs")
    return ("demands",)


def _entries(catalogue: Catalogue, profiles: Sequence[Profile]) -> Iterable[_Entry]:
    # How each profile frames a demand at each level ("campaign for the Government
    # to {clause}"), as stems, once.
    frames: list[tuple[str, frozenset[str]]] = []
    for profile in profiles:
        values = profile.lead_values(profile.defaults.calls_on or "")
        for level, wording in profile.framing.levels.items():
            frames.append((level, stems(fill(wording.item, {**values, "clause": ""}))))
    for ref, demand in catalogue.demands.items():
        if demand.retired is not None:
            continue
        own = [demand.title, demand.clause, *demand.clause_for.values()]
        framed = [(stems(demand.clause_at(level)), framing) for level, framing in frames]
        yield _entry(ref, "demands", own, framed)
    for ref, fact in catalogue.evidence.items():
        yield _entry(ref, "evidence", [fact.statement])
    for ref, belief in catalogue.beliefs.items():
        yield _entry(ref, "beliefs", [belief.text])


def _entry(
    ref: str,
    table: str,
    own: list[str],
    framed: Sequence[tuple[frozenset[str], frozenset[str]]] = (),
) -> _Entry:
    """An entry's wordings: its own, then each framed (the clause's stems and the
    framing's, the framing's own words marked to weigh little)."""
    mine = [stems(t) for t in own]
    allowed = frozenset().union(*mine)
    wordings = [_Wording(w, frozenset()) for w in mine]
    for clause, framing in framed:
        wordings.append(_Wording(clause | framing, framing - allowed))
    distinct = tuple(dict.fromkeys(w for w in wordings if w.said))
    return _Entry(ref, table, distinct, allowed)
