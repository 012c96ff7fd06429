"""Numbered lines: one layout for Word, LibreOffice's PDF, the text export and amendments."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import REPO
from motiongen.cli.commands import app
from motiongen.output.layout import wrap
from wordtools import W, lo_convert, part, pdf_text


@given(
    text=st.text(alphabet=st.sampled_from("abcdefghij ,.'"), max_size=400),
    width=st.integers(min_value=30, max_value=120),
    indent=st.integers(min_value=0, max_value=6),
)
def test_wrapped_lines_fit_and_keep_every_word(text: str, width: int, indent: int) -> None:
    lines = wrap(text, width, indent)
    for number, (start, line) in enumerate(lines):
        assert len(line) <= (width if number == 0 else width - indent)
        assert text[start : start + len(line)] == line
    assert " ".join(line for _, line in lines).split() == text.split() or any(
        len(word) > width - indent for word in text.split()
    )


@pytest.mark.parametrize("example", ["anytown-branch", "union-conference", "council"])
@pytest.mark.parametrize("width", [None, 60])
def test_word_and_text_put_the_same_words_on_each_numbered_line(
    example: str, width: int | None, tmp_path: Path, runner: CliRunner
) -> None:
    args = ["build", str(REPO / "examples" / f"{example}.yaml"), "-f", "docx,txt", "--line-numbers"]
    args += ["-o", str(tmp_path), "-q"] + (["--line-width", str(width)] if width else [])
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.stderr
    txt = next(tmp_path.glob("*.txt")).read_text(encoding="utf-8")
    numbered = [
        (int(m.group(1)), m.group(2).strip())
        for m in re.finditer(r"^\s*(\d+)  (.*)$", txt, re.MULTILINE)
    ]
    assert numbered and [n for n, _ in numbered] == list(range(1, len(numbered) + 1))
    assert all(len(line) <= (width or 80) for _, line in numbered)

    docx = next(tmp_path.glob("*.docx"))
    restart = part(docx, "word/document.xml").find(f".//{W}lnNumType").get(f"{W}restart")
    assert restart == "continuous"
    pdf_lines = [
        re.sub(r"\s+", " ", line).strip()
        for line in pdf_text(lo_convert(docx, tmp_path)).splitlines()
    ]
    # Every line of the text export is a line of the PDF, in the same order, with the
    # same line number (LibreOffice prints the number at the start of the line).
    offsets = set()
    at = 0
    for number, words in numbered:
        words = re.sub(r"^(\d+\.|[a-z]\)|\(\d+\)|\d+\))\s+", r"\1 ", words)
        found = next(
            i
            for i in range(at, len(pdf_lines))
            if re.fullmatch(r"(\d+) " + re.escape(words), pdf_lines[i])
        )
        offsets.add(int(pdf_lines[found].split(" ", 1)[0]) - number)
        at = found + 1
    # Numbering runs through the document: the motion's lines keep a fixed offset
    # (the title block before them is numbered too until it is excluded).
    assert len(offsets) == 1
