"""Profiles: the rules and wording of each body a motion can go to, as data."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator

from motiongen import datatypes
from motiongen import text as text_rules
from motiongen.datatypes import Id, Level, Patterns, Strict, Text
from motiongen.errors import InputError
from motiongen.io import datafile
from motiongen.paths import config_dir, data_dir
from motiongen.sections import SectionKind, default_lead
from motiongen.text import fill, nearest_hint

REQUIRABLE = ("submitted_by", "to", "proposer", "seconder", "meeting_date", "commission", "nation")
# What a profile rule can be the source for: a required field, or a limit the checks apply.
COVERABLE = (*REQUIRABLE, "word_limit", "title", "notice")


class Sections(Strict):
    """The leads of the body's sections; ``{calls_on}``, ``{body}`` and ``{government}``
    (the motion's nation's government: the Welsh Government for Wales) are filled in.

    ``resolves`` heads the motion's own clauses (``resolves:`` in a spec). Where
    it asks someone else ("Conference calls on {calls_on} to:"), a clause that
    is the body's own act ("To send this motion to …") goes under ``decides``
    instead. ``leads`` words any other kind of section in the body's own way;
    a kind not given reads "<speaker> <verb>:" ("Conference welcomes:").
    """

    notes: Text
    believes: Text
    resolves: Text
    mandates: Text | None = None
    decides: Text | None = None
    leads: dict[SectionKind, Text] = Field(default_factory=dict)


class LevelWording(Strict):
    lead: Text
    item: Text
    # What the section under ``lead`` does, and whom it asks: "calls_on" and
    # "{calls_on}", or "resolves" and none where the body acts itself.
    kind: SectionKind = "calls_on"
    to: Text | None = None

    @field_validator("item")
    @classmethod
    def _has_clause(cls, item: str) -> str:
        if "{clause}" not in item:
            raise ValueError("the item wording must contain {clause}")
        return item


class Framing(Strict):
    """How demands are put, by who can act on them: the body itself first.

    Demands sharing a lead are listed under it, so a motion says "calls on the
    Labour Party to:" once and not before every clause.
    """

    order: list[Level] = Field(min_length=1)
    levels: dict[Level, LevelWording] = Field(min_length=1)


class Defaults(Strict):
    to: Text | None = None
    calls_on: Text | None = None
    commission: Text | None = None


class Notice(Strict):
    days: int = Field(ge=0, le=365)
    what: Text


class Deadline(Strict):
    event: Text
    date: dt.date


class Rule(Strict):
    what: Text
    source: Text
    verified: bool
    # The fields and limits this rule is the source for, so that a finding can cite it.
    covers: list[Literal[COVERABLE]] = Field(default_factory=list)  # type: ignore[valid-type]


class CutOff(Strict):
    """One year's cut-off: motions must concern matters arising after ``date``."""

    conference: int = Field(ge=2000, le=2100)  # the year of the conference
    date: dt.date
    source: Text
    verified: bool


class Contemporary(Strict):
    """A conference's rule that a motion concerns matters arising after a cut-off."""

    what: Text
    cut_offs: list[CutOff] = Field(min_length=1)

    def cut_off(self, year: int) -> tuple[dt.date, CutOff | None]:
        """The cut-off for a conference year, and the entry it comes from; for a year
        not yet published, the earliest day of the year any past cut-off fell on."""
        for entry in self.cut_offs:
            if entry.conference == year:
                return entry.date, entry
        earliest = min(self.cut_offs, key=lambda c: (c.date.month, c.date.day))
        return earliest.date.replace(year=year), None


class DatedWording(Strict):
    """Wording that belonged to an earlier period, and what to say now."""

    avoid: Patterns
    prefer: Text
    reason: Text


class Period(Strict):
    """The political period a profile's wording is written for, so that it can be
    reworded as data when the period ends (an election), with no change of code."""

    since: dt.date
    until: dt.date | None = None
    context: Text
    # How the body's motions name the UK Government in this period ("the Labour
    # Government"): what "{government}" in a lead means for a motion for England.
    government: Text = "the Government"
    out_of_date: DatedWording | None = None

    def covers(self, day: dt.date) -> bool:
        return day >= self.since and (self.until is None or day <= self.until)


class AmendmentRules(Strict):
    """What the body allows in an amendment, each rule with its source."""

    word_limit: int | None = Field(default=None, ge=1, le=10_000)
    word_limit_source: Text | None = None
    notice_days: int | None = Field(default=None, ge=0, le=365)  # due this long before
    notice_source: Text | None = None
    replace_all: bool = True  # "Delete all and replace with ..." is in order
    negative: Rule | None = None  # the rule refusing a direct negative
    rules: list[Rule] = Field(default_factory=list)


