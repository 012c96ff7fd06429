"""Proposes groups of motions to composite, by how much their demands overlap.

For a standing orders committee with forty motions: each motion joins the
group it is most like (on average over the group's members) when that is
close enough, or starts a group of its own. A shared demand counts in full; a
pair of demands the catalogue says overlap counts half; a clause in a motion's
own words counts by the entry it is linked to. A group is never proposed with
two motions in it that share little (``likeness.RELATED``): the test a
composite warns by.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from motiongen.agenda import importer
from motiongen.catalogue import Catalogue
from motiongen.conference import likeness
from motiongen.errors import MotiongenError
from motiongen.motion import spec
from motiongen.motion.spec import Motion
from motiongen.profiles import ProfileSet

THRESHOLD = 0.4  # average likeness (0 to 1) a motion needs to join a group


@dataclass(frozen=True)
class Entry:
    path: Path
    submitted_by: str
    title: str
    profile: str
    demands: frozenset[str]
    in_batch: bool = False  # one of several motions in its file
    motion: Motion | None = field(default=None, compare=False, hash=False, repr=False)


@dataclass
class Group:
    body: str
    members: list[Entry] = field(default_factory=list)
    why: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "body": self.body,
            "why": self.why,
            "motions": [
                {
                    "file": str(m.path),
                    "submitted_by": m.submitted_by,
                    "title": m.title,
                    "demands": sorted(m.demands),
                }
                for m in self.members
            ],
        }


def read(
    paths: Sequence[Path],
    catalogue: Catalogue | None = None,
    profiles: ProfileSet | None = None,
) -> tuple[list[Entry], list[MotiongenError]]:
    """Every motion in the files (spec files, and, given the catalogue and profiles, Word,
    text and Markdown motions imported as composite reads them); a file that cannot be
    used is kept aside, not fatal."""
    entries: list[Entry] = []
    problems: list[MotiongenError] = []
    for path in paths:
        try:
            if catalogue is not None and profiles is not None and importer.is_document(path):
                motions = [importer.import_file(path, catalogue, profiles).motion()]
            else:
                jobs = spec.read(path)
                for job in jobs:
                    if job.motion is None:
                        assert job.error is not None
                        problems.append(job.error)
                motions = [j.motion for j in jobs if j.motion is not None]
                if len(jobs) > 1:
                    entries += [_entry(path, m, in_batch=True) for m in motions]
                    continue
        except MotiongenError as exc:
            problems.append(exc)
            continue
        entries += [_entry(path, m) for m in motions]
    return entries, problems


def _entry(path: Path, m: Motion, *, in_batch: bool = False) -> Entry:
    return Entry(
        path,
        m.submitted_by or m.title,
        m.title,
        m.profile,
        likeness.entries(m),  # the entries it names, and those its own words are linked to
        in_batch=in_batch,
        motion=m,
    )


def _body(profile_id: str, profiles: ProfileSet) -> str:
    """The conference a motion would be composited at: motions to different ones never mix."""
    for profile in profiles.profiles.values():
        if profile.composite is not None and profile_id in (
            profile.composite.accepts or [profile.id]
        ):
            return profile.id
    return profile_id


def group(
    entries: Sequence[Entry],
    catalogue: Catalogue,
    profiles: ProfileSet,
    threshold: float = THRESHOLD,
) -> list[Group]:
    """Groups in order of size, largest first; a motion like no other is a group of one.

    Average-linkage clustering: the two groups most alike (on average over
    every pair of their motions) merge first, until no two are alike enough.
    Unlike joining motions one by one, the result does not depend on the order
    the files were given in.
    """
    bodies = [_body(e.profile, profiles) for e in entries]
    about = [
        likeness.Profile.of(e.motion, catalogue) if e.motion is not None else None for e in entries
    ]

    def apart(i: int, j: int) -> bool:
        a, b = about[i], about[j]
        return a is not None and b is not None and not likeness.compare(a, b, catalogue).related

    def _score(i: int, j: int) -> float:
        """By the entries both name; by their words where one of them names none (a
        motion from elsewhere whose clauses are linked to no catalogue entry)."""
        a, b = entries[i], entries[j]
        if a.demands and b.demands:
            return likeness.entry_likeness(a.demands, b.demands, catalogue)
        if about[i] is None or about[j] is None:
            return 0.0
        return likeness.compare(about[i], about[j], catalogue).words  # type: ignore[arg-type]

    members: dict[int, list[int]] = {i: [i] for i in range(len(entries))}
    sums: dict[tuple[int, int], float] = {}
    heap: list[tuple[float, int, int]] = []
    for i in range(len(entries)):
        for j in range(i + 1, len(entries)):
            if bodies[i] != bodies[j]:
                continue
            score = _score(i, j)
            if score > 0:
                sums[(i, j)] = score
                heapq.heappush(heap, (-score, i, j))
    fresh = len(entries)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if -negative < threshold:
            break
        if a not in members or b not in members:
            continue  # one of them has merged since
        if any(apart(i, j) for i in members[a] for j in members[b]):
            continue  # two motions that share little are never proposed as one composite
        merged = members.pop(a) + members.pop(b)
        new = fresh
        fresh += 1
        for other, its in members.items():
            total = sums.pop(_key(a, other), 0.0) + sums.pop(_key(b, other), 0.0)
            if total > 0:
                sums[(other, new)] = total
                heapq.heappush(heap, (-total / (len(merged) * len(its)), other, new))
        members[new] = merged
    groups = []
    for indexes in members.values():
        found = Group(bodies[indexes[0]], [entries[i] for i in sorted(indexes)])
        found.why = _why(found, catalogue)
        groups.append(found)
    return sorted(groups, key=lambda g: (-len(g.members), entries.index(g.members[0])))


def _key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _why(found: Group, catalogue: Catalogue) -> str:
    size = len(found.members)
    if size == 1:
        return "shares too few demands with any other motion to be composited"
    counts = Counter(d for m in found.members for d in m.demands if d in catalogue.demands)
    by_count: dict[int, list[str]] = {}
    for demand, n in counts.most_common():
        if n > 1:
            by_count.setdefault(n, []).append(demand)
    if not by_count:
        return "their demands or facts overlap, though no demand is in more than one of them"
    parts = [
        f"{'all' if n == size else f'{n} of {size}'} ask for {_join(ids[:4])}"
        for n, ids in sorted(by_count.items(), reverse=True)[:3]
    ]
    return "; ".join(parts)


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
