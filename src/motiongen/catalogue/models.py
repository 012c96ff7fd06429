"""The catalogue as pydantic models.

``extra="forbid"`` everywhere: a misspelt key in a hand-edited catalogue file
must fail loudly, at its line, rather than vanish.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from motiongen.text import clean

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=2, max_length=80),
]
Nation = Literal["england", "wales", "scotland", "northern-ireland"]
NATIONS: tuple[Nation, ...] = ("england", "wales", "scotland", "northern-ireland")
NATION_NAMES = {
    "england": "England",
    "wales": "Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}
Level = Literal["national", "council", "party", "union"]
Severity = Literal["error", "warning", "advice"]


def _clean(value: object) -> object:

    return clean(value) if isinstance(value, str) else value


# Catalogue text reaches every document: controls are removed as it is read.
Text = Annotated[
    str,
    BeforeValidator(_clean),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceRef(Strict):
    """A point in one of the source documents."""

    source: Id
    at: Text


class Source(Strict):
    id: Id
    file: Text
    title: Text
    author: Text
    body: Text
    kind: Literal[
        "policy-submission", "meeting-notes", "resolution", "briefing", "article", "other"
    ]
    year: int = Field(ge=1900, le=2100)
    date_note: Text | None = None
    points: Text | None = None


class Theme(Strict):
    id: Id
    title: Text
    description: Text


class Conflict(Strict):
    with_: Id = Field(alias="with")
    why: Text


class Demand(Strict):
    id: Id
    title: Text
    theme: Id
    clause: Text
    clause_for: dict[Level, Text] = Field(default_factory=dict)
    acted_on_by: list[Level] = Field(min_length=1)
    applies_in: list[Nation] = Field(default_factory=lambda: list(NATIONS), min_length=1)
    sources: list[SourceRef] = Field(min_length=1)
    evidence: list[Id] = Field(default_factory=list)
    beliefs: list[Id] = Field(default_factory=list)
    overlaps: list[Id] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)

    @field_validator("clause")
    @classmethod
    def _reads_after_to(cls, value: str) -> str:
        if value[0].isupper() or value.endswith((".", ";")):
            raise ValueError(
                "a clause reads after 'to': start it in lower case and end it without a full stop"
            )
        return value

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
    id: Id
    statement: Text
    kind: Literal["figure", "event"] = "figure"
    year: int = Field(ge=1900, le=2100)
    holds_for: list[Nation] = Field(min_length=1)
    scope: Text
    caveat: Text | None = None
    sources: list[SourceRef] = Field(min_length=1)


class Belief(Strict):
    id: Id
    text: Text
    sources: list[SourceRef] = Field(min_length=1)


class GuidanceExamples(Strict):
    fires: list[Text] = Field(min_length=1)
    passes: list[Text] = Field(min_length=1)


class Guidance(Strict):
    id: Id
    avoid: list[Text] = Field(min_length=1)
    prefer: Text
    reason: Text
    severity: Severity = "warning"
    sources: list[SourceRef] = Field(min_length=1)
    examples: GuidanceExamples | None = None

    @field_validator("avoid")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(
                    f"the pattern {pattern!r} is not a valid expression: {exc}"
                ) from None
        return patterns

    def matches(self, text: str) -> list[re.Match[str]]:
        """Every place in ``text`` where this advice is not followed."""
        found: list[re.Match[str]] = []
        for pattern in self.avoid:
            found.extend(re.finditer(pattern, text, flags=re.IGNORECASE))
        return sorted(found, key=lambda m: m.start())


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
