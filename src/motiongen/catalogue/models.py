"""The catalogue as pydantic models.

``extra="forbid"`` everywhere: a misspelt key in a hand-edited catalogue file
must fail loudly, at its line, rather than vanish.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import (
    Field,
    field_validator,
    model_validator,
)

from motiongen.datatypes import (  # noqa: F401 - the shared types, used from here too
    NATION_NAMES,
    NATIONS,
    Id,
    Level,
    Nation,
    Patterns,
    Severity,
    Strict,
    Text,
)


class SourceRef(Strict):
    """A point in one of the source documents."""

    source: Id
    at: Text


SEED_KINDS = ("policy-submission", "meeting-notes", "resolution", "briefing", "article")
PRIMARY_KINDS = ("statistics", "legislation", "regulator", "report", "government")
# Read at second hand: a fact resting on these alone says so in its caveat.
SECONDARY_KINDS = ("press", "summary")


class Source(Strict):
    """A document the catalogue cites: one of the five campaign documents (``file``),
    or a primary source read since (``address``), with its publisher and date."""

    id: Id
    file: Text | None = None
    title: Text
    author: Text | None = None
    body: Text
    short: Text | None = None
    kind: Literal[
        "policy-submission",
        "meeting-notes",
        "resolution",
        "briefing",
        "article",
        "statistics",
        "legislation",
        "regulator",
        "report",
        "government",
        "press",
        "summary",
        "other",
    ]
    publisher: Text | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    published: Text | None = None
    not_after: int | None = Field(default=None, ge=1900, le=2100)
    read: dt.date | None = None
    address: Text | None = None
    date_note: Text | None = None
    points: Text | None = None

    @model_validator(mode="after")
    def _findable(self) -> Source:
        # A reader must be able to find the original: in the archive, or at its address.
        if self.file is None and self.address is None:
            raise ValueError("a source needs 'file' (a campaign document) or 'address'")
        return self

    @property
    def label(self) -> str:
        """How a secretary would name it in a list: "LSWG 2021", "Ofsted 2025"."""
        return self.short or f"{self.body} {self.year or 'undated'}"

    @property
    def latest_year(self) -> int | None:
        """The latest year it can date from: its own year, or, undated, when it was read."""
        if self.year is not None:
            return self.year
        if self.not_after is not None:
            return self.not_after
        return self.read.year if self.read else None

    def citation(self, at: str) -> str:
        """Title, publisher, date, place and address, as a document's source list gives them."""
        when = self.published or (str(self.year) if self.year else "undated")
        text = f"{self.title} ({self.publisher or self.body}, {when}), {at}"
        return f"{text}, {self.address}" if self.address else text


class Theme(Strict):
    id: Id
    title: Text
    description: Text


class Actor(Strict):
    """Someone a motion can ask to act, and what they can deliver.

    ``level`` is what it can carry out: a demand whose ``acted_on_by`` holds the
    level can be put to it. ``names`` are how motions name it ("the Scottish
    Government", "Scottish Ministers"); ``bodies`` limits a name shared by two
    (a Labour motion's "NEC" is the party's, a union's is the union's).
    """

    id: Id
    name: Text
    level: Level
    nations: list[Nation] = Field(min_length=1)
    names: list[Text] = Field(min_length=1)
    bodies: list[Literal["party", "union", "council", "other"]] = Field(default_factory=list)
    note: Text | None = None


class Conflict(Strict):
    with_: Id = Field(alias="with")
    why: Text


TENTATIVE_OPENINGS = ("examine ", "bring forward proposals ", "consider ")


class Retired(Strict):
    """A demand that events have overtaken: its id still resolves, so that an old spec
    file loads, and ``check`` says what to put in its place."""

    since: dt.date
    why: Text
    notes: list[Id] = Field(default_factory=list)  # facts to note in its place
    demands: list[Id] = Field(default_factory=list)  # demands that carry on its aim
    sources: list[SourceRef] = Field(min_length=1)  # where the change is shown

    @model_validator(mode="after")
    def _has_successor(self) -> Retired:
        if not self.notes and not self.demands:
            raise ValueError("a retired demand names what replaces it: 'notes' or 'demands'")
        return self


