"""Load the catalogue (built in, plus the user's own files) and look things up in it.

The built-in files and any user files are read the same way; ids must be
unique across all of them, and every reference must resolve, so a mistake is
caught at load time with its file and line, not half-way through a motion.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from motiongen import datatypes
from motiongen import text as text_rules
from motiongen.catalogue import models
from motiongen.catalogue.models import (
    Actor,
    Belief,
    CatalogueFile,
    CounterArgument,
    Demand,
    Evidence,
    Guidance,
    Source,
    SourceRef,
    Theme,
)
from motiongen.errors import CatalogueError, InputError
from motiongen.io import datafile
from motiongen.paths import config_dir, data_dir
from motiongen.text import nearest_hint

SECTIONS = (
    "sources", "themes", "demands", "evidence", "beliefs", "guidance", "counter_arguments",
    "actors",
)  # fmt: skip
SECTION_WORDS = {
    "sources": "source",
    "themes": "theme",
    "demands": "demand",
    "evidence": "fact",
    "beliefs": "belief",
    "guidance": "guidance rule",
    "counter_arguments": "counter-argument",
    "actors": "addressee",
}
ENV_VAR = "MOTIONGEN_CATALOGUE"


@dataclass(frozen=True)
class Origin:
    file: str
    line: int | None


@dataclass
class Catalogue:
    """Every entry by section and id, in the order the files give them."""

    sources: dict[str, Source] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    demands: dict[str, Demand] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    beliefs: dict[str, Belief] = field(default_factory=dict)
    guidance: dict[str, Guidance] = field(default_factory=dict)
    counter_arguments: dict[str, CounterArgument] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)

    # --- look-ups that name the nearest id on a miss -----------------------

    def actors_named(self, text: str, body_kind: str) -> list[Actor]:
        """The actors an addressee as printed names ("the NEC, as the employer body"),
        for a body of ``body_kind``, in the order named. A name inside a longer one
        ("Labour" in "the Labour Government") names nobody of its own."""
        said = f" {_plain_words(text)} "
        spans: list[tuple[int, int, Actor]] = []
        for actor in self.actors.values():
            if actor.bodies and body_kind not in actor.bodies:
                continue
            for name in map(_plain_words, actor.names):
                start = said.find(f" {name} ")
                while start != -1:
                    spans.append((start, start + len(name) + 2, actor))
                    start = said.find(f" {name} ", start + 1)
        kept = [
            (start, end, actor)
            for start, end, actor in spans
            if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in spans)
        ]
        named: dict[str, Actor] = {}
        for _, _, actor in sorted(kept, key=lambda span: span[0]):
            named.setdefault(actor.id, actor)
        return list(named.values())

    def government_of(self, nation: str) -> Actor | None:
        """The government that acts on children's care in ``nation`` (it is devolved)."""
        return next(
            (a for a in self.actors.values() if a.level == "national" and nation in a.nations),
            None,
        )

    def devolved_government(self, nation: str | None) -> str | None:
        """The government of ``nation`` where it is not the UK Government; None for
        England or no nation."""
        found = self.government_of(nation) if nation else None
        return found.name if found and found.id != "uk-government" else None

    def demand(self, demand_id: str) -> Demand:
        return self._get("demands", demand_id)

    def fact(self, evidence_id: str) -> Evidence:
        return self._get("evidence", evidence_id)

    def belief(self, belief_id: str) -> Belief:
        return self._get("beliefs", belief_id)

    def _get(self, section: str, key: str) -> Any:
        table: dict[str, Any] = getattr(self, section)
        if key in table:
            return table[key]
        raise InputError(
            f"there is no {SECTION_WORDS[section]} with the id '{key}'",
            hint=nearest_hint(key, table, section),
        )

    def where(self, section: str, key: str) -> Origin | None:
        return self.origins.get((section, key))

    # --- browsing -------------------------------------------------------------

    def demands_in(self, theme: str | None = None) -> list[Demand]:
        if theme is not None and theme not in self.themes:
            raise InputError(
                f"there is no theme '{theme}'",
                field="--theme",
                hint=nearest_hint(theme, self.themes, "themes"),
            )
        return [d for d in self.demands.values() if theme is None or d.theme == theme]

    def search(self, words: Sequence[str], theme: str | None = None) -> list[Demand]:
        """Demands holding every word, best first: title and id count above the clause."""
        terms = [w.casefold() for w in " ".join(words).split() if w.strip()]
        scored: list[tuple[int, int, Demand]] = []
        for order, demand in enumerate(self.demands_in(theme)):
            fields = {
                3: f"{demand.title} {demand.id}".casefold(),
                2: self.themes[demand.theme].title.casefold()
                if demand.theme in self.themes
                else "",
                1: demand.clause.casefold(),
            }
            score = 0
            for term in terms:
                hit = [weight for weight, text in fields.items() if term in text]
                if not hit:
                    break
                score += max(hit)
            else:
                scored.append((-score, order, demand))
        return [d for _, _, d in sorted(scored, key=lambda t: (t[0], t[1]))]

    def cited(self, refs: Iterable[SourceRef]) -> list[tuple[Source, str]]:
        return [(self.sources[r.source], r.at) for r in refs if r.source in self.sources]


