"""Every command as a whole process, each against what its libraries alone cost.

The floors are measured in the same run as the commands: a pydantic model
defined and used once, with ruamel.yaml (what `check` needs: the floor of
`check`), and with jinja2 and lxml too (what writing documents needs: the
floor of everything else). No command can be quicker than its floor. Goals:

- `check` and `build` of one example at most 1.4 times their floor;
- `import`, `amend`, `composite` and `brief` at most 1.6 times theirs;
- the browsing commands at most 1.5 times `python -c "import typer"`;
- a first run, with an empty cache, at most 1.5 times a warm run (`check`,
  `demands list`: the first thing a new user sees);
- a 1,000-motion batch written from a YAML batch file no slower than the same
  motions from a CSV merge (within 5%, the noise of one run), and at most 4
  times the zip work its documents need (``bench/batch.py``): measured in
  pairs, each starting with the other source, and their medians taken.

Each command runs in turn with its floor, and its ratio is the median of the
pairs' ratios: a pair shares the machine's mood, so a slow minute moves both.
motiongen's modules are compiled first, as pip compiles a wheel when it
installs it, and the caches are warm (but for the first-run rows). An editable
install gets the cache entries the wheel ships made ahead for its code as it is
now (``motiongen.prebuilt``), as its install did: a first run of the wheel
finds them in the package, whatever the cache folder holds.

    .venv/bin/python bench/commands.py [--runs 11] [--motions 1000] [--batch-runs 3]
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from batch import measure

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
EXAMPLE = EXAMPLES / "anytown-branch.yaml"
AMENDMENT = EXAMPLES / "amendments" / "northby-38.1.yaml"
COMPOSITE = [EXAMPLES / "composite-anytown.yaml", EXAMPLES / "composite-carlisle.yaml"]

_ONE_MODEL = "from pydantic import BaseModel\nclass A(BaseModel):\n    x: int\nA(x=1)\n"
CHECK_FLOOR = _ONE_MODEL + "import ruamel.yaml\n"
WRITE_FLOOR = CHECK_FLOOR + "import jinja2, lxml.etree\n"


def once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return (time.perf_counter() - start) * 1000


def paired(
    command: list[str], base: list[str], runs: int, env: dict[str, str], fresh: Path | None = None
) -> tuple[float, float, float]:
    """Median milliseconds of ``command`` and of ``base``, and the median of their
    ratios, run in turn. With ``fresh``, that folder is emptied before each run of
    ``command`` (a first run with an empty cache)."""
    once(command, env)
    once(base, env)
    mine, theirs, ratios = [], [], []
    for _ in range(runs):
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        ms = once(command, env)
        other = once(base, env)
        mine.append(ms)
        theirs.append(other)
        ratios.append(ms / other)
    return statistics.median(mine), statistics.median(theirs), statistics.median(ratios)


def program() -> str:
    script = Path(sys.executable).with_name("motiongen")
    if script.exists():
        return str(script)
    found = shutil.which("motiongen")
    if found is None:
        sys.exit("motiongen is not installed beside this Python; run it with the venv's python")
    return found


def compile_modules() -> None:
    """Bytecode for the motiongen that this Python imports, as an installed wheel has."""
    found = subprocess.run(
        [sys.executable, "-c", "import motiongen, os; print(os.path.dirname(motiongen.__file__))"],
        check=True,
        capture_output=True,
        text=True,
    )
    compileall.compile_dir(found.stdout.strip(), quiet=1)


def make_prebuilt() -> None:
    """The entries an editable install made ahead when it was installed, made again for
    its code as it is now; a wheel's came with it and are left alone."""
    found = subprocess.run(
        [sys.executable, "-c", "from motiongen.io import cachefiles as c; print(c.PREBUILT)"],
        check=True,
        capture_output=True,
        text=True,
    )
    folder = Path(found.stdout.strip())
    if not (folder / "code-key").is_file():
        subprocess.run(
            [sys.executable, "-m", "motiongen.prebuilt", str(folder)],
            check=True,
            capture_output=True,
        )


