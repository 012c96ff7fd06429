"""`motiongen composite --group` on 300 motions: a standing orders committee's busy year.

Writes 300 spec files to a temporary folder, each with two to four demands
drawn from a few themes (so there are groups to find), then times reading them
and grouping them, in process and through the command line. Run with the
venv's Python:

    .venv/bin/python bench/grouping.py [--motions 300]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

THEMES = [
    ["nationalise-foster-care", "council-run-childrens-homes", "definancialise"],
    ["end-agency-staffing", "workforce-stability", "living-wage-care-workers"],
    ["keep-ofsted-registration", "independent-regulator", "keep-director-of-childrens-services"],
    ["fund-councils-fairly", "protect-sure-start", "tackle-child-poverty"],
    ["ban-outsourcing", "reverse-2014-regulations", "no-profit-child-protection"],
    ["unions-campaign-together", "local-campaign", "national-care-service"],
]


def write_motions(folder: Path, count: int) -> list[Path]:
    rng = random.Random(15)  # the same motions on every run
    paths = []
    for n in range(count):
        theme = rng.choice(THEMES)
        demands = rng.sample(theme, rng.randint(2, 3))
        if rng.random() < 0.3:  # a stray demand from another theme
            other = rng.choice(rng.choice(THEMES))
            if other not in demands:
                demands.append(other)
        path = folder / f"motion-{n:03d}.yaml"
        path.write_text(
            f"profile: labour-conference\ntitle: Motion {n}\nsubmitted_by: Branch {n} CLP\n"
            f"demands: [{', '.join(demands)}]\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--motions", type=int, default=300)
    args = parser.parse_args()

    from motiongen import catalogue, profiles
    from motiongen.conference import grouping

    cat = catalogue.load(with_user_files=False)
    found = profiles.load(with_user_files=False)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_motions(Path(tmp), args.motions)
        start = time.perf_counter()
        entries, problems = grouping.read(paths)
        read = time.perf_counter() - start
        start = time.perf_counter()
        groups = grouping.group(entries, cat, found)
        grouped = time.perf_counter() - start
        assert not problems, problems
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "motiongen", "composite", "--group", "--json", *map(str, paths)],
            capture_output=True,
            check=False,
        )
        command = time.perf_counter() - start
    sizes = sorted((len(g.members) for g in groups), reverse=True)
    print(f"{args.motions} motions: read {read:.2f} s, grouped {grouped:.2f} s")
    print(f"whole command (start-up, read, group, JSON): {command:.2f} s, exit {done.returncode}")
    print(f"{len(groups)} groups; the largest: {sizes[:8]}")
    return 0 if done.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
