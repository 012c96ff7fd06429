"""The field types every data file shares: ids, nations, levels, clean text, patterns.

The catalogue, the profiles and the spec all validate with these, so they sit
below all three.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
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


def _compiles(pattern: str) -> str:
    from motiongen.patterns import problem

    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"the pattern {pattern!r} is not a valid expression: {exc}") from None
    why = problem(pattern)
    if why is not None:
        raise ValueError(f"the pattern {pattern!r} could run for minutes or for ever: {why}")
    return pattern


# Regular expressions for wording to avoid: each must compile when the file is read,
# and none may have a shape that takes exponential time (patterns.problem); each is
# checked on its own, so that a refusal names its line.
Patterns = Annotated[list[Annotated[Text, AfterValidator(_compiles)]], Field(min_length=1)]


class Strict(BaseModel):
    # defer_build: the built-in catalogue and profiles are read back from the cache
    # already validated, so a schema is built only when a user's own file is read.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
