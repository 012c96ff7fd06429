"""User text in Markdown: shown literally, never as emphasis, headings or lists."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from motiongen.text import _SPACES, _UNSAFE, clean, md_escape


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain words (2024)", "plain words (2024)"),
        ("*not emphasis*", "\\*not emphasis\\*"),
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("  12) not a list", "  12\\) not a list"),
        ("- not a bullet", "\\- not a bullet"),
        ("> not a quote", "\\> not a quote"),
        ("first line\n2. second", "first line\n2\\. second"),
        ("a\n+ b\n= c", "a\n\\+ b\n\\= c"),
        ("profit-making, 1.5 million", "profit-making, 1.5 million"),
        ("", ""),
    ],
)
def test_markdown_specials_are_escaped(text: str, shown: str) -> None:
    assert md_escape(text) == shown


_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])", re.MULTILINE)
_BULLET = re.compile(r"^(\s*)([-+>=])", re.MULTILINE)


def _every_substitution(text: str) -> str:
    out = _SPECIAL.sub(r"\\\1", text)
    out = _LINE_START.sub(r"\1\2\\\3", out)
    return _BULLET.sub(r"\1\\\2", out)


TRICKY = list(" \t\n\r\x0b\x0c\u2028\u00a0\u3000\u0663\u00b2123-+>=.)*_[]\\#|~`<>ab")


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=30) | st.text(max_size=30))
def test_the_quick_way_escapes_as_every_substitution_would(text: str) -> None:
    """Text with nothing to escape skips the searches; it must never skip one that matters."""
    assert md_escape(text) == _every_substitution(text)


def _clean_every_step(text: str, single_line: bool) -> str:
    text = unicodedata.normalize("NFC", re.sub(_UNSAFE, "", text))
    if single_line:
        return re.sub(_SPACES, " ", text).strip()
    lines = [re.sub(_SPACES, " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


SPACES_AND_CONTROLS = list(" \t\n\r\x0b\x0c\x1f\x7f\x85\u2028\u00a0e\u0301abc.")


@settings(max_examples=500)
@given(
    st.text(alphabet=st.sampled_from(SPACES_AND_CONTROLS), max_size=20) | st.text(max_size=20),
    st.booleans(),
)
def test_clean_text_is_returned_as_it_is_only_when_nothing_would_change(
    text: str, single_line: bool
) -> None:
    assert clean(text, single_line=single_line) == _clean_every_step(text, single_line)


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("Keep it public", "Keep it public"),
        ("  two  spaces ", "two spaces"),
        ("bell\x07 and tab\tend", "bell and tab end"),
        ("e\u0301", "\u00e9"),
    ],
)
def test_clean_examples(text: str, cleaned: str) -> None:
    assert clean(text) == cleaned
