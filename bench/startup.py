"""Start-up time of `motiongen --version` against `python -c "import typer"`.

Goal (issue 2): at most 1.5 times. Run with the interpreter of the venv where
motiongen is installed:

    .venv/bin/python bench/startup.py [--runs 30]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def median_ms(command: list[str], runs: int) -> float:
    subprocess.run(command, check=True, capture_output=True)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("motiongen")
    if not script.exists():
        found = shutil.which("motiongen")
        if found is None:
            sys.exit("motiongen is not installed beside this Python; run it with the venv's python")
        script = Path(found)
    baseline = median_ms([sys.executable, "-c", "import typer"], args.runs)
    ours = median_ms([str(script), "--version"], args.runs)
    bare = median_ms([sys.executable, "-c", "pass"], args.runs)
    ratio = ours / baseline
    print(f"python -c pass          {bare:7.1f} ms (median of {args.runs})")
    print(f"python -c 'import typer' {baseline:6.1f} ms")
    print(f"motiongen --version     {ours:7.1f} ms")
    print(f"ratio                   {ratio:7.2f} (goal: at most 1.50)")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
