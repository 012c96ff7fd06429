"""Only ordinary files are read: a device, a FIFO or a folder given as any path is one
line and exit 2, at once (never a hang, never a read without end); and a pasted
text of megabytes is read in seconds."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from child import motiongen
from conftest import REPO
from motiongen.errors import InputError
from motiongen.io import inputs

EXAMPLE = REPO / "examples" / "anytown-branch.yaml"


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


BUILD = ["build", str(EXAMPLE), "-f", "docx", "-o", "out"]
CASES = {
    "check-dev-zero": lambda d: ["check", "/dev/zero"],
    "check-fifo-spec": lambda d: ["check", str(_fifo(d / "motion.yaml"))],
    "import-fifo-docx": lambda d: ["import", str(_fifo(d / "motion.docx")), "-o", "m.yaml"],
    "import-fifo-txt": lambda d: ["import", str(_fifo(d / "motion.txt")), "-o", "m.yaml"],
    "import-dev-zero-docx": lambda d: ["import", str(_link(d / "zero.docx")), "-o", "m.yaml"],
    "reference-docx-dev-zero": lambda d: [
        *BUILD, "--reference-docx", str(_link(d / "z.docx"))
    ],
    "reference-docx-fifo": lambda d: [
        *BUILD, "--reference-docx", str(_fifo(d / "l.docx"))
    ],
    "catalogue-fifo": lambda d: ["--catalogue", str(_fifo(d / "own.yaml")), "demands", "list"],
    "merge-dev-zero": lambda d: [
        "build", str(REPO / "examples" / "region-model.yaml"), "--merge", "/dev/zero", "-o", "out"
    ],
}  # fmt: skip


def _link(path: Path) -> Path:
    """/dev/zero under a name a reader takes for its own kind of file."""
    path.symlink_to("/dev/zero")
    return path


@pytest.mark.parametrize("case", list(CASES))
def test_a_device_fifo_or_folder_is_one_line_and_exit_2_at_once(case: str, tmp_path: Path) -> None:
    args = CASES[case](tmp_path)
    result = motiongen(args, tmp_path)
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert "not a file" in line, line
    assert not (tmp_path / "out").exists() and not (tmp_path / "m.yaml").exists()


def test_check_of_several_files_reports_a_fifo_and_checks_the_others(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path / "pipe.yaml")
    council = REPO / "examples" / "council.yaml"
    result = motiongen(["check", str(EXAMPLE), str(fifo), str(council)], tmp_path)
    assert result.returncode == 2
    assert f"{EXAMPLE}: " in result.stdout and f"{council}: " in result.stdout
    assert result.stderr.count("\n") == 1 and "pipe.yaml" in result.stderr


def test_read_bytes_reads_an_ordinary_file_and_stops_at_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"x" * 1000)
    assert inputs.read_bytes(path, limit=1000) == b"x" * 1000
    with pytest.raises(inputs.TooLarge):
        inputs.read_bytes(path, limit=999)
    assert inputs.size_of(path) == 1000
    for bad, words in (
        (tmp_path / "missing.txt", "no such file"),
        (tmp_path, "a folder"),
        (Path("/dev/zero"), "a device"),
        (_fifo(tmp_path / "p"), "a pipe (FIFO)"),
        (Path("bad\0name"), "no such file"),
    ):
        with pytest.raises(InputError, match=words.replace("(", r"\(").replace(")", r"\)")):
            inputs.read_bytes(bad, limit=10)


def test_a_pasted_text_of_megabytes_is_imported_in_seconds(tmp_path: Path) -> None:
    """4.8 MB of hard-wrapped lines in one paragraph took more than five minutes."""
    rng = random.Random(21)
    words = "the council will keep every library open and staff them with trained people"
    words_list = words.split()
    lines = ["Keep our libraries open", "", "This branch notes:"]
    size = 0
    while size < 4_800_000:
        line = " ".join(rng.choice(words_list) for _ in range(12))
        lines.append(line)
        size += len(line) + 1
    path = tmp_path / "pasted.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = motiongen(["import", str(path), "-o", "out.yaml"], tmp_path, seconds=30.0)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 2), result.stderr
    assert result.stderr.count("Error:") <= 1


def test_a_text_of_ninety_thousand_paragraphs_is_one_line_in_seconds(tmp_path: Path) -> None:
    """Each paragraph of a text is matched to the catalogue and written to the spec:
    90,000 of them took more than 25 s; a motion has a few dozen."""
    path = tmp_path / "list.md"
    items = "\n".join(f"- keep library number {i} open with trained staff" for i in range(90_000))
    path.write_text("# Keep our libraries open\n\n" + items + "\n", encoding="utf-8")
    result = motiongen(["import", str(path), "-o", "out.yaml"], tmp_path)
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert "90,001 paragraphs" in line or "paragraphs" in line
    assert not (tmp_path / "out.yaml").exists()
