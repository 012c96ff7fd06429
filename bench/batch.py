"""A 1,000-motion batch to .docx and .md, against zipfile alone writing the same parts.

Goal: at most 4 ms a motion with both cores, and at most 2 times the time
zipfile alone takes to write the same documents' parts (every part of every
.docx, deflated, plus the .md files), measured in the same run. Run with the
venv's Python:

    .venv/bin/python bench/batch.py [--motions 1000] [--workers N]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

MODEL = """\
profile: union-branch
title: Keep child protection public
nation: england
meeting_date: 2027-02-03
demands: [ban-outsourcing, end-agency-staffing, living-wage-care-workers, unions-campaign-together,
          no-profit-child-protection, workforce-stability]
notes: [consultation-2014, probation-precedent, residential-care-private-share]
believes: [care-not-for-profit, cuts-in-quality-and-pay]
resolves:
  - text: To send this motion to the regional Local Government committee.
"""


def measure(motions: int, workers: int | None = None) -> tuple[float, float]:
    """Seconds for motiongen's batch, and for zipfile alone writing the same parts."""
    from motiongen import batch, catalogue, profiles

    cat = catalogue.load(with_user_files=False)
    found = profiles.load(with_user_files=False)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        spec = tmp / "model.yaml"
        spec.write_text(MODEL, encoding="utf-8")
        table = tmp / "branches.csv"
        with table.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["submitted_by", "proposer", "seconder"])
            for n in range(motions):
                writer.writerow([f"Branch {n:04d}", f"Proposer {n}", f"Seconder {n}"])

        out = tmp / "out"
        options = batch.Options(formats=("docx", "md"), out_dir=out, workers=workers)
        start = time.perf_counter()
        results, unusable = batch.build([spec], cat, found, options, merge=table)
        ours = time.perf_counter() - start
        failed = [r for r in results if r.error is not None]
        assert not unusable and not failed, (unusable, failed[:1])

        # The same documents' parts, written with zipfile alone.
        docs = sorted(out.glob("*.docx"))
        parts = []
        for path in docs:
            with zipfile.ZipFile(path) as archive:
                parts.append([(i, archive.read(i)) for i in archive.infolist()])
        texts = [p.read_bytes() for p in sorted(out.glob("*.md"))]
        again = tmp / "zip"
        again.mkdir()
        start = time.perf_counter()
        for n, members in enumerate(parts):
            with zipfile.ZipFile(again / f"{n}.docx", "w", zipfile.ZIP_DEFLATED) as archive:
                for info, data in members:
                    archive.writestr(info.filename, data)
        for n, data in enumerate(texts):
            (again / f"{n}.md").write_bytes(data)
        baseline = time.perf_counter() - start
    return ours, baseline


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--motions", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None, help="default: both cores")
    args = parser.parse_args()
    ours, baseline = measure(args.motions, args.workers)
    ratio = ours / baseline
    per = ours / args.motions * 1000
    print(f"motions                  {args.motions}")
    print(f"motiongen build          {ours:7.2f} s  ({per:.1f} ms a motion, docx + md)")
    print(f"zipfile alone, same parts {baseline:6.2f} s")
    print(f"ratio                    {ratio:7.2f} (goal: at most 2.00, and 4 ms a motion)")
    return 0 if ratio <= 2 and per <= 4 else 1


if __name__ == "__main__":
    sys.exit(main())
