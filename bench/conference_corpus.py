"""composite and brief over real motions: substance kept, minutes filled, closes on subject.

Each motion in the corpus folder (``bench/corpus/`` by default, a link to a folder
kept outside the repository, or ``--corpus DIR``) is imported as ``motiongen
composite`` and ``motiongen brief`` import it: one file a motion, the pasted text
(``NAME.txt``) where there is one, else ``NAME.pdf.txt``, ``NAME.docx`` or
``NAME.email.txt`` (``--kind docx`` prefers the Word file). Then, in-process:

- **brief**, for every motion, at ``--minutes`` (3): the minutes asked and the
  minutes filled (its spoken words at the code's pace, and the time given to the
  mover's own words), whether that is within 15%, whether the close names the
  motion's subject (shares a content word with its title or its asks), and whether
  it speaks of children's care when the motion does not;
- **composite**, for every pair of motions that go to the same conference: the
  clauses in, kept and left out (by the same words, by ``covers:``, or by a
  conflict left to the meeting), whether motiongen warned that the two share
  little, and the words against the limit.

    .venv/bin/python bench/conference_corpus.py [--corpus DIR] [--minutes 3] [--kind txt|docx]
                                                [--pairs all|none] [--quiet]

The motions are other people's words: the script prints figures and names of
files, never their text.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SUFFIXES = {
    "txt": (".txt", ".pdf.txt", ".docx", ".email.txt"),
    "docx": (".docx", ".txt", ".pdf.txt", ".email.txt"),
}
OFF_SUBJECT = re.compile(r"\bchild|\bcare\b|foster", re.IGNORECASE)


def motions_in(folder: Path, kind: str) -> list[Path]:
    """One file a motion: the first of the kinds wanted that the corpus has."""
    by_name: dict[str, dict[str, Path]] = {}
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.endswith((".truth.yaml", ".yaml", ".json")) or name.startswith("."):
            continue
        for suffix in sorted(SUFFIXES[kind], key=len, reverse=True):
            if name.endswith(suffix):
                by_name.setdefault(name[: -len(suffix)], {})[suffix] = path
                break
    chosen = []
    for _, files in sorted(by_name.items()):
        for suffix in SUFFIXES[kind]:
            if suffix in files:
                chosen.append(files[suffix])
                break
    return chosen


@dataclass
class BriefRow:
    name: str
    asked: float
    filled: float
    words: int
    own: int
    within: bool
    names_subject: bool
    off_subject: bool


def brief_row(path: Path, motion: object, profile: object, cat: object, minutes: float) -> BriefRow:
    from motiongen.conference import brief
    from motiongen.conference.likeness import content_words
    from motiongen.motion.compose import compose

    notes = brief.make(motion, profile, cat, minutes=minutes)  # type: ignore[arg-type]
    document = compose(motion, profile, cat)  # type: ignore[arg-type]
    asks = [c.text for s in document.sections if s.acts for c in s.clauses]
    subject = set(content_words(" ".join([document.title, *asks])))
    close = " ".join(line.text for line in notes.parts[-1].lines)
    whole = " ".join([document.title, *(c.text for s in document.sections for c in s.clauses)])
    filled = notes.seconds / 60
    return BriefRow(
        name=path.name,
        asked=minutes,
        filled=filled,
        words=notes.words,
        own=notes.own_time,
        within=abs(filled - minutes) <= 0.15 * minutes,
        names_subject=bool(set(content_words(close)) & subject),
        off_subject=bool(OFF_SUBJECT.search(close)) and not OFF_SUBJECT.search(whole),
    )


def conference_of(profile_id: str, found: object) -> str | None:
    """The conference a motion to ``profile_id`` is composited at, if any."""
    for profile in found.profiles.values():  # type: ignore[attr-defined]
        if profile.composite is not None and profile_id in (
            profile.composite.accepts or [profile.id]
        ):
            return str(profile.id)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument("--kind", choices=sorted(SUFFIXES), default="txt")
    parser.add_argument("--pairs", choices=("all", "none"), default="all")
    parser.add_argument("--quiet", action="store_true", help="totals only")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: link it (ln -s FOLDER bench/corpus)", file=sys.stderr)
        return 2

    from motiongen import catalogue, profiles
    from motiongen.conference import brief, composite
    from motiongen.errors import MotiongenError

    cat = catalogue.load(with_user_files=False)
    found = profiles.load(with_user_files=False)
    paths = motions_in(args.corpus, args.kind)
    rows: list[BriefRow] = []
    failed: list[tuple[str, str]] = []
    sources: list[composite.Source] = []
    show = print if not args.quiet else (lambda *a, **k: None)
    show(f"brief at {args.minutes:g} minutes ({brief.WORDS_A_MINUTE} words a minute)")
    show(
        "motion | asked | filled | spoken (words at the pace) | words | own time | within 15% "
        "| close names subject | off"
    )
    for path in paths:
        try:
            motion, profile = brief.read(path, cat, found)
            row = brief_row(path, motion, profile, cat, args.minutes)
        except MotiongenError as exc:
            failed.append((path.name, str(exc).splitlines()[0][:120]))
            show(f"{path.name} | could not brief: {failed[-1][1]}")
            continue
        rows.append(row)
        sources.append(composite.source_of(path, motion))
        show(
            f"{row.name} | {row.asked:g} | {row.filled:.2f} | "
            f"{row.words / brief.WORDS_A_MINUTE:.2f} | {row.words} | "
            f"{brief.clock(row.own)} | {'yes' if row.within else 'NO'} | "
            f"{'yes' if row.names_subject else 'NO'} | {'OFF' if row.off_subject else '-'}"
        )
    total = len(rows)
    print(
        f"briefs: {total} of {len(paths)} motions; within 15%: "
        f"{sum(r.within for r in rows)}/{total}; close names the subject: "
        f"{sum(r.names_subject for r in rows)}/{total}; close off the subject: "
        f"{sum(r.off_subject for r in rows)}/{total}; own-words time in "
        f"{sum(bool(r.own) for r in rows)}/{total}; could not brief: {len(failed)}"
    )
    if rows:
        filled = sorted(r.filled for r in rows)
        print(f"minutes filled: least {filled[0]:.2f}, most {filled[-1]:.2f}")
        spoken = sorted(r.words / brief.WORDS_A_MINUTE for r in rows)
        half = sum(s >= args.minutes / 2 for s in spoken)
        print(
            f"minutes of the motion's own material (words at the pace): least {spoken[0]:.2f}, "
            f"median {spoken[len(spoken) // 2]:.2f}, most {spoken[-1]:.2f}; half the time or "
            f"more in {half}/{total}"
        )
    if args.pairs == "none":
        return 0

    show("")
    show("pair | conference | clauses in | kept | left out (same words, covers, conflict) | "
         "likeness | warned | words / limit")  # fmt: skip
    totals: Counter[str] = Counter()
    for a, b in itertools.combinations(sources, 2):
        target = conference_of(a.motion.profile, found)
        if target is None or target != conference_of(b.motion.profile, found):
            totals["pairs not for one conference"] += 1
            continue
        try:
            result = composite.build_from([a, b], cat, found, composite.Request(profile=target))
        except MotiongenError as exc:
            totals["pairs that could not be composited"] += 1
            show(f"{a.path.name} + {b.path.name} | could not: {str(exc).splitlines()[0][:100]}")
            continue
        why = Counter()
        for part in result.parts:
            if part.item is None:
                why["conflict"] += 1
            elif "same words" in part.why or "same entry" in part.why:
                why["same"] += 1
            elif "covers:" in part.why:
                why["covers"] += 1
        kept = sum(1 for i in result.items if i.number)
        score = min((x.likeness.score for x in result.apart), default=None)
        measured = score if score is not None else _score(result, cat)
        warned = bool(result.apart)
        totals["pairs composited"] += 1
        totals["clauses in"] += len(result.parts)
        totals["clauses kept"] += kept
        totals["left out: same words or entry"] += why["same"]
        totals["left out: covers"] += why["covers"]
        totals["left out: conflict for the meeting"] += why["conflict"]
        totals["pairs warned as sharing little"] += warned
        totals["pairs over the limit"] += bool(result.over)
        limit = result.limit or "-"
        show(
            f"{a.path.name} + {b.path.name} | {target} | {len(result.parts)} | {kept} | "
            f"{why['same']}, {why['covers']}, {why['conflict']} | {measured:.2f} | "
            f"{'yes' if warned else 'no'} | {result.document.words} / {limit}"
        )
    print("composites of pairs: " + "; ".join(f"{k}: {v}" for k, v in totals.items()))
    return 0


def _score(result: object, cat: object) -> float:
    from motiongen.conference import likeness

    a, b = result.sources  # type: ignore[attr-defined]
    return likeness.compare(
        likeness.Profile.of(a.motion, cat), likeness.Profile.of(b.motion, cat), cat
    ).score


if __name__ == "__main__":
    sys.exit(main())
