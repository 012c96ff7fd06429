"""Everyday commands as whole processes, each against `python -c "import typer"`.

Goals (issue 10), as ratios to `import typer` measured in the same run:
`demands list`, `demands show`, `profiles list` at most 1.5; `check` of one
example at most 2; `build` of one example to docx, md and txt at most 3; and a
1,000-motion batch to docx + md at most 4 ms a motion and at most 2 times
zipfile alone. The floors printed after the commands are what the libraries
that `check` and `build` need cost alone: no command can be quicker. Each
command runs in turn with `import typer`, and its ratio is the median of the
pairs' ratios. The parse cache is warmed first, as it is after a first run,
and motiongen's modules are compiled first, as pip compiles a wheel when it
installs it: where PYTHONDONTWRITEBYTECODE is set, an editable checkout would
otherwise be compiled again on every run, which no user's install is.

    .venv/bin/python bench/commands.py [--runs 15] [--motions 1000]
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
EXAMPLE = REPO / "examples" / "anytown-branch.yaml"


# The least any command that validates a spec can cost: a pydantic model defined and
# used once (check), and with the libraries a build of all three formats loads.
_ONE_MODEL = "from pydantic import BaseModel\nclass A(BaseModel):\n    x: int\nA(x=1)\n"
FLOORS = [
    ("one pydantic model, defined and used", _ONE_MODEL),
    ("  and ruamel.yaml (check's libraries)", _ONE_MODEL + "import ruamel.yaml\n"),
    (
        "  and jinja2, lxml (build's libraries)",
        _ONE_MODEL + "import ruamel.yaml, jinja2, lxml.etree\n",
    ),
]


def timed(command: list[str], runs: int, env: dict[str, str]) -> float:
    """Median milliseconds of ``runs`` runs, after one run to warm caches."""
    subprocess.run(command, check=True, capture_output=True, env=env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return (time.perf_counter() - start) * 1000


def paired(
    command: list[str], base: list[str], runs: int, env: dict[str, str]
) -> tuple[float, float]:
    """Median milliseconds of ``command``, and the median of its ratios to ``base``,
    run in turn: a pair shares the machine's mood, so a slow minute moves both."""
    once(command, env)
    once(base, env)
    times, ratios = [], []
    for _ in range(runs):
        ms = once(command, env)
        times.append(ms)
        ratios.append(ms / once(base, env))
    return statistics.median(times), statistics.median(ratios)


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--motions", type=int, default=1000, help="0 skips the batch")
    args = parser.parse_args()
    mg = program()
    compile_modules()
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "MOTIONGEN_CACHE_DIR": str(Path(tmp) / "cache")}
        env["MOTIONGEN_CONFIG_DIR"] = str(Path(tmp) / "config")
        out = str(Path(tmp) / "out")
        base = timed([sys.executable, "-c", "import typer"], args.runs, env)
        label = 'python -c "import typer"'
        print(f"{label:44} {base:7.1f} ms")
        cases = [
            ("demands list", [mg, "demands", "list"], 1.5),
            (
                "demands show nationalise-foster-care",
                [mg, "demands", "show", "nationalise-foster-care"],
                1.5,
            ),
            ("profiles list", [mg, "profiles", "list"], 1.5),
            ("check examples/anytown-branch.yaml", [mg, "check", str(EXAMPLE)], 2.0),
            (
                "build one example to docx, md, txt",
                [mg, "build", str(EXAMPLE), "-f", "docx,md,txt", "-o", out, "--force", "-q"],
                3.0,
            ),
        ]
        typer = [sys.executable, "-c", "import typer"]
        for label, command, goal in cases:
            ms, ratio = paired(command, typer, args.runs, env)
            failed |= ratio > goal
            print(f"{label:44} {ms:7.1f} ms  ratio {ratio:5.2f} (goal: at most {goal:.1f})")
        print("floors: what the libraries alone cost, with nothing of motiongen's")
        for label, code in FLOORS:
            ms, ratio = paired([sys.executable, "-c", code], typer, args.runs, env)
            print(f"{label:44} {ms:7.1f} ms  ratio {ratio:5.2f}")
    if args.motions:
        ours, zip_alone = measure(args.motions)
        per = ours / args.motions * 1000
        ratio = ours / zip_alone
        failed |= per > 4 or ratio > 2
        print(
            f"{args.motions} motions to docx + md: {per:.2f} ms a motion (goal: at most 4), "
            f"{ratio:.2f} times zipfile alone (goal: at most 2)"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
