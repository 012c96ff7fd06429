"""How `amend`'s time grows with the number of changes: one amendment of N changes.

The motion is made here (a notes section of N short numbered clauses, each word
in it once), and each change replaces one word of its own clause, cited by
number: the agenda shape where the work per change must not grow with the
motion. The times
are for reading the two files (YAML), for checking and applying the changes, and
for the whole amend (reading, applying and writing every document: the tracked
changes in Word, the amendment, the motion as amended and its spec). Linear work
shows as a flat "ms a change" column.

    .venv/bin/python bench/amend_scaling.py [--sizes 500,1000,2000,5000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from motiongen import catalogue as catalogues
from motiongen import profiles
from motiongen.agenda import amendments, importer
from motiongen.agenda.amend import AmendOptions, amend
from motiongen.agenda.amended import apply_all

WORDS_A_CLAUSE = 1  # --words-a-clause


def motion_text(clauses: int) -> str:
    lines = [
        "profile: labour-branch",
        "title: A long motion for amending",
        "submitted_by: Anytown Branch Labour Party",
        "resolves:",
        "  - text: To send this motion to our MP.",
        "notes:",
    ]
    for c in range(clauses):
        words = " ".join(f"w{c:03d}x{i:03d}" for i in range(WORDS_A_CLAUSE))
        lines.append(f"  - text: Item {c + 1}, {words}.")
    return "\n".join(lines) + "\n"


def amendment_text(changes: int) -> str:
    lines = ["amends: motion.yaml", "submitted_by: Northby Branch", "changes:"]
    for n in range(changes):
        c, i = divmod(n, WORDS_A_CLAUSE)
        lines += [
            f"  - in: notes {c + 1}",
            f'    delete: "w{c:03d}x{i:03d}"',
            f'    insert: "v{c:03d}x{i:03d}"',
        ]
    return "\n".join(lines) + "\n"


def run(changes: int, folder: Path) -> tuple[float, float, float]:
    """Seconds to read the files, to check and apply the changes, and for the whole
    amend (reading, applying and writing every document)."""
    clauses = -(-changes // WORDS_A_CLAUSE)
    (folder / "motion.yaml").write_text(motion_text(clauses), encoding="utf-8")
    path = folder / "a.yaml"
    path.write_text(amendment_text(changes), encoding="utf-8")
    found = profiles.load(with_user_files=False)
    catalogue = catalogues.load(with_user_files=False)
    start = time.perf_counter()
    file = amendments.read_amendment(path, 1)
    motion, doc = importer.read_motion(folder / "motion.yaml", catalogue, found)
    read = time.perf_counter() - start
    start = time.perf_counter()
    amended = apply_all([file], motion, doc, catalogue)
    assert len(amended.edits) == changes
    applied = time.perf_counter() - start
    start = time.perf_counter()
    options = AmendOptions(
        formats=("docx", "txt"), out_dir=folder / "out", force=True, today=dt.date(2027, 1, 10)
    )
    amend([path], catalogue, found, options)
    whole = time.perf_counter() - start
    return read, applied, whole


def main() -> int:
    global WORDS_A_CLAUSE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,1000,2000,5000")
    parser.add_argument("--words-a-clause", type=int, default=WORDS_A_CLAUSE)
    args = parser.parse_args()
    WORDS_A_CLAUSE = args.words_a_clause
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"{'changes':>8}  {'read s':>7}  {'apply s':>8}  {'whole amend s':>13}  {'ms a change':>11}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(tmp) / str(n)
            folder.mkdir()
            read, applied, whole = run(n, folder)
            print(
                f"{n:>8}  {read:>7.2f}  {applied:>8.2f}  {whole:>13.2f}  {whole / n * 1000:>11.2f}"
            )
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