def _plain_words(text: str) -> str:
    """Lower case words and nothing else, so "the NEC," and "The NEC" meet."""
    return " ".join(re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'")))


# --- loading ------------------------------------------------------------------


def builtin_files() -> list[tuple[str, str]]:
    """(name, text) of each packaged catalogue file, in a stable order."""
    seeds = data_dir("seeds")
    found = [e for e in seeds.iterdir() if e.is_file() and e.name.endswith((".yaml", ".yml"))]
    return [(str(e), e.read_text(encoding="utf-8")) for e in sorted(found, key=lambda e: e.name)]


def user_files(extra: Sequence[str | Path] = ()) -> list[Path]:
    """The user's catalogue files: the config folder's, then the environment's, then options."""

    files: list[Path] = []
    default = config_dir() / "catalogue.yaml"
    if default.is_file():
        files.append(default)
    env = os.environ.get(ENV_VAR, "")
    files.extend(Path(p) for p in env.split(os.pathsep) if p.strip())
    files.extend(Path(p) for p in extra)
    return files


def load(extra: Sequence[str | Path] = (), *, with_user_files: bool = True) -> Catalogue:
    """The built-in catalogue extended by the user's files (read afresh on every call)."""
    paths = user_files(extra) if with_user_files else [Path(p) for p in extra]
    pending = list(_builtin_parsed())
    pending += [_parse(datafile.load(path)) for path in paths]
    catalogue = Catalogue()
    for source, parsed in pending:
        _merge(catalogue, source, parsed)
    for source, parsed in pending:
        _check_references(catalogue, source, parsed)
    return catalogue


@cache
def _builtin_parsed() -> tuple[tuple[datafile.DataFile, CatalogueFile], ...]:
    # Validated once and cached: reading it back builds none of the models' schemas.
    code = (datatypes, models, sys.modules[__name__], text_rules)
    return tuple(
        datafile.load_builtin_checked(content, name, _validate, code, CatalogueFile)
        for name, content in builtin_files()
    )


def _validate(source: datafile.DataFile) -> CatalogueFile:
    return _parse(source)[1]


def _parse(source: datafile.DataFile) -> tuple[datafile.DataFile, CatalogueFile]:
    data = source.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CatalogueError(
            "a catalogue file holds sections such as 'demands:' and 'evidence:' at the top",
            file=source.path,
            line=1,
        )
    try:
        return source, CatalogueFile.model_validate(data)
    except ValidationError as exc:
        error = datafile.validation_error(exc, source)
        raise CatalogueError(
            error.message, file=error.file, line=error.line, field=error.field, hint=error.hint
        ) from None


def _merge(catalogue: Catalogue, source: datafile.DataFile, parsed: CatalogueFile) -> None:
    for section in SECTIONS:
        table: dict[str, Any] = getattr(catalogue, section)
        for index, entry in enumerate(getattr(parsed, section)):
            line = source.line_of((section, index))
            if entry.id in table:
                first = catalogue.origins[(section, entry.id)]
                raise CatalogueError(
                    f"the {SECTION_WORDS[section]} id '{entry.id}' is already used at "
                    f"{first.file}:{first.line}",
                    file=source.path,
                    line=line,
                    field=f"{section}[{index + 1}].id",
                    hint="give this entry an id of its own",
                )
            table[entry.id] = entry
            catalogue.origins[(section, entry.id)] = Origin(source.path, line)


def _check_references(
    catalogue: Catalogue, source: datafile.DataFile, parsed: CatalogueFile
) -> None:
    def check(ref: str, section: str, loc: tuple[str | int, ...]) -> None:
        table: dict[str, Any] = getattr(catalogue, section)
        if ref not in table:
            raise CatalogueError(
                f"no {SECTION_WORDS[section]} has the id '{ref}'",
                file=source.path,
                line=source.line_of(loc),
                field=datafile.format_loc(loc),
                hint=nearest_hint(ref, table, section),
            )

    def check_sources(refs: list[SourceRef], loc: tuple[str | int, ...]) -> None:
        for j, ref in enumerate(refs):
            check(ref.source, "sources", (*loc, j, "source"))

    for i, d in enumerate(parsed.demands):
        at: tuple[str | int, ...] = ("demands", i)
        check(d.theme, "themes", (*at, "theme"))
        check_sources(d.sources, (*at, "sources"))
        for j, ref in enumerate(d.evidence):
            check(ref, "evidence", (*at, "evidence", j))
        for j, ref in enumerate(d.beliefs):
            check(ref, "beliefs", (*at, "beliefs", j))
        for j, ref in enumerate(d.overlaps):
            check(ref, "demands", (*at, "overlaps", j))
        for j, ref in enumerate(d.covers):
            check(ref, "demands", (*at, "covers", j))
        for j, conflict in enumerate(d.conflicts):
            check(conflict.with_, "demands", (*at, "conflicts", j, "with"))
        if d.retired is not None:
            check_sources(d.retired.sources, (*at, "retired", "sources"))
            for j, ref in enumerate(d.retired.notes):
                check(ref, "evidence", (*at, "retired", "notes", j))
            for j, ref in enumerate(d.retired.demands):
                check(ref, "demands", (*at, "retired", "demands", j))
        if d.id in d.overlaps or d.id in d.covers or d.id in {c.with_ for c in d.conflicts}:
            raise CatalogueError(
                "a demand cannot overlap, cover or conflict with itself",
                file=source.path,
                line=source.line_of(at),
                field=f"demands[{i + 1}]",
            )
    for i, d in enumerate(parsed.demands):
        # covers: means "states in full": two demands cannot each state the other.
        todo, seen = list(d.covers), set()
        while todo:
            other = todo.pop()
            if other == d.id:
                raise CatalogueError(
                    "a demand cannot cover a demand that covers it: one of them says more",
                    file=source.path,
                    line=source.line_of(("demands", i, "covers")),
                    field=f"demands[{i + 1}].covers",
                    hint="keep covers: on the demand that states the other in full",
                )
            if other not in seen and other in catalogue.demands:
                seen.add(other)
                todo += catalogue.demands[other].covers
    for section in ("evidence", "beliefs", "guidance"):
        for i, entry in enumerate(getattr(parsed, section)):
            check_sources(entry.sources, (section, i, "sources"))
    for i, counter in enumerate(parsed.counter_arguments):
        check_sources(counter.raised_in, ("counter_arguments", i, "raised_in"))
        for j, ref in enumerate(counter.against):
            check(ref, "demands", ("counter_arguments", i, "against", j))
        for j, reply in enumerate(counter.replies):
            check_sources(reply.sources, ("counter_arguments", i, "replies", j, "sources"))
