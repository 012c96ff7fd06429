"""`import` and `amend` as whole processes, against `python -c "import typer"`.

No goal is set yet; this prints where the time goes so that one can be: the
import of one Word motion (reading it and matching its clauses to the catalogue),
and an amendment of four changes written to docx, md and txt with its tracked
changes.

    .venv/bin/python bench/agenda.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from commands import program, timed

REPO = Path(__file__).resolve().parents[1]
AMENDMENT = """\
amends: motion.yaml
motion_number: 38
submitted_by: Northby Branch
changes:
  - in: resolves 2
    delete: "private agencies"
    insert: "private agencies and umbrella companies"
  - add_at_end: resolves
    demand: fund-councils-fairly
  - delete_clause: notes 2
  - insert_after: believes 1
    text: "Public money should pay for care, not for shareholders' dividends."
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    mg = program()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "MOTIONGEN_CACHE_DIR": str(folder / "cache")}
        env["MOTIONGEN_CONFIG_DIR"] = str(folder / "config")
        (folder / "motion.yaml").write_text(
            (REPO / "examples" / "anytown-branch.yaml").read_text(encoding="utf-8"),
            encoding="utf-8",
        )
        (folder / "a.yaml").write_text(AMENDMENT, encoding="utf-8")
        subprocess.run(
            [mg, "build", str(folder / "motion.yaml"), "-f", "docx", "-o", str(folder), "-q"],
            check=True,
            env=env,
        )
        docx = next(folder.glob("anytown*.docx"))
        base = timed([sys.executable, "-c", "import typer"], args.runs, env)
        rows = [
            ("import one .docx", [mg, "import", str(docx), "-o", str(folder / "i.yaml"),
                                  "--force"]),
            ("amend: 4 changes, all outputs", [mg, "amend", str(folder / "a.yaml"), "-o",
                                               str(folder / "out"), "--force"]),
        ]  # fmt: skip
        print(f"{'import typer':32} {base:7.0f} ms")
        for label, command in rows:
            ms = timed(command, args.runs, env)
            print(f"{label:32} {ms:7.0f} ms  {ms / base:4.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