class Compositing(Strict):
    """How a conference writes a composite: its heading and whose motions it can join."""

    submitted_by: Text = "Composite {number}, from {bodies}"
    unnumbered: Text = "Composite, from {bodies}"
    accepts: list[Id] = Field(default_factory=list)
    plurals: dict[str, str] = Field(default_factory=dict)

    @field_validator("submitted_by", "unnumbered")
    @classmethod
    def _names_bodies(cls, wording: str) -> str:
        if "{bodies}" not in wording:
            raise ValueError("the wording must contain {bodies}")
        return wording


class Recognise(Strict):
    """How 'motiongen import' tells a motion written for this body: the names its
    leads speak as ("Congress", "This Council") and words elsewhere in it ("TUC",
    "Councillor"), each matched as whole words, case aside. A word several bodies
    list counts for each in part."""

    speakers: list[Text] = Field(default_factory=list)
    words: list[Text] = Field(default_factory=list)


class Profile(Strict):
    id: Id
    position: int = 100
    name: Text
    description: Text
    body: Text
    kind: Literal["party", "union", "council", "other"]
    # The level at which the body itself acts; demands for other levels are put
    # as calls on someone else. None: a body that acts at none of them.
    acts_at: Level | None = None
    # How the body's motions name it ("This branch", "Conference"): a clause of
    # the user's own that speaks as another body is flagged.
    speaks_as: list[Text] = Field(default_factory=list)
    defaults: Defaults = Field(default_factory=Defaults)
    sections: Sections
    framing: Framing
    numbering: Literal["per-section", "continuous"] = "per-section"
    number_format: Literal["1.", "1)", "(1)", "a)"] = "1."
    # Sections at which continuous numbering starts again at 1, as a body's
    # form shows it (UNISON: "calls on the NEC to: 1)... 2)...").
    restart_at: list[SectionKind] = Field(default_factory=list)
    number_single_clause: bool = False  # "1." before a section's only clause
    word_limit: int | None = Field(default=None, ge=1, le=100_000)
    title_word_limit: int | None = Field(default=None, ge=1, le=1000)
    count_title: bool = False
    required: list[Literal[REQUIRABLE]] = Field(default_factory=list)  # type: ignore[valid-type]
    notice: Notice | None = None
    deadlines: list[Deadline] = Field(default_factory=list)
    contemporary: Contemporary | None = None
    period: Period | None = None
    rules: list[Rule] = Field(min_length=1)
    line_width: int | None = Field(default=None, ge=30, le=200)  # characters a numbered line
    amendments: AmendmentRules = Field(default_factory=AmendmentRules)
    address: Text = "Chair, friends"
    composite: Compositing | None = None
    recognise: Recognise = Field(default_factory=Recognise)

    def government(self, devolved: str | None) -> str:
        """Whom "{government}" in a lead names: the nation's own government where
        children's care is devolved to it (``devolved``), else the UK Government as
        the body names it in the period its wording is for."""
        if devolved:
            return devolved
        return self.period.government if self.period else "the Government"

    def lead_values(self, calls_on: str, devolved: str | None = None) -> dict[str, str]:
        """What the placeholders of the body's leads stand for in one motion."""
        return {"calls_on": calls_on, "body": self.body, "government": self.government(devolved)}

    @property
    def speaker(self) -> str:
        """How the body's motions name it at the start of a lead: "This branch"."""
        return self.speaks_as[0] if self.speaks_as else "This meeting"

    def lead(self, kind: str, to: str | None, values: dict[str, str]) -> str:
        """The body's lead for a section of ``kind`` that asks ``to`` (if anyone)."""
        values = {**values, "to": to or values.get("calls_on", "")}
        if kind in self.sections.leads:
            return fill(self.sections.leads[kind], values)
        fixed = {
            "notes": self.sections.notes,
            "believes": self.sections.believes,
            "mandates": self.sections.mandates,
        }.get(kind)
        if fixed:
            return fill(fixed, values)
        if kind == "resolves":
            return fill(
                self.sections.decides or default_lead("resolves", self.speaker, None), values
            )
        return default_lead(kind, self.speaker, values["to"])

    def section_lead(self, kind: str, to: str | None, values: dict[str, str]) -> str:
        """The lead a section of ``kind`` asking ``to`` gets when the spec gives none: the
        lead of the motion's own clauses where it is that section, else ``lead``."""
        own = self.own_section(values)
        if (kind, to) == (own[0], own[2]):
            return own[1]
        return self.lead(kind, to, values)

    def own_section(self, values: dict[str, str]) -> tuple[str, str, str | None]:
        """The kind, lead and addressee of the section the motion's own clauses go under."""
        lead = fill(self.sections.resolves, values)
        if "{calls_on}" in self.sections.resolves:
            return "calls_on", lead, values.get("calls_on")
        return "resolves", lead, None

    def decides_lead(self, values: dict[str, str]) -> str:
        """The lead of the body's own decisions, where its own clauses' lead asks someone else."""
        return self.lead("resolves", None, values)

    def frame(self, levels: Sequence[str]) -> tuple[str, LevelWording]:
        """The level a demand is put at for this body, and the wording for it."""
        for level in self.framing.order:
            if level in levels and level in self.framing.levels:
                return level, self.framing.levels[level]
        first = next(iter(self.framing.levels))
        return first, self.framing.levels[first]

    @property
    def verified(self) -> bool:
        return all(rule.verified for rule in self.rules)

    @property
    def motions(self) -> str:
        """What its motions are called, to begin a sentence: 'Napo AGM motions', but
        'Council notices of motion', not 'Council notice of motion motions'."""
        if self.name.lower().endswith(" of motion"):
            head, _, tail = self.name.rpartition(" of motion")
            return f"{head}s of motion{tail}"
        return f"{self.name} motions"

    def rule_for(self, key: str) -> Rule | None:
        """The rule that is the source for a field or limit, where the profile has one."""
        return next((rule for rule in self.rules if key in rule.covers), None)


