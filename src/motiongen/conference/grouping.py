"""Proposes groups of motions to composite, by how much their demands overlap.

For a standing orders committee with forty motions: each motion joins the
group it is most like (on average over the group's members) when that is
close enough, or starts a group of its own. A shared demand counts in full; a
pair of demands the catalogue says overlap counts half.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from motiongen.catalogue import Catalogue
from motiongen.errors import MotiongenError
from motiongen.motion import spec
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


def read(paths: Sequence[Path]) -> tuple[list[Entry], list[MotiongenError]]:
    """Every motion in the files; a file that cannot be used is kept aside, not fatal."""
    entries: list[Entry] = []
    problems: list[MotiongenError] = []
    for path in paths:
        try:
            jobs = spec.read(path)
        except MotiongenError as exc:
            problems.append(exc)
            continue
        for job in jobs:
            if job.motion is None:
                assert job.error is not None
                problems.append(job.error)
                continue
            m = job.motion
            entries.append(
                Entry(
                    path,
                    m.submitted_by or path.stem,
                    m.title,
                    m.profile,
                    frozenset(m.all_demands(links=False)),
                    in_batch=len(jobs) > 1,
                )
            )
    return entries, problems


def likeness(a: frozenset[str], b: frozenset[str], catalogue: Catalogue) -> float:
    """0 (nothing in common) to 1 (the same demands)."""
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
    members: dict[int, list[int]] = {i: [i] for i in range(len(entries))}
    sums: dict[tuple[int, int], float] = {}
    heap: list[tuple[float, int, int]] = []
    for i in range(len(entries)):
        for j in range(i + 1, len(entries)):
            if bodies[i] != bodies[j]:
                continue
            score = likeness(entries[i].demands, entries[j].demands, catalogue)
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
        found.why = _why(found)
        groups.append(found)
    return sorted(groups, key=lambda g: (-len(g.members), entries.index(g.members[0])))


def _key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _why(found: Group) -> str:
    size = len(found.members)
    if size == 1:
        return "shares too few demands with any other motion to be composited"
    counts = Counter(d for m in found.members for d in m.demands)
    by_count: dict[int, list[str]] = {}
    for demand, n in counts.most_common():
        if n > 1:
            by_count.setdefault(n, []).append(demand)
    if not by_count:
        return "their demands overlap, though no demand is in more than one of them"
    parts = [
        f"{'all' if n == size else f'{n} of {size}'} ask for {_join(ids[:4])}"
        for n, ids in sorted(by_count.items(), reverse=True)[:3]
    ]
    return "; ".join(parts)


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