class Demand(Strict):
    id: Id
    title: Text
    theme: Id
    clause: Text
    tentative: Text | None = None
    note: Text | None = None
    clause_for: dict[Level, Text] = Field(default_factory=dict)
    acted_on_by: list[Level] = Field(min_length=1)
    # Stated for every demand, never assumed: who acts differs by nation (children's
    # services are devolved, and Northern Ireland's councils run none).
    applies_in: list[Nation] = Field(min_length=1)
    sources: list[SourceRef] = Field(min_length=1)
    evidence: list[Id] = Field(default_factory=list)
    beliefs: list[Id] = Field(default_factory=list)
    overlaps: list[Id] = Field(default_factory=list)
    # Demands this one states in full, so that a composite holding both needs only
    # this one. Stronger than ``overlaps``: two demands that overlap are both kept.
    covers: list[Id] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    retired: Retired | None = None

    @field_validator("clause")
    @classmethod
    def _reads_after_to(cls, value: str) -> str:
        if value[0].isupper() or value.endswith((".", ";")):
            raise ValueError(
                "a clause reads after 'to': start it in lower case and end it without a full stop"
            )
        return value

    @model_validator(mode="after")
    def _tentative_reads_so(self) -> Demand:
        # A demand drawn from a proposal to "investigate whether" must not read as settled.
        if self.tentative:
            for text in (self.clause, *self.clause_for.values()):
                if not text.startswith(TENTATIVE_OPENINGS):
                    raise ValueError(
                        "a tentative demand's clause starts with "
                        + " or ".join(f"'{o.strip()}'" for o in TENTATIVE_OPENINGS)
                    )
        return self

    @property
    def firmness(self) -> str:
        """How firm the sources were, in words for ``demands show``."""
        return self.tentative or "the sources ask for this outright"

    @field_validator("clause_for")
    @classmethod
    def _each_reads_after_to(cls, value: dict[str, str]) -> dict[str, str]:
        for text in value.values():
            cls._reads_after_to(text)
        return value

    def clause_at(self, level: str) -> str:
        """The clause as put by a body acting at ``level``."""
        return self.clause_for.get(level, self.clause)  # type: ignore[call-overload]


class Evidence(Strict):
    """A fact. ``kind`` says how it goes out of date: a ``figure`` with the years, a
    ``law`` (a provision or policy) when it may have been changed since
    ``last_checked``; an ``event`` does not. ``year`` is None where the source gives
    none. ``holds_for`` is always stated: a fact cited to the wrong nation is the
    first thing a chair picks on. ``dated`` is the day the matter arose, where the
    source gives it, so that a conference's "contemporary" cut-off can be applied."""

    id: Id
    statement: Text
    kind: Literal["figure", "event", "law"] = "figure"
    year: int | None = Field(default=None, ge=1900, le=2100)
    takes_effect: dt.date | None = None
    dated: dt.date | None = None
    last_checked: dt.date | None = None
    holds_for: list[Nation] = Field(min_length=1)
    scope: Text
    caveat: Text | None = None
    sources: list[SourceRef] = Field(min_length=1)

    @model_validator(mode="after")
    def _law_is_dated(self) -> Evidence:
        if self.kind == "law" and self.last_checked is None:
            raise ValueError("a fact about law or policy needs 'last_checked: YYYY-MM-DD'")
        if self.kind == "figure" and self.year is None:
            raise ValueError("a figure needs the 'year' it describes")
        return self

    @property
    def when(self) -> str:
        """The year for a list, or that the source gives none."""
        return str(self.year) if self.year is not None else "year not given"

    @property
    def arose(self) -> dt.date | None:
        """The day the matter arose, as far as the catalogue knows it."""
        return self.dated or self.takes_effect


class Belief(Strict):
    id: Id
    text: Text
    sources: list[SourceRef] = Field(min_length=1)


class GuidanceExamples(Strict):
    fires: list[Text] = Field(min_length=1)
    passes: list[Text] = Field(min_length=1)


class Guidance(Strict):
    id: Id
    avoid: Patterns
    prefer: Text
    reason: Text
    severity: Severity = "warning"
    sources: list[SourceRef] = Field(min_length=1)
    examples: GuidanceExamples | None = None

    def matches(self, text: str) -> list[re.Match[str]]:
        """Every place in ``text`` where this advice is not followed."""
        found: list[re.Match[str]] = []
        for pattern in self.avoid:
            found.extend(_search(pattern, text))
        return sorted(found, key=lambda m: m.start())


_SEARCHED: dict[tuple[str, str], tuple[re.Match[str], ...]] = {}
_SEARCHED_MAX = 20_000  # pairs of pattern and text remembered; then it starts again


def _search(pattern: str, text: str) -> tuple[re.Match[str], ...]:
    """The matches of a wording pattern, remembered: the same clauses come from the
    catalogue into every motion of a batch, and searching them is most of a check."""
    key = (pattern, text)
    found = _SEARCHED.get(key)
    if found is None:
        if len(_SEARCHED) >= _SEARCHED_MAX:
            _SEARCHED.clear()
        found = _SEARCHED[key] = tuple(re.finditer(pattern, text, flags=re.IGNORECASE))
    return found


class Reply(Strict):
    text: Text
    sources: list[SourceRef] = Field(min_length=1)


class CounterArgument(Strict):
    id: Id
    claim: Text
    against: list[Id] = Field(default_factory=list)
    raised_in: list[SourceRef] = Field(min_length=1)
    replies: list[Reply] = Field(min_length=1)


class CatalogueFile(Strict):
    """What one catalogue file may hold; every section is optional."""

    sources: list[Source] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    demands: list[Demand] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    beliefs: list[Belief] = Field(default_factory=list)
    guidance: list[Guidance] = Field(default_factory=list)
    counter_arguments: list[CounterArgument] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