@dataclass(frozen=True)
class ProfileSet:
    profiles: dict[str, Profile]
    origins: dict[str, str]

    @property
    def speakers(self) -> tuple[str, ...]:
        """Every name a body's motions speak as, across all the profiles."""
        names = (name for profile in self.profiles.values() for name in profile.speaks_as)
        return tuple(dict.fromkeys(names))

    def get(self, profile_id: str) -> Profile:
        if profile_id in self.profiles:
            return self.profiles[profile_id]
        raise InputError(
            f"there is no profile '{profile_id}'",
            field="profile",
            hint=(
                None
                if difflib.get_close_matches(profile_id, list(self.profiles), n=1, cutoff=0.85)
                else self._named(profile_id)  # a slip of the keys first: 'napo-agn'
            )
            or nearest_hint(profile_id, self.profiles, "profiles")
            + "; 'motiongen profiles list' shows them all",
        )

    def _named(self, profile_id: str) -> str | None:
        """The profile whose name holds a word of the id: 'labour-clp' is a CLP's motion,
        'labour-branch' (named "Labour branch or CLP"), however near 'labour-npf' is."""
        words = [w for w in re.split(r"[^a-z]+", profile_id.lower()) if len(w) >= 3]
        for word in words:
            found = [
                p.id
                for p in self.profiles.values()
                if p.id != profile_id and word in re.findall(r"[a-z]+", p.name.lower())
            ]
            others = [w for w in words if w != word]
            if len(found) > 1 and others:  # 'labour-conf': labour narrows, conf decides
                found = [
                    f
                    for f in found
                    if any(o in f or o in self.profiles[f].name.lower() for o in others)
                ]
            if len(found) == 1:
                name = self.profiles[found[0]].name
                return (
                    f"did you mean '{found[0]}'? It is the profile for {name}; "
                    "'motiongen profiles list' shows them all"
                )
        return None


def _parse(source: datafile.DataFile) -> Profile:
    if not isinstance(source.data, dict):
        raise InputError("a profile file holds one profile's keys", file=source.path, line=1)
    try:
        return Profile.model_validate(source.data)
    except ValidationError as exc:
        raise datafile.validation_error(exc, source, what="profile") from None


@cache
def _builtin() -> tuple[tuple[str, Profile], ...]:
    folder = data_dir("seeds") / "profiles"
    entries = sorted(
        (e for e in folder.iterdir() if e.name.endswith((".yaml", ".yml"))), key=lambda e: e.name
    )
    # Validated once and cached: reading it back builds none of the models' schemas.
    code = (datatypes, sys.modules[__name__], text_rules)
    read = [(str(e), e.read_text(encoding="utf-8")) for e in entries]
    return tuple(
        (name, datafile.load_builtin_checked(text, name, _parse, code, Profile)[1])
        for name, text in read
    )


def user_profile_files(extra: Sequence[str | Path] = ()) -> list[Path]:
    """Profiles in the config folder's ``profiles/``, then any named on the command line."""

    folder = config_dir() / "profiles"
    found = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
    for item in map(Path, extra):
        found.extend(sorted(item.glob("*.y*ml")) if item.is_dir() else [item])
    return found


def load(extra: Sequence[str | Path] = (), *, with_user_files: bool = True) -> ProfileSet:
    profiles: dict[str, Profile] = {}
    origins: dict[str, str] = {}
    files = user_profile_files(extra) if with_user_files else [Path(p) for p in extra]
    pending: list[tuple[str, Profile]] = list(_builtin())
    # Built-in profiles first, then the user's in the order given: a clash is
    # the later file's mistake, whatever order the profiles are listed in.
    for origin, profile in pending:
        origins[profile.id] = origin
    for path in files:
        source = datafile.load(path)
        profile = _parse(source)
        if profile.id in origins:
            raise InputError(
                f"the profile id '{profile.id}' is already used by {origins[profile.id]}",
                file=source.path,
                line=source.line_of(("id",)),
                field="id",
                hint="give your profile an id of its own",
            )
        origins[profile.id] = source.path
        pending.append((source.path, profile))
    pending.sort(key=lambda item: (item[1].position, item[1].name))
    for _, profile in pending:
        profiles[profile.id] = profile
    return ProfileSet(profiles, origins)
