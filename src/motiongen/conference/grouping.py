"""Proposes groups of motions to composite, by how much their demands overlap.

For a standing orders committee with forty motions: each motion joins the
group it is most like (on average over the group's members) when that is
close enough, or starts a group of its own. A shared demand counts in full; a
pair of demands the catalogue says overlap counts half.
"""

from __future__ import annotations

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
                Entry(path, m.submitted_by or path.stem, m.title, m.profile, frozenset(m.demands))
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
    """Groups in order of size, largest first; a motion like no other is a group of one."""
    groups: list[Group] = []
    for entry in entries:
        body = _body(entry.profile, profiles)
        best, best_score = None, threshold
        for candidate in groups:
            if candidate.body != body:
                continue
            score = sum(likeness(entry.demands, m.demands, catalogue) for m in candidate.members)
            score /= len(candidate.members)
            if score >= best_score:
                best, best_score = candidate, score
        if best is None:
            best = Group(body)
            groups.append(best)
        best.members.append(entry)
    for found in groups:
        found.why = _why(found)
    return sorted(groups, key=lambda g: -len(g.members))


def _why(found: Group) -> str:
    size = len(found.members)
    if size == 1:
        return "shares too few demands with any other motion to be composited"
    counts = Counter(d for m in found.members for d in m.demands)
    shared = [(d, n) for d, n in counts.most_common() if n > 1]
    if not shared:
        return "their demands overlap, though no demand is in more than one of them"
    parts = [f"{'all' if n == size else f'{n} of {size}'} ask for {d}" for d, n in shared[:4]]
    return "; ".join(parts)