def row(label: str, ms: float, base_ms: float, ratio: float, goal: float, against: str) -> bool:
    met = ratio <= goal
    print(
        f"{label:38} {ms:6.0f} ms  {against} {base_ms:5.0f} ms  ratio {ratio:4.2f} "
        f"(goal: at most {goal:.1f}){'' if met else '  NOT MET'}"
    )
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--motions", type=int, default=1000, help="0 skips the batch")
    parser.add_argument("--batch-runs", type=int, default=3, help="pairs of batches")
    args = parser.parse_args()
    mg = program()
    compile_modules()
    make_prebuilt()
    met = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cache = folder / "cache"
        env = {**os.environ, "MOTIONGEN_CACHE_DIR": str(cache)}
        env["MOTIONGEN_CONFIG_DIR"] = str(folder / "config")
        out = str(folder / "out")
        docx = folder / "built"
        subprocess.run([mg, "build", str(EXAMPLE), "-f", "docx", "-o", str(docx), "-q"], env=env)
        (word,) = docx.glob("*.docx")
        typer = [sys.executable, "-c", "import typer"]
        check_floor = [sys.executable, "-c", CHECK_FLOOR]
        write_floor = [sys.executable, "-c", WRITE_FLOOR]
        force = ["--force"]
        cases = [
            ("demands list", [mg, "demands", "list"], typer, 1.5, "typer"),
            ("demands show", [mg, "demands", "show", "nationalise-foster-care"], typer, 1.5,
             "typer"),
            ("profiles list", [mg, "profiles", "list"], typer, 1.5, "typer"),
            ("check one example", [mg, "check", str(EXAMPLE)], check_floor, 1.4, "floor"),
            ("build one example: docx, md, txt",
             [mg, "build", str(EXAMPLE), "-f", "docx,md,txt", "-o", out, *force, "-q"],
             write_floor, 1.4, "floor"),
            ("import one Word motion",
             [mg, "import", str(word), "-o", str(folder / "i.yaml"), *force], write_floor, 1.6,
             "floor"),
            ("amend: 4 changes, every output",
             [mg, "amend", str(AMENDMENT), "--motion", str(EXAMPLE), "-o",
              str(folder / "amended"), *force], write_floor, 1.6, "floor"),
            ("composite two motions",
             [mg, "composite", *map(str, COMPOSITE), "-o", str(folder / "c" / "c.yaml"), *force],
             write_floor, 1.6, "floor"),
            ("brief one example",
             [mg, "brief", str(EXAMPLE), "-o", str(folder / "brief"), *force], write_floor, 1.6,
             "floor"),
        ]  # fmt: skip
        print("Warm: each command against its floor (or import typer), in turn")
        for label, command, base, goal, against in cases:
            ms, base_ms, ratio = paired(command, base, args.runs, env)
            met &= row(label, ms, base_ms, ratio, goal, against)
        print("First run, with an empty cache, against a warm run")
        for label, command in (
            ("check one example", [mg, "check", str(EXAMPLE)]),
            ("demands list", [mg, "demands", "list"]),
        ):
            cold_env = {**env, "MOTIONGEN_CACHE_DIR": str(folder / "cold")}
            ms, warm, ratio = paired(command, command, args.runs, cold_env, folder / "cold")
            met &= row(label, ms, warm, ratio, 1.5, " warm")
        print("The floors against import typer, for the record")
        for label, code in (("check's floor", CHECK_FLOOR), ("the writing floor", WRITE_FLOOR)):
            ms, base_ms, ratio = paired([sys.executable, "-c", code], typer, args.runs, env)
            print(f"{label:38} {ms:6.0f} ms  typer {base_ms:5.0f} ms  ratio {ratio:4.2f}")
    if args.motions:
        met &= batches(args.motions, args.batch_runs)
    return 0 if met else 1


def batches(motions: int, runs: int) -> bool:
    """The batch from a CSV and from a YAML file, in pairs, each pair in turn starting
    with the other: medians of the seconds, of each against its zip work, and of the
    pairs' YAML-to-CSV ratios, as the commands are measured."""
    print(f"A batch of {motions} motions to docx + md ({runs} pairs, medians)")
    seconds: dict[str, list[float]] = {"csv": [], "yaml": []}
    to_zip: dict[str, list[float]] = {"csv": [], "yaml": []}
    for run in range(runs):
        for source in ("csv", "yaml") if run % 2 == 0 else ("yaml", "csv"):
            ours, zip_alone = measure(motions, source=source)
            seconds[source].append(ours)
            to_zip[source].append(ours / zip_alone)
    met = True
    for source in ("csv", "yaml"):
        ours = statistics.median(seconds[source])
        ratio = statistics.median(to_zip[source])
        print(
            f"from a {source.upper():4} {ours:6.2f} s, {ours / motions * 1000:.2f} ms a motion, "
            f"{ratio:.2f} times the zip work (goal: at most 4)"
        )
        met &= ratio <= 4
    pairs = [y / c for y, c in zip(seconds["yaml"], seconds["csv"], strict=True)]
    yaml_ratio = statistics.median(pairs)
    print(f"YAML batch against CSV merge: {yaml_ratio:.2f} (goal: at most 1.05)")
    return met and yaml_ratio <= 1.05


if __name__ == "__main__":
    sys.exit(main())
