"""A 1,000-motion batch to .docx and .md, against the zip work its documents need.

The zip work is what writing the documents needs at the least: for each motion,
its .docx made from the parts no motion changes (compressed once) with its own
four parts (body, numbering, properties, running header) deflated and
appended, and its .md written; measured in the same run, on one core. Goals:
at most 4 times that, and a batch file in YAML (defaults: and a motions: list)
no slower than the same motions merged from a CSV. Run with the venv's Python:

    .venv/bin/python bench/batch.py [--motions 1000] [--workers N] [--source csv|yaml]
"""

from __future__ import annotations

import argparse
import csv
import io
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
demands: [ban-outsourcing, end-agency-staffing, workforce-stability, unions-campaign-together,
          no-profit-child-protection, community-social-work]
notes: [consultation-2014, residential-care-private-share]
believes: [care-not-for-profit, cuts-in-quality-and-pay]
resolves:
  - text: To send this motion to the regional Local Government committee.
"""
CHANGED = ("word/document.xml", "word/numbering.xml", "docProps/core.xml", "word/header1.xml")


def branches(motions: int) -> list[tuple[str, str, str]]:
    return [(f"Branch {n:04d}", f"Proposer {n}", f"Seconder {n}") for n in range(motions)]


def write_sources(tmp: Path, motions: int) -> tuple[Path, Path, Path]:
    """The model spec with its CSV, and the same motions as one YAML batch file."""
    spec = tmp / "model.yaml"
    spec.write_text(MODEL, encoding="utf-8")
    table = tmp / "branches.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["submitted_by", "proposer", "seconder"])
        writer.writerows(branches(motions))
    batch_file = tmp / "batch.yaml"
    lines = ["defaults:", *("  " + line for line in MODEL.splitlines()), "motions:"]
    for name, proposer, seconder in branches(motions):
        lines += [f"  - submitted_by: {name}", f"    proposer: {proposer}",
                  f"    seconder: {seconder}"]  # fmt: skip
    batch_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return spec, table, batch_file


def zip_work(out: Path, again: Path) -> float:
    """Seconds to write the same documents with zipfile doing only what it must."""
    docs = sorted(out.glob("*.docx"))
    with zipfile.ZipFile(docs[0]) as first:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as unchanged:
            for info in first.infolist():
                if info.filename not in CHANGED:
                    unchanged.writestr(info.filename, first.read(info))
        base = buffer.getvalue()
    own = []
    for path in docs:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            own.append([(name, archive.read(name)) for name in CHANGED if name in names])
    texts = [p.read_bytes() for p in sorted(out.glob("*.md"))]
    again.mkdir()
    start = time.perf_counter()
    for n, parts in enumerate(own):
        buffer = io.BytesIO(base)
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts:
                archive.writestr(name, data)
        (again / f"{n}.docx").write_bytes(buffer.getvalue())
    for n, data in enumerate(texts):
        (again / f"{n}.md").write_bytes(data)
    return time.perf_counter() - start


def measure(motions: int, workers: int | None = None, source: str = "csv") -> tuple[float, float]:
    """Seconds for motiongen's batch (from a CSV merge or a YAML batch file), and for
    the zip work its documents need."""
    from motiongen import catalogue, profiles

    try:
        from motiongen import batch
    except ImportError:  # the code before the batch module had its name, to compare
        from motiongen import build as batch  # type: ignore[attr-defined,no-redef]

    cat = catalogue.load(with_user_files=False)
    found = profiles.load(with_user_files=False)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        spec, table, batch_file = write_sources(tmp, motions)
        out = tmp / "out"
        options = batch.Options(formats=("docx", "md"), out_dir=out, workers=workers)
        start = time.perf_counter()
        if source == "csv":
            results, unusable = batch.build([spec], cat, found, options, merge=table)
        else:
            results, unusable = batch.build([batch_file], cat, found, options)
        ours = time.perf_counter() - start
        failed = [r for r in results if r.error is not None]
        assert not unusable and not failed and len(results) == motions, (unusable, failed[:1])
        baseline = zip_work(out, tmp / "zip")
    return ours, baseline


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--motions", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None, help="default: both cores")
    parser.add_argument("--source", choices=("csv", "yaml"), default="csv")
    args = parser.parse_args()
    ours, baseline = measure(args.motions, args.workers, args.source)
    ratio = ours / baseline
    per = ours / args.motions * 1000
    print(f"motions                  {args.motions}, from a {args.source.upper()}")
    print(f"motiongen build          {ours:7.2f} s  ({per:.1f} ms a motion, docx + md)")
    print(f"the zip work they need   {baseline:7.2f} s")
    print(f"ratio                    {ratio:7.2f} (goal: at most 4)")
    return 0 if ratio <= 4 else 1


if __name__ == "__main__":
    sys.exit(main())
